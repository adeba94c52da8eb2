"""The personal PDF, read back with pypdf/pdfplumber: text, pages, metadata, safety with real names."""

from __future__ import annotations

import io
import logging
from datetime import date

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.colors import black
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from tests.pdf_fixtures import make_content, pdf_pages, pdf_text
from werkstijl.content.models import Tip, TipCategory
from werkstijl.plan import profile_plan
from werkstijl.report import render_personal, template_names
from werkstijl.report.document import IfRoom, WriteLines
from werkstijl.report.template import DEFAULT_TEMPLATES_DIR
from werkstijl.scoring import Result

STYLE = getSampleStyleSheet()["BodyText"]
NO_MARGINS = {"leftMargin": 0, "rightMargin": 0, "topMargin": 0, "bottomMargin": 0}

CONTENT = make_content()
TODAY = date(2026, 11, 23)
CLOSE = Result(
    profile="visionair",
    runner_up="operator",
    scores={"visionair": 10.0, "operator": 9.0, "processor": 4.0},
    percentages={"visionair": 43, "operator": 39, "processor": 18},
    close=True,
)


def render(name: str = "Zoë de Vries", profile_id: str = "visionair", **kwargs) -> bytes:
    return render_personal(CONTENT, name=name, profile_id=profile_id, today=TODAY, **kwargs)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def tip_titles(profile_id: str, lang: str, content=CONTENT) -> list[str]:
    return [
        tip.title.get(lang)
        for category in TipCategory
        for tip in content.tips_for(profile_id, category)
    ]


@pytest.mark.parametrize("template", template_names(DEFAULT_TEMPLATES_DIR))
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("profile_id", ["visionair", "operator", "processor"])
def test_every_profile_language_and_template_shows_name_profile_and_all_its_tips(
    profile_id, lang, template
):
    pdf = render(profile_id=profile_id, lang=lang, template=template)
    text = pdf_text(pdf)
    profile = CONTENT.profile(profile_id)
    assert "Zoë de Vries" in text
    assert profile.name.get(lang) in text
    for title in tip_titles(profile_id, lang):
        assert title in text
    for block in profile.week_rhythm:
        assert block.title.get(lang) in text


def test_pages_are_numbered_and_metadata_is_set():
    pdf = render(result=CLOSE)
    reader = PdfReader(io.BytesIO(pdf))
    pages = pdf_pages(pdf)
    total = len(reader.pages)
    assert total >= 3  # the cover, then sections flowing on without forced breaks
    for number, text in enumerate(pages[1:], start=2):
        assert f"Pagina {number} van {total}" in text
    assert "Pagina" not in pages[0]  # the cover carries no footer
    meta = reader.metadata
    assert meta.title == "Werkstijlprofiel van Zoë de Vries"
    assert meta.author == "Werkstijltest"
    assert meta.creator == "Werkstijltest"
    assert "Visionair" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"


def test_without_a_name_the_title_is_the_covers_own_with_no_dangling_van():
    # Finding (visitor try, 9): the title read "Werkstijlprofiel van " without a name.
    for lang, title in (("nl", "Jouw werkstijlprofiel"), ("en", "Your work style profile")):
        reader = PdfReader(io.BytesIO(render(name=" ", lang=lang)))
        assert reader.metadata.title == title
        assert reader.xmp_metadata.dc_title["x-default"] == title


def test_notes_are_left_out_where_they_would_need_a_page_of_their_own():
    # Finding (visitor try, 10): a last page with only the notes' heading and empty lines.
    room = 200 * mm
    for filler, shown in ((room - 40 * mm, False), (room - 150 * mm, True)):
        notes = IfRoom([Paragraph("Notities", STYLE), WriteLines(6, 8 * mm, black)], gap=6 * mm)
        story = [Spacer(1, filler), notes, Paragraph("Doe de test nog eens", STYLE)]
        notes.follow = story[-1:]
        out = io.BytesIO()
        SimpleDocTemplate(out, pagesize=(150 * mm, room), **NO_MARGINS).build(story)
        pages = pdf_pages(out.getvalue())
        assert len(pages) == 1 and ("Notities" in pages[0]) is shown


