"""SQLAlchemy table definitions (typed declarative models).

Only what the site needs is stored: quiz results and funnel events carry a random session id and no
personal data; personal data lives only in `leads` and `outbox`, the two tables `forget` clears.
Timestamps are naive UTC (see `utcnow`) so SQLite and PostgreSQL compare them the same way.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

EVENT_KINDS = (
    "started",
    "answered",
    "completed",
    "pdf_downloaded",
    "form_sent",
    "mail_sent",
    "ended_early",  # with `completed`: the result came before the last question (`question`: the
    # 0-based index of the last one answered), so the questions after it are not drop-off
    "result_opened",  # a result shown in a session that did not answer its way there: a result
    # link (?a=…) opened anew; once per session, never a completion
)


def utcnow() -> datetime:
    """Naive UTC 'now': one convention for every timestamp column."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class AttributionColumns:
    """Where the visit came from (werkstijl/attribution.py): short slugs, never personal data.

    Only funnel events and leads carry these columns."""

    src: Mapped[str | None] = mapped_column(String(60))
    utm_source: Mapped[str | None] = mapped_column(String(60))
    utm_medium: Mapped[str | None] = mapped_column(String(60))
    utm_campaign: Mapped[str | None] = mapped_column(String(60))


class ResultRow(Base):
    __tablename__ = "results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(String(64), index=True)
    answers: Mapped[str] = mapped_column(String(200))  # "1,3,2,..." (1-based option numbers)
    # How many questions were answered: fewer than the quiz has when it ended early (migration
    # 0002 counted the answers of older rows).
    answered: Mapped[int | None] = mapped_column(Integer)
    scores: Mapped[dict[str, Any]] = mapped_column(JSON)
    profile: Mapped[str] = mapped_column(String(60), index=True)
    runner_up: Mapped[str] = mapped_column(String(60))
    lang: Mapped[str] = mapped_column(String(5))
    duration_s: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class EventRow(AttributionColumns, Base):
    """One funnel step of one anonymous browser session; never personal data."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_kind_created", "kind", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    question: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class TipRatingRow(Base):
    __tablename__ = "tip_ratings"
    # One rating per tip per session: rating again replaces the earlier one.
    __table_args__ = (UniqueConstraint("session_id", "tip_id", name="uq_tip_rating_session_tip"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(String(64))
    tip_id: Mapped[str] = mapped_column(String(60), index=True)
    stars: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class LeadRow(AttributionColumns, Base):
    __tablename__ = "leads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), index=True)  # normalised by email-validator
    lang: Mapped[str] = mapped_column(String(5))
    profile: Mapped[str] = mapped_column(String(60))
    consent_pdf: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_updates_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    updates_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Only a SHA-256 of the opt-in token: a leaked database cannot confirm anyone's opt-in.
    optin_token_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    consent_version: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class OutboxRow(Base):
    """One mail. status: pending -> sending -> sent | failed, or pending again after a temporary
    failure; cancelled by staff. A send whose outcome is unknown (no reply after the message went
    out) is pending with `unsure_since` set and is not tried again within the hour."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status_next", "status", "next_attempt_at"),
        UniqueConstraint("idempotency_key", name="uq_outbox_idempotency_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    to_email: Mapped[str] = mapped_column(String(320), index=True)
    to_name: Mapped[str] = mapped_column(String(200))
    lang: Mapped[str] = mapped_column(String(5))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary)
    attachment_name: Mapped[str | None] = mapped_column(String(200))
    # The visitor's week as a calendar file (.ics), attached beside the PDF; dropped once sent.
    calendar: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # The quiz session that asked for the mail: the funnel's mail_sent step.
    session_id: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Set at the first claim and kept across retries, so receivers can drop a duplicate.
    message_id: Mapped[str | None] = mapped_column(String(250))
    # Bulk --send: one key per participant and content, so a second run queues nothing new.
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    unsure_since: Mapped[datetime | None] = mapped_column(DateTime)


class MailRequestRow(Base):
    """One accepted mail-form request, for the abuse limits. Deleted once the limits no longer
    look back that far (when a later request is stored), by `forget` of its address and by
    `purge`. Both keys are SHA-256 hashes: of the mailbox and of the client's network address."""

    __tablename__ = "mail_requests"
    __table_args__ = (
        Index("ix_mail_requests_address", "address_key", "created_at"),
        Index("ix_mail_requests_client", "client_key", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    address_key: Mapped[str] = mapped_column(String(64))
    client_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class LoginThrottleRow(Base):
    """Failed staff logins, per client and one row for all clients together (key "global").

    Shared through the database so every replica enforces the same lockout. A client is stored
    only as a keyed hash of its address (see werkstijl/lockout.py), and its row is deleted a day
    after its last attempt.
    """

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    window_start: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # A client: locked until then. The global row: the next attempt slot while slowed down.
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    lockouts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


# --- Content versions and drafts (the content studio; every replica reads them) ---


class ContentVersionRow(Base):
    """One published, valid state of all content files; the newest one is what visitors get."""

    __tablename__ = "content_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    author: Mapped[str | None] = mapped_column(String(200))  # the staff name; None for disk/CLI
    source: Mapped[str] = mapped_column(String(10))  # disk | studio | import | restore
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    files: Mapped[dict[str, str]] = mapped_column(JSON)  # relative path -> YAML text
    file_hashes: Mapped[dict[str, str]] = mapped_column(JSON)  # relative path -> sha256 of text


class ContentDraftRow(Base):
    """A file edited in the studio and not yet published (one shared draft per file)."""

    __tablename__ = "content_drafts"

    path: Mapped[str] = mapped_column(String(300), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(200))
    # sha256 of the published text the draft started from: tells when the published file
    # changed underneath the draft (a git edit or an import published meanwhile)
    base_hash: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
