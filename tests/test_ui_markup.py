"""Content text on the pages follows the PDF's rule (werkstijl/content/markup.py); the browser
proof that nothing in it is fetched is in test_browser_hardening.py."""

from __future__ import annotations

import re

import pytest

from werkstijl.report import get_renderer
from werkstijl.report.markup import rich
from werkstijl.ui.markup import inline_html, label, text_html

PIXEL = "https://tracker.example/p.png"
TEXTS = [
    "<b>vet</b> en <i>schuin</i>",
    "<B>vet</B> <b><i>x</b>y</i> dicht</b> <b>open",
    '<a href="https://example.org/a?b=1&c=2">link</a> <a href="http://example.org">http</a>',
    f'<img src="{PIXEL}"/>tekst <font size="40">groot</font> <script>alert(1)</script>',
    '<a href="javascript:alert(1)">x</a> <a>y</a> 1 < 2 & 3 > 2',
]


def tags(markup: str) -> list[str]:
    """The tags of a markup string, without their attributes: <a href=…> is "a"."""
    return re.findall(r"</?(\w+)", markup)


@pytest.mark.parametrize("text", TEXTS)
def test_the_page_keeps_exactly_the_tags_the_pdf_keeps(text: str) -> None:
    page = inline_html(text)
    pdf = rich(text, get_renderer().fonts)
    assert tags(page) == tags(pdf)
    assert re.sub(r"<[^>]*>", "", page) == re.sub(r"<[^>]*>", "", pdf)  # and the same words


def test_links_are_https_only_and_open_apart_from_the_quiz() -> None:
    page = inline_html(TEXTS[2])
    assert page.startswith(
        '<a href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">'
        "link</a>"
    )
    assert page.endswith(" http") and "http://" not in page


def test_markdown_and_other_markup_show_as_written() -> None:
    text = f"**Vet** _schuin_ `code` $x$ [link](https://example.com) ![p]({PIXEL}) &amp; <img>"
    page = inline_html(text)
    assert page.startswith("**Vet** _schuin_ `code` $x$ [link](https://example.com) ")
    assert "![" not in page and f"&#33;[p]({PIXEL})" in page  # no image, even read as markdown
    assert page.endswith("&amp;amp; ")  # an entity is text; the unknown tag is dropped


def test_a_text_is_one_html_block_with_a_paragraph_per_blank_line() -> None:
    html = text_html("Een\nregel.\n\n  \n<b>Twee</b>\n\n\n![x](https://t.example/p.png)")
    assert html == (
        '<div class="ws-text"><p>Een regel.</p><p><b>Twee</b></p>'
        "<p>&#33;[x](https://t.example/p.png)</p></div>"
    )
    assert "\n" not in html  # a line break could end the HTML block: markdown again after it


def test_a_label_is_plain_text_with_markdown_taken_literally() -> None:
    assert label("Let op: <b>vet</b> en <a href='https://x.example'>link</a>") == (
        "Let op: vet en link"
    )
    assert label(f"**x** ![p]({PIXEL}) :smile: a < b") == (
        f"\\*\\*x\\*\\* !\\[p\\]({PIXEL}) \\:smile: a \\< b"
    )
