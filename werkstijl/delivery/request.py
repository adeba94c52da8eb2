"""Turning a visitor's form (or a bulk row) into queued mail, after every guard has passed."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Protocol

from werkstijl.attribution import Attribution
from werkstijl.content.models import Lang, SiteTexts, one_line
from werkstijl.storage import NewLead, NewMail, Store, new_optin_token, utcnow

from .limits import (
    ADDRESS_WINDOW,
    InvalidAddress,
    LimitSettings,
    Refusal,
    check_limits,
    client_window,
    honeypot_tripped,
    limit_keys,
    name_has_link,
    normalise_address,
)
from .message import StepText, attachment_filename, render_optin_mail, render_pdf_mail
from .privacy import mask_email

log = logging.getLogger(__name__)

NO_SOURCE = Attribution()
OPTIN_PARAM = "optin"  # the query parameter the quiz page confirms the opt-in from


class RequestSettings(LimitSettings, Protocol):
    public_url: str

    @property
    def smtp_configured(self) -> bool: ...


@dataclass(frozen=True)
class MailRequest:
    """What became of a form: queued (with outbox ids) or refused, with a code for every problem
    found (the UI shows each next to its field, all at once)."""

    queued: bool
    refusals: tuple[Refusal, ...] = ()
    detail: str = ""  # plain English reason, e.g. why an address is invalid (for logs)
    invalid: InvalidAddress | None = None  # why the address was refused (`address_words`)
    lead_id: int | None = None
    outbox_id: int | None = None
    optin_outbox_id: int | None = None
    will_send: bool = False  # False: SMTP is not configured, the mail waits in the outbox

    @property
    def refusal(self) -> Refusal | None:
        """The first problem (None when queued)."""
        return self.refusals[0] if self.refusals else None

    @property
    def outbox_ids(self) -> list[int]:
        return [i for i in (self.outbox_id, self.optin_outbox_id) if i is not None]


def optin_link(public_url: str, token: str) -> str:
    """The double opt-in link of the second mail: {public_url}/?optin=TOKEN."""
    return f"{(public_url or '').rstrip('/')}/?{OPTIN_PARAM}={token}"


def _pdf_mail(
    site: SiteTexts,
    lang: Lang,
    address: str,
    name: str,
    profile_id: str,
    profile_name: str,
    pdf: bytes,
    extra: PlanParts,
    session_id: str | None = None,
    training: str | None = None,
) -> NewMail:
    """The mail carrying the PDF, rendered now so the outbox holds exactly what will be sent
    (`training`: see `render_pdf_mail`)."""
    subject, text, html = render_pdf_mail(
        site, lang, name, profile_name, extra.first_step, training
    )
    file_name = attachment_filename(profile_name, name, lang)
    return NewMail(
        "pdf", address, name, lang, subject, text, html, pdf, file_name, session_id, extra.calendar
    )


@dataclass(frozen=True)
class PlanParts:
    """What the mail says and carries of the visitor's plan besides the PDF."""

    first_step: StepText | None  # delivery.message.first_step_text
    calendar: bytes | None  # the .ics file


def _optin_mail(
    public_url: str, site: SiteTexts, lang: Lang, address: str, name: str
) -> tuple[NewMail, str]:
    """The mail asking to confirm the updates opt-in, and the token its link carries."""
    token = new_optin_token()
    subject, text, html = render_optin_mail(site, lang, name, optin_link(public_url, token))
    return NewMail("optin", address, name, lang, subject, text, html), token


def _form_problems(
    clean_name: str, email: str, check_deliverability: bool
) -> tuple[str | None, list[Refusal], InvalidAddress | None]:
    """Every problem of the fields at once (no database needed): the normalised address (None
    when unusable), the refusals, and why the address is unusable."""
    refusals: list[Refusal] = []
    address, invalid = None, None
    if name_has_link(clean_name):  # a name is optional, but never a link
        refusals.append(Refusal.name_link)
    try:
        address = normalise_address(email, check_deliverability=check_deliverability)
    except InvalidAddress as exc:
        refusals.append(exc.refusal)
        invalid = exc
    return address, refusals, invalid


