"""Storage on a real SQLite file: tables, quiz data, leads, export, erasure and insights."""

from __future__ import annotations

import csv
import io
import sqlite3
import threading
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select
from storage_helpers import lead, mail

from werkstijl.storage import STALE_AFTER, NewLead, NewMail, Store, new_optin_token, utcnow
from werkstijl.storage.models import OutboxRow
from werkstijl.ui.staff.period import last_days, local_today


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(f"sqlite:///{tmp_path}/nested/folder/werkstijl.db")


def test_creates_folder_tables_and_uses_wal(tmp_path, store):
    db_file = tmp_path / "nested" / "folder" / "werkstijl.db"
    assert db_file.exists()
    with sqlite3.connect(db_file) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        mode = conn.execute("pragma journal_mode").fetchone()[0]
    assert {"results", "events", "tip_ratings", "leads", "outbox"} <= tables
    assert mode == "wal"
    Store(store.url)  # a second start finds the tables and keeps the data


def test_save_result_round_trips_answers_and_scores(store):
    result_id = store.save_result(
        "s1", [1, 3, 2], {"alpha": 2.5, "beta": 1}, "alpha", "beta", "en", 95.44
    )
    with sqlite3.connect(store.engine.url.database) as conn:
        row = conn.execute(
            "select answers, scores, profile, lang, duration_s from results where id = ?",
            (result_id,),
        ).fetchone()
    assert row[0] == "1,3,2" and '"alpha": 2.5' in row[1]
    assert row[2:] == ("alpha", "en", 95.4)


def test_log_event_refuses_unknown_kinds(store):
    store.log_event("s1", "started")
    with pytest.raises(ValueError, match="unknown event kind"):
        store.log_event("s1", "clicked")


def test_rerating_a_tip_in_the_same_session_replaces_it(store):
    store.rate_tip("s1", "tip-a", 2)
    store.rate_tip("s1", "tip-a", 5)
    store.rate_tip("s2", "tip-a", 4)
    store.rate_tip("s2", "tip-b", 1)
    stats = {s.tip_id: (s.average, s.count) for s in store.tip_rating_stats()}
    assert stats == {"tip-a": (4.5, 2), "tip-b": (1.0, 1)}
    with pytest.raises(ValueError):
        store.rate_tip("s1", "tip-a", 6)


def test_lead_and_mails_are_saved_together_with_form_sent_event(store):
    token = new_optin_token()
    saved = store.save_lead_with_mail(
        lead(updates=True),
        mail(session="s9"),
        optin_mail=mail(kind="optin"),
        optin_token=token,
        session_id="s9",
    )
    assert saved.outbox_id and saved.optin_outbox_id
    with store.session() as s:
        kinds = sorted(r.kind for r in s.scalars(select(OutboxRow)))
        assert all(r.lead_id == saved.lead_id for r in s.scalars(select(OutboxRow)))
    assert kinds == ["optin", "pdf"]
    assert store.funnel().form_sent == 1
    with sqlite3.connect(store.engine.url.database) as conn:
        stored = conn.execute("select optin_token_hash from leads").fetchone()[0]
    assert token not in stored  # only the hash is stored


def test_failed_mail_insert_leaves_no_lead_behind(store):
    broken = NewMail("pdf", "jan@example.com", "Jan", "nl", None, "t", "h")  # type: ignore[arg-type]
    with pytest.raises(Exception):  # noqa: B017 (any integrity error)
        store.save_lead_with_mail(lead(), broken)
    assert store.leads() == []


def test_optin_is_confirmed_only_with_the_right_token(store):
    token = new_optin_token()
    store.save_lead_with_mail(lead(updates=True), mail(), optin_token=token)
    assert store.confirm_optin("wrong-token") is False
    assert store.confirm_optin("") is False
    assert store.leads()[0].updates_confirmed_at is None
    assert store.confirm_optin(token) is True
    first = store.leads()[0].updates_confirmed_at
    assert first is not None
    assert store.confirm_optin(token) is False  # used up (see test_storage_mail.py)
    assert store.leads()[0].updates_confirmed_at == first