def test_english_report_is_tagged_en_gb_and_uses_english_labels():
    pdf = render(lang="en")
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    text = pdf_text(pdf)
    assert f"Page 2 of {len(reader.pages)}" in text
    assert "23 November 2026" in text


def test_cover_shows_name_date_profile_and_tagline():
    cover = pdf_pages(render())[0]
    profile = CONTENT.profile("visionair")
    expected_texts = ("JOUW WERKSTIJLPROFIEL", "Zoë de Vries", "23 november 2026", "Visionair")
    for expected in (*expected_texts, profile.tagline.nl):
        assert expected in cover


def test_a_training_title_is_on_the_cover_and_in_every_footer():
    found = pdf_pages(render(title="Training Slim Plannen & Mailen"))
    assert found[0].index("Training Slim Plannen & Mailen") < found[0].index("Zoë de Vries")
    for number, page in enumerate(found[1:], start=2):
        assert f"Training Slim Plannen & Mailen · Visionair Pagina {number} van" in page
    plain = pdf_pages(render())
    assert "Werkstijltest · Visionair Pagina 2 van" in plain[1]


def test_a_long_training_title_is_shortened_in_the_footer_only():
    title = "Training " + "met een lange naam " * 12 + "einde"
    found = pdf_pages(render(title=title))
    assert "einde" in found[0]
    assert "einde" not in found[1] and "… · Visionair Pagina 2 van" in found[1]


def test_a_result_adds_the_score_chart_and_a_close_runner_up():
    text = pdf_text(render(result=CLOSE))
    assert "Jouw scores" in text
    assert "43%" in text and "39%" in text and "18%" in text
    assert "Visionair met een sterke Operator-kant" in text


def test_a_clear_result_has_chart_but_no_runner_up_line():
    clear = Result(
        "visionair",
        "operator",
        CLOSE.scores,
        {"visionair": 70, "operator": 20, "processor": 10},
        False,
    )
    text = pdf_text(render(result=clear))
    assert "70%" in text
    assert "sterke" not in text


def test_a_profile_given_directly_has_no_chart_and_no_runner_up():
    text = pdf_text(render())
    assert "Jouw scores" not in text
    assert "sterke" not in text


def test_start_plan_lists_its_three_weeks_with_drawn_tick_boxes_and_dates():
    pdf = render()
    text = pdf_text(pdf)
    plan = profile_plan(CONTENT, "visionair")
    assert "Je startplan: elke week één nieuwe gewoonte" in text
    for step, monday in zip(plan.steps, ("30 november", "7 december", "14 december"), strict=True):
        assert f"Week {step.week} vanaf {monday} 2026 {step.tip.title.nl}" in text
    assert plan.full_week == 3  # every block of this rhythm is brought in by a step
    assert "Vanaf week 3 (14 december 2026) staat je hele weekritme in je agenda." in text
    assert "Kies er drie" not in text and "Begin hier" not in text
    page = next(i for i, p in enumerate(pdf_pages(pdf)) if "Je startplan" in p)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        shapes = doc.pages[page].rects + doc.pages[page].curves
        boxes = [r for r in shapes if abs(r["width"] - r["height"]) < 0.5 and 8 < r["width"] < 20]
    assert len(boxes) >= len(plan.steps)


TRICKY = [
    "Zoë Çağla Łukasz",
    "Ελένη Παπαδοπούλου",
    "Юлия Иванова",
    "李小龍",
    'O\'Brien & "Zonen" <BV>',
    "Jürgen Groß-Ødegård",
]


