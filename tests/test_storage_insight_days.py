"""Insight days are Dutch days: the store counts by the Europe/Amsterdam bounds it is given,
the same on SQLite and PostgreSQL (db_store runs each test on both)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update

from werkstijl.storage import Store
from werkstijl.storage.models import EventRow, ResultRow
from werkstijl.ui.staff.period import last_days


def result_at(store: Store, at: datetime, profile: str = "alpha") -> None:
    """A completed quiz stamped at `at` (naive UTC, as stored)."""
    row = store.save_result("s", [1], {profile: 1}, profile, "beta", "nl", 60)
    with store.session() as s:
        s.get_one(ResultRow, row).created_at = at


def counts(store: Store, days: int, now: datetime) -> dict[date, int]:
    period = last_days(days, now)
    return {d.day: d.count for d in store.completions_per_day(period.days, period.bounds)}


def test_a_winter_result_at_half_past_midnight_dutch_time_counts_for_that_day(db_store):
    # 2 March 2026 (CET, UTC+1) starts at 23:00 UTC on 1 March.
    result_at(db_store, datetime(2026, 2, 28, 22, 59, 59), "beta")  # 28 Feb 23:59:59: outside
    result_at(db_store, datetime(2026, 2, 28, 23, 0))  # 1 Mar 00:00
    result_at(db_store, datetime(2026, 3, 1, 22, 59, 59))  # 1 Mar 23:59:59
    result_at(db_store, datetime(2026, 3, 1, 23, 30))  # 2 Mar 00:30
    result_at(db_store, datetime(2026, 3, 2, 22, 59, 59))  # 2 Mar 23:59:59
    result_at(db_store, datetime(2026, 3, 2, 23, 0), "gamma")  # 3 Mar 00:00: after the period
    now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    assert counts(db_store, 2, now) == {date(2026, 3, 1): 2, date(2026, 3, 2): 2}
    since = last_days(2, now).since
    assert since == datetime(2026, 2, 28, 23, 0)
    assert db_store.profile_distribution(since) == {"alpha": 4, "gamma": 1}  # not beta


def test_a_summer_result_at_half_past_midnight_dutch_time_counts_for_that_day(db_store):
    # 2 July 2026 (CEST, UTC+2) starts at 22:00 UTC on 1 July.
    result_at(db_store, datetime(2026, 7, 1, 21, 59, 59))  # 1 Jul 23:59:59
    result_at(db_store, datetime(2026, 7, 1, 22, 0))  # 2 Jul 00:00
    result_at(db_store, datetime(2026, 7, 1, 22, 30))  # 2 Jul 00:30
    now = datetime(2026, 7, 2, 9, 0, tzinfo=UTC)
    assert counts(db_store, 1, now) == {date(2026, 7, 2): 2}
    assert counts(db_store, 2, now) == {date(2026, 7, 1): 1, date(2026, 7, 2): 2}
    assert db_store.median_answered(last_days(1, now).since) == 1.0
    assert db_store.profile_distribution(last_days(1, now).since) == {"alpha": 2}


def test_the_days_around_a_clock_change_keep_their_own_results(db_store):
    # Summer time starts on 29 March 2026 at 01:00 UTC: that day has 23 hours.
    result_at(db_store, datetime(2026, 3, 28, 22, 59))  # 28 Mar 23:59 CET
    result_at(db_store, datetime(2026, 3, 28, 23, 0))  # 29 Mar 00:00 CET
    result_at(db_store, datetime(2026, 3, 29, 21, 30))  # 29 Mar 23:30 CEST
    result_at(db_store, datetime(2026, 3, 29, 22, 0))  # 30 Mar 00:00 CEST
    # Winter time returns on 25 October 2026 at 01:00 UTC: that day has 25 hours.
    result_at(db_store, datetime(2026, 10, 24, 22, 0))  # 25 Oct 00:00 CEST
    result_at(db_store, datetime(2026, 10, 25, 22, 59))  # 25 Oct 23:59 CET
    result_at(db_store, datetime(2026, 10, 25, 23, 0))  # 26 Oct 00:00 CET
    march = counts(db_store, 3, datetime(2026, 3, 30, 12, 0, tzinfo=UTC))
    assert list(march.values()) == [1, 2, 1]
    october = counts(db_store, 2, datetime(2026, 10, 26, 12, 0, tzinfo=UTC))
    assert october == {date(2026, 10, 25): 2, date(2026, 10, 26): 1}


def test_the_funnel_starts_at_dutch_midnight(db_store):
    for session in ("before", "after"):
        db_store.log_event(session, "started")
    with db_store.session() as s:
        for session, at in (("before", datetime(2026, 7, 1, 21, 59, 59)),
                            ("after", datetime(2026, 7, 1, 22, 0))):  # fmt: skip
            # through the ORM: SQLite then stores the moment as the app writes it
            s.execute(update(EventRow).where(EventRow.session_id == session).values(created_at=at))
    since = last_days(1, datetime(2026, 7, 2, 9, 0, tzinfo=UTC)).since
    assert db_store.funnel(since).started == 1
    assert [c.started for c in db_store.source_counts(since)] == [1]


def test_day_bounds_must_fit_the_days_and_fall_on_whole_hours(db_store):
    period = last_days(2, datetime(2026, 3, 2, 12, 0, tzinfo=UTC))
    with pytest.raises(ValueError, match="one bound more"):
        db_store.completions_per_day(period.days, period.bounds[:-1])
    off = (*period.bounds[:-1], period.bounds[-1].replace(minute=30))
    with pytest.raises(ValueError, match="whole UTC hours"):
        db_store.completions_per_day(period.days, off)
