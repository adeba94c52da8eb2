"""Outbox rows: claiming them safely across workers and recording how a send went.

A row is claimed by one conditional UPDATE (`... WHERE id = ? AND <still claimable>`) whose row
count tells whether this worker won; on PostgreSQL the candidate SELECT also uses
`FOR UPDATE SKIP LOCKED`, so workers do not even queue behind each other.

A mail may have reached the receiver although nobody recorded it: its worker was killed mid-send
(the row stays 'sending'), or the server went silent after the message went out (`mark_unsure`).
Neither is tried again within UNSURE_WAIT, and every try carries the Message-ID fixed at the
first claim, so a receiver can drop a duplicate.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, func, or_, select, update
from sqlalchemy.orm import Session

from .db import Database
from .models import EventRow, OutboxRow, utcnow
from .records import ClaimedMail, MailState, NewMail, OutboxCounts, OutboxMail

UNSURE_WAIT = timedelta(hours=1)
STALE_AFTER = UNSURE_WAIT  # a 'sending' row this old lost its worker; it may have been sent
CANDIDATES = 1  # rows one claim locks on PostgreSQL; other workers skip them, so keep it small


def _claimable(now: datetime, retry_now: bool) -> ColumnElement[bool]:
    due = OutboxRow.status == "pending"
    if retry_now:  # ignores the backoff, never the wait after an unknown outcome
        due = and_(due, or_(OutboxRow.unsure_since.is_(None), OutboxRow.next_attempt_at <= now))
    else:
        due = and_(due, OutboxRow.next_attempt_at <= now)
    stale = and_(OutboxRow.status == "sending", OutboxRow.claimed_at < now - STALE_AFTER)
    return or_(due, stale)


def _claimed(row: OutboxRow) -> ClaimedMail:
    mail = NewMail(
        kind=row.kind,
        to_email=row.to_email,
        to_name=row.to_name,
        lang=row.lang,
        subject=row.subject,
        body_text=row.body_text,
        body_html=row.body_html,
        attachment=row.attachment,
        attachment_name=row.attachment_name,
        session_id=row.session_id,
        calendar=row.calendar,
        message_id=row.message_id,
    )
    return ClaimedMail(id=row.id, mail=mail, attempts=row.attempts, claimed_by=row.claimed_by or "")


def new_message_id(domain: str) -> str:
    """A Message-ID that no other mail has: random, at the sender's domain."""
    return f"<{secrets.token_hex(16)}.werkstijl@{domain or 'werkstijltest.invalid'}>"


_RETRYABLE = or_(OutboxRow.kind != "pdf", OutboxRow.attachment.is_not(None))