@pytest.mark.parametrize("name", TRICKY)
def test_tricky_names_read_back_exactly(name):
    pdf = render(name=name)
    assert name in pdf_pages(pdf)[0]
    assert PdfReader(io.BytesIO(pdf)).metadata.title.endswith(name)


def test_emoji_are_drawn_and_one_without_a_glyph_shows_a_replacement_and_is_logged(caplog):
    caplog.set_level(logging.WARNING, logger="werkstijl.report")
    pdf = render(name="Anna 🦄 Bakker \U0001fae0")  # U+1FAE0 (Unicode 14) is in no font
    cover = pdf_pages(pdf)[0]
    assert "Anna 🦄 Bakker \ufffd" in cover
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "U+1FAE0" in logged and "U+1F984" not in logged
    assert "Anna" not in logged  # the name itself is personal data


def test_a_200_character_name_wraps_on_the_cover_without_extra_pages():
    name = " ".join(["Wilhelmina-Alexandra"] * 9) + " van Oranje"
    assert len(name) >= 199
    pdf = render(name=name)
    pages = pdf_pages(pdf)
    assert len(pages) == len(pdf_pages(render()))
    assert name in pages[0]


def test_an_unbroken_200_character_name_still_renders():
    pdf = render(name="X" * 200)
    assert "X" * 20 in pdf_pages(pdf)[0]


@pytest.mark.parametrize(
    "name", ["<b>x</b>", '<img src="/etc/passwd"/>', "<font size=80>big</font>"]
)
def test_markup_in_a_name_shows_literally(name):
    pdf = render(name=name)
    assert name in pdf_pages(pdf)[0]
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages[0].images) == 1  # the logo, nothing else


def _with_tip_text(text: str):
    tips = list(CONTENT.tips[TipCategory.email])
    tips[0] = Tip(**{**tips[0].model_dump(), "text": {"nl": text}})
    # A new version, as the loader gives whenever a file changes.
    tips_by_category = {**CONTENT.tips, TipCategory.email: tuple(tips)}
    return CONTENT.model_copy(update={"tips": tips_by_category, "version": f"edited-{hash(text)}"})


def test_content_bold_and_italic_markup_is_rendered_as_fonts():
    # The fixture tip text: "Kies <b>drie</b> momenten per dag en <i>sluit</i> je mail daartussen."
    with pdfplumber.open(io.BytesIO(render())) as doc:
        page = next(p for p in doc.pages if "momenten per dag" in (p.extract_text() or ""))
        words = page.extract_words(extra_attrs=["fontname"])
    start = next(
        i for i, w in enumerate(words) if w["text"] == "Kies" and words[i + 2]["text"] == "momenten"
    )
    kies, drie, momenten, _, _, _, sluit = (w["fontname"] for w in words[start : start + 7])
    assert "Bold" in drie and "Oblique" in sluit
    assert "Bold" not in kies + momenten and "Oblique" not in kies + momenten


def test_unsafe_content_markup_is_neutralised():
    content = _with_tip_text(
        'Lees <img src="/etc/passwd"/> dit <font size="60" color="red">hard</font> en '
        '<a href="file:///etc/passwd">lokaal</a> of <b>vet'
    )
    pdf = render_personal(content, name="A", profile_id="visionair", today=TODAY)
    text = pdf_text(pdf)
    assert "Lees dit hard en lokaal of vet" in text
    assert "img" not in text and "font" not in text
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert sum(len(p.images) for p in doc.pages) == 1  # only the logo
        sizes = {round(c["size"]) for p in doc.pages[1:] for c in p.chars if c["text"] == "h"}
        assert max(sizes) < 30
        links = [a.get("uri") for p in doc.pages for a in p.annots]
    assert not any("file:" in (uri or "") for uri in links)


def test_https_links_in_content_become_links():
    content = _with_tip_text('Zie <a href="https://example.org/tips">de gids</a>.')
    pdf = render_personal(content, name="A", profile_id="visionair", today=TODAY)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        uris = [a.get("uri") for p in doc.pages for a in p.annots]
    assert "https://example.org/tips" in uris


