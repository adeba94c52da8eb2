"""The plan stage: one first step per result, a three-week start, the rhythm, reference tips."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from werkstijl.content import load_content
from werkstijl.content.rhythm import fill_placeholders, format_days, mentions
from werkstijl.plan import START_WEEKS, Stage, coming_monday, make_plan, profile_plan, week_start
from werkstijl.scoring import Result

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load_content(ROOT).content
PROFILES = [p.id for p in CONTENT.profiles]


def result(profile: str, runner_up: str, close: bool) -> Result:
    return Result(profile, runner_up, {}, {}, close)


def test_every_profile_gets_a_different_first_step_and_opening() -> None:
    firsts = {p: profile_plan(CONTENT, p).first_step.id for p in PROFILES}
    assert len(set(firsts.values())) == len(PROFILES), firsts
    openings = {p: tuple(s.tip.id for s in profile_plan(CONTENT, p).steps) for p in PROFILES}
    assert len(set(openings.values())) == len(PROFILES)


@pytest.mark.parametrize("profile", PROFILES)
def test_a_close_result_starts_with_the_runner_ups_side(profile: str) -> None:
    clear = profile_plan(CONTENT, profile)
    for runner_up in [p for p in PROFILES if p != profile]:
        close = make_plan(CONTENT, result(profile, runner_up, close=True))
        expected = CONTENT.profile(profile).start_plan.close[runner_up]
        assert close.first_step.id == expected != clear.first_step.id
        assert close.side == runner_up
        assert runner_up in CONTENT.tip(expected).profiles  # a tip that suits that side too
        # The profile's own first step still comes, in week 2.
        assert close.steps[1].tip.id == clear.first_step.id
        clear_result = make_plan(CONTENT, result(profile, runner_up, close=False))
        assert clear_result.steps == clear.steps and clear_result.side is None


@pytest.mark.parametrize("profile", PROFILES)
def test_the_start_plan_adds_one_habit_a_week_each_with_a_place_in_the_week(profile: str) -> None:
    plan = profile_plan(CONTENT, profile)
    assert [s.week for s in plan.steps] == list(range(1, START_WEEKS + 1))
    assert len({s.tip.id for s in plan.steps}) == START_WEEKS
    for step in plan.steps:
        assert step.tip.blocks, step.tip.id
        for block_id in step.tip.blocks:
            assert plan.block(block_id).start_week <= step.week
    brought = {b for s in plan.steps for b in s.tip.blocks}
    for block in plan.blocks:
        assert block.start_week == (block.step.week if block.id in brought else START_WEEKS + 1)
    starts = [(b.start, b.days[0]) for b in plan.blocks]
    assert [b.start for b in plan.blocks] == sorted(b.start for b in plan.blocks)
    assert len(starts) == len(CONTENT.profile(profile).week_rhythm)


@pytest.mark.parametrize("profile", PROFILES)
def test_reference_tips_are_the_others_grouped_under_category_and_stage(profile: str) -> None:
    plan = profile_plan(CONTENT, profile)
    steps = {s.tip.id for s in plan.steps}
    listed = [t.id for g in plan.reference for t in g.tips]
    everything = {t.id for tips in CONTENT.tips.values() for t in tips if profile in t.profiles}
    assert sorted(listed) == sorted(everything - steps)  # every other tip, once
    for group in plan.reference:
        assert all((t.priority == 3) == (group.stage is Stage.later) for t in group.tips)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_block_references_become_that_profiles_days_and_times(profile: str, lang: str) -> None:
    plan = profile_plan(CONTENT, profile)
    tips = [s.tip for s in plan.steps] + [t for g in plan.reference for t in g.tips]
    slots = {(b.start, b.end) for b in plan.blocks}
    days = {frozenset(b.days) for b in plan.blocks}
    for tip in tips:
        text = tip.text.get(lang)
        assert "{" not in text, (tip.id, text)
        found = mentions(text, lang)
        assert set(found.ranges) <= slots and set(found.day_sets) <= days, (tip.id, text)
    for block_id in plan.first_step.blocks:
        assert plan.block(block_id).slot(lang) in plan.first_step.text.get(lang)


def test_a_shared_tip_is_worded_for_each_profile_it_is_shown_to() -> None:
    tip = CONTENT.tip("vrijdag-terugblik")
    texts = {p: tip.wording(p)[1].nl for p in tip.profiles}
    assert "brandjes" in texts["operator"] and "brandjes" not in texts["visionair"]
    assert "ideeën" in texts["visionair"]


def test_week_one_is_the_coming_monday() -> None:
    assert coming_monday(date(2026, 11, 25)) == date(2026, 11, 30)  # a Wednesday
    assert coming_monday(date(2026, 11, 30)) == date(2026, 12, 7)  # a Monday: the next one
    assert coming_monday(date(2026, 12, 6)) == date(2026, 12, 7)  # a Sunday
    assert week_start(date(2026, 11, 25), 3) == date(2026, 12, 14)


def test_days_are_written_the_way_they_are_read_back() -> None:
    cases = [
        (["mon", "tue", "wed", "thu", "fri"], "elke werkdag", "every weekday"),
        (["mon", "tue", "wed", "thu"], "ma t/m do", "Mon–Thu"),
        (["tue", "thu"], "di en do", "Tue and Thu"),
        (["mon", "wed", "fri"], "ma, wo en vr", "Mon, Wed and Fri"),
        (["fri"], "vrijdag", "Friday"),
    ]
    for days, nl, en in cases:
        assert format_days(days, "nl").replace("\u00a0", " ") == nl
        assert format_days(days, "en").replace("\u00a0", " ") == en
        assert mentions(nl, "nl").day_sets == (frozenset(days),)
        assert mentions(en, "en").day_sets == (frozenset(days),)


def test_mentions_find_written_times_and_days_but_not_ordinary_words() -> None:
    found = mentions(
        "Zet van maandag tot en met donderdag van 9:00 tot 10:30: om 16:00 klaar.", "nl"
    )
    assert found.ranges == (("09:00", "10:30"),) and found.times == ("16:00",)
    assert found.day_sets == (frozenset({"mon", "tue", "wed", "thu"}),)
    assert mentions("What do you do? So it goes, zo gaat het.", "en").day_sets == ()
    assert mentions("Zo werk jij; ik doe dat zo.", "nl").day_sets == ()
    assert mentions("Neem maandagochtend en elke middag even.", "nl").day_sets == (
        frozenset({"mon", "tue", "wed", "thu", "fri"}),
        frozenset({"mon"}),
    )


def test_two_blocks_on_the_same_days_name_their_days_once() -> None:
    # Finding (visitor try, 8): "elke werkdag 10:30–11:00 en elke werkdag 16:30–17:00".
    weekdays = ["mon", "tue", "wed", "thu", "fri"]
    blocks = {
        "mail": (weekdays, "10:30", "11:00"),
        "mail-middag": (weekdays, "16:30", "17:00"),
        "terugblik": (["fri"], "15:30", "16:00"),
    }
    cases = [
        ("Kijk {mail} en {mail-middag}.", "nl", "Kijk elke werkdag 10:30–11:00 en 16:30–17:00."),
        ("At {mail} and {mail-middag}.", "en", "At every weekday 10:30–11:00 and 16:30–17:00."),
        ("{mail} en {terugblik}", "nl", "elke werkdag 10:30–11:00 en vrijdag 15:30–16:00"),
    ]
    for text, lang, expected in cases:
        filled = fill_placeholders(text, blocks.get, lang)
        assert filled.replace("\u00a0", " ") == expected
    merged = fill_placeholders("{mail} en {mail-middag}", blocks.get, "nl")
    assert mentions(merged, "nl").ranges == (("10:30", "11:00"), ("16:30", "17:00"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_real_tip_names_the_same_days_twice_in_a_row(lang: str) -> None:
    twice = {"nl": "en elke werkdag", "en": "and every weekday"}[lang]
    for profile in PROFILES:
        plan = profile_plan(CONTENT, profile)
        for tip in [s.tip for s in plan.steps] + [t for g in plan.reference for t in g.tips]:
            assert twice not in tip.text.get(lang).replace("\u00a0", " "), (profile, tip.id)
