"""The outbox end to end: real SQLite file, real SMTP on loopback, PDFs read back."""

from __future__ import annotations

import io
import logging
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest
from delivery_helpers import ask
from pypdf import PdfReader
from smtp_server import SmtpServer, running_server
from sqlalchemy import select

from werkstijl.delivery import backoff, run_outbox, run_pass, send_soon
from werkstijl.settings import Settings
from werkstijl.storage import UNSURE_WAIT, NewMail, Store, utcnow
from werkstijl.storage.models import OutboxRow


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(f"sqlite:///{tmp_path}/w.db")


def rows(store: Store) -> list[OutboxRow]:
    with store.session() as s:
        return list(s.scalars(select(OutboxRow).order_by(OutboxRow.id)))


def test_form_to_inbox_with_the_pdf_readable(store, smtp_server):
    settings = smtp_server.settings()
    ask(store, settings, wants_updates=True)
    assert run_outbox(store, settings, once=True, retry_now=False) == 0
    by_subject = {m["Subject"]: m for m in smtp_server.messages}
    assert set(by_subject) == {"Jouw werkstijl: Alpha", "Bevestig je aanmelding"}
    msg = by_subject["Jouw werkstijl: Alpha"]
    (attachment,) = msg.iter_attachments()
    assert attachment.get_filename() == "werkstijl-alpha-jan-jansen.pdf"
    reader = PdfReader(io.BytesIO(attachment.get_content()))
    assert "Hallo Jan" in reader.pages[0].extract_text()
    optin = by_subject["Bevestig je aanmelding"].get_body(("plain",)).get_content()
    assert "https://werkstijl.example/?optin=" in optin
    token = optin.split("?optin=")[1].split()[0]
    assert store.confirm_optin(token) and store.leads()[0].updates_confirmed_at is not None
    assert all(r.status == "sent" and r.attachment is None and r.sent_at for r in rows(store))
    assert store.funnel().mail_sent == 1


def test_outage_keeps_mail_pending_then_delivers_exactly_once(store, smtp_server):
    settings = smtp_server.settings()
    ask(store, settings)
    smtp_server.stop()
    assert run_outbox(store, settings, once=True, retry_now=False) == 1
    (row,) = rows(store)
    assert (row.status, row.attempts) == ("pending", 1) and row.last_error
    assert row.attachment is not None  # still needed for the next try
    smtp_server.start()  # same port: the outage is over
    assert run_outbox(store, settings, once=True, retry_now=False) == 1  # backoff still runs
    assert smtp_server.messages == []
    assert run_outbox(store, settings, once=True, retry_now=True) == 0
    assert run_outbox(store, settings, once=True, retry_now=True) == 0
    assert len(smtp_server.messages) == 1
    assert rows(store)[0].status == "sent"


