"""Outbox rows: claiming them safely across workers and recording how a send went.

A row is claimed by one conditional UPDATE (`... WHERE id = ? AND <still claimable>`) whose row
count tells whether this worker won; on PostgreSQL the candidate SELECT also uses
`FOR UPDATE SKIP LOCKED`, so workers do not even queue behind each other. A row stuck in
'sending' (its worker died mid-send) becomes claimable again after STALE_AFTER, which is far
longer than any SMTP timeout.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import Session

from .db import Database
from .models import EventRow, OutboxRow, utcnow
from .records import ClaimedMail, NewMail, OutboxCounts

STALE_AFTER = timedelta(minutes=15)
CANDIDATES = 10


def _claimable(now: datetime, retry_now: bool) -> ColumnElement[bool]:
    due = OutboxRow.status == "pending"
    if not retry_now:
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
    )
    return ClaimedMail(id=row.id, mail=mail, attempts=row.attempts, claimed_by=row.claimed_by or "")


class OutboxStore(Database):
    def claim_mail(
        self,
        worker: str,
        *,
        outbox_id: int | None = None,
        retry_now: bool = False,
        exclude: Collection[int] = (),
    ) -> ClaimedMail | None:
        """Claims the next due mail (or exactly `outbox_id`) for `worker`; None if none is free."""
        with self.session() as s:
            now = utcnow()
            candidates = (
                select(OutboxRow.id)
                .where(_claimable(now, retry_now))
                .order_by(OutboxRow.next_attempt_at, OutboxRow.id)
                .limit(CANDIDATES)
                .with_for_update(skip_locked=True)
            )
            if outbox_id is not None:
                candidates = candidates.where(OutboxRow.id == outbox_id)
            if exclude:  # rows this worker already tried in this pass
                candidates = candidates.where(OutboxRow.id.not_in(list(exclude)))
            for row_id in list(s.scalars(candidates)):
                won = s.execute(
                    update(OutboxRow)
                    .where(OutboxRow.id == row_id, _claimable(now, retry_now))
                    .values(
                        status="sending",
                        claimed_by=worker,
                        claimed_at=now,
                        attempts=OutboxRow.attempts + 1,
                    )
                    .execution_options(synchronize_session=False)
                ).rowcount
                if won == 1:
                    return _claimed(s.get_one(OutboxRow, row_id, populate_existing=True))
            return None

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
            )
            if done and claim.mail.kind == "pdf" and claim.mail.session_id:
                s.add(EventRow(session_id=claim.mail.session_id, kind="mail_sent", created_at=now))
            return done

    def mark_retry(self, claim: ClaimedMail, error: str, next_attempt_at: datetime) -> bool:
        """Puts a mail back in the queue after a temporary failure."""
        return self._requeue(claim, next_attempt_at=next_attempt_at, last_error=error[:500])

    def mark_failed(self, claim: ClaimedMail, error: str) -> bool:
        """Gives up on a mail for good; its PDF is dropped since it will never be sent."""
        with self.session() as s:
            return self._finish(
                s, claim, status="failed", attachment=None, calendar=None, last_error=error[:500]
            )

    def release_mail(self, claim: ClaimedMail) -> bool:
        """Returns a claimed mail untouched (nothing was tried), without counting an attempt."""
        return self._requeue(claim, attempts=OutboxRow.attempts - 1)

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

    def outbox_counts(self) -> OutboxCounts:
        with self.session() as s:
            rows = s.execute(select(OutboxRow.status, func.count()).group_by(OutboxRow.status))
            return OutboxCounts(
                **{status: n for status, n in rows if status in OutboxCounts.__annotations__}
            )

    def mail_status(self, outbox_id: int) -> tuple[str, str | None] | None:
        """(status, last_error) of one mail, e.g. for the app to tell whether it went out."""
        with self.session() as s:
            row = s.execute(
                select(OutboxRow.status, OutboxRow.last_error).where(OutboxRow.id == outbox_id)
            ).first()
            return (row[0], row[1]) if row else None
