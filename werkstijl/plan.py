"""The plan: what a visitor receives, decided for them from the scoring result.

A plan is one first step, a three-week start that adds one habit a week, the profile's week rhythm
(each block with the week it enters the calendar) and the other tips as reference, grouped. The
result page, the PDF, the mail and the calendar file are all rendered from one `Plan`, so they
cannot disagree. `make_plan` is pure: the same content and result always give the same plan.

How it is chosen (also in the README):
- The profile's `start_plan` names the first step and the habits of weeks 2 and 3.
- When the result is close (the runner-up within the close margin) and the profile names a first
  step for that runner-up under `close`, that tip is the first step; the profile's own first step
  and week-2 habit follow in weeks 2 and 3.
- A step's blocks (the rhythm blocks its text refers to) enter the calendar in the step's week;
  every other block of the rhythm in the week after the start plan (week 4).
- Tips are worded for the profile (`variants`) and their `{block}` references are filled in with
  that block's days and times, in Dutch and English.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from werkstijl.content.models import LANGS, Content, Profile, Text, Tip, TipCategory
from werkstijl.content.rhythm import (
    SlotParts,
    fill_placeholders,
    format_days,
    format_slot,
    format_time_range,
    placeholders,
)
from werkstijl.scoring import Result

START_WEEKS = 3  # one new habit a week for this many weeks
# The plan's days are Dutch days: the calendar file's events are in this zone, and "today" is
# taken here too, so a server in another zone never moves a visitor's Monday.
PLAN_TZID = "Europe/Amsterdam"


class Stage(StrEnum):
    """How a reference tip is grouped: 'next' (priority 1 and 2) or 'later' (priority 3)."""

    next = "next"
    later = "later"


@dataclass(frozen=True)
class PlanTip:
    """A tip as this visitor reads it: worded for their profile, block references filled in."""

    id: str
    category: TipCategory
    priority: int
    title: Text
    text: Text
    blocks: tuple[str, ...]  # ids of the rhythm blocks it refers to, in order of appearance


@dataclass(frozen=True)
class Step:
    """One week of the start plan: the habit added that week."""

    week: int  # 1-based; week 1 is the first step
    tip: PlanTip


@dataclass(frozen=True)
class PlanBlock:
    """A block of the week rhythm and the week (1-based) it enters the visitor's calendar."""

    id: str
    days: tuple[str, ...]  # mon..fri, in week order
    start: str  # "HH:MM"
    end: str
    title: Text
    why: Text | None
    start_week: int
    step: Step | None  # the step that brings this block in, if any

    def slot(self, lang: str) -> str:
        """'di en do 09:00–11:00'"""
        return format_slot(self.days, self.start, self.end, lang)

    def day_words(self, lang: str) -> str:
        return format_days(self.days, lang)

    def time_range(self) -> str:
        return format_time_range(self.start, self.end)


@dataclass(frozen=True)
class TipGroup:
    """Reference tips under one heading: a category and a stage."""

    category: TipCategory
    stage: Stage
    tips: tuple[PlanTip, ...]


@dataclass(frozen=True)
class Plan:
    """Everything a visitor is told to do, in the order they should do it.

    `steps[0]` is the first step; `blocks` is the whole week rhythm in time order; `reference`
    holds every other tip of the profile, grouped (category, then stage)."""

    profile: str
    side: str | None  # the runner-up whose side chose the first step (close results only)
    steps: tuple[Step, ...]
    blocks: tuple[PlanBlock, ...]
    reference: tuple[TipGroup, ...]

    @property
    def first_step(self) -> PlanTip:
        return self.steps[0].tip

    @property
    def key(self) -> tuple[str, str | None]:
        """Plans with the same key are the same (for caches)."""
        return self.profile, self.side

    @property
    def full_week(self) -> int:
        """The week in which the whole rhythm is in the calendar."""
        return max((b.start_week for b in self.blocks), default=1)

    def block(self, block_id: str) -> PlanBlock | None:
        return next((b for b in self.blocks if b.id == block_id), None)


def make_plan(content: Content, result: Result) -> Plan:
    """The plan for a scored result: the profile's, with the runner-up's first step if close."""
    side = result.runner_up if result.close and result.runner_up != result.profile else None
    return _plan(content, content.profile(result.profile), side)


def profile_plan(content: Content, profile_id: str) -> Plan:
    """The plan for a profile given directly (no answers, so no runner-up)."""
    return _plan(content, content.profile(profile_id), None)