def test_two_workers_never_send_a_mail_twice(tmp_path, smtp_server):
    url = f"sqlite:///{tmp_path}/shared.db"
    settings = smtp_server.settings()
    first = Store(url)
    for i in range(30):
        first.queue_mail(
            NewMail(
                "pdf",
                f"p{i}@example.com",
                f"P{i}",
                "nl",
                f"Mail {i}",
                "t",
                "h",
                b"%PDF-1.4",
                "a.pdf",
            )
        )
    stores, start = [first, Store(url), Store(url)], threading.Barrier(3)
    totals: list[int] = []

    def work(store: Store) -> None:
        start.wait()
        totals.append(run_pass(store, settings).sent)

    threads = [threading.Thread(target=work, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    subjects = Counter(m["Subject"] for m in smtp_server.messages)
    assert len(subjects) == 30 and set(subjects.values()) == {1}
    assert sum(totals) == 30
    assert first.outbox_counts().sent == 30


def test_send_soon_and_a_worker_do_not_both_send(store, smtp_server):
    settings = smtp_server.settings()
    result = ask(store, settings)
    thread = send_soon(store, settings, result.outbox_ids)
    run_pass(store, settings, retry_now=True)
    assert thread is not None
    thread.join(timeout=30)
    assert len(smtp_server.messages) == 1


def test_rejected_recipient_fails_at_once_and_drops_the_pdf(store, smtp_server):
    settings = smtp_server.settings()
    smtp_server.reject.add("gone@example.com")
    ask(store, settings, email="gone@example.com")
    assert run_outbox(store, settings, once=True, retry_now=False) == 1
    (row,) = rows(store)
    assert (row.status, row.attempts, row.attachment) == ("failed", 1, None)
    assert "550" in row.last_error and "gone@example.com" not in row.last_error
    assert run_outbox(store, settings, once=True, retry_now=True) == 0  # failed earlier


def test_temporary_failures_give_up_after_max_attempts(store, smtp_server):
    settings = smtp_server.settings(outbox_max_attempts=3)
    smtp_server.tempfail.add("busy@example.com")
    ask(store, settings, email="busy@example.com")
    codes = [run_outbox(store, settings, once=True, retry_now=True) for _ in range(4)]
    (row,) = rows(store)
    assert codes == [1, 1, 1, 0]
    assert (row.status, row.attempts) == ("failed", 3)
    assert row.last_error.startswith("gave up after 3 attempts")


def test_backoff_doubles_and_is_capped():
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [60, 120, 240]
    assert backoff(50).total_seconds() == 6 * 3600


def test_without_smtp_nothing_is_sent_and_mail_stays_pending(store):
    settings = Settings(smtp_host=None)
    result = ask(store, settings)
    assert not result.will_send
    assert send_soon(store, settings, result.outbox_ids) is None
    assert run_outbox(store, settings, once=True, retry_now=True) == 1
    assert [(r.status, r.attempts) for r in rows(store)] == [("pending", 0)]


def test_the_worker_loop_stops_when_asked(store, smtp_server):
    settings = smtp_server.settings()
    ask(store, settings)
    stop, lines = threading.Event(), []

    def loop() -> None:
        code = run_outbox(store, settings, once=False, retry_now=False, sleep_s=0.05, stop=stop)
        lines.append(code)

    worker = threading.Thread(target=loop)
    worker.start()
    ask(store, settings, email="piet@example.com", session_id="s2")
    for _ in range(200):
        if len(smtp_server.messages) == 2:
            break
        threading.Event().wait(0.05)
    stop.set()
    worker.join(timeout=10)
    assert lines == [0] and len(smtp_server.messages) == 2


def test_no_address_appears_in_the_logs(store, smtp_server, caplog):
    caplog.set_level(logging.DEBUG)
    settings = smtp_server.settings(outbox_max_attempts=2)
    smtp_server.reject.add("gone@example.com")
    smtp_server.tempfail.add("busy@example.com")
    for i, email in enumerate(("jan.jansen@example.com", "gone@example.com", "busy@example.com")):
        ask(store, settings, email=email, session_id=f"s{i}")
    run_outbox(store, settings, once=True, retry_now=False)
    run_outbox(store, settings, once=True, retry_now=True)
    smtp_server.stop()
    ask(store, settings, email="later@example.com", session_id="x")
    run_outbox(store, settings, once=True, retry_now=True)
    # Only our own loggers: the test SMTP server (aiosmtpd's "mail.log") logs whole dialogues.
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("werkstijl"))
    assert "j***@e***.com" in ours and "failed for good" in ours
    for local in ("jan.jansen", "gone@", "busy@", "later@"):
        assert local not in ours


def test_a_wrong_sender_setting_keeps_mail_waiting_instead_of_failing_it(store, smtp_server):
    ask(store, smtp_server.settings())
    broken = smtp_server.settings(mail_from="noreply")
    assert run_outbox(store, broken, once=True, retry_now=True) == 1
    assert [(r.status, r.attempts) for r in rows(store)] == [("pending", 0)]
    assert run_outbox(store, smtp_server.settings(), once=True, retry_now=True) == 0
    assert len(smtp_server.messages) == 1


def test_the_apps_background_worker_sends_what_waits_in_the_outbox(store, smtp_server):
    import time

    from werkstijl.delivery import start_background_worker

    settings = smtp_server.settings()
    assert start_background_worker(store, Settings(), 0.05) is None  # no SMTP: no worker
    stop = start_background_worker(store, settings, 0.05)
    try:
        ask(store, settings)  # queued only, as when the server was down at the time
        deadline = time.monotonic() + 10
        while {r.status for r in rows(store)} != {"sent"} and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
    assert len(smtp_server.messages) == 1  # the PDF mail (no updates were asked for)
    assert {r.status for r in rows(store)} == {"sent"}


# A configuration that cannot work (issue 10, finding 3)


def test_a_setup_problem_keeps_mail_waiting_without_using_attempts(store, smtp_server):
    broken = smtp_server.settings(smtp_starttls="true")  # the server offers no STARTTLS
    ask(store, broken, wants_updates=True)
    for _ in range(3):
        assert run_outbox(store, broken, once=True, retry_now=True) == 1
    assert smtp_server.received == []
    first, second = rows(store)
    assert (first.status, first.attempts) == ("pending", 0)
    assert "STARTTLS" in first.last_error and first.attachment is not None
    assert (second.status, second.attempts, second.last_error) == ("pending", 0, None)  # untried
    assert run_outbox(store, smtp_server.settings(), once=True, retry_now=False) == 0
    assert len(smtp_server.messages) == 2


def test_a_setup_problem_is_logged_with_what_to_change(store, smtp_server, caplog):
    caplog.set_level(logging.ERROR)
    ask(store, smtp_server.settings())
    run_pass(store, smtp_server.settings(smtp_starttls="true"))
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("werkstijl"))
    assert "does not offer STARTTLS" in logged and "WERKSTIJL_SMTP_SSL=true" in logged


# Exactly once, and receivers can drop duplicates (finding 6)


