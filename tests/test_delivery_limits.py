"""Guards in front of the mail form: addresses, honeypot, limits per address and per session."""

from __future__ import annotations

import pytest
from delivery_helpers import site_texts, tiny_pdf

from werkstijl.delivery import InvalidAddress, Refusal, normalise_address, request_pdf_mail
from werkstijl.settings import Settings
from werkstijl.storage import Store


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(f"sqlite:///{tmp_path}/w.db")


def ask(
    store: Store, settings: Settings, email: str = "jan@example.com", session: str = "s1", **kw
):
    values = dict(
        name="Jan",
        email=email,
        lang="nl",
        profile_id="alpha",
        profile_name="Alpha",
        pdf=tiny_pdf(),
        session_id=session,
    )
    values.update(kw)
    return request_pdf_mail(store, settings, site_texts(), **values)


def no_mail(**kw) -> Settings:
    return Settings(smtp_host=None, **kw)


BAD_ADDRESSES = [
    "",
    "jan",
    "jan@",
    "@example.com",
    "jan@@example.com",
    "a@b.c, d@e.f",
    "jan@example.com\r\nBcc: x@evil.example",
]


@pytest.mark.parametrize("bad", BAD_ADDRESSES)
def test_invalid_addresses_are_refused_with_a_plain_message(bad):
    with pytest.raises(InvalidAddress) as err:
        normalise_address(bad)
    assert str(err.value)


def test_addresses_are_stored_normalised(tmp_path, store):
    assert normalise_address("  Jan@EXAMPLE.com ") == "Jan@example.com"
    result = ask(store, no_mail(), email=" Jan@EXAMPLE.com ")
    assert result.queued and store.leads()[0].email == "Jan@example.com"


def test_invalid_address_queues_nothing(store):
    result = ask(store, no_mail(), email="jan@")
    assert not result.queued and result.refusal is Refusal.invalid_email and result.detail
    assert store.leads() == [] and store.outbox_counts().pending == 0


def test_honeypot_missing_consent_and_missing_name_queue_nothing(store):
    assert ask(store, no_mail(), honeypot="http://spam.example").refusal is Refusal.honeypot
    assert ask(store, no_mail(), consent_pdf=False).refusal is Refusal.no_consent
    assert ask(store, no_mail(), name=" \r\n ").refusal is Refusal.missing_name
    assert store.leads() == []


def test_limit_per_address_per_day_holds_across_sessions(store):
    settings = no_mail(mail_per_address_per_day=2, mail_per_session=10)
    assert ask(store, settings, session="a").queued
    assert ask(store, settings, email="JAN@example.com", session="b").queued
    refused = ask(store, settings, session="c")
    assert refused.refusal is Refusal.address_limit
    assert ask(store, settings, email="piet@example.com", session="c").queued
    assert store.outbox_counts().pending == 3


def test_limit_per_session_holds_across_addresses(store):
    settings = no_mail(mail_per_address_per_day=10, mail_per_session=2)
    assert ask(store, settings, email="a@example.com").queued
    assert ask(store, settings, email="b@example.com").queued
    assert ask(store, settings, email="c@example.com").refusal is Refusal.session_limit
    assert ask(store, settings, email="c@example.com", session="other").queued


def test_optin_mail_is_queued_only_when_updates_are_requested(store):
    plain = ask(store, no_mail())
    wanted = ask(store, no_mail(), email="piet@example.com", wants_updates=True)
    assert plain.optin_outbox_id is None and plain.outbox_ids == [plain.outbox_id]
    assert wanted.optin_outbox_id is not None and not wanted.will_send
    by_email = {lead.email: lead for lead in store.leads()}
    assert by_email["piet@example.com"].consent_updates_requested
    assert by_email["piet@example.com"].consent_version == "2026-11"
    assert not by_email["jan@example.com"].consent_updates_requested