def plan_for(content: Content, profile_id: str, result: Result | None) -> Plan:
    """A person's plan: from their scored answers when there are any, else from their profile.
    Every PDF, calendar file and group report row of one person goes through here."""
    return make_plan(content, result) if result else profile_plan(content, profile_id)


def _plan(content: Content, profile: Profile, side: str | None) -> Plan:
    start = profile.start_plan
    order = [start.first_step, *start.then]
    if side is not None and side in start.close:
        first = start.close[side]
        order = [first, *[t for t in order if t != first]]
    else:
        side = None  # no first step for that side: the plan is the clear one
    steps = tuple(
        Step(week, _plan_tip(content, profile, tip_id))
        for week, tip_id in enumerate(order[:START_WEEKS], start=1)
    )
    return Plan(
        profile=profile.id,
        side=side,
        steps=steps,
        blocks=_blocks(profile, steps),
        reference=_reference(content, profile, {s.tip.id for s in steps}),
    )


def _plan_tip(content: Content, profile: Profile, tip_id: str) -> PlanTip:
    category, tip = content.tip_with_category(tip_id)
    return worded(tip, category, profile)


def worded(tip: Tip, category: TipCategory, profile: Profile) -> PlanTip:
    """A tip as `profile` reads it: its variant wording, `{block}` references filled in."""
    title, text = tip.wording(profile.id)
    refs = [r for r in placeholders(title.nl) + placeholders(text.nl) if profile.block(r)]
    return PlanTip(
        id=tip.id,
        category=category,
        priority=tip.priority,
        title=fill_text(title, profile),
        text=fill_text(text, profile),
        blocks=tuple(dict.fromkeys(refs)),
    )


def fill_text(text: Text, profile: Profile) -> Text:
    """`{block}` references replaced by the block's days and times, per language (a missing
    English text stays missing, so English readers see the Dutch with Dutch day names)."""
    filled: dict[str, str | None] = {}
    for lang in LANGS:
        value = text.nl if lang == "nl" else text.en
        filled[lang] = None if value is None else fill_placeholders(value, _slots(profile), lang)
    return Text(nl=filled["nl"] or text.nl, en=filled["en"])


def _slots(profile: Profile):
    def slot(block_id: str) -> SlotParts | None:
        block = profile.block(block_id)
        if block is None:
            return None
        return [str(d) for d in block.days], block.start, block.end

    return slot


def _blocks(profile: Profile, steps: tuple[Step, ...]) -> tuple[PlanBlock, ...]:
    brought: dict[str, Step] = {}
    for step in steps:
        for block_id in step.tip.blocks:
            brought.setdefault(block_id, step)
    rest_week = len(steps) + 1
    blocks = [
        PlanBlock(
            id=b.id,
            days=tuple(str(d) for d in sorted(b.days, key=_DAY_ORDER.index)),
            start=b.start,
            end=b.end,
            title=b.title,
            why=b.why,
            start_week=brought[b.id].week if b.id in brought else rest_week,
            step=brought.get(b.id),
        )
        for b in profile.week_rhythm
    ]
    return tuple(sorted(blocks, key=lambda b: (b.start, _DAY_ORDER.index(b.days[0]), b.end)))


_DAY_ORDER = ["mon", "tue", "wed", "thu", "fri"]


def _reference(content: Content, profile: Profile, used: set[str]) -> tuple[TipGroup, ...]:
    groups = []
    for category in TipCategory:
        tips = [
            worded(t, category, profile)
            for t in content.tips_for(profile.id, category)
            if t.id not in used
        ]
        for stage in Stage:
            chosen = tuple(t for t in tips if (t.priority == 3) == (stage is Stage.later))
            if chosen:
                groups.append(TipGroup(category, stage, chosen))
    return tuple(groups)


def plan_today(now: datetime | None = None) -> date:
    """The day a plan is made: today in the plan's time zone (Europe/Amsterdam), whatever the
    server's own zone. Every renderer (page, mail, PDF, calendar, bulk, CLI) takes its week
    dates from this day through `week_start`, so all of them name the same Monday."""
    return (now or datetime.now(ZoneInfo(PLAN_TZID))).astimezone(ZoneInfo(PLAN_TZID)).date()


def coming_monday(today: date) -> date:
    """The first Monday after `today`: week 1 of the start plan. On a Monday it is the Monday a
    week later (never today: a plan made on Monday afternoon would start in the past), so week 1
    always begins on a day still ahead."""
    return today + timedelta(days=7 - today.weekday())


def week_start(today: date, week: int) -> date:
    """The Monday that begins `week` (1-based) of the start plan; the one source of every week
    date a visitor reads or imports."""
    return coming_monday(today) + timedelta(weeks=week - 1)