def test_every_try_of_a_mail_carries_the_same_message_id(store, smtp_server):
    settings = smtp_server.settings(smtp_timeout=0.5)
    ask(store, settings)
    smtp_server.reply_delay = 2.0
    run_outbox(store, settings, once=True, retry_now=False)
    smtp_server.reply_delay = 0
    (row,) = rows(store)
    with store.session() as s:  # an hour later
        s.get_one(OutboxRow, row.id).next_attempt_at = utcnow() - timedelta(seconds=1)
    assert run_outbox(store, settings, once=True, retry_now=False) == 0
    first, second = smtp_server.messages
    assert first["Message-ID"] == second["Message-ID"] == rows(store)[0].message_id
    assert first["Message-ID"].endswith("@werkstijl.example>")


def test_an_unknown_outcome_is_not_resent_within_the_hour(store, smtp_server):
    settings = smtp_server.settings(smtp_timeout=0.5)
    ask(store, settings)
    smtp_server.reply_delay = 2.0  # stored, but the reply comes after the client gave up
    assert run_outbox(store, settings, once=True, retry_now=False) == 1
    smtp_server.reply_delay = 0
    (row,) = rows(store)
    assert row.status == "pending" and row.unsure_since is not None
    assert row.next_attempt_at >= row.unsure_since + UNSURE_WAIT
    assert row.attachment is not None
    for retry_now in (False, True):  # not even --retry-now resends it blindly
        assert run_outbox(store, settings, once=True, retry_now=retry_now) == 1
    assert len(smtp_server.messages) == 1
    with store.session() as s:
        s.get_one(OutboxRow, row.id).next_attempt_at = utcnow() - timedelta(seconds=1)
    assert run_outbox(store, settings, once=True, retry_now=False) == 0
    assert len(smtp_server.messages) == 2  # after the hour: sent again, same Message-ID


def test_a_mail_stuck_in_sending_is_reclaimed_only_after_the_hour(store, smtp_server):
    settings = smtp_server.settings()
    result = ask(store, settings)
    assert store.claim_mail("dead-worker") is not None  # its worker died mid-send
    with store.session() as s:
        s.get_one(OutboxRow, result.outbox_id).claimed_at = utcnow() - timedelta(minutes=59)
    run_outbox(store, settings, once=True, retry_now=True)
    assert smtp_server.messages == []
    with store.session() as s:
        s.get_one(OutboxRow, result.outbox_id).claimed_at = utcnow() - timedelta(minutes=61)
    assert run_outbox(store, settings, once=True, retry_now=False) == 0
    assert len(smtp_server.messages) == 1


def test_once_ignores_mail_another_worker_is_sending(store, smtp_server):
    # Finding 6: with two workers, the one that finished first exited 1.
    settings = smtp_server.settings()
    ask(store, settings)
    ask(store, settings, email="piet@example.com", session_id="s2")
    other = store.claim_mail("other-worker")  # busy right now
    assert run_outbox(store, settings, once=True, retry_now=False) == 0
    assert other is not None and store.outbox_counts().sending == 1


def test_a_domain_in_any_script_reaches_the_server_in_ascii(store, smtp_server):
    settings = smtp_server.settings()
    ask(store, settings, email="jan@bücher.de")
    assert run_outbox(store, settings, once=True, retry_now=False) == 0
    assert smtp_server.received[0][0] == ["jan@xn--bcher-kva.de"]


# Staff: retry and cancel (issue 12, item 7)


def test_a_mail_that_gave_up_keeps_its_pdf_and_can_be_retried(store, smtp_server):
    settings = smtp_server.settings(outbox_max_attempts=1)
    result = ask(store, settings)
    smtp_server.stop()
    assert run_outbox(store, settings, once=True, retry_now=True) == 1
    (row,) = rows(store)
    assert row.status == "failed" and row.attachment is not None
    smtp_server.start()
    assert store.retry_mails([result.outbox_id]) == 1
    assert run_outbox(store, settings, once=True, retry_now=False) == 0
    (attachment,) = smtp_server.messages[0].iter_attachments()
    assert attachment.get_content()[:4] == b"%PDF"


def test_a_refused_mail_drops_its_pdf_and_cannot_be_retried(store, smtp_server):
    settings = smtp_server.settings()
    smtp_server.reject.add("gone@example.com")
    result = ask(store, settings, email="gone@example.com")
    run_outbox(store, settings, once=True, retry_now=True)
    assert store.retry_mails([result.outbox_id]) == 0
    assert rows(store)[0].status == "failed"


def test_a_cancelled_mail_is_never_sent(store, smtp_server):
    settings = smtp_server.settings()
    result = ask(store, settings)
    assert store.cancel_mails([result.outbox_id]) == 1
    assert run_outbox(store, settings, once=True, retry_now=True) == 0
    assert smtp_server.messages == []
    (row,) = rows(store)
    assert (row.status, row.attachment) == ("cancelled", None)
    assert store.retry_mails([result.outbox_id]) == 0