class OutboxStore(Database):
    def claim_mail(
        self,
        worker: str,
        *,
        outbox_id: int | None = None,
        retry_now: bool = False,
        exclude: Collection[int] = (),
        message_domain: str = "",
    ) -> ClaimedMail | None:
        """Claims the next due mail (or exactly `outbox_id`) for `worker`; None if none is free.

        A mail claimed for the first time gets its Message-ID (at `message_domain`)."""
        with self.session() as s:
            now = utcnow()
            candidates = (
                self._due(now, retry_now, exclude)
                .order_by(OutboxRow.next_attempt_at, OutboxRow.id)
                .limit(CANDIDATES)
                .with_for_update(skip_locked=True)
            )
            if outbox_id is not None:
                candidates = candidates.where(OutboxRow.id == outbox_id)
            for row_id in list(s.scalars(candidates)):
                won = s.execute(
                    update(OutboxRow)
                    .where(OutboxRow.id == row_id, _claimable(now, retry_now))
                    .values(
                        status="sending",
                        claimed_by=worker,
                        claimed_at=now,
                        attempts=OutboxRow.attempts + 1,
                        message_id=func.coalesce(
                            OutboxRow.message_id, new_message_id(message_domain)
                        ),
                    )
                    .execution_options(synchronize_session=False)
                ).rowcount
                if won == 1:
                    return _claimed(s.get_one(OutboxRow, row_id, populate_existing=True))
            return None

    @staticmethod
    def _due(now: datetime, retry_now: bool, exclude: Collection[int]):
        query = select(OutboxRow.id).where(_claimable(now, retry_now))
        if exclude:  # rows this worker already tried in this pass
            query = query.where(OutboxRow.id.not_in(list(exclude)))
        return query

    def due_count(self, *, retry_now: bool = False, exclude: Collection[int] = ()) -> int:
        """How many mails could be claimed now (some may be locked by another worker's claim)."""
        with self.session() as s:
            due = self._due(utcnow(), retry_now, exclude).subquery()
            return s.scalar(select(func.count()).select_from(due)) or 0

    def mark_sent(self, claim: ClaimedMail) -> bool:
        """Records a delivered mail, drops its PDF (no longer needed) and logs the funnel step."""
        with self.session() as s:
            now = utcnow()
            done = self._finish(
                s,
                claim,
                status="sent",
                sent_at=now,
                attachment=None,
                calendar=None,
                last_error=None,
                unsure_since=None,
            )
            if done and claim.mail.kind == "pdf" and claim.mail.session_id:
                s.add(EventRow(session_id=claim.mail.session_id, kind="mail_sent", created_at=now))
            return done

    def mark_retry(self, claim: ClaimedMail, error: str, next_attempt_at: datetime) -> bool:
        """Puts a mail back in the queue after a temporary failure."""
        return self._requeue(
            claim, next_attempt_at=next_attempt_at, last_error=error[:500], unsure_since=None
        )

    def mark_unsure(self, claim: ClaimedMail, error: str) -> bool:
        """The message went out but no reply came: it may have been delivered. Pending again, but
        not before UNSURE_WAIT has passed (not even with --retry-now)."""
        now = utcnow()
        return self._requeue(
            claim, next_attempt_at=now + UNSURE_WAIT, last_error=error[:500], unsure_since=now
        )

    def mark_failed(self, claim: ClaimedMail, error: str, *, keep_content: bool = False) -> bool:
        """Gives up on a mail. Its PDF is dropped when nobody can send it any more (the receiver
        refused it); after temporary failures it is kept, so staff can retry after a fix."""
        values: dict[str, object] = {"status": "failed", "last_error": error[:500]}
        if not keep_content:
            values["attachment"] = values["calendar"] = None
        with self.session() as s:
            return self._finish(s, claim, **values)

    def release_mail(self, claim: ClaimedMail, error: str | None = None) -> bool:
        """Returns a claimed mail untried (e.g. the set-up is wrong), without counting an attempt;
        `error` says why it waits."""
        values: dict[str, object] = {"attempts": OutboxRow.attempts - 1}
        if error is not None:
            values["last_error"] = error[:500]
        return self._requeue(claim, **values)

    def _requeue(self, claim: ClaimedMail, **values: object) -> bool:
        """Makes a claimed mail pending (and claimable by any worker) again."""
        with self.session() as s:
            return self._finish(
                s, claim, status="pending", claimed_by=None, claimed_at=None, **values
            )

    @staticmethod
    def _finish(s: Session, claim: ClaimedMail, **values: object) -> bool:
        # Only the worker that still owns the claim may finish it (a forgotten row is simply gone).
        result = s.execute(
            update(OutboxRow)
            .where(
                OutboxRow.id == claim.id,
                OutboxRow.status == "sending",
                OutboxRow.claimed_by == claim.claimed_by,
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    def retry_mails(self, ids: Collection[int]) -> int:
        """Staff: send these waiting or failed mails at the next pass (a failed one gets its
        attempts back). Mails that no longer hold their PDF cannot be retried."""
        if not ids:
            return 0
        with self.session() as s:
            return s.execute(
                update(OutboxRow)
                .where(
                    OutboxRow.id.in_(list(ids)),
                    OutboxRow.status.in_(("pending", "failed")),
                    _RETRYABLE,
                )
                .values(
                    status="pending",
                    next_attempt_at=utcnow(),
                    unsure_since=None,
                    attempts=case((OutboxRow.status == "failed", 0), else_=OutboxRow.attempts),
                )
                .execution_options(synchronize_session=False)
            ).rowcount

    def cancel_mails(self, ids: Collection[int]) -> int:
        """Staff: never send these waiting or failed mails; their PDFs are dropped."""
        if not ids:
            return 0
        with self.session() as s:
            return s.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_(list(ids)), OutboxRow.status.in_(("pending", "failed")))
                .values(status="cancelled", attachment=None, calendar=None)
                .execution_options(synchronize_session=False)
            ).rowcount

    def outbox_counts(self) -> OutboxCounts:
        with self.session() as s:
            rows = s.execute(select(OutboxRow.status, func.count()).group_by(OutboxRow.status))
            return OutboxCounts(
                **{status: n for status, n in rows if status in OutboxCounts.__annotations__}
            )

    def outbox_mails(self, limit: int = 200) -> list[OutboxMail]:
        """The newest mails, for the staff outbox list."""
        query = (
            select(
                OutboxRow.id,
                OutboxRow.kind,
                OutboxRow.to_email,
                OutboxRow.status,
                OutboxRow.attempts,
                OutboxRow.last_error,
                OutboxRow.created_at,
                OutboxRow.sent_at,
                OutboxRow.next_attempt_at,
                OutboxRow.unsure_since.is_not(None),
                _RETRYABLE,
            )
            .order_by(OutboxRow.created_at.desc(), OutboxRow.id.desc())
            .limit(limit)
        )
        with self.session() as s:
            return [
                OutboxMail(*row[:9], unsure=bool(row[9]), retryable=bool(row[10]))
                for row in s.execute(query)
            ]

    def mail_status(self, outbox_id: int) -> tuple[str, str | None] | None:
        """(status, last_error) of one mail."""
        state = self.mail_state(outbox_id)
        return (state.status, state.last_error) if state else None

    def mail_state(self, outbox_id: int) -> MailState | None:
        """Where one mail stands, e.g. for the visitor's page to say what is true now."""
        with self.session() as s:
            row = s.execute(
                select(
                    OutboxRow.status,
                    OutboxRow.attempts,
                    OutboxRow.last_error,
                    OutboxRow.unsure_since.is_not(None),
                ).where(OutboxRow.id == outbox_id)
            ).first()
            return MailState(row[0], row[1], row[2], bool(row[3])) if row else None
