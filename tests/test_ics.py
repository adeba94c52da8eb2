"""The calendar file: parsed back with the icalendar library, as a calendar application would."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from werkstijl.content import load_content
from werkstijl.ics import make_ics
from werkstijl.plan import make_plan, profile_plan
from werkstijl.scoring import Result

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load_content(ROOT).content
PROFILES = [p.id for p in CONTENT.profiles]
TODAY = date(2026, 11, 25)  # a Wednesday: week 1 starts Monday 30 November
ICAL_DAYS = {"MO": "mon", "TU": "tue", "WE": "wed", "TH": "thu", "FR": "fri"}


def parsed(profile: str = "operator", lang: str = "nl", plan=None) -> Calendar:
    plan = plan or profile_plan(CONTENT, profile)
    return Calendar.from_ical(make_ics(CONTENT, plan, lang, TODAY))


def events(cal: Calendar) -> list:
    return list(cal.walk("VEVENT"))


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_one_weekly_event_per_block_with_its_days_times_and_title(profile: str, lang: str) -> None:
    plan = profile_plan(CONTENT, profile)
    cal = parsed(profile, lang)
    found = {}
    for event in events(cal):
        rule = event["RRULE"]
        assert rule["FREQ"] == ["WEEKLY"]
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        days = frozenset(ICAL_DAYS[d] for d in rule["BYDAY"])
        found[str(event["SUMMARY"])] = (days, start.strftime("%H:%M"), end.strftime("%H:%M"))
    expected = {b.title.get(lang): (frozenset(b.days), b.start, b.end) for b in plan.blocks}
    assert found == expected


def test_no_floating_times_and_a_proper_vtimezone() -> None:
    cal = parsed()
    [zone] = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Amsterdam"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    for event in events(cal):
        for key in ("DTSTART", "DTEND"):
            assert event[key].params["TZID"] == "Europe/Amsterdam"
            assert event[key].dt.tzinfo is not None
    text = make_ics(CONTENT, profile_plan(CONTENT, "operator"), "nl", TODAY).decode()
    assert "DTSTART;TZID=Europe/Amsterdam:" in text and "DTSTAMP:20261125T000000Z" in text


def test_the_vtimezone_gives_summer_and_winter_time_like_the_real_zone() -> None:
    zone = parsed().walk("VTIMEZONE")[0].to_tz()
    assert zone.utcoffset(datetime(2027, 1, 15, 9, 0)) == timedelta(hours=1)
    assert zone.utcoffset(datetime(2027, 7, 15, 9, 0)) == timedelta(hours=2)
    assert zone.utcoffset(datetime(2040, 7, 15, 9, 0)) == timedelta(hours=2)  # no end year


def test_blocks_start_in_the_week_their_step_brings_them_in_from_next_monday() -> None:
    plan = profile_plan(CONTENT, "visionair")
    starts = {
        str(e["UID"]).split("@")[0]: e["DTSTART"].dt.date() for e in events(parsed(plan=plan))
    }
    for block in plan.blocks:
        monday = date(2026, 11, 30) + timedelta(weeks=block.start_week - 1)
        first_day = monday + timedelta(
            days=["mon", "tue", "wed", "thu", "fri"].index(block.days[0])
        )
        assert starts[f"visionair-{block.id}"] == first_day
    assert min(starts.values()) >= date(2026, 11, 30)


def test_descriptions_say_which_habit_starts_in_which_week_in_the_visitors_language() -> None:
    close = make_plan(CONTENT, Result("operator", "processor", {}, {}, True))
    for lang, word in (("nl", "Nieuw in week 1"), ("en", "New in week 1")):
        cal = parsed(lang=lang, plan=close)
        first = close.first_step
        described = [str(e["DESCRIPTION"]) for e in events(cal)]
        assert sum(first.title.get(lang) in d for d in described) == 1
        assert any(word in d for d in described)
        assert all(d.endswith("https://werkstijltest.nl") for d in described)
        assert str(cal["X-WR-CALNAME"]).endswith(CONTENT.profile("operator").name.get(lang))


def test_the_same_visitor_importing_twice_updates_instead_of_doubling() -> None:
    first = {str(e["UID"]) for e in events(parsed())}
    later = Calendar.from_ical(
        make_ics(CONTENT, profile_plan(CONTENT, "operator"), "nl", date(2027, 3, 3))
    )
    assert {str(e["UID"]) for e in events(later)} == first