def test_leads_search_by_name_or_address(store):
    store.save_lead_with_mail(lead("jan@example.com", "Jan Jansen"), mail())
    store.save_lead_with_mail(lead("piet@voorbeeld.nl", "Piet"), mail("piet@voorbeeld.nl"))
    assert [x.name for x in store.leads("JANSEN")] == ["Jan Jansen"]
    assert [x.email for x in store.leads("voorbeeld")] == ["piet@voorbeeld.nl"]
    assert len(store.leads()) == 2 and len(store.leads("  ")) == 2


def test_export_csv_neutralises_formulas(store):
    store.save_lead_with_mail(lead(name='=HYPERLINK("x")'), mail())
    store.save_lead_with_mail(lead("b@example.com", "+31 6 1234"), mail("b@example.com"))
    store.save_lead_with_mail(lead("c@example.com", "@SUM(A1)"), mail("c@example.com"))
    store.save_lead_with_mail(lead("d@example.com", "-2+3"), mail("d@example.com"))
    store.save_lead_with_mail(lead("e@example.com", "Élise"), mail("e@example.com"))
    rows = list(csv.DictReader(io.StringIO(store.export_leads_csv()), delimiter=";"))
    names = {r["name"] for r in rows}
    assert names == {'\'=HYPERLINK("x")', "'+31 6 1234", "'@SUM(A1)", "'-2+3", "Élise"}
    assert rows[0]["consent_version"] == "v1" and rows[0]["consent_pdf"] == "yes"


def test_forget_removes_leads_mails_and_attachments(store):
    store.save_lead_with_mail(
        lead("Jan@Example.com"),
        mail("Jan@Example.com"),
        optin_mail=mail("Jan@Example.com", "optin"),
    )
    store.queue_mail(mail("jan@example.com"))  # a bulk mail without a lead
    store.save_lead_with_mail(lead("other@example.com"), mail("other@example.com"))
    counts = store.forget(" jan@example.COM ")
    assert (counts.leads, counts.outbox, counts.attachments) == (1, 3, 2)
    assert [x.email for x in store.leads()] == ["other@example.com"]
    with store.session() as s:
        assert [r.to_email for r in s.scalars(select(OutboxRow))] == ["other@example.com"]
    assert store.forget("jan@example.com").leads == 0


def test_funnel_counts_distinct_sessions_per_step(store):
    for session in ("a", "b", "c"):
        store.log_event(session, "started")
        store.log_event(session, "answered", 0)
    store.log_event("a", "answered", 0)  # answering again does not count twice
    store.log_event("a", "answered", 1)
    store.log_event("a", "completed")
    store.log_event("a", "pdf_downloaded")
    funnel = store.funnel()
    assert (funnel.started, funnel.completed, funnel.pdf_downloaded) == (3, 1, 1)
    assert funnel.answered == {0: 3, 1: 1}
    assert store.funnel(since=utcnow() + timedelta(minutes=1)).started == 0


def test_completions_profiles_and_median_duration(store):
    for profile, duration in (("alpha", 100), ("beta", 200), ("alpha", 150), ("alpha", None)):
        store.save_result("s", [1], {profile: 1}, profile, "gamma", "nl", duration)
    period = last_days(7)
    days = store.completions_per_day(period.days, period.bounds)
    assert len(days) == 7 and days[-1].day == local_today() and days[-1].count == 4
    assert sum(d.count for d in days[:-1]) == 0
    assert store.profile_distribution() == {"alpha": 3, "beta": 1}
    assert store.median_duration_s() == 150.0


def test_empty_store_insights_do_not_crash(store):
    assert store.median_duration_s() is None
    assert store.profile_distribution() == {}
    assert store.tip_rating_stats() == []


