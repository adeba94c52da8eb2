"""The insight periods are Dutch days (werkstijl/ui/staff/period.py): today and the days' UTC
bounds follow Europe/Amsterdam in winter and summer time, whatever the server's clock zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from werkstijl.ui.staff.period import day_start, last_days, local_today


def test_today_is_the_dutch_date_just_after_midnight_in_winter_and_summer() -> None:
    assert local_today(datetime(2026, 3, 1, 22, 59, 59)) == date(2026, 3, 1)  # naive UTC
    assert local_today(datetime(2026, 3, 1, 23, 30)) == date(2026, 3, 2)  # 00:30 CET
    assert local_today(datetime(2026, 7, 1, 21, 59, tzinfo=UTC)) == date(2026, 7, 1)
    assert local_today(datetime(2026, 7, 1, 22, 30, tzinfo=UTC)) == date(2026, 7, 2)  # CEST


def test_a_day_starts_at_dutch_midnight_in_utc() -> None:
    assert day_start(date(2026, 3, 2)) == datetime(2026, 3, 1, 23, 0)
    assert day_start(date(2026, 7, 2)) == datetime(2026, 7, 1, 22, 0)


def test_the_last_days_end_at_the_end_of_today_and_clock_changes_shorten_or_lengthen_a_day() -> (
    None
):
    march = last_days(3, datetime(2026, 3, 30, 8, 0, tzinfo=UTC))
    assert march.days == (date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30))
    assert march.since == datetime(2026, 3, 27, 23, 0)
    assert march.until == datetime(2026, 3, 30, 22, 0)  # the end of today, summer time
    lengths = [b - a for a, b in zip(march.bounds, march.bounds[1:], strict=False)]
    assert lengths == [timedelta(hours=24), timedelta(hours=23), timedelta(hours=24)]
    october = last_days(1, datetime(2026, 10, 25, 12, 0, tzinfo=UTC))
    assert october.until - october.since == timedelta(hours=25)
