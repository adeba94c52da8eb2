"""Personal data: leads with their consent, the mails queued for them, export and erasure."""

from __future__ import annotations

import csv
import hashlib
import io
import secrets
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from werkstijl.attribution import PARAMS as SOURCE_COLUMNS
from werkstijl.attribution import Attribution

from .db import Database, fold, folded
from .models import EventRow, LeadRow, MailRequestRow, OutboxRow, utcnow
from .records import ForgetCounts, Lead, LimitKeys, NewLead, NewMail, SavedLead

# Cells starting with these are formulas (or become one) in Excel, LibreOffice and Google Sheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# PostgreSQL text cannot hold NUL, and a query parameter with one raises DataError there.
_NUL = "\x00"
OPTIN_VALID = timedelta(days=30)  # an opt-in link works once, within this time
# Providers that ignore dots in the local part (jan.jansen@ and janjansen@ are one mailbox).
_DOTLESS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}
CSV_COLUMNS = (
    "name",
    "email",
    "lang",
    "profile",
    "consent_pdf",
    "updates_requested",
    "updates_confirmed_at",
    "consent_version",
    "created_at",
    *SOURCE_COLUMNS,  # where the visit came from (utm_* and src)
)


def new_optin_token() -> str:
    """A random, URL-safe token for the opt-in link (only its hash is stored)."""
    return secrets.token_urlsafe(24)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def mailbox(email: str) -> str:
    """The mailbox an address reaches, for limits: case ignored, '+tag' dropped, and the dots
    Gmail ignores ('Jan.Jansen+quiz@GoogleMail.com' -> 'janjansen@gmail.com')."""
    local, _, domain = email.strip().lower().rpartition("@")
    local = local.split("+", 1)[0] or local
    domain = domain.rstrip(".")
    if domain in _DOTLESS:
        local, domain = local.replace(".", ""), _DOTLESS[domain]
    return f"{local}@{domain}"


def address_key(email: str) -> str:
    """The hash under which the limits count an address's requests (see `mailbox`)."""
    return hashlib.sha256(("mailbox:" + mailbox(email)).encode("utf-8")).hexdigest()