def test_unknown_profile_is_a_value_error():
    with pytest.raises(ValueError, match="unknown profile 'nope'"):
        render(profile_id="nope")


def test_a_reused_renderer_gives_the_same_pdf_as_a_fresh_one(monkeypatch):
    """Static sections are cached and shared between PDFs: reuse must not change a single byte."""
    from reportlab import rl_config

    from werkstijl.report import Renderer

    monkeypatch.setattr(rl_config, "invariant", 1)
    busy = Renderer()
    first = busy.personal(CONTENT, name="Ann", profile_id="operator", result=CLOSE, today=TODAY)
    for profile_id in ("operator", "visionair", "processor"):
        for lang in ("nl", "en"):
            busy.personal(CONTENT, name="X" * 150, profile_id=profile_id, lang=lang, today=TODAY)
    again = busy.personal(CONTENT, name="Ann", profile_id="operator", result=CLOSE, today=TODAY)
    fresh = Renderer().personal(
        CONTENT, name="Ann", profile_id="operator", result=CLOSE, today=TODAY
    )
    assert first == again == fresh


def test_changed_content_is_not_served_from_the_cache():
    from werkstijl.report import Renderer

    renderer = Renderer()
    renderer.personal(CONTENT, name="A", profile_id="visionair", today=TODAY)
    changed = _with_tip_text("Een gloednieuwe tekst voor deze tip.")
    pdf = renderer.personal(changed, name="A", profile_id="visionair", today=TODAY)
    assert "Een gloednieuwe tekst voor deze tip." in pdf_text(pdf)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.text(max_size=80))
def test_any_name_at_all_gives_a_valid_pdf(name):
    """Lone surrogates, controls, unassigned code points, markup: never a crash, always a PDF."""
    pdf = render(name=name)
    assert page_count(pdf) == page_count(render())


def test_an_absurdly_long_name_flows_over_pages_instead_of_failing():
    from werkstijl.report import render_group

    pdf = render(name="a" * 5000)
    assert pdf.startswith(b"%PDF")
    assert render_group(CONTENT, [("b" * 5000, "operator")], today=TODAY).startswith(b"%PDF")


def test_a_pickled_copy_of_the_same_content_reuses_the_cache():
    import pickle

    from werkstijl.report import Renderer

    renderer = Renderer()
    renderer.personal(CONTENT, name="A", profile_id="visionair", today=TODAY)
    pieces = dict(renderer._pieces)
    renderer.personal(
        pickle.loads(pickle.dumps(CONTENT)), name="B", profile_id="visionair", today=TODAY
    )
    assert all(renderer._pieces[key] is pieces[key] for key in pieces)


def test_flowables_reused_by_the_next_pdf_still_keep_headings_with_what_follows():
    """ReportLab switches keepWithNext off on flowables it has grouped; reuse must undo that."""
    from reportlab.lib.colors import black
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from werkstijl.report import load_template
    from werkstijl.report.document import Meta, Para, WriteLines, build_pdf
    from werkstijl.report.template import DEFAULT_TEMPLATES_DIR

    spec = load_template("default", DEFAULT_TEMPLATES_DIR).spec
    frame = (297 - spec.page.margins_mm.top - spec.page.margins_mm.bottom) * mm
    heading = Para("HEADING", ParagraphStyle("h", fontName="Helvetica", keepWithNext=1))
    story = [Spacer(1, frame - 15 * mm), heading, WriteLines(5, 8 * mm, black), Para("AFTER")]
    meta = Meta(title="t", subject="s", lang="nl-NL")
    for _ in range(2):
        pdf = build_pdf(spec, [], list(story), meta, lambda *args: None, font="Helvetica")
        pages = pdf_pages(pdf)
        assert "HEADING" not in pages[0] and "HEADING" in pages[1]
