"""The personal PDF from the real content, read back: one first step, a week that matches the
calendar file, a close result that reads differently, pages that read as one piece."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from icalendar import Calendar
from reportlab.lib.units import mm

from tests.pdf_fixtures import pdf_pages, pdf_text
from werkstijl.content import load_content
from werkstijl.content.rhythm import mentions
from werkstijl.ics import make_ics
from werkstijl.plan import make_plan, profile_plan
from werkstijl.report import load_template, render_personal, template_names
from werkstijl.report.template import DEFAULT_TEMPLATES_DIR
from werkstijl.scoring import Result

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load_content(ROOT).content
PROFILES = [p.id for p in CONTENT.profiles]
TEMPLATES = template_names(DEFAULT_TEMPLATES_DIR)
TODAY = date(2026, 11, 25)
ICAL_DAYS = {"MO": "mon", "TU": "tue", "WE": "wed", "TH": "thu", "FR": "fri"}
FIRST_STEP_LABEL = {"nl": "JOUW EERSTE STAP", "en": "YOUR FIRST STEP"}


def scored(profile: str, close: bool) -> Result:
    """A result of `profile`: close (runner-up the next profile, 38/34/28) or clear (70/20/10)."""
    runner_up = PROFILES[(PROFILES.index(profile) + 1) % len(PROFILES)]
    third = next(p for p in PROFILES if p not in (profile, runner_up))
    shares = (38, 34, 28) if close else (70, 20, 10)
    percentages = dict(zip((profile, runner_up, third), shares, strict=True))
    scores = {p: float(v) for p, v in percentages.items()}
    return Result(profile, runner_up, scores, percentages, close)


def render(result: Result, lang: str = "nl", template: str = "default") -> bytes:
    return render_personal(
        CONTENT,
        name="Zoë de Vries",
        profile_id=result.profile,
        result=result,
        lang=lang,
        template=template,
        today=TODAY,
    )


def calendar_events(result: Result, lang: str) -> list[tuple[frozenset[str], str, str]]:
    cal = Calendar.from_ical(make_ics(CONTENT, make_plan(CONTENT, result), lang, TODAY))
    return [
        (
            frozenset(ICAL_DAYS[d] for d in event["RRULE"]["BYDAY"]),
            event["DTSTART"].dt.strftime("%H:%M"),
            event["DTEND"].dt.strftime("%H:%M"),
        )
        for event in cal.walk("VEVENT")
    ]


CASES = [
    (profile, lang, template, close)
    for profile in PROFILES
    for lang in ("nl", "en")
    for template in TEMPLATES
    for close in (False, True)
]


@pytest.mark.parametrize(("profile", "lang", "template", "close"), CASES)
def test_every_time_and_day_in_the_pdf_is_one_of_the_visitors_calendar_events(
    profile, lang, template, close
):
    result = scored(profile, close)
    text = pdf_text(render(result, lang, template))
    events = calendar_events(result, lang)
    found = mentions(text, lang)
    assert found.ranges and found.day_sets  # the rhythm names its days in words
    ranges = {(start, end) for _, start, end in events}
    days = {d for d, _, _ in events}
    for (start, end), words in zip(found.ranges, found.range_words, strict=True):
        assert (start, end) in ranges, words
    for day_set, words in zip(found.day_sets, found.day_words, strict=True):
        assert day_set in days, words
    for time in found.times:  # a lone time is the start or end of an event
        assert any(time in (start, end) for _, start, end in events), time
    for _, start, end in events:  # and the other way round: every event is in the PDF
        assert f"{start}–{end}" in text


@pytest.mark.parametrize(("profile", "lang", "template", "close"), CASES)
def test_exactly_one_first_step_first_after_the_profile(profile, lang, template, close):
    result = scored(profile, close)
    plan = make_plan(CONTENT, result)
    pages = pdf_pages(render(result, lang, template))
    text = " ".join(pages)
    assert text.count(FIRST_STEP_LABEL[lang]) == 1
    first_text = " ".join(plan.first_step.text.get(lang).split())
    assert text.count(first_text) == 1
    for banned in ("BEGIN HIER", "START HERE", "Kies er drie", "Pick three", "Kies er één uit"):
        assert banned not in text
    page = next(i for i, p in enumerate(pages) if FIRST_STEP_LABEL[lang] in p)
    assert page == 1  # the page right after the cover
    heading = "Jouw werkstijl:" if lang == "nl" else "Your work style:"
    after_profile = pages[1].split(heading, 1)[1]
    assert FIRST_STEP_LABEL[lang] in after_profile
    # The start plan and the week rhythm follow on the first pages a reader looks at.
    start_plan = "Je startplan" if lang == "nl" else "Your start plan"
    rhythm = "Jouw weekritme" if lang == "nl" else "Your week rhythm"
    assert any(start_plan in p for p in pages[1:3]) and any(rhythm in p for p in pages[1:4])


def _without_numbers(pdf: bytes) -> str:
    return re.sub(r"\d+%", "", pdf_text(pdf))


@pytest.mark.parametrize("profile", PROFILES)
def test_a_close_result_reads_differently_from_a_clear_one_beyond_its_percentages(profile):
    clear, close = scored(profile, close=False), scored(profile, close=True)
    assert _without_numbers(render(clear)) != _without_numbers(render(close))
    close_text = pdf_text(render(close))
    side = CONTENT.profile(close.runner_up).name.nl
    assert f"Gekozen voor je sterke {side}-kant" in close_text
    assert make_plan(CONTENT, close).first_step.title.nl in pdf_pages(render(close))[1]
    assert "Gekozen voor je sterke" not in pdf_text(render(clear))


def test_the_three_profiles_open_with_different_first_steps():
    seconds = {p: pdf_pages(render(scored(p, close=False)))[1] for p in PROFILES}
    titles = {p: profile_plan(CONTENT, p).first_step.title.nl for p in PROFILES}
    assert len(set(titles.values())) == len(PROFILES)
    for profile, page in seconds.items():
        for other, title in titles.items():
            assert (title in page.split("Je startplan")[0]) == (other == profile)


def _content_bottoms(pdf: bytes, bottom_margin_mm: float) -> list[float]:
    """Per page, how far down (0..1) the lowest text above the footer reaches."""
    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            limit = page.height - bottom_margin_mm * mm
            bottoms = [c["bottom"] for c in page.chars if c["bottom"] < limit]
            out.append(max(bottoms, default=0) / page.height)
    return out


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("profile", PROFILES)
def test_no_page_is_left_half_empty_before_the_last(template, profile):
    for lang in ("nl", "en"):
        pdf = render(scored(profile, close=True), lang, template)
        margin = load_template(template, DEFAULT_TEMPLATES_DIR).spec.page.margins_mm.bottom
        bottoms = _content_bottoms(pdf, margin)
        for number, reach in enumerate(bottoms[1:-1], start=2):  # not the cover, not the last
            assert reach > 0.5, f"{template} {profile} {lang}: page {number} ends at {reach:.0%}"


def test_the_training_template_mirrors_its_hole_punch_margin_on_even_pages():
    spec = load_template("training", DEFAULT_TEMPLATES_DIR).spec
    assert spec.page.mirror_margins and spec.page.margins_mm.left > spec.page.margins_mm.right
    pdf = render(scored("visionair", close=False), template="training")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        lefts = [min(c["x0"] for c in page.chars) for page in doc.pages[1:]]
    for number, left in enumerate(lefts, start=2):
        wide = spec.page.margins_mm.left if number % 2 else spec.page.margins_mm.right
        assert abs(left - wide * mm) < 1.5, (number, left / mm)
    default = render(scored("visionair", close=False))
    with pdfplumber.open(io.BytesIO(default)) as doc:
        assert len({round(min(c["x0"] for c in p.chars)) for p in doc.pages[1:]}) == 1


@pytest.mark.parametrize("template", TEMPLATES)
def test_the_last_page_closes_with_the_sites_address_as_a_real_link(template):
    pdf = render(scored("processor", close=False), "en", template)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        last = doc.pages[-1]
        uris = [a.get("uri") for a in last.annots]
        text = last.extract_text()
    assert CONTENT.site.site_url in uris
    assert "Take the test again, or pass it on to a colleague: werkstijltest.nl" in " ".join(
        text.split()
    )


def test_the_week_rhythm_names_its_days_in_words_and_its_start_week():
    pdf = render(scored("operator", close=False))
    plan = profile_plan(CONTENT, "operator")
    text = pdf_text(pdf)
    for block in plan.blocks:
        days = block.day_words("nl").replace("\u00a0", " ")
        assert f"{block.start}–{block.end} {days}" in text, days
        assert f"Week {block.start_week}" in text
