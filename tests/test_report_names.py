"""Every name written correctly: right-to-left scripts shaped and in order, emoji drawn, and what
no font has shown as a visible replacement. Read back with pdftotext (poppler) as a reader would
copy the text, with pdfplumber for positions, and with pypdf for the structure."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pdfplumber
import pytest
from pypdf import PdfReader

from tests.pdf_fixtures import make_content
from werkstijl.report import Renderer, render_group, render_personal
from werkstijl.report.fonts import to_unicode_cmap

CONTENT = make_content()
TODAY = date(2026, 11, 23)
FONTS = Renderer().fonts
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e"))  # pdftotext adds these


def cover_line(pdf: bytes, tmp_path, line: int = 2) -> str:
    """A line of the cover as pdftotext reads it (the name is the third line)."""
    path = tmp_path / "cover.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-l", "1", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [x for x in text.splitlines() if x.strip()]
    return lines[line - 1].translate(BIDI_CONTROLS)


def render(name: str, **kwargs) -> bytes:
    return render_personal(CONTENT, name=name, profile_id="visionair", today=TODAY, **kwargs)


pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


@pytest.mark.parametrize(
    "name",
    [
        "محمد علي",  # Arabic: joined, right to left
        "فاطمة الزهراء",
        "שרה כהן",  # Hebrew: right to left
        "Sara כהן",  # mixed, left-to-right base
        "Zoë 😀 de Vries",  # emoji from the emoji fallback font
        "李小龍",
    ],
)
def test_names_read_back_in_reading_order(name, tmp_path):
    assert cover_line(render(name), tmp_path, line=2) == name


def test_a_name_that_starts_right_to_left_is_laid_out_right_to_left():
    # "דוד Smith": the Hebrew first name comes first, so on the right; "Smith" to its left.
    with pdfplumber.open(io.BytesIO(render("דוד Smith"))) as doc:
        words = doc.pages[0].extract_words()
    x = {w["text"]: w["x0"] for w in words}
    hebrew = next(k for k in x if "\u05d3" in k)
    assert x["Smith"] < x[hebrew]


def test_arabic_is_shaped_into_joined_forms_in_display_order():
    display = "".join(run.text for run in FONTS.runs("محمد"))
    # dal (final), meem (medial), hah (medial), meem (initial): drawn left to right
    assert display == "\ufeaa\ufee4\ufea4\ufee3"


def test_hebrew_is_put_in_display_order():
    assert "".join(run.text for run in FONTS.runs("שרה")) == "הרש"


def test_a_zero_width_non_joiner_keeps_two_persian_letters_apart():
    joined = "".join(run.text for run in FONTS.runs("مهدیزاده"))
    apart = "".join(run.text for run in FONTS.runs("مهدی\u200cزاده"))
    assert joined != apart and "\u200c" not in apart


def test_no_discretionary_ligature_turns_a_name_into_an_emblem():
    display = "".join(run.text for run in FONTS.runs("محمد"))
    assert "\ufdf4" not in display  # ARABIC LIGATURE MOHAMMAD ISOLATED FORM


def test_extracted_text_gives_plain_letters_not_presentation_forms():
    cmap = to_unicode_cmap("F", [0, 0xFEAA, 0x41, 0x1F600])
    assert "<01> <062F>" in cmap  # dal final form -> dal
    assert "<02> <0041>" in cmap
    assert "<03> <D83DDE00>" in cmap  # beyond U+FFFF: a UTF-16 pair
    assert "<00>" not in cmap.split("endcodespacerange")[1]  # unused code: no entry


def test_screen_readers_get_the_name_in_reading_order_as_actual_text():
    reader = PdfReader(io.BytesIO(render("محمد علي")))
    root = reader.trailer["/Root"]["/StructTreeRoot"]["/K"].get_object()
    first_h1 = next(k.get_object() for k in root["/K"] if k.get_object()["/S"] == "/H1")
    assert first_h1["/ActualText"] == "محمد علي"


def test_an_arabic_name_in_a_bold_style_uses_the_bold_arabic_font():
    with pdfplumber.open(io.BytesIO(render("محمد"))) as doc:
        fonts = {c["fontname"] for c in doc.pages[0].chars}
    assert any("NotoSansArabic-Bold" in f for f in fonts)


def test_group_report_names_and_title_read_back_in_order(tmp_path):
    pdf = render_group(
        CONTENT, [("محمد علي", "visionair"), ("שרה כהן", "operator")], title="צוות", today=TODAY
    )
    path = tmp_path / "group.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout.translate(BIDI_CONTROLS)
    assert "محمد علي" in text and "שרה כהן" in text and "צוות" in text