def request_pdf_mail(
    store: Store,
    settings: RequestSettings,
    site: SiteTexts,
    *,
    name: str,
    email: str,
    lang: Lang,
    profile_id: str,
    profile_name: str,
    pdf: bytes,
    session_id: str | None,
    first_step: StepText | None = None,
    calendar: bytes | None = None,
    client_ip: str | None = None,
    wants_updates: bool = False,
    honeypot: str | None = None,
    source: Attribution = NO_SOURCE,
) -> MailRequest:
    """Checks the form (every field's problem at once), then stores the lead and queues its
    mail(s) in one transaction. Sending the form is the request for the PDF (the lead records
    it with the version of the texts it was made under); updates need `wants_updates`.
    `first_step` (message.first_step_text) fills the mail's {first_step} and {start};
    `calendar` (the .ics) is attached beside the PDF.

    `source` (where the visit came from: utm_* and src) is stored with the lead. `client_ip` is
    the visitor's address for the per-client limit (werkstijl.ui.client.mail_client; None:
    unknown, then it counts per session). The app then calls
    `send_soon(store, settings, request.outbox_ids)`.
    """
    if honeypot_tripped(honeypot):
        log.info("mail form: honeypot filled, nothing queued")
        return MailRequest(False, (Refusal.honeypot,))
    clean_name = one_line(name, 100)
    address, refusals, invalid = _form_problems(clean_name, email, settings.check_deliverability)
    if refusals or address is None:
        detail = str(invalid) if invalid else ""
        return MailRequest(False, tuple(refusals), detail=detail, invalid=invalid)
    keys = limit_keys(address, client_ip, session_id)
    refusal = check_limits(store, settings, keys)
    if refusal is not None:
        log.info("mail form: %s for %s", refusal.value, mask_email(address))
        return MailRequest(False, (refusal,))

    extra = PlanParts(first_step, calendar)
    mail = _pdf_mail(
        site, lang, address, clean_name, profile_id, profile_name, pdf, extra, session_id
    )
    optin_mail, token = None, None
    if wants_updates:
        optin_mail, token = _optin_mail(settings.public_url, site, lang, address, clean_name)
    version = site.consent_version
    lead = NewLead(clean_name, address, lang, profile_id, True, wants_updates, version, source)
    saved = store.save_lead_with_mail(
        lead,
        mail,
        optin_mail=optin_mail,
        optin_token=token,
        session_id=session_id,
        limit_keys=keys,
        forget_requests_before=utcnow() - max(ADDRESS_WINDOW, client_window(settings)),
    )
    log.info("mail form: queued mail %s for %s", saved.outbox_id, mask_email(address))
    return MailRequest(
        queued=True,
        lead_id=saved.lead_id,
        outbox_id=saved.outbox_id,
        optin_outbox_id=saved.optin_outbox_id,
        will_send=settings.smtp_configured,
    )


def queue_bulk_mail(
    store: Store,
    site: SiteTexts,
    *,
    name: str,
    email: str,
    lang: Lang,
    profile_id: str,
    profile_name: str,
    pdf: bytes,
    first_step: StepText | None = None,
    calendar: bytes | None = None,
    check_deliverability: bool = False,
    title: str | None = None,
) -> int | None:
    """Queues one participant's PDF for a trainer's bulk run (no lead, no limits), once: the
    same participant (address, name, profile, language) with the same mail text is never queued
    again, so running a file twice (after a crash, or to fix a few rows) mails nobody twice.
    The mail is the trainer's (site.training_mail), naming the training's `title` when given.
    Returns the outbox id, or None when it was queued before. Raises InvalidAddress (plain
    message) for an unusable address."""
    address = normalise_address(email, check_deliverability=check_deliverability)
    clean_name = one_line(name, 100)
    extra = PlanParts(first_step, calendar)
    mail = _pdf_mail(
        site, lang, address, clean_name, profile_id, profile_name, pdf, extra, None, title or ""
    )
    start = first_step.start if first_step else ""
    outbox_id = store.queue_mail_once(mail, bulk_key(mail, profile_id, start))
    if outbox_id is None:
        log.info("bulk: mail for %s was queued before; not again", mask_email(address))
    else:
        log.info("bulk: queued mail %s for %s", outbox_id, mask_email(address))
    return outbox_id


def bulk_key(mail: NewMail, profile_id: str, start: str = "") -> str:
    """The idempotency key of a bulk mail: who gets it and what it says (not the PDF's bytes,
    which carry the moment they were made, nor `start`, the Monday its first step starts: a
    run on another day names another Monday, yet it is the same mail)."""
    parts = (mail.to_email.lower(), mail.to_name, profile_id, mail.lang, mail.subject)
    body = mail.body_text.replace(start, "{start}") if start else mail.body_text
    text = "\x1f".join((*parts, body))
    return hashlib.sha256(("bulk:" + text).encode("utf-8")).hexdigest()
