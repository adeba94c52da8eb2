"""The outbox on a real PostgreSQL with real SMTP on loopback: claim, send, back off, and
concurrent workers (threads and processes) that never send one mail twice.

Each test gets its own empty database (tests/db_urls.py); set WERKSTIJL_TEST_POSTGRES_URL.
"""

from __future__ import annotations

import io
import multiprocessing
import threading
from collections import Counter
from collections.abc import Iterator

import pytest
from db_urls import fresh_database, postgres_server_url
from delivery_helpers import ask
from pypdf import PdfReader
from smtp_server import SmtpServer, running_server
from sqlalchemy import select

from werkstijl.delivery import run_outbox, run_pass, send_soon
from werkstijl.settings import Settings
from werkstijl.storage import NewMail, Store
from werkstijl.storage.models import OutboxRow


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def pg_url() -> Iterator[str]:
    with fresh_database(postgres_server_url()) as url:
        yield url


@pytest.fixture
def store(pg_url) -> Iterator[Store]:
    store = Store(pg_url)
    yield store
    store.close()


def queue_many(store: Store, count: int) -> None:
    for i in range(count):
        store.queue_mail(
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


def rows(store: Store) -> list[OutboxRow]:
    with store.session() as s:
        return list(s.scalars(select(OutboxRow).order_by(OutboxRow.id)))


def assert_each_sent_once(smtp_server: SmtpServer, store: Store, count: int) -> set[str]:
    """Every queued mail arrived exactly once; returns the workers that sent them."""
    subjects = Counter(m["Subject"] for m in smtp_server.messages)
    assert len(subjects) == count and set(subjects.values()) == {1}, subjects.most_common(3)
    sent = rows(store)
    assert [r.status for r in sent] == ["sent"] * count
    assert all(r.attempts == 1 and r.attachment is None for r in sent)
    return {r.claimed_by for r in sent}


def test_form_to_inbox_with_the_pdf_readable(store, smtp_server):
    settings = smtp_server.settings()
    ask(store, settings, wants_updates=True)
    assert run_outbox(store, settings, once=True, retry_now=False) == 0
    by_subject = {m["Subject"]: m for m in smtp_server.messages}
    assert set(by_subject) == {"Jouw werkstijl: Alpha", "Bevestig je aanmelding"}
    (attachment,) = by_subject["Jouw werkstijl: Alpha"].iter_attachments()
    assert "Hallo Jan" in PdfReader(io.BytesIO(attachment.get_content())).pages[0].extract_text()
    optin = by_subject["Bevestig je aanmelding"].get_body(("plain",)).get_content()
    assert store.confirm_optin(optin.split("?optin=")[1].split()[0])
    assert all(r.status == "sent" and r.attachment is None and r.sent_at for r in rows(store))
    assert store.funnel().mail_sent == 1


def test_outage_backs_off_then_delivers_exactly_once(store, smtp_server):
    settings = smtp_server.settings()
    ask(store, settings)
    smtp_server.stop()
    assert run_outbox(store, settings, once=True, retry_now=False) == 1
    (row,) = rows(store)
    assert (row.status, row.attempts, row.attachment is not None) == ("pending", 1, True)
    assert row.next_attempt_at > row.created_at and row.last_error
    smtp_server.start()
    assert run_outbox(store, settings, once=True, retry_now=False) == 1  # still waiting
    assert smtp_server.messages == []
    assert run_outbox(store, settings, once=True, retry_now=True) == 0
    assert run_outbox(store, settings, once=True, retry_now=True) == 0
    assert len(smtp_server.messages) == 1 and rows(store)[0].status == "sent"


def test_rejected_fails_at_once_and_temporary_failures_give_up(store, smtp_server):
    settings = smtp_server.settings(outbox_max_attempts=2)
    smtp_server.reject.add("gone@example.com")
    smtp_server.tempfail.add("busy@example.com")
    ask(store, settings, email="gone@example.com", session_id="s1")
    ask(store, settings, email="busy@example.com", session_id="s2")
    for _ in range(3):
        run_outbox(store, settings, once=True, retry_now=True)
    gone, busy = rows(store)
    assert (gone.status, gone.attempts, gone.attachment) == ("failed", 1, None)
    assert (busy.status, busy.attempts) == ("failed", 2)
    assert busy.last_error.startswith("gave up after 2 attempts")


def test_three_worker_threads_never_send_a_mail_twice(store, pg_url, smtp_server):
    settings = smtp_server.settings()
    queue_many(store, 60)
    stores, start, totals = [store, Store(pg_url), Store(pg_url)], threading.Barrier(3), []

    def work(worker_store: Store) -> None:
        start.wait()
        totals.append(run_pass(worker_store, settings).sent)

    threads = [threading.Thread(target=work, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert_each_sent_once(smtp_server, store, 60)
    assert sum(totals) == 60


def _worker_process(url: str, smtp_port: int, start, results) -> None:
    """One `outbox` worker in its own process (its own connections, its own worker id)."""
    settings = Settings(
        smtp_host="127.0.0.1",
        smtp_port=smtp_port,
        smtp_starttls=False,
        smtp_ssl=False,
        smtp_timeout=5.0,
        mail_from="W <noreply@example.com>",
    )
    store = Store(url)
    start.wait(timeout=60)  # both processes are ready: now they race
    results.put(run_pass(store, settings).sent)
    store.close()


def test_two_worker_processes_never_send_a_mail_twice(store, pg_url, smtp_server):
    queue_many(store, 80)
    spawn = multiprocessing.get_context("spawn")  # no inherited connections or SMTP threads
    start, results = spawn.Barrier(2), spawn.Queue()
    workers = [
        spawn.Process(target=_worker_process, args=(pg_url, smtp_server.port, start, results))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0]
    senders = assert_each_sent_once(smtp_server, store, 80)
    assert sum(results.get(timeout=5) for _ in workers) == 80
    assert len(senders) == 2  # both processes really raced for the rows


def test_send_soon_and_a_worker_do_not_both_send(store, smtp_server, pg_url):
    settings = smtp_server.settings()
    result = ask(store, settings, wants_updates=True)
    thread = send_soon(store, settings, result.outbox_ids)
    run_pass(Store(pg_url), settings, retry_now=True)
    assert thread is not None
    thread.join(timeout=30)
    assert len(smtp_server.messages) == 2 and store.outbox_counts().sent == 2
