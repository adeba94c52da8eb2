"""Read-only figures for the staff pages; all anonymous (no lead data is read here)."""

from __future__ import annotations

import statistics
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, datetime, time

from sqlalchemy import extract, func, select

from werkstijl.attribution import Attribution

from .db import Database
from .models import EventRow, ResultRow, TipRatingRow
from .records import DayCount, Funnel, SourceCount, TipStat

SOURCE_STEPS = ("started", "completed", "pdf_downloaded", "form_sent")
AFTER_RESULT = ("pdf_downloaded", "form_sent", "mail_sent")
# A session saw a result when it completed the quiz or opened a result link; a step taken after
# the result proves one too (a result seen before the period, or before `result_opened` was
# recorded), so no step after the result can outnumber the sessions that saw one.
SAW_RESULT = ("completed", "result_opened", *AFTER_RESULT)


def _as_date(value: object) -> date:
    # SQLite's date() returns text, PostgreSQL's a date.
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


class InsightStore(Database):
    def completions_per_day(
        self, days: Sequence[date], bounds: Sequence[datetime]
    ) -> list[DayCount]:
        """Completed quizzes per day, zeros included, for days given by their naive UTC bounds:
        `bounds[i]` starts `days[i]`, the last bound ends the last day (so the caller decides
        whose days they are, e.g. Amsterdam's; see werkstijl/ui/staff/period.py).

        The database counts per UTC date and hour (a few thousand rows at most for a year, the
        same SQL on SQLite and PostgreSQL); each hour then falls in the day whose bounds hold it.
        That is exact for bounds on whole UTC hours, as every Dutch midnight is.
        """
        if len(bounds) != len(days) + 1:
            raise ValueError("completions_per_day needs one bound more than days")
        if any(b.minute or b.second or b.microsecond for b in bounds):
            raise ValueError("completions_per_day needs bounds on whole UTC hours")
        day = func.date(ResultRow.created_at)
        hour = extract("hour", ResultRow.created_at)
        query = (
            select(day, hour, func.count(ResultRow.id))
            .where(ResultRow.created_at >= bounds[0], ResultRow.created_at < bounds[-1])
            .group_by(day, hour)
        )
        counts = [0] * len(days)
        with self.session() as s:
            for utc_day, utc_hour, n in s.execute(query):
                moment = datetime.combine(_as_date(utc_day), time(int(utc_hour)))
                counts[bisect_right(bounds, moment) - 1] += n
        return [DayCount(d, n) for d, n in zip(days, counts, strict=True)]

    def funnel(self, since: datetime | None = None) -> Funnel:
        """Distinct sessions per funnel step, per question for 'answered', and the sessions that
        saw a result (`SAW_RESULT`): each counted once however often it took a step."""
        sessions = func.count(func.distinct(EventRow.session_id))
        query = select(EventRow.kind, EventRow.question, sessions).group_by(
            EventRow.kind, EventRow.question
        )
        with_result = select(sessions).where(EventRow.kind.in_(SAW_RESULT))
        if since is not None:
            query = query.where(EventRow.created_at >= since)
            with_result = with_result.where(EventRow.created_at >= since)
        totals: dict[str, int] = {}
        answered: dict[int, int] = {}
        ended_early: dict[int, int] = {}
        per_question = {"answered": answered, "ended_early": ended_early}
        with self.session() as s:
            for kind, question, n in s.execute(query):
                if kind in per_question and question is not None:
                    per_question[kind][question] = n
                elif kind not in per_question:
                    totals[kind] = totals.get(kind, 0) + n
            seen = s.scalar(with_result) or 0
        return Funnel(
            started=totals.get("started", 0),
            answered=dict(sorted(answered.items())),
            completed=totals.get("completed", 0),
            pdf_downloaded=totals.get("pdf_downloaded", 0),
            form_sent=totals.get("form_sent", 0),
            mail_sent=totals.get("mail_sent", 0),
            ended_early=dict(sorted(ended_early.items())),
            with_result=seen,
        )

    def profile_distribution(self, since: datetime | None = None) -> dict[str, int]:
        """Completed quizzes per primary profile, most frequent first."""
        query = select(ResultRow.profile, func.count(ResultRow.id)).group_by(ResultRow.profile)
        if since is not None:
            query = query.where(ResultRow.created_at >= since)
        with self.session() as s:
            rows = list(s.execute(query))
        return {p: n for p, n in sorted(rows, key=lambda r: (-r[1], r[0]))}

    def tip_rating_stats(self, since: datetime | None = None) -> list[TipStat]:
        """Average stars and number of ratings per tip, best rated first."""
        query = select(
            TipRatingRow.tip_id, func.avg(TipRatingRow.stars), func.count(TipRatingRow.id)
        ).group_by(TipRatingRow.tip_id)
        if since is not None:
            query = query.where(TipRatingRow.created_at >= since)
        with self.session() as s:
            stats = [TipStat(t, round(float(avg), 2), n) for t, avg, n in s.execute(query)]
        return sorted(stats, key=lambda t: (-t.average, -t.count, t.tip_id))

    def median_duration_s(self, since: datetime | None = None) -> float | None:
        """Median time to complete the quiz in seconds (None before the first timed result)."""
        query = select(ResultRow.duration_s).where(ResultRow.duration_s.is_not(None))
        if since is not None:
            query = query.where(ResultRow.created_at >= since)
        with self.session() as s:
            durations = list(s.scalars(query))
        return float(statistics.median(durations)) if durations else None

    def source_counts(self, since: datetime | None = None) -> list[SourceCount]:
        """Per source and campaign: sessions that started, completed, downloaded the PDF and
        asked for it by mail; most starts first, visits without a source included."""
        columns = (EventRow.src, EventRow.utm_source, EventRow.utm_medium, EventRow.utm_campaign)
        sessions = func.count(func.distinct(EventRow.session_id))
        query = (
            select(*columns, EventRow.kind, sessions)
            .where(EventRow.kind.in_(SOURCE_STEPS))
            .group_by(*columns, EventRow.kind)
        )
        if since is not None:
            query = query.where(EventRow.created_at >= since)
        counts: dict[Attribution, dict[str, int]] = {}
        with self.session() as s:
            for src, utm_source, medium, campaign, kind, n in s.execute(query):
                source = Attribution(src, utm_source, medium, campaign)
                counts.setdefault(source, {})[kind] = n
        rows = [SourceCount(source, **steps) for source, steps in counts.items()]
        return sorted(rows, key=lambda r: (-r.started, -r.completed, str(r.source.as_query())))

    def questions_answered(self, since: datetime | None = None) -> dict[int, int]:
        """Completed quizzes per number of questions answered: a handful of rows however many
        results there are."""
        query = (
            select(ResultRow.answered, func.count(ResultRow.id))
            .where(ResultRow.answered.is_not(None))
            .group_by(ResultRow.answered)
        )
        if since is not None:
            query = query.where(ResultRow.created_at >= since)
        with self.session() as s:
            return dict(sorted((int(k), int(n)) for k, n in s.execute(query)))

    def median_answered(self, since: datetime | None = None) -> float | None:
        """Median number of questions answered per completed quiz (None before the first)."""
        return median_of_counts(self.questions_answered(since))


def median_of_counts(counts: dict[int, int]) -> float | None:
    """The median of values given as {value: how often}: `statistics.median` without the list."""
    total = sum(counts.values())
    if not total:
        return None
    middle: list[int] = []
    seen = 0
    for value, n in sorted(counts.items()):
        for position in ((total - 1) // 2, total // 2):
            if seen <= position < seen + n:
                middle.append(value)
        seen += n
    return sum(middle) / len(middle)
