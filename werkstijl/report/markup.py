"""Text to ReportLab paragraph markup, safely.

User text (names, group titles) is plain text: every character is escaped, so `<b>` or `<img>` in a
name shows literally and never becomes markup. Content text follows the one rule of
`werkstijl.content.markup` (the pages follow it too): <b>, <i> and <a href="https://..."> are
kept, anything else (<img>, <font>, <para>, ...) could load files or break the layout, so the tag
is dropped and its inner text kept. The tokens come balanced, because an unclosed tag would make
ReportLab refuse the whole paragraph.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from werkstijl.content.markup import Close, Open, Text, tokens
from werkstijl.content.models import one_line
from werkstijl.report.fonts import FontSet
from werkstijl.report.script import has_rtl


def clean(text: str) -> str:
    """One line of text (see `one_line`: lone surrogates, which no PDF string can encode, go too)."""
    return one_line(text)


def _text(text: str, fonts: FontSet) -> str:
    """Escaped text, with runs the main font lacks wrapped in their fallback font."""
    parts = []
    for run in fonts.runs(text):
        if run.font is None:
            parts.append(escape(run.text))
        else:
            parts.append(f'<font name="{run.font}">{escape(run.text)}</font>')
    return "".join(parts)


class Visual(str):
    """Paragraph markup of text put in display order (right-to-left text), with the text in
    reading order in `logical`: document.Para gives it to screen readers as ActualText."""

    logical: str

    def __new__(cls, markup: str, logical: str) -> Visual:
        self = super().__new__(cls, markup)
        self.logical = logical
        return self


def plain(text: str, fonts: FontSet) -> str:
    """User text as paragraph markup: never interpreted, never tofu, right-to-left in order."""
    text = clean(text)
    markup = _text(text, fonts)
    return Visual(markup, text) if has_rtl(text) else markup


def rich(text: str, fonts: FontSet, link_colour: str = "#1F4E8C") -> str:
    """Content text with only <b>, <i> and https links kept, balanced, everything else escaped."""
    out: list[str] = []
    for token in tokens(clean(text)):
        if isinstance(token, Text):
            out.append(_text(token.text, fonts))
        elif isinstance(token, Close):
            out.append(f"</{token.name}>")
        elif isinstance(token, Open) and token.href:
            out.append(f"<a href={quoteattr(token.href)} color={quoteattr(link_colour)}>")
        else:
            out.append(f"<{token.name}>")
    return "".join(out)
