"""The trainer's group report, read back: mix, who is what, what the mix means, key tips."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from tests.pdf_fixtures import make_content, pdf_pages, pdf_text
from werkstijl.content.models import TipCategory
from werkstijl.plan import profile_plan
from werkstijl.report import render_group, template_names
from werkstijl.report.template import DEFAULT_TEMPLATES_DIR

CONTENT = make_content()
TODAY = date(2026, 11, 23)
GROUP = [
    ("Zoë Jansen", "visionair"),
    ("ann de Boer", "operator"),
    ("Émile Bakker", "visionair"),
    ("Bob Smit", "visionair"),
]


def render(participants=GROUP, **kwargs) -> bytes:
    return render_group(CONTENT, participants, today=TODAY, **kwargs)


def test_cover_shows_title_date_and_count():
    cover = pdf_pages(render(title="Team Marketing"))[0]
    assert "Team Marketing" in cover
    assert "23 november 2026" in cover
    assert "4 deelnemers" in cover


def test_default_title_when_the_trainer_gives_none():
    reader = PdfReader(io.BytesIO(render()))
    assert "Jouw groep" in pdf_pages(render())[0]
    assert reader.metadata.title == "Jouw groep"
    assert reader.metadata.author == "Werkstijltest"
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"


def test_mix_shows_counts_and_percentages_per_profile():
    text = pdf_text(render())
    assert "3 (75%)" in text
    assert "1 (25%)" in text
    assert "0 (0%)" in text


def test_members_are_listed_sorted_by_name_ignoring_case_and_accents():
    text = pdf_text(render())
    positions = [
        text.index(name) for name in ("ann de Boer", "Bob Smit", "Émile Bakker", "Zoë Jansen")
    ]
    assert positions == sorted(positions)


def test_meaning_uses_roles_dominant_and_missing_texts():
    text = pdf_text(render())
    visionair, operator, processor = (
        CONTENT.profile(p) for p in ("visionair", "operator", "processor")
    )
    assert visionair.team.role.nl in text
    assert visionair.team.when_dominant.nl in text  # 75% > 50%
    assert operator.team.role.nl in text
    assert operator.team.when_dominant.nl not in text  # 25%
    assert processor.team.when_missing.nl in text
    assert processor.team.role.nl not in text


def test_a_page_per_present_profile_with_its_start_plan():
    pages = pdf_pages(render())
    for profile_id in ("visionair", "operator"):
        name = CONTENT.profile(profile_id).name.nl
        page = next(p for p in pages if f"{name}: kernpunten voor de sessie" in p)
        steps = {step.tip.id for step in profile_plan(CONTENT, profile_id).steps}
        for category in TipCategory:
            for tip in CONTENT.tips_for(profile_id, category):
                assert (tip.title.nl in page) == (tip.id in steps)
    assert not any("Processor: kernpunten" in p for p in pages)


def test_tricky_and_hostile_names_read_back_literally():
    people = [("<b>x</b>", "operator"), ("李小龍", "processor"), ("Юлия & Łukasz", "visionair")]
    text = pdf_text(render(people, title='<img src="/etc/passwd"/>'))
    for name, _ in people:
        assert name in text
    assert '<img src="/etc/passwd"/>' in text


def test_an_empty_group_still_gives_a_valid_pdf():
    text = pdf_text(render([]))
    assert "0 deelnemers" in text


def test_unknown_profile_is_a_value_error():
    with pytest.raises(ValueError, match="unknown profile"):
        render([("A", "nope")])


@pytest.mark.parametrize("template", template_names(DEFAULT_TEMPLATES_DIR))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_group_renders_in_every_language_and_template(lang, template):
    text = pdf_text(render(lang=lang, template=template, title="Groep 7"))
    assert "Groep 7" in text
    assert CONTENT.profile("visionair").name.get(lang) in text
