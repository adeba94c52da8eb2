"""Plain data passed into and out of the store, so callers never hold ORM objects or sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from werkstijl.attribution import Attribution


@dataclass(frozen=True)
class NewLead:
    name: str
    email: str  # already validated and normalised (werkstijl.delivery.limits.normalise_address)
    lang: str
    profile: str
    consent_pdf: bool
    consent_updates_requested: bool
    consent_version: str
    source: Attribution = field(default_factory=Attribution)  # where the visit came from


@dataclass(frozen=True)
class NewMail:
    """A rendered mail waiting in the outbox; the MIME message is built when it is sent."""

    kind: str  # "pdf" or "optin"
    to_email: str
    to_name: str
    lang: str
    subject: str
    body_text: str
    body_html: str
    attachment: bytes | None = None
    attachment_name: str | None = None
    session_id: str | None = None
    calendar: bytes | None = None  # the week rhythm as an .ics file, attached beside the PDF
    message_id: str | None = None  # set by the outbox at the first claim


@dataclass(frozen=True)
class LimitKeys:
    """What the mail form's abuse limits count (hashes, see werkstijl.delivery.limits)."""

    address: str
    client: str | None


@dataclass(frozen=True)
class MailState:
    """Where one mail stands, for the visitor's page."""

    status: str  # pending, sending, sent, failed, cancelled
    attempts: int
    last_error: str | None
    unsure: bool  # the last try may have delivered it


@dataclass(frozen=True)
class OutboxMail:
    """One row of the staff outbox list (the address is masked by the page)."""

    id: int
    kind: str
    to_email: str
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    next_attempt_at: datetime
    unsure: bool
    retryable: bool  # still holds what it needs to be sent (a PDF mail keeps its PDF)


@dataclass(frozen=True)
class SavedLead:
    lead_id: int
    outbox_id: int | None  # the PDF mail
    optin_outbox_id: int | None  # the opt-in confirmation mail, when updates were requested


@dataclass(frozen=True)
class ClaimedMail:
    """An outbox row this worker now owns (status 'sending')."""

    id: int
    mail: NewMail
    attempts: int  # including this one
    claimed_by: str


@dataclass(frozen=True)
class Lead:
    id: int
    name: str
    email: str
    lang: str
    profile: str
    consent_pdf: bool
    consent_updates_requested: bool
    updates_confirmed_at: datetime | None
    consent_version: str
    created_at: datetime
    source: Attribution = field(default_factory=Attribution)


@dataclass(frozen=True)
class ForgetCounts:
    leads: int
    outbox: int
    attachments: int  # outbox rows removed that still held a PDF

    def items(self) -> list[tuple[str, int]]:
        """(what, count) pairs, e.g. for a one-line CLI summary."""
        return [("leads", self.leads), ("outbox", self.outbox), ("attachments", self.attachments)]


@dataclass(frozen=True)
class Funnel:
    """Distinct sessions that reached each step; `answered` is keyed by question index, and so is
    `ended_early` (sessions whose result came right after that question: not drop-off).
    `with_result`: sessions that saw a result, by answering or by opening a result link: the
    whole of which each step after the result (download, mail) is a part."""

    started: int
    answered: dict[int, int] = field(default_factory=dict)
    completed: int = 0
    pdf_downloaded: int = 0
    form_sent: int = 0
    mail_sent: int = 0
    ended_early: dict[int, int] = field(default_factory=dict)
    with_result: int = 0


@dataclass(frozen=True)
class SourceCount:
    """Distinct sessions per funnel step for one source (src, utm_source, medium, campaign)."""

    source: Attribution
    started: int = 0
    completed: int = 0
    pdf_downloaded: int = 0
    form_sent: int = 0


@dataclass(frozen=True)
class TipStat:
    tip_id: str
    average: float
    count: int


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True)
class OutboxCounts:
    pending: int = 0
    sending: int = 0
    sent: int = 0
    failed: int = 0
    cancelled: int = 0
