"""The visitor's week as a calendar file (iCalendar, RFC 5545), made with the `icalendar` library.

Every block of the plan's week rhythm becomes one weekly recurring event (RRULE, BYDAY) in
Europe/Amsterdam time, starting in the week of the start plan that brings it in: week 1 begins
the coming Monday. A block that a start-plan step brings in says so in its description, with
the step's text. The time zone is written as a VTIMEZONE with the EU summer-time rules, so
every calendar application shows the same local times; no time in the file is floating.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from werkstijl.content.markup import strip_tags
from werkstijl.content.models import FILE_PREFIX, Content, Lang, fill
from werkstijl.plan import PLAN_TZID, Plan, PlanBlock, week_start

TZID = PLAN_TZID
ICAL_DAYS = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR"}
MIME_TYPE = "text/calendar"


def file_name(lang: str) -> str:
    """The calendar file's name in `lang` (the download and the mail attachment):
    'werkstijl-week.ics', 'work-style-week.ics'; Dutch for an unknown language."""
    return f"{FILE_PREFIX.get(lang, FILE_PREFIX['nl'])}-week.ics"


def amsterdam() -> Timezone:
    """VTIMEZONE for Europe/Amsterdam with the EU rules (summer time from the last Sunday of
    March 02:00 to the last Sunday of October 03:00), valid for any year a rule repeats in."""
    tz = Timezone()
    tz.add("tzid", TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    summer.add("dtstart", datetime(1996, 3, 31, 2, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1SU"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    winter.add("dtstart", datetime(1996, 10, 27, 3, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1SU"})
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def make_ics(content: Content, plan: Plan, lang: Lang, today: date) -> bytes:
    """The calendar file of one plan, in `lang`; `today` decides which Monday is week 1."""
    site = content.site
    profile = content.profile(plan.profile)
    cal = Calendar()
    cal.add("prodid", "-//Werkstijltest//Werkstijltest//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = fill(site.calendar.name.get(lang), profile=profile.name.get(lang))
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(amsterdam())
    stamp = datetime.combine(today, time(0, 0), tzinfo=UTC)
    domain = urlparse(site.site_url).hostname or "werkstijltest.nl"
    for block in plan.blocks:
        cal.add_component(_event(content, plan, block, lang, today, stamp, domain))
    return cal.to_ical()


def _event(
    content: Content,
    plan: Plan,
    block: PlanBlock,
    lang: Lang,
    today: date,
    stamp: datetime,
    domain: str,
) -> Event:
    zone = ZoneInfo(TZID)
    monday = week_start(today, block.start_week)
    first_day = monday + timedelta(days=list(ICAL_DAYS).index(block.days[0]))
    start = datetime.combine(first_day, time.fromisoformat(block.start), tzinfo=zone)
    end = datetime.combine(first_day, time.fromisoformat(block.end), tzinfo=zone)
    event = Event()
    # The same UID on a later import updates the event instead of adding a second one.
    event.add("uid", f"{plan.profile}-{block.id}@{domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("rrule", {"freq": "weekly", "byday": [ICAL_DAYS[d] for d in block.days]})
    event.add("summary", strip_tags(block.title.get(lang)))
    event.add("description", _description(content, block, lang))
    event.add("transp", "OPAQUE")
    return event


def _description(content: Content, block: PlanBlock, lang: Lang) -> str:
    site = content.site
    parts = []
    if block.why is not None:
        parts.append(strip_tags(block.why.get(lang)))
    if block.step is not None:
        tip = block.step.tip
        title = strip_tags(tip.title.get(lang))
        habit = fill(site.calendar.new_habit.get(lang), week=str(block.step.week), title=title)
        parts.append(f"{habit}\n{strip_tags(tip.text.get(lang))}")
    parts.append(fill(site.calendar.footer.get(lang), link=site.site_url))
    return "\n\n".join(parts)
