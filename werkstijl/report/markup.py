"""Text to ReportLab paragraph markup, safely.

User text (names, group titles) is plain text: every character is escaped, so `<b>` or `<img>` in a
name shows literally and never becomes markup. Content text may use a tiny, safe subset of markup:
<b>, <i> and <a href="https://...">. Anything else (<img>, <font>, <para>, ...) could load files or
break the layout, so the tag is dropped and its inner text kept. Tags are re-balanced, because an
unclosed tag would make ReportLab refuse the whole paragraph.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from werkstijl.content.models import one_line
from werkstijl.report.fonts import FontSet
from werkstijl.report.script import has_rtl

_TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # "a < b > c" is text, not a tag
_ALLOWED = re.compile(r'^<(/?)(b|i|a)(?:\s+href\s*=\s*"(https://[^"\s<>]+)")?\s*>$', re.IGNORECASE)


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


def _allowed_tag(tag: str) -> tuple[str, str, str | None] | None:
    """(closing '/' or '', tag name, href) for an allowed tag, else None."""
    match = _ALLOWED.match(tag)
    if not match:
        return None
    closing, name, href = match.group(1), match.group(2).lower(), match.group(3)
    if name == "a" and not closing and href is None:
        return None  # a link without a safe https target is just text
    if closing and href:
        return None
    if name != "a" and href:
        return None
    return closing, name, href


def rich(text: str, fonts: FontSet, link_colour: str = "#1F4E8C") -> str:
    """Content text with only <b>, <i> and https links kept, balanced, everything else escaped."""
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    text = clean(text)
    for match in _TAG.finditer(text):
        out.append(_text(text[pos : match.start()], fonts))
        pos = match.end()
        tag = _allowed_tag(match.group(0))
        if tag is None:
            continue  # disallowed tag: dropped, its inner text stays
        closing, name, href = tag
        if not closing:
            stack.append(name)
            if name == "a" and href:
                out.append(f"<a href={quoteattr(href)} color={quoteattr(link_colour)}>")
            else:
                out.append(f"<{name}>")
        elif name in stack:
            # Close everything opened after it, so the result always nests properly.
            while stack:
                top = stack.pop()
                out.append(f"</{top}>")
                if top == name:
                    break
    out.append(_text(text[pos:], fonts))
    out.extend(f"</{name}>" for name in reversed(stack))
    return "".join(out)
