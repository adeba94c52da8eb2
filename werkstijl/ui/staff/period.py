"""The insight periods: whole days in Europe/Amsterdam, as the naive UTC bounds the store compares.

A Dutch marketer's 2 March runs from midnight to midnight Dutch time: from 23:00 UTC the evening
before in winter, from 22:00 UTC in summer. The bounds are computed here (zoneinfo) and handed to
the store, so SQLite and PostgreSQL count exactly the same rows without time zones of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from werkstijl.plan import PLAN_TZID as TIME_ZONE
from werkstijl.ui.staff.strings import lang

ZONE = ZoneInfo(TIME_ZONE)
# How a moment is written for staff: day first in Dutch, ISO order in English.
DATE_TIME = {"nl": "%d-%m-%Y %H:%M", "en": "%Y-%m-%d %H:%M"}


def local_time(moment: datetime | None) -> str:
    """A stored (naive UTC) moment in Dutch local time, written the staff language's way
    ('01-03-2026 14:05' in Dutch); '' when empty."""
    if moment is None:
        return ""
    written = DATE_TIME.get(lang(), DATE_TIME["nl"])
    return moment.replace(tzinfo=UTC).astimezone(ZONE).strftime(written)


@dataclass(frozen=True)
class Period:
    """Consecutive local days and their bounds: `bounds[i]` starts `days[i]`, the last one ends
    the period (one more bound than days, all naive UTC like the stored timestamps)."""

    days: tuple[date, ...]
    bounds: tuple[datetime, ...]

    @property
    def since(self) -> datetime:
        return self.bounds[0]

    @property
    def until(self) -> datetime:
        return self.bounds[-1]


def day_start(day: date) -> datetime:
    """The naive UTC moment at which `day` begins in Amsterdam (midnight is never skipped or
    repeated there: the clocks change at 02:00 and 03:00)."""
    local = datetime.combine(day, time.min, tzinfo=ZONE)
    return local.astimezone(UTC).replace(tzinfo=None)


def local_today(now: datetime | None = None) -> date:
    """Today in Amsterdam; `now` is an aware moment or a naive UTC one (as stored)."""
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZONE).date()


def last_days(count: int, now: datetime | None = None) -> Period:
    """The last `count` Amsterdam days, today included."""
    today = local_today(now)
    days = tuple(today - timedelta(days=count - 1 - i) for i in range(count))
    bounds = (*(day_start(d) for d in days), day_start(today + timedelta(days=1)))
    return Period(days, bounds)
