"""Storage on a real PostgreSQL: what test_storage.py proves on SQLite, plus row locking.

Each test gets its own empty database (tests/db_urls.py); set WERKSTIJL_TEST_POSTGRES_URL.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from db_urls import fresh_database, postgres_server_url
from sqlalchemy import inspect, select, text, update
from sqlalchemy.engine import make_url
from storage_helpers import at_once, lead, mail

from werkstijl.storage import STALE_AFTER, NewMail, Store, new_optin_token, utcnow
from werkstijl.storage.models import LeadRow, OutboxRow, ResultRow
from werkstijl.ui.staff.period import last_days, local_today


@pytest.fixture
def pg_url() -> Iterator[str]:
    with fresh_database(postgres_server_url()) as url:
        yield url


@pytest.fixture
def store(pg_url) -> Iterator[Store]:
    store = Store(pg_url)
    yield store
    store.close()


def test_first_start_creates_the_tables_and_a_second_start_keeps_the_data(store, pg_url):
    tables = set(inspect(store.engine).get_table_names())
    assert {"results", "events", "tip_ratings", "leads", "outbox"} <= tables
    indexes = {i["name"] for i in inspect(store.engine).get_indexes("outbox")}
    assert "ix_outbox_status_next" in indexes
    store.save_result("s1", [1], {"alpha": 1}, "alpha", "beta", "nl")
    assert Store(pg_url).profile_distribution() == {"alpha": 1}


def test_several_processes_starting_on_an_empty_database_all_succeed(pg_url):
    stores = at_once(6, lambda _n: Store(pg_url))
    assert all(isinstance(s, Store) for s in stores)
    stores[0].log_event("s1", "started")
    assert stores[-1].funnel().started == 1


def test_save_result_round_trips_answers_scores_and_duration(store):
    result_id = store.save_result(
        "s1", [1, 3, 2], {"alpha": 2.5, "beta": 1}, "alpha", "beta", "en", 95.44
    )
    with store.session() as s:
        row = s.get_one(ResultRow, result_id)
        assert (row.answers, row.scores, row.profile, row.lang) == (
            "1,3,2",
            {"alpha": 2.5, "beta": 1.0},
            "alpha",
            "en",
        )
        assert row.duration_s == 95.4


def test_log_event_refuses_unknown_kinds(store):
    store.log_event("s1", "started")
    with pytest.raises(ValueError, match="unknown event kind"):
        store.log_event("s1", "clicked")
    assert store.funnel().started == 1


def test_rerating_a_tip_replaces_it_even_when_first_ratings_race(store, pg_url):
    store.rate_tip("s1", "tip-a", 2)
    store.rate_tip("s1", "tip-a", 5)
    store.rate_tip("s2", "tip-b", 1)
    stores = [Store(pg_url) for _ in range(4)]  # four clicks at once on an unrated tip
    at_once(4, lambda n: stores[n].rate_tip("s3", "tip-a", n + 1))
    stats = {s.tip_id: s for s in store.tip_rating_stats()}
    assert stats["tip-a"].count == 2 and stats["tip-b"].count == 1
    assert isinstance(stats["tip-a"].average, float)  # PostgreSQL's avg() is a Decimal
    with pytest.raises(ValueError):
        store.rate_tip("s1", "tip-a", 6)


def test_lead_mails_and_form_sent_event_are_saved_together(store):
    token = new_optin_token()
    saved = store.save_lead_with_mail(
        lead(updates=True),
        mail(session="s9"),
        optin_mail=mail(kind="optin"),
        optin_token=token,
        session_id="s9",
    )
    with store.session() as s:
        mails = list(s.scalars(select(OutboxRow).order_by(OutboxRow.id)))
        token_hash = s.scalar(select(LeadRow.optin_token_hash))
    assert [(m.id, m.kind, m.lead_id) for m in mails] == [
        (saved.outbox_id, "pdf", saved.lead_id),
        (saved.optin_outbox_id, "optin", saved.lead_id),
    ]
    assert mails[0].attachment == b"%PDF-1.4 fake"  # bytea round trip
    assert store.funnel().form_sent == 1 and token not in token_hash
    assert store.confirm_optin("wrong") is False and store.confirm_optin(token) is True


def test_a_failing_mail_insert_leaves_no_lead_and_no_event_behind(store):
    broken = NewMail("pdf", "jan@example.com", "Jan", "nl", None, "t", "h")  # type: ignore[arg-type]
    with pytest.raises(Exception, match=r"(?i)null"):
        store.save_lead_with_mail(lead(), broken, session_id="s1")
    assert store.leads() == [] and store.funnel().form_sent == 0
    assert store.outbox_counts().pending == 0


def test_leads_search_and_export_keep_accents_and_neutralise_formulas(store):
    store.save_lead_with_mail(lead("jan@example.com", "Jan Jansen"), mail())
    store.save_lead_with_mail(lead("e@voorbeeld.nl", "Élise"), mail("e@voorbeeld.nl"))
    store.save_lead_with_mail(lead("f@example.com", "=1+1"), mail("f@example.com"))
    assert [x.name for x in store.leads("JANSEN")] == ["Jan Jansen"]
    assert [x.name for x in store.leads("VOORBEELD")] == ["Élise"]
    rows = list(csv.DictReader(io.StringIO(store.export_leads_csv()), delimiter=";"))
    assert [r["name"] for r in rows] == ["'=1+1", "Élise", "Jan Jansen"]  # newest first


def test_forget_removes_leads_mails_and_attachments_of_one_address(store):
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
    assert store.person_export("jan@example.com") == {"leads": [], "mails": []}
    assert len(store.person_export("other@example.com")["mails"]) == 1


def test_purge_older_than_erases_only_old_leads_and_mails(store):
    old = store.save_lead_with_mail(lead("old@example.com"), mail("old@example.com"))
    store.save_lead_with_mail(lead("new@example.com"), mail("new@example.com"))
    with store.session() as s:
        long_ago = utcnow() - timedelta(days=400)
        s.execute(update(LeadRow).where(LeadRow.id == old.lead_id).values(created_at=long_ago))
        s.execute(
            update(OutboxRow).where(OutboxRow.id == old.outbox_id).values(created_at=long_ago)
        )
    counts = store.purge_older_than(365)
    assert (counts.leads, counts.outbox, counts.attachments) == (1, 1, 1)
    assert [x.email for x in store.leads()] == ["new@example.com"]
    assert store.purge_older_than(365).leads == 0


def test_purge_handles_more_leads_than_one_statement_has_parameters(store):
    # PostgreSQL allows 65,535 bind parameters per statement: purging by a list of ids failed.
    old = store.save_lead_with_mail(lead("old@example.com"), mail("old@example.com"))
    store.save_lead_with_mail(lead("new@example.com"), mail("new@example.com"))
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO leads (name, email, lang, profile, consent_pdf,"
                " consent_updates_requested, consent_version, created_at)"
                " SELECT 'n', 'x' || g || '@example.com', 'nl', 'alpha', true, false, 'v1',"
                " now() - interval '400 days' FROM generate_series(1, 70000) g"
            )
        )
        conn.execute(
            update(LeadRow)
            .where(LeadRow.id == old.lead_id)
            .values(created_at=utcnow() - timedelta(days=400))
        )
    counts = store.purge_older_than(365)
    assert (counts.leads, counts.outbox, counts.attachments) == (70_001, 1, 1)
    assert [x.email for x in store.leads()] == ["new@example.com"]


def test_a_pasted_nul_in_search_or_forget_finds_nothing_instead_of_crashing(store):
    store.save_lead_with_mail(lead(), mail())
    assert store.leads("jan\x00") == [] and store.export_leads_csv("\x00").count("\r\n") == 1
    assert store.forget("jan@example.com\x00").leads == 0
    assert len(store.leads()) == 1


def test_forget_matches_an_address_whatever_its_case_also_beyond_ascii(store):
    store.save_lead_with_mail(lead("JÖRG@example.com"), mail("JÖRG@example.com"))
    assert store.forget("jörg@EXAMPLE.com").leads == 1


def test_funnel_counts_distinct_sessions_per_step(store):
    for session in ("a", "b", "c"):
        store.log_event(session, "started")
        store.log_event(session, "answered", 0)
    store.log_event("a", "answered", 0)
    store.log_event("a", "answered", 1)
    store.log_event("a", "completed")
    funnel = store.funnel()
    assert (funnel.started, funnel.completed, funnel.answered) == (3, 1, {0: 3, 1: 1})
    assert store.funnel(since=utcnow() + timedelta(minutes=1)).started == 0


def test_completions_per_day_profiles_and_median_duration(store):
    for profile, duration in (("alpha", 100), ("beta", 200), ("alpha", 150), ("alpha", None)):
        store.save_result("s", [1], {profile: 1}, profile, "gamma", "nl", duration)
    earlier = store.save_result("s", [1], {"beta": 1}, "beta", "alpha", "nl", 300)
    with store.session() as s:
        s.get_one(ResultRow, earlier).created_at = utcnow() - timedelta(days=2)
    period = last_days(7)
    days = store.completions_per_day(period.days, period.bounds)
    assert [d.count for d in days] == [0, 0, 0, 0, 1, 0, 4]
    assert days[-1].day == local_today()
    assert store.profile_distribution() == {"alpha": 3, "beta": 2}
    assert store.profile_distribution(since=utcnow() - timedelta(days=1)) == {"alpha": 3, "beta": 1}
    assert store.median_duration_s() == 175.0


def test_empty_database_insights_do_not_crash(store):
    assert store.median_duration_s() is None and store.tip_rating_stats() == []
    assert store.profile_distribution() == {} and store.funnel().started == 0
    period = last_days(3)
    assert [d.count for d in store.completions_per_day(period.days, period.bounds)] == [0, 0, 0]


def test_only_one_of_many_concurrent_claims_wins(store, pg_url):
    outbox_id = store.queue_mail(mail())
    stores = [Store(pg_url) for _ in range(6)]
    claims = at_once(6, lambda n: stores[n].claim_mail(f"worker-{n}", outbox_id=outbox_id))
    assert len([c for c in claims if c is not None]) == 1
    assert store.mail_status(outbox_id) == ("sending", None)


def test_a_row_locked_by_another_worker_is_skipped_not_waited_for(store, pg_url):
    first, second = store.queue_mail(mail("a@example.com")), store.queue_mail(mail("b@example.com"))
    # Without SKIP LOCKED the claim would wait for the lock; lock_timeout turns a wait into an error.
    impatient = Store(
        make_url(pg_url)
        .update_query_dict({"options": "-c lock_timeout=5s"})
        .render_as_string(hide_password=False)
    )
    with store.engine.connect() as other:  # another worker mid-claim holds the first row
        other.execute(text("SELECT id FROM outbox WHERE id = :id FOR UPDATE"), {"id": first})
        assert impatient.claim_mail("w2", outbox_id=first) is None
        claim = impatient.claim_mail("w2")
        assert claim is not None and claim.id == second
        other.rollback()
    assert impatient.claim_mail("w3", outbox_id=first) is not None
    impatient.close()


def test_a_claim_is_finished_only_by_its_owner_and_stale_claims_are_reclaimed(store):
    outbox_id = store.queue_mail(mail())
    claim = store.claim_mail("w1")
    assert claim is not None and claim.attempts == 1 and store.claim_mail("w2") is None
    assert store.mark_sent(replace(claim, claimed_by="w2")) is False
    with store.session() as s:  # w1 died mid-send long ago
        s.get_one(OutboxRow, outbox_id).claimed_at = utcnow() - STALE_AFTER - timedelta(seconds=1)
    again = store.claim_mail("w2")
    assert again is not None and again.attempts == 2
    assert store.mark_sent(claim) is False and store.mark_sent(again) is True
    assert store.mail_status(outbox_id) == ("sent", None)
    assert store.outbox_counts().sent == 1


def test_retry_waits_for_its_time_and_release_does_not_count_an_attempt(store):
    store.queue_mail(mail())
    claim = store.claim_mail("w1")
    assert store.mark_retry(claim, "451 later", utcnow() + timedelta(minutes=5)) is True
    assert store.claim_mail("w1") is None
    again = store.claim_mail("w1", retry_now=True)
    assert again is not None and again.attempts == 2
    assert store.release_mail(again) is True
    assert store.claim_mail("w1", retry_now=True).attempts == 2
