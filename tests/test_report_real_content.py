"""The PDFs rendered from the real content in the repository (profiles/, questions/, tips/, texts/)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.pdf_fixtures import pdf_pages, pdf_text
from werkstijl.content import load_content
from werkstijl.content.models import TipCategory
from werkstijl.report import Renderer, render_group, render_personal, template_names
from werkstijl.report.template import DEFAULT_TEMPLATES_DIR, load_template
from werkstijl.scoring import score

ROOT = Path(__file__).resolve().parents[1]
LOADED = load_content(ROOT)
CONTENT = LOADED.content
pytestmark = pytest.mark.skipif(not LOADED.valid, reason="the real content does not load")
TODAY = date(2026, 11, 23)
PROFILES = [p.id for p in CONTENT.profiles] if CONTENT else []


@pytest.mark.parametrize("template", template_names(DEFAULT_TEMPLATES_DIR))
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("profile_id", PROFILES)
def test_every_real_profile_renders_with_all_its_tips(profile_id, lang, template):
    pdf = render_personal(
        CONTENT,
        name="Zoë Çağla Łukasz",
        profile_id=profile_id,
        lang=lang,
        template=template,
        today=TODAY,
    )
    text = pdf_text(pdf)
    profile = CONTENT.profile(profile_id)
    assert "Zoë Çağla Łukasz" in text
    assert profile.name.get(lang) in text
    for category in TipCategory:
        for tip in CONTENT.tips_for(profile_id, category):
            title, _ = tip.wording(profile_id)  # a shared tip may have its own title here
            assert " ".join(title.get(lang).split()) in text
    pages = pdf_pages(pdf)
    label = "Pagina" if lang == "nl" else "Page"
    assert f"{label} {len(pages)} " in pages[-1] + " "
    # Finding (visitor try, 10): the notes' heading and empty lines made a last page of their own.
    notes = load_template(template, DEFAULT_TEMPLATES_DIR).spec.labels.notes.get(lang)
    assert not pages[-1].startswith(notes), pages[-1][:200]


def test_a_scored_result_shows_its_percentages():
    result = score(CONTENT, [1] * len(CONTENT.questions))
    text = pdf_text(render_personal(CONTENT, name="Ann", profile_id=result.profile, result=result))
    for percentage in result.percentages.values():
        assert f"{percentage}%" in text


def test_reuse_of_cached_sections_is_byte_identical_with_real_content(monkeypatch):
    from reportlab import rl_config

    monkeypatch.setattr(rl_config, "invariant", 1)
    result = score(CONTENT, [1] * len(CONTENT.questions))
    args = {"name": "Ann", "profile_id": result.profile, "result": result, "today": TODAY}
    busy = Renderer()
    first = busy.personal(CONTENT, **args)
    for profile_id in PROFILES:
        busy.personal(CONTENT, name="B" * 200, profile_id=profile_id, today=TODAY)
    assert busy.personal(CONTENT, **args) == first == Renderer().personal(CONTENT, **args)


def test_group_report_with_real_content():
    people = [(f"Deelnemer {i}", PROFILES[i % len(PROFILES)]) for i in range(12)]
    pdf = render_group(CONTENT, people, title="Training", today=TODAY)
    text = pdf_text(pdf)
    for profile in CONTENT.profiles:
        assert profile.team.role.nl in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2 + len(PROFILES)