def _like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def excel_safe(value: object) -> str:
    """A cell value that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _outbox_row(mail: NewMail, lead_id: int | None) -> OutboxRow:
    now = utcnow()
    return OutboxRow(
        lead_id=lead_id,
        kind=mail.kind,
        to_email=mail.to_email,
        to_name=mail.to_name,
        lang=mail.lang,
        subject=mail.subject,
        body_text=mail.body_text,
        body_html=mail.body_html,
        attachment=mail.attachment,
        attachment_name=mail.attachment_name,
        calendar=mail.calendar,
        session_id=mail.session_id,
        status="pending",
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )


def _lead(row: LeadRow) -> Lead:
    return Lead(
        id=row.id,
        name=row.name,
        email=row.email,
        lang=row.lang,
        profile=row.profile,
        consent_pdf=row.consent_pdf,
        consent_updates_requested=row.consent_updates_requested,
        updates_confirmed_at=row.updates_confirmed_at,
        consent_version=row.consent_version,
        created_at=row.created_at,
        source=Attribution(row.src, row.utm_source, row.utm_medium, row.utm_campaign),
    )


class LeadStore(Database):
    def save_lead_with_mail(
        self,
        lead: NewLead,
        mail: NewMail | None,
        *,
        optin_mail: NewMail | None = None,
        optin_token: str | None = None,
        session_id: str | None = None,
        limit_keys: LimitKeys | None = None,
        forget_requests_before: datetime | None = None,
    ) -> SavedLead:
        """Stores the lead and its mail(s) in ONE transaction: either all are queued or none.

        With `session_id`, the funnel's `form_sent` step is recorded in the same transaction (the
        app should not log it separately). With `limit_keys`, the request is counted for the
        abuse limits; requests older than `forget_requests_before` are deleted meanwhile.
        """
        now = utcnow()
        row = LeadRow(
            name=lead.name,
            email=lead.email,
            lang=lead.lang,
            profile=lead.profile,
            consent_pdf=lead.consent_pdf,
            consent_updates_requested=lead.consent_updates_requested,
            optin_token_hash=hash_token(optin_token) if optin_token else None,
            consent_version=lead.consent_version,
            created_at=now,
            **lead.source.columns(),
        )
        with self.session() as s:
            s.add(row)
            s.flush()
            mails = [_outbox_row(m, row.id) if m else None for m in (mail, optin_mail)]
            s.add_all([m for m in mails if m is not None])
            if session_id:
                s.add(
                    EventRow(
                        session_id=session_id,
                        kind="form_sent",
                        created_at=now,
                        **lead.source.columns(),
                    )
                )
            if limit_keys is not None:
                if forget_requests_before is not None:
                    s.execute(
                        delete(MailRequestRow).where(
                            MailRequestRow.created_at < forget_requests_before
                        )
                    )
                s.add(
                    MailRequestRow(
                        address_key=limit_keys.address, client_key=limit_keys.client, created_at=now
                    )
                )
            s.flush()
            return SavedLead(row.id, *(m.id if m else None for m in mails))

    def mail_requests_since(
        self, since: datetime, *, address: str | None = None, client: str | None = None
    ) -> int:
        """Mail-form requests since a moment for one address key or one client key."""
        query = select(func.count(MailRequestRow.id)).where(MailRequestRow.created_at >= since)
        if address is not None:
            query = query.where(MailRequestRow.address_key == address)
        if client is not None:
            query = query.where(MailRequestRow.client_key == client)
        with self.session() as s:
            return s.scalar(query) or 0

    def queue_mail(self, mail: NewMail) -> int:
        """Queues a mail without a lead (bulk `--send` for a trainer's group); returns its id."""
        with self.session() as s:
            row = _outbox_row(mail, None)
            s.add(row)
            s.flush()
            return row.id

    def queue_mail_once(self, mail: NewMail, key: str) -> int | None:
        """Queues a mail unless one with the same idempotency `key` was ever queued (bulk
        `--send` run again); returns the new id, or None when it was queued before."""
        try:
            with self.session() as s:
                if s.scalar(select(OutboxRow.id).where(OutboxRow.idempotency_key == key)):
                    return None
                row = _outbox_row(mail, None)
                row.idempotency_key = key
                s.add(row)
                s.flush()
                return row.id
        except IntegrityError:  # another run queued the same mail a moment ago
            return None

    def confirm_optin(self, token: str) -> bool:
        """Confirms the updates opt-in of the lead holding this token, once: the token is used
        up, and it only works within OPTIN_VALID of the request. False otherwise."""
        if not token or len(token) > 200 or _NUL in token:
            return False
        now = utcnow()
        with self.session() as s:
            done = s.execute(
                update(LeadRow)
                .where(
                    LeadRow.optin_token_hash == hash_token(token),
                    LeadRow.consent_updates_requested.is_(True),
                    LeadRow.created_at >= now - OPTIN_VALID,
                )
                .values(updates_confirmed_at=now, optin_token_hash=None)
                .execution_options(synchronize_session=False)
            ).rowcount
            return done == 1

    def optin_state(self, token: str) -> str:
        """What an opt-in link would do, without using it: 'valid', 'expired' or 'unknown'
        (wrong, or already used)."""
        if not token or len(token) > 200 or _NUL in token:
            return "unknown"
        with self.session() as s:
            created = s.scalar(
                select(LeadRow.created_at).where(
                    LeadRow.optin_token_hash == hash_token(token),
                    LeadRow.consent_updates_requested.is_(True),
                )
            )
        if created is None:
            return "unknown"
        return "valid" if created >= utcnow() - OPTIN_VALID else "expired"

    def leads(self, search: str | None = None, limit: int = 1000) -> list[Lead]:
        """Newest leads first, optionally those whose name or address contains `search`,
        ignoring case and accents ('emile' finds 'Émile')."""
        query = select(LeadRow).order_by(LeadRow.created_at.desc(), LeadRow.id.desc()).limit(limit)
        if search and _NUL in search:  # nothing stored holds one (PostgreSQL would raise)
            return []
        if search and search.strip():
            pattern = _like(fold(search.strip()))
            query = query.where(
                or_(
                    folded(LeadRow.name).like(pattern, escape="\\"),
                    folded(LeadRow.email).like(pattern, escape="\\"),
                )
            )
        with self.session() as s:
            return [_lead(row) for row in s.scalars(query)]

    def person_export(self, email: str) -> dict[str, list[dict[str, object]]]:
        """Everything stored about one address (a GDPR access request), as plain data."""
        wanted = email.strip().lower()
        with self.session() as s:
            leads = s.scalars(select(LeadRow).where(func.lower(LeadRow.email) == wanted)).all()
            lead_ids = [row.id for row in leads]
            mails = s.scalars(
                select(OutboxRow).where(
                    or_(func.lower(OutboxRow.to_email) == wanted, OutboxRow.lead_id.in_(lead_ids))
                )
            ).all()
            return {
                "leads": [asdict(_lead(row)) for row in leads],
                "mails": [
                    {
                        "kind": m.kind,
                        "subject": m.subject,
                        "status": m.status,
                        "attachment_name": m.attachment_name,
                        "created_at": m.created_at,
                        "sent_at": m.sent_at,
                    }
                    for m in mails
                ],
            }

    def export_leads_csv(
        self,
        search: str | None = None,
        *,
        header: Sequence[str] = CSV_COLUMNS,
        yes_no: tuple[str, str] = ("yes", "no"),
    ) -> str:
        """All (matching) leads as CSV text; formula-like cells are neutralised for spreadsheets.

        `;`-separated, so Dutch Excel (whose list separator is `;`) opens it in columns; encode
        with "utf-8-sig" for a download so Excel shows accents correctly. The columns are always
        CSV_COLUMNS, in that order; `header` names them and `yes_no` words the two consent
        columns in the reader's language (the staff page passes its own words).
        """
        if len(header) != len(CSV_COLUMNS):
            raise ValueError(f"header needs {len(CSV_COLUMNS)} names, got {len(header)}")
        yes, no = yes_no
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(excel_safe(name) for name in header)
        for lead in self.leads(search, limit=1_000_000):
            writer.writerow(
                excel_safe(v)
                for v in (
                    lead.name,
                    lead.email,
                    lead.lang,
                    lead.profile,
                    yes if lead.consent_pdf else no,
                    yes if lead.consent_updates_requested else no,
                    _iso(lead.updates_confirmed_at),
                    lead.consent_version,
                    _iso(lead.created_at),
                    *(lead.source.columns()[name] for name in SOURCE_COLUMNS),
                )
            )
        return out.getvalue()

    def forget(self, email: str) -> ForgetCounts:
        """Erases everything stored about an address: its leads, their mails and PDFs."""
        wanted = email.strip().lower()
        if not wanted or _NUL in wanted:  # a pasted NUL: no address holds one
            return ForgetCounts(0, 0, 0)
        with self.session() as s:  # the limits' count of this mailbox goes too
            s.execute(
                delete(MailRequestRow).where(MailRequestRow.address_key == address_key(wanted))
            )
        return self._erase(
            func.lower(LeadRow.email) == wanted, func.lower(OutboxRow.to_email) == wanted
        )

    def purge_older_than(self, days: int) -> ForgetCounts:
        """Erases leads and mails older than `days` (the retention the privacy text promises)."""
        cutoff = utcnow() - timedelta(days=days)
        with self.session() as s:
            s.execute(delete(MailRequestRow).where(MailRequestRow.created_at < cutoff))
        return self._erase(LeadRow.created_at < cutoff, OutboxRow.created_at < cutoff)

    def _erase(
        self, lead_filter: ColumnElement[bool], mail_filter: ColumnElement[bool]
    ) -> ForgetCounts:
        """Deletes matching leads, their mails and matching mails, in one transaction."""
        # A subquery, not a list of ids: a purge of more than 65,535 leads would exceed
        # PostgreSQL's limit on bind parameters per statement (and fail every day after).
        lead_ids = select(LeadRow.id).where(lead_filter)
        with self.session() as s:
            mails_filter = or_(mail_filter, OutboxRow.lead_id.in_(lead_ids))
            attachments = s.scalar(
                select(func.count(OutboxRow.id)).where(
                    mails_filter, OutboxRow.attachment.is_not(None)
                )
            )
            mails = s.execute(delete(OutboxRow).where(mails_filter)).rowcount
            leads = s.execute(delete(LeadRow).where(lead_filter)).rowcount
            return ForgetCounts(leads=leads, outbox=mails, attachments=attachments or 0)


def _iso(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else ""
