"""The one rule for markup in content text, read here for the pages, the PDF, mail and calendar.

Content text is plain text with three tags a marketer may use: <b>, <i> and
<a href="https://…">. Nothing else is markup: another tag (<img>, <font>, <script>, a link to
http: or javascript:) is dropped and its inner text kept; markdown, entities and a lone < or >
show as written. Tags are balanced: an unclosed tag ends with its paragraph, a closing tag closes
what was opened after it, a stray closing tag is dropped. A blank line starts a new paragraph on
the pages; the PDF sets each text as one paragraph, and mail and calendar files drop the tags.

`werkstijl.report.markup` turns the tokens into ReportLab paragraph markup, `werkstijl.ui.markup`
into HTML for the pages: the two cannot disagree about what a text says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from werkstijl.content.models import one_line

TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # "a < b > c" is text, not a tag
_ALLOWED = re.compile(r'^<(/?)(b|i|a)(?:\s+href\s*=\s*"(https://[^"\s<>]+)")?\s*>$', re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Open:
    name: str  # "b", "i" or "a"
    href: str | None = None  # the https address of a link


@dataclass(frozen=True)
class Close:
    name: str


Token = Text | Open | Close


def strip_tags(text: str) -> str:
    """Content text without any tags: for plain-text mail and calendar files."""
    return TAG.sub("", text)


def plain_text(text: str) -> str:
    """Content text as one plain line (tags dropped): for places that take no formatting, such
    as a control's label, a table cell or what a screen reader announces."""
    return one_line(strip_tags(text))


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text (split at blank lines), each as one clean line, none empty."""
    return [line for part in _BLANK_LINE.split(text) if (line := one_line(part))]


def tokens(line: str) -> Iterator[Token]:
    """The text and allowed tags of one line of content text, always properly nested."""
    stack: list[str] = []
    pos = 0
    for match in TAG.finditer(line):
        if match.start() > pos:
            yield Text(line[pos : match.start()])
        pos = match.end()
        tag = _allowed(match.group(0))
        if tag is None:
            continue  # not allowed: dropped, its inner text stays
        if isinstance(tag, Open):
            stack.append(tag.name)
            yield tag
        elif tag.name in stack:
            while stack:  # close everything opened after it, so the result nests properly
                top = stack.pop()
                yield Close(top)
                if top == tag.name:
                    break
    if pos < len(line):
        yield Text(line[pos:])
    for name in reversed(stack):
        yield Close(name)


def _allowed(tag: str) -> Open | Close | None:
    match = _ALLOWED.match(tag)
    if not match:
        return None
    closing, name, href = match.group(1), match.group(2).lower(), match.group(3)
    if closing:
        return None if href else Close(name)
    if name == "a" and href is None:
        return None  # a link without a safe https target is just text
    if name != "a" and href:
        return None
    return Open(name, href)
