"""Guards in front of the mail form: address and name checks, honeypot, abuse limits.

Each check returns a `Refusal` code (or None); the UI maps codes to polite messages in the
visitor's language (werkstijl/ui/strings.py), so no user text lives here.

Limits count requests in the database, so neither a reload nor "take the test again" resets
them: per mailbox (case, +tag and Gmail's dots ignored) per day, and per client (its IP address;
an IPv6 client's /64 network, which one household or device usually holds) over a window.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import unicodedata
from datetime import timedelta
from enum import StrEnum
from typing import Protocol

from email_validator import EmailNotValidError, validate_email

from werkstijl.storage import LimitKeys, Store, address_key, utcnow


class Refusal(StrEnum):
    invalid_email = "invalid_email"  # not a usable address: ask to check it
    unicode_local = "unicode_local"  # letters like ë before the @: mail servers cannot deliver it
    honeypot = "honeypot"  # a bot filled the hidden field: show the normal thank-you, send nothing
    address_limit = "address_limit"  # this address got enough mails today: try again tomorrow
    client_limit = "client_limit"  # this client (IP address) asked often enough lately
    name_link = "name_link"  # the name holds a web address: our mail would carry their link


class LimitSettings(Protocol):
    mail_per_address_per_day: int
    mail_per_client: int
    mail_client_window_minutes: int
    check_deliverability: bool


class InvalidAddress(ValueError):
    """An address that cannot receive mail; the message is plain English for logs and the CLI."""

    refusal = Refusal.invalid_email


class UnicodeLocalPart(InvalidAddress):
    """Letters like 'ë' before the @: valid by RFC 6531, but our mail cannot reach it."""

    refusal = Refusal.unicode_local


ADDRESS_WINDOW = timedelta(days=1)

# A name that a mail client would show as a link: a scheme, www., an address, a domain name
# ('win.example', 'bit.ly/x') or an IP address. Dots that fold to '.' count as dots.
_LINK_RE = re.compile(
    r"[a-z][a-z0-9+.-]*://|\bwww\.|@|[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,63}\b|\b\d{1,3}(?:\.\d{1,3}){3}\b",
    re.IGNORECASE,
)
_DOTS = str.maketrans({"\u3002": ".", "\uff61": ".", "\uff0e": "."})


def normalise_address(email: str, *, check_deliverability: bool = False) -> str:
    """The normalised form of a deliverable address (domain lower-cased, Unicode NFC); raises
    InvalidAddress (or UnicodeLocalPart) with a plain message otherwise."""
    candidate = (email or "").strip()
    if not candidate:
        raise InvalidAddress("no e-mail address given")
    if len(candidate) > 320 or any(ch in candidate for ch in "\r\n\t<>,;"):
        raise InvalidAddress("this is not a single e-mail address")
    try:
        info = validate_email(candidate, check_deliverability=check_deliverability)
    except EmailNotValidError as exc:
        raise InvalidAddress(str(exc)) from None
    if info.smtputf8:  # the domain is fine in any script (IDNA); the part before the @ is not
        raise UnicodeLocalPart(
            "the part before the @ has letters (like ë) that mail servers cannot deliver to"
        )
    return info.normalized


def name_has_link(name: str) -> bool:
    """Whether a name contains something a mail client would turn into a link."""
    text = unicodedata.normalize("NFKC", name).translate(_DOTS)
    return bool(_LINK_RE.search(text))


def honeypot_tripped(value: str | None) -> bool:
    """True when the hidden form field, which people never see, was filled in (by a bot)."""
    return bool(value and value.strip())


def client_key(ip: str | None) -> str | None:
    """The hash the per-client limit counts under: of the IPv4 address, or of the IPv6 /64
    network (one household or device usually holds a whole /64). None when unknown."""
    if not ip:
        return None
    try:
        address = ipaddress.ip_address(ip.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:  # ::ffff:203.0.113.7 is that IPv4 client
            address = address.ipv4_mapped
        else:
            address = ipaddress.ip_network(f"{address}/64", strict=False).network_address
    network = str(address)
    return hashlib.sha256(f"client:{network}".encode()).hexdigest()


def limit_keys(address: str, client: str | None, session_id: str | None) -> LimitKeys:
    """What one request is counted under; a client whose address is unknown counts per browser
    session, the best there is then."""
    fallback = hashlib.sha256(f"session:{session_id}".encode()).hexdigest() if session_id else None
    return LimitKeys(address_key(address), client_key(client) or fallback)


def client_window(settings: LimitSettings) -> timedelta:
    return timedelta(minutes=settings.mail_client_window_minutes)


def check_limits(store: Store, settings: LimitSettings, keys: LimitKeys) -> Refusal | None:
    """Whether one more PDF mail may be queued for this mailbox and client."""
    now = utcnow()
    if (
        store.mail_requests_since(now - ADDRESS_WINDOW, address=keys.address)
        >= settings.mail_per_address_per_day
    ):
        return Refusal.address_limit
    if (
        keys.client is not None
        and store.mail_requests_since(now - client_window(settings), client=keys.client)
        >= settings.mail_per_client
    ):
        return Refusal.client_limit
    return None
