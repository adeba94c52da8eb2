"""Guards in front of the mail form: addresses, names, honeypot, limits per mailbox and client."""

from __future__ import annotations

from datetime import timedelta

import pytest
from delivery_helpers import site_texts, tiny_pdf
from sqlalchemy import func, select, update

from werkstijl.delivery import (
    InvalidAddress,
    Refusal,
    UnicodeLocalPart,
    normalise_address,
    request_pdf_mail,
)
from werkstijl.settings import Settings
from werkstijl.storage import Store, utcnow
from werkstijl.storage.models import MailRequestRow


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(f"sqlite:///{tmp_path}/w.db")


def ask(
    store: Store,
    settings: Settings,
    email: str = "jan@example.com",
    session: str = "s1",
    client: str | None = "203.0.113.7",
    **kw,
):
    values = dict(
        name="Jan",
        email=email,
        lang="nl",
        profile_id="alpha",
        profile_name="Alpha",
        pdf=tiny_pdf(),
        session_id=session,
        client_ip=client,
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


def test_a_filled_honeypot_queues_nothing(store):
    assert ask(store, no_mail(), honeypot="http://spam.example").refusal is Refusal.honeypot
    assert store.leads() == []


def test_a_name_is_optional_and_sending_the_form_is_the_request(store):
    # Finding (visitor try, 4): a name and a "send me the PDF" box were both required.
    result = ask(store, no_mail(), name=" \r\n ")
    assert result.queued
    (lead,) = store.leads()
    assert lead.name == "" and lead.consent_pdf and lead.consent_version == "2026-11"


def test_every_problem_of_one_form_is_reported_at_once(store):
    result = ask(store, no_mail(), name="Win at www.evil.example", email="jan@@example")
    assert not result.queued
    assert result.refusals == (Refusal.name_link, Refusal.invalid_email)
    assert store.leads() == []


def test_limit_per_address_per_day_holds_across_sessions_and_clients(store):
    settings = no_mail(mail_per_address_per_day=2, mail_per_client=10)
    assert ask(store, settings, session="a", client="198.51.100.1").queued
    assert ask(store, settings, email="JAN@example.com", session="b", client="198.51.100.2").queued
    refused = ask(store, settings, session="c", client="198.51.100.3")
    assert refused.refusal is Refusal.address_limit
    assert ask(store, settings, email="piet@example.com", session="c").queued
    assert store.outbox_counts().pending == 3


@pytest.mark.parametrize(
    "variant",
    ["jan+1@example.com", "JAN+quiz@Example.com", "Jan@EXAMPLE.COM", "jan+@example.com"],
)
def test_the_address_limit_counts_the_mailbox_not_the_spelling(store, variant):
    # Finding 4: "a+1@" passed where "a@" was refused.
    settings = no_mail(mail_per_address_per_day=1, mail_per_client=10)
    assert ask(store, settings, session="a", client="198.51.100.1").queued
    refused = ask(store, settings, email=variant, session="b", client="198.51.100.2")
    assert refused.refusal is Refusal.address_limit


def test_gmail_dots_and_googlemail_are_one_mailbox(store):
    settings = no_mail(mail_per_address_per_day=1, mail_per_client=10)
    assert ask(store, settings, email="jan.jansen@gmail.com", client="198.51.100.1").queued
    again = ask(store, settings, email="JanJansen+x@googlemail.com", client="198.51.100.2")
    assert again.refusal is Refusal.address_limit
    # elsewhere a dot is part of the name: another mailbox
    assert ask(store, settings, email="jan.jansen@example.com", client="198.51.100.3").queued
    assert ask(store, settings, email="janjansen@example.com", client="198.51.100.4").queued


def test_the_client_limit_holds_across_sessions_and_addresses(store):
    # Finding 4: the per-session limit reset with "Test opnieuw doen" or a reload.
    settings = no_mail(mail_per_address_per_day=10, mail_per_client=2)
    assert ask(store, settings, email="a@example.com", session="s1").queued
    assert ask(store, settings, email="b@example.com", session="s2").queued  # a reload
    refused = ask(store, settings, email="c@example.com", session="s3")
    assert refused.refusal is Refusal.client_limit
    assert ask(store, settings, email="c@example.com", client="198.51.100.99").queued


def test_an_ipv6_client_is_its_64_network(store):
    settings = no_mail(mail_per_address_per_day=10, mail_per_client=1)
    assert ask(store, settings, email="a@example.com", client="2001:db8:1:2::1").queued
    other_host = ask(store, settings, email="b@example.com", client="2001:db8:1:2:ffff::9")
    assert other_host.refusal is Refusal.client_limit
    assert ask(store, settings, email="b@example.com", client="2001:db8:1:3::1").queued


def test_the_client_window_slides(store):
    settings = no_mail(
        mail_per_address_per_day=10, mail_per_client=1, mail_client_window_minutes=60
    )
    assert ask(store, settings, email="a@example.com").queued
    assert ask(store, settings, email="b@example.com").refusal is Refusal.client_limit
    with store.session() as s:  # the first request is now 61 minutes old
        s.execute(update(MailRequestRow).values(created_at=utcnow() - timedelta(minutes=61)))
    assert ask(store, settings, email="b@example.com").queued


def test_an_unknown_client_is_counted_per_session(store):
    settings = no_mail(mail_per_address_per_day=10, mail_per_client=1)
    assert ask(store, settings, email="a@example.com", client=None, session="x").queued
    refused = ask(store, settings, email="b@example.com", client=None, session="x")
    assert refused.refusal is Refusal.client_limit


def test_old_requests_are_not_kept_longer_than_the_limits_look_back(store):
    settings = no_mail()
    ask(store, settings, email="a@example.com")
    with store.session() as s:
        s.execute(update(MailRequestRow).values(created_at=utcnow() - timedelta(days=2)))
    ask(store, settings, email="b@example.com")
    with store.session() as s:
        assert s.scalar(select(func.count(MailRequestRow.id))) == 1


def test_forget_also_drops_the_limits_count_of_the_mailbox(store):
    settings = no_mail(mail_per_address_per_day=1)
    ask(store, settings, email="jan+x@example.com")
    store.forget("jan+x@example.com")
    assert ask(store, settings, email="jan@example.com", client="198.51.100.1").queued


@pytest.mark.parametrize(
    "name",
    [
        "Win a prize at https://evil.example/x",
        "www.evil.nl",
        "evil.com",
        "bit.ly/abc",
        "Jan jan@evil.example",
        "Klik evil。com",
        "Klik evil．com",
        "ftp://x",
        "10.0.0.1",
    ],
)
def test_a_name_with_a_web_address_is_refused_and_nothing_is_stored(store, name):
    # Finding 4: a URL typed as the name made our mail carry anyone's link.
    result = ask(store, no_mail(), name=name)
    assert result.refusal is Refusal.name_link
    assert store.leads() == [] and store.outbox_counts().pending == 0


@pytest.mark.parametrize(
    "name", ["Jan Jansen", "J. Jansen", "J.R.R. Tolkien", "Anne-Marie v.d. Berg", "Zoë <b>&</b> 😀"]
)
def test_ordinary_names_pass(store, name):
    assert ask(store, no_mail(), name=name).queued


def test_a_non_ascii_local_part_is_refused_with_its_own_reason(store):
    # Finding 5: zoë@bücher.de was accepted, then failed for good.
    result = ask(store, no_mail(), email="zoë@bücher.de")
    assert result.refusal is Refusal.unicode_local and "before the @" in result.detail
    assert store.leads() == []
    with pytest.raises(UnicodeLocalPart):
        normalise_address("zoë@example.com")


def test_a_non_ascii_domain_is_accepted(store):
    assert ask(store, no_mail(), email="zoe@bücher.de").queued


def test_optin_mail_is_queued_only_when_updates_are_requested(store):
    plain = ask(store, no_mail())
    wanted = ask(store, no_mail(), email="piet@example.com", wants_updates=True)
    assert plain.optin_outbox_id is None and plain.outbox_ids == [plain.outbox_id]
    assert wanted.optin_outbox_id is not None and not wanted.will_send
    by_email = {lead.email: lead for lead in store.leads()}
    assert by_email["piet@example.com"].consent_updates_requested
    assert by_email["piet@example.com"].consent_version == "2026-11"
    assert not by_email["jan@example.com"].consent_updates_requested


def test_the_mailed_pdf_is_named_in_the_visitors_language(store):
    # Finding (visitor try, 7): file names in Dutch on the English side.
    from sqlalchemy import select

    from werkstijl.storage.models import OutboxRow

    ask(store, no_mail(), lang="en", profile_name="Visionary", email="en@example.com")
    ask(store, no_mail(), lang="nl", profile_name="Visionair", email="nl@example.com")
    with store.session() as s:
        names = s.scalars(select(OutboxRow.attachment_name).order_by(OutboxRow.id)).all()
    assert names == ["work-style-visionary-jan.pdf", "werkstijl-visionair-jan.pdf"]
