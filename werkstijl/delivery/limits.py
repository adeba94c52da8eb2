"""Guards in front of the mail form: address validation, honeypot, per-address/per-session limits.

Each check returns a `Refusal` code (or None); the UI maps codes to polite messages in the
visitor's language (werkstijl/ui/strings.py), so no user text lives here.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from typing import Protocol

from email_validator import EmailNotValidError, validate_email

from werkstijl.storage import Store, utcnow


class Refusal(StrEnum):
    invalid_email = "invalid_email"  # not a usable address: ask to check it
    honeypot = "honeypot"  # a bot filled the hidden field: show the normal thank-you, send nothing
    address_limit = "address_limit"  # this address got enough mails today: try again tomorrow
    session_limit = "session_limit"  # this browser session asked often enough
    no_consent = "no_consent"  # the box for receiving the PDF by mail was not ticked
    missing_name = "missing_name"  # no usable name given


class LimitSettings(Protocol):
    mail_per_address_per_day: int
    mail_per_session: int
    check_deliverability: bool


class InvalidAddress(ValueError):
    """An address that cannot receive mail; the message is plain English for logs and the CLI."""


def normalise_address(email: str, *, check_deliverability: bool = False) -> str:
    """The normalised form of a valid address (domain lower-cased, Unicode NFC); raises
    InvalidAddress with a plain message otherwise."""
    candidate = (email or "").strip()
    if not candidate:
        raise InvalidAddress("no e-mail address given")
    if len(candidate) > 320 or any(ch in candidate for ch in "\r\n\t<>,;"):
        raise InvalidAddress("this is not a single e-mail address")
    try:
        return validate_email(candidate, check_deliverability=check_deliverability).normalized
    except EmailNotValidError as exc:
        raise InvalidAddress(str(exc)) from None


def honeypot_tripped(value: str | None) -> bool:
    """True when the hidden form field, which people never see, was filled in (by a bot)."""
    return bool(value and value.strip())


def check_limits(
    store: Store, settings: LimitSettings, email: str, session_id: str | None
) -> Refusal | None:
    """Whether one more PDF mail may be queued for this address and browser session."""
    since = utcnow() - timedelta(days=1)
    if store.pdf_mails_to_address_since(email, since) >= settings.mail_per_address_per_day:
        return Refusal.address_limit
    if session_id and store.pdf_mails_for_session(session_id) >= settings.mail_per_session:
        return Refusal.session_limit
    return None
