"""Content text on the pages: the rule of `werkstijl.content.markup` (the PDF's), as HTML.

What a marketer writes looks the same on the page as in the PDF: <b>, <i> and https links are
formatting, every other character is text. The HTML goes to `st.markdown` with HTML allowed, and
always as one HTML block (it starts with a block tag and has no line breaks), inside which
Streamlit reads no markdown: `**`, `$` or `![x](https://tracker.example/p.png)` in content shows
as written and makes no browser fetch anything. As a second guard for HTML written into an
inline place by mistake, "![" is written as "&#33;[", which reads the same but can never open a
markdown image.

Streamlit widget labels (answer buttons, consent checkboxes) take markdown, not HTML, and a
label's formatting reaches screen readers as raw characters: they get the text plain.
"""

from __future__ import annotations

import html
import re

import streamlit as st

from werkstijl.content.markup import Close, Open, Text, paragraphs, plain_text, tokens

IMAGE_OPEN, HARMLESS_OPEN = "![", "&#33;["
# What a label's markdown would read as formatting; a colon only where it opens ":smile:",
# ":material/home:" or ":red[…]", so an ordinary "Let op: …" stays as screen readers should hear it.
_LABEL_SPECIAL = re.compile(r"([\\`*_#$\[\]|~<>]|:(?=[\w/-]+[:\[]))")


def inline_html(text: str) -> str:
    """Content (or UI) text as HTML on one line, for inside an element of the page's own HTML."""
    return "".join(_html(token) for token in tokens(" ".join(paragraphs(text))))


def text_html(text: str, css_class: str = "ws-text") -> str:
    """Content text as an HTML block: one <p> per paragraph."""
    body = "".join(
        f"<p>{''.join(_html(token) for token in tokens(line))}</p>" for line in paragraphs(text)
    )
    return f'<div class="{css_class}">{body}</div>'


def show_text(text: str, *, caption: bool = False) -> None:
    """Content text as running text on the page (small and muted when `caption`)."""
    (st.caption if caption else st.markdown)(text_html(text), unsafe_allow_html=True)


def label(text: str) -> str:
    """Content text for a widget label: plain, with every markdown character taken literally."""
    return _LABEL_SPECIAL.sub(r"\\\1", plain_text(text))


def _html(token: Text | Open | Close) -> str:
    if isinstance(token, Text):
        return html.escape(token.text, quote=False).replace(IMAGE_OPEN, HARMLESS_OPEN)
    if isinstance(token, Close):
        return f"</{token.name}>"
    if token.href:
        return f'<a href="{html.escape(token.href)}" target="_blank" rel="noopener noreferrer">'
    return f"<{token.name}>"
