"""Links and embed codes for marketers: the quiz as a plain link or inside a blog post.

Both carry a source label (`src=`), so insights can tell which post or mailing brought a visit.
The embed code is an <iframe> in Streamlit's embed mode (no Streamlit chrome) sized to fit a
phone, plus a two-line script that passes the host page's own utm_* values on to the quiz (a
newsletter linking to the post then shows up as the campaign). The host site must be listed in
WERKSTIJL_EMBED_ORIGINS (see werkstijl/web.py and the README, "Embedding on a website").
Below the frame a plain link opens the quiz in a new tab, for readers whose browser or network
blocks the frame (privacy add-ons, company filters).
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urlencode

from werkstijl.attribution import MAX_LENGTH, clean_value

IFRAME_STYLE = (
    "display:block;width:100%;max-width:720px;height:min(780px,90vh);border:0;margin:0 auto"
)
FORWARD_UTM = (
    "(function(f){var q=new URLSearchParams(location.search),u=new URL(f.src),n=0;"
    '["utm_source","utm_medium","utm_campaign"].forEach(function(k){var v=q.get(k);'
    "if(v){u.searchParams.set(k,v);n++}});if(n)f.src=u.href})"
    "(document.currentScript.previousElementSibling);"
)


FALLBACK_STYLE = "text-align:center;margin:.5em 0"
_NOT_SLUG = re.compile(r"[^a-z0-9._]+")


def source_label(raw: str | None) -> str | None:
    """The label a marketer typed, made usable: 'Nieuwsbrief maart!' -> 'nieuwsbrief-maart'
    (accents dropped, anything else a dash). None when nothing is left or it looks like personal
    data (an e-mail address, a long number): that is never turned into a label."""
    if not raw or "@" in raw:
        return None
    ascii_only = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_only.lower()).strip("-._")
    return clean_value(slug[:MAX_LENGTH].strip("-._"))


def quiz_url(base_url: str, label: str | None, *, embed: bool = False) -> str:
    """The quiz's address with the source label (cleaned as it will be stored)."""
    query = {"embed": "true"} if embed else {}
    src = clean_value(label)
    if src:
        query["src"] = src
    base = base_url.rstrip("/") + "/"
    return f"{base}?{urlencode(query)}" if query else base


def embed_code(base_url: str, label: str | None, title: str, fallback: str) -> str:
    """Ready-to-paste HTML: the framed quiz, the script that forwards the page's utm_* (right
    after the frame: it finds the frame as its previous sibling), then `fallback` as a link to
    the quiz in a new tab, with the same source label."""
    src = html.escape(quiz_url(base_url, label, embed=True), quote=True)
    href = html.escape(quiz_url(base_url, label), quote=True)
    return (
        f'<iframe src="{src}" title="{html.escape(title, quote=True)}" '
        f'style="{IFRAME_STYLE}" allow="clipboard-write"></iframe>\n'
        f"<script>{FORWARD_UTM}</script>\n"
        f'<p style="{FALLBACK_STYLE}"><a href="{href}" target="_blank" rel="noopener">'
        f"{html.escape(fallback)}</a></p>"
    )