def test_only_one_of_many_concurrent_claims_wins(tmp_path):
    url = f"sqlite:///{tmp_path}/race.db"
    outbox_id = Store(url).queue_mail(mail())
    stores, start = [Store(url) for _ in range(6)], threading.Barrier(6)
    wins: list[int] = []

    def claim(store: Store, n: int) -> None:
        start.wait()
        if store.claim_mail(f"worker-{n}", outbox_id=outbox_id) is not None:
            wins.append(n)

    threads = [threading.Thread(target=claim, args=(s, n)) for n, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(wins) == 1
    assert stores[0].mail_status(outbox_id) == ("sending", None)


def test_a_claim_is_finished_only_by_its_owner_and_stale_claims_are_reclaimed(store):
    outbox_id = store.queue_mail(mail())
    claim = store.claim_mail("w1")
    assert claim is not None and claim.attempts == 1
    assert store.claim_mail("w2") is None  # taken
    intruder = replace(claim, claimed_by="w2")
    assert store.mark_sent(intruder) is False
    with store.session() as s:  # w1 died mid-send long ago
        s.get_one(OutboxRow, outbox_id).claimed_at = utcnow() - STALE_AFTER - timedelta(seconds=1)
    again = store.claim_mail("w2")
    assert again is not None and again.attempts == 2
    assert store.mark_sent(claim) is False  # w1 lost its claim
    assert store.mark_sent(again) is True
    assert store.mail_status(outbox_id) == ("sent", None)


def test_retry_waits_for_its_time_unless_retry_now(store):
    store.queue_mail(mail())
    claim = store.claim_mail("w1")
    store.mark_retry(claim, "451 later", utcnow() + timedelta(minutes=5))
    assert store.claim_mail("w1") is None
    assert store.claim_mail("w1", retry_now=True) is not None


def test_default_relative_url_creates_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Store().save_result("s", [1], {"alpha": 1}, "alpha", "beta", "nl")
    assert (tmp_path / "data" / "werkstijl.db").is_file()


def test_forget_matches_non_ascii_addresses_whatever_their_case(tmp_path):
    from werkstijl.storage import Store

    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    store.save_lead_with_mail(
        NewLead("Jörg", "JÖRG@example.com", "nl", "operator", True, False, "v1"), None
    )
    assert [lead.name for lead in store.leads("jörg@")] == ["Jörg"]
    assert store.forget("jörg@example.com").leads == 1


def test_a_postgres_scheme_url_is_understood():
    from werkstijl.storage.db import normalise_url

    assert normalise_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalise_url("sqlite:///data/w.db") == "sqlite:///data/w.db"


def test_database_errors_never_carry_personal_data(tmp_path):
    import pytest
    from sqlalchemy.exc import DBAPIError

    from werkstijl.storage import Store

    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    broken = NewLead("Jan", "jan@example.com", "nl", "operator", True, False, None)  # type: ignore[arg-type]
    with pytest.raises(DBAPIError) as caught:
        store.save_lead_with_mail(broken, None)
    assert "jan@example.com" not in str(caught.value)


def test_results_record_how_many_questions_were_answered(db_store):
    store = db_store  # on SQLite and PostgreSQL
    store.save_result("full", [1] * 13, {"alpha": 13}, "alpha", "beta", "nl", 120)
    for answered in (7, 8, 8):
        store.save_result(f"early{answered}", [1] * answered, {"alpha": 1}, "alpha", "beta", "nl")
    assert store.questions_answered() == {7: 1, 8: 2, 13: 1}
    assert store.median_answered() == 8.0
    assert store.median_answered(since=utcnow() + timedelta(minutes=1)) is None


def test_the_funnel_tells_an_early_end_from_drop_off(db_store):
    store = db_store  # on SQLite and PostgreSQL
    for session, answered in (("early", 8), ("quit", 3), ("full", 13)):
        store.log_event(session, "started")
        for question in range(answered):
            store.log_event(session, "answered", question)
    for session in ("early", "full"):
        store.log_event(session, "completed")
    store.log_event("early", "ended_early", 7)  # after the 8th question
    funnel = store.funnel()
    assert funnel.ended_early == {7: 1} and funnel.completed == 2
    assert funnel.answered[7] == 2 and funnel.answered[8] == 1
