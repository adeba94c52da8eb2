"""Content markdown made safe for visitor pages: nothing in it makes the browser load anything.

Marketers write profiles, questions and tips in markdown, and Streamlit renders markdown images
(also in button and checkbox labels). One `![](https://tracker.example/pixel.png)` in a tip would
make every visitor's browser fetch that address: a tracking pixel, or a broken picture in the
quiz. Links stay links (nothing loads until someone clicks); raw HTML is never enabled for content
(Streamlit shows it as text). Images are the one markdown construct that loads by itself.

Content placed inside the pages' own HTML (headings, score bars) goes through `html_text`: HTML
escaping alone is not enough there, because Streamlit still reads that HTML as markdown, and a
blank line inside a text ends the HTML block so that what follows is markdown again.
"""

from __future__ import annotations

import html

# "![" opens every markdown image (inline `![a](url)`, reference `![a][ref]`, `![a]`). Written as
# the character reference "&#33;[" the "!" still reads as "!", but no image can begin there: what
# follows becomes an ordinary link (or text). A backslash before it cannot bring the image back.
IMAGE_OPEN = "!["
HARMLESS_OPEN = "&#33;["


def safe_markdown(text: str) -> str:
    """`text` as markdown that renders the same words but no image (see the module docstring)."""
    return text.replace(IMAGE_OPEN, HARMLESS_OPEN)


def html_text(text: str) -> str:
    """`text` for a place inside the pages' own HTML: escaped, on one line, and with no image."""
    return safe_markdown(html.escape(" ".join(text.split())))
