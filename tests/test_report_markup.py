"""Markup safety and glyph fallback, checked on the markup strings themselves."""

from __future__ import annotations

import logging

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from werkstijl.report import get_renderer
from werkstijl.report.markup import clean, plain, rich

FONTS = get_renderer().fonts


def parses(markup: str) -> bool:
    """ReportLab accepts it as paragraph markup (it raises on anything malformed)."""
    Paragraph(markup, ParagraphStyle("t", fontName=FONTS.regular)).wrap(400, 400)
    return True


@pytest.mark.parametrize(
    "text", ["<b>x</b>", '<img src="/etc/passwd"/>', "a & b", "5 < 6 > 4", "<para>", "&amp;", "\"'"]
)
def test_user_text_is_always_escaped(text):
    markup = plain(text, FONTS)
    assert "<" not in markup.replace("&lt;", "") and parses(markup)


def test_clean_collapses_controls_and_space_and_composes_accents():
    assert clean("  Zoe\u0308\n\tde\x00  Vries ") == "Zoë de Vries"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<b>vet</b> en <i>schuin</i>", "<b>vet</b> en <i>schuin</i>"),
        ("<B>vet</B>", "<b>vet</b>"),
        ('<img src="x.png"/>tekst', "tekst"),
        ('<font color="red" size="40">groot</font>', "groot"),
        ("<b>open", "<b>open</b>"),
        ("dicht</b>", "dicht"),
        ("<b><i>x</b>y</i>", "<b><i>x</i></b>y"),
        ('<a href="https://example.org/a?b=1&c=2">link</a>', None),
        ('<a href="file:///etc/passwd">x</a>', "x"),
        ('<a href="javascript:alert(1)">x</a>', "x"),
        ("<a>x</a>", "x"),
        ("1 < 2 & 3 > 2", "1 &lt; 2 &amp; 3 &gt; 2"),
    ],
)
def test_content_markup_keeps_only_safe_balanced_tags(text, expected):
    markup = rich(text, FONTS)
    if expected is not None:
        assert markup == expected
    else:
        assert markup.startswith('<a href="https://example.org/a?b=1&amp;c=2"')
    assert parses(markup)


def test_characters_the_main_font_lacks_use_the_fallback_font():
    markup = plain("Li 李小龍", FONTS)
    fallback = FONTS.fallbacks[0][0]
    assert markup == f'Li <font name="{fallback}">李小龍</font>'
    assert parses(markup)


def test_characters_no_font_has_show_a_visible_replacement_and_are_logged_without_the_text(caplog):
    caplog.set_level(logging.WARNING, logger="werkstijl.report")
    markup = plain("Sam \U0001fae0\u200d\U0001f680\ufe0f!", FONTS)  # melting face: Unicode 14
    assert "\U0001fae0" not in markup and "\ufffd" in markup
    assert markup.startswith("Sam ") and markup.endswith("!")
    message = caplog.records[-1].getMessage()
    assert "U+1FAE0" in message
    assert "Sam" not in message and "U+FE0F" not in message  # invisible selectors: no noise
    assert "U+200D" not in message


def test_emoji_are_set_in_the_emoji_fallback_font():
    markup = plain("Sam 🦄🚀", FONTS)
    emoji_font = FONTS.fallbacks[-1][0]
    assert f'<font name="{emoji_font}">🦄🚀</font>' in markup


def test_bold_markup_around_fallback_text_still_parses():
    assert parses(rich("<b>Naam: 李</b>", FONTS))
