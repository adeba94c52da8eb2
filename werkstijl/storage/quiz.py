"""Anonymous quiz data: results, funnel events and tip ratings (no personal data)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from werkstijl.attribution import Attribution

from .db import Database
from .models import EVENT_KINDS, EventRow, ResultRow, TipRatingRow, utcnow

NO_SOURCE = Attribution()


class QuizStore(Database):
    def save_result(
        self,
        session_id: str,
        answers: Sequence[int],
        scores: Mapping[str, float],
        profile: str,
        runner_up: str,
        lang: str,
        duration_s: float | None = None,
    ) -> int:
        """Stores one completed quiz (`answers` as given: all, or those before an early end);
        returns the result id."""
        row = ResultRow(
            session_id=session_id,
            answers=",".join(str(int(a)) for a in answers),
            answered=len(answers),
            scores={k: float(v) for k, v in scores.items()},
            profile=profile,
            runner_up=runner_up,
            lang=lang,
            duration_s=None if duration_s is None else round(float(duration_s), 1),
            created_at=utcnow(),
        )
        with self.session() as s:
            s.add(row)
            s.flush()
            return row.id

    def log_event(
        self,
        session_id: str,
        kind: str,
        question: int | None = None,
        source: Attribution = NO_SOURCE,
    ) -> None:
        """Records one funnel step. `question` is the 0-based question index for 'answered', and
        for 'ended_early' the index of the last question answered; `source` is where the visit
        came from (utm_* and src, never personal data)."""
        if kind not in EVENT_KINDS:
            raise ValueError(
                f"unknown event kind {kind!r}; expected one of {', '.join(EVENT_KINDS)}"
            )
        with self.session() as s:
            s.add(
                EventRow(
                    session_id=session_id,
                    kind=kind,
                    question=question,
                    created_at=utcnow(),
                    **source.columns(),
                )
            )

    def rate_tip(self, session_id: str, tip_id: str, stars: int) -> None:
        """Stores 1–5 stars for a tip; rating the same tip again in a session replaces it."""
        if not 1 <= int(stars) <= 5:
            raise ValueError(f"stars must be 1 to 5, found {stars}")
        try:
            self._upsert_rating(session_id, tip_id, int(stars))
        except IntegrityError:
            # Two clicks raced to insert the first rating; the second one now updates it.
            self._upsert_rating(session_id, tip_id, int(stars))

    def _upsert_rating(self, session_id: str, tip_id: str, stars: int) -> None:
        with self.session() as s:
            row = s.scalar(
                select(TipRatingRow).where(
                    TipRatingRow.session_id == session_id, TipRatingRow.tip_id == tip_id
                )
            )
            if row is None:
                s.add(
                    TipRatingRow(
                        session_id=session_id, tip_id=tip_id, stars=stars, created_at=utcnow()
                    )
                )
            else:
                row.stars = stars
                row.created_at = utcnow()
