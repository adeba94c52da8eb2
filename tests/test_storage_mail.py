"""Storage for mail and leads on SQLite and on PostgreSQL alike: single-use opt-in links that
expire, search that ignores accents and case, the limits' request log, bulk idempotency, the
Message-ID fixed at the first claim, and the staff's retry and cancel (issues 10 and 12)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from storage_helpers import lead, mail

from werkstijl.storage import (
    OPTIN_VALID,
    UNSURE_WAIT,
    LimitKeys,
    Store,
    address_key,
    mailbox,
    new_optin_token,
    utcnow,
)
from werkstijl.storage.models import LeadRow, MailRequestRow, OutboxRow


@pytest.fixture
def store(db_store: Store) -> Store:
    """Every test here runs on SQLite and on PostgreSQL (conftest's db_url)."""
    return db_store


def with_optin(store: Store, email: str = "jan@example.com") -> str:
    token = new_optin_token()
    store.save_lead_with_mail(lead(email, updates=True), mail(email), optin_token=token)
    return token


# Opt-in (finding 8)


def test_an_optin_link_works_once(store):
    token = with_optin(store)
    assert store.optin_state(token) == "valid"
    assert store.confirm_optin(token) is True
    assert store.leads()[0].updates_confirmed_at is not None
    assert store.confirm_optin(token) is False
    assert store.optin_state(token) == "unknown"


def test_an_optin_link_expires_after_30_days(store):
    token = with_optin(store)
    with store.session() as s:
        s.execute(update(LeadRow).values(created_at=utcnow() - OPTIN_VALID - timedelta(minutes=1)))
    assert timedelta(days=30) == OPTIN_VALID
    assert store.optin_state(token) == "expired"
    assert store.confirm_optin(token) is False
    assert store.leads()[0].updates_confirmed_at is None


def test_only_the_lead_of_the_token_is_confirmed(store):
    token = with_optin(store, "jan@example.com")
    with_optin(store, "piet@example.com")
    assert store.confirm_optin(token)
    confirmed = {x.email: x.updates_confirmed_at is not None for x in store.leads()}
    assert confirmed == {"jan@example.com": True, "piet@example.com": False}


def test_two_clicks_at_once_confirm_once(store):
    token = with_optin(store)
    results: list[bool] = []
    start = threading.Barrier(4)

    def click() -> None:
        start.wait()
        results.append(store.confirm_optin(token))

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == [False, False, False, True]


# Search (issue 12, item 7)


@pytest.mark.parametrize("term", ["emile", "EMILE", "Émile", "émi", "mile ber"])
def test_search_ignores_accents_and_case(store, term):
    store.save_lead_with_mail(lead("e@example.com", "Émile Berg"), mail("e@example.com"))
    store.save_lead_with_mail(lead("z@example.com", "Zoë Ångström"), mail("z@example.com"))
    assert [x.name for x in store.leads(term)] == ["Émile Berg"]


def test_search_finds_accented_letters_beyond_french(store):
    store.save_lead_with_mail(lead("z@example.com", "Zoë Ångström"), mail("z@example.com"))
    store.save_lead_with_mail(lead("l@example.com", "Łukasz Żółć"), mail("l@example.com"))
    assert [x.name for x in store.leads("angstrom")] == ["Zoë Ångström"]
    assert [x.name for x in store.leads("ZOLC")] == ["Łukasz Żółć"]
    assert [x.name for x in store.leads("łukasz")] == ["Łukasz Żółć"]


def test_search_takes_percent_and_underscore_literally(store):
    store.save_lead_with_mail(lead("a@example.com", "100% Anna"), mail("a@example.com"))
    store.save_lead_with_mail(lead("b@example.com", "Bob"), mail("b@example.com"))
    assert [x.name for x in store.leads("%")] == ["100% Anna"]
    assert store.leads("_") == []


# The limits' request log (finding 4)


def test_requests_are_counted_per_key_and_old_ones_dropped(store):
    keys = LimitKeys(address_key("jan@example.com"), "client-1")
    since = utcnow() - timedelta(hours=1)
    store.save_lead_with_mail(lead(), mail(), limit_keys=keys)
    store.save_lead_with_mail(lead(), mail(), limit_keys=LimitKeys(keys.address, "client-2"))
    assert store.mail_requests_since(since, address=keys.address) == 2
    assert store.mail_requests_since(since, client="client-1") == 1
    with store.session() as s:
        s.execute(update(MailRequestRow).values(created_at=utcnow() - timedelta(days=3)))
    store.save_lead_with_mail(
        lead(), mail(), limit_keys=keys, forget_requests_before=utcnow() - timedelta(days=1)
    )
    with store.session() as s:
        assert s.scalar(select(func.count(MailRequestRow.id))) == 1


def test_the_mailbox_ignores_case_tags_and_gmail_dots():
    assert mailbox("Jan.Jansen+quiz@GoogleMail.com") == "janjansen@gmail.com"
    assert mailbox("Jan.Jansen+quiz@example.com") == "jan.jansen@example.com"
    assert address_key("JAN+x@example.com") == address_key("jan@example.com")


# Bulk --send once (finding 7)


def test_a_mail_with_the_same_key_is_queued_once(store):
    first = store.queue_mail_once(mail(), "key-1")
    assert first is not None
    assert store.queue_mail_once(mail(), "key-1") is None
    assert store.queue_mail_once(mail(), "key-2") is not None
    assert store.outbox_counts().pending == 2


def test_concurrent_runs_queue_a_mail_once(store):
    start, results = threading.Barrier(4), []

    def queue() -> None:
        start.wait()
        results.append(store.queue_mail_once(mail(), "same"))

    threads = [threading.Thread(target=queue) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sum(r is not None for r in results) == 1
    assert store.outbox_counts().pending == 1


# Message-ID and unknown outcomes (finding 6)


def test_the_message_id_is_fixed_at_the_first_claim(store):
    outbox_id = store.queue_mail(mail())
    first = store.claim_mail("w1", message_domain="werkstijl.example")
    assert first is not None and first.mail.message_id.endswith("@werkstijl.example>")
    assert store.mark_retry(first, "451 later", utcnow() - timedelta(seconds=1))
    second = store.claim_mail("w2", message_domain="other.example")
    assert second is not None and second.id == outbox_id
    assert second.mail.message_id == first.mail.message_id


def test_an_unsure_mail_waits_the_hour_even_with_retry_now(store):
    store.queue_mail(mail())
    claim = store.claim_mail("w1")
    assert store.mark_unsure(claim, "no reply after DATA")
    assert store.claim_mail("w2", retry_now=True) is None
    assert store.mail_state(claim.id).unsure
    with store.session() as s:
        s.execute(update(OutboxRow).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
    assert store.claim_mail("w2") is not None
    assert timedelta(hours=1) == UNSURE_WAIT


# Staff outbox list, retry and cancel (issue 12, item 7)


def test_the_outbox_list_shows_state_tries_and_last_error(store):
    outbox_id = store.queue_mail(mail("ann@example.com"))
    claim = store.claim_mail("w1")
    store.mark_failed(claim, "550 5.1.1 no such user")
    (row,) = store.outbox_mails()
    assert (row.id, row.to_email, row.status, row.attempts) == (
        outbox_id,
        "ann@example.com",
        "failed",
        1,
    )
    assert row.last_error == "550 5.1.1 no such user" and row.retryable is False


def test_retry_gives_a_failed_mail_its_attempts_back_and_cancel_stops_it(store):
    kept, other = store.queue_mail(mail()), store.queue_mail(mail("b@example.com"))
    for _ in range(2):
        claim = store.claim_mail("w1")
        store.mark_failed(claim, "gave up", keep_content=True)
    assert store.retry_mails([kept]) == 1
    assert store.mail_state(kept) is not None and store.mail_state(kept).attempts == 0
    assert store.cancel_mails([other, 99999]) == 1
    assert store.mail_state(other).status == "cancelled"
    assert store.claim_mail("w2").id == kept
    assert store.cancel_mails([kept]) == 0  # in flight: not cancelled under the worker's feet
