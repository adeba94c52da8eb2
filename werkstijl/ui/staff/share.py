"""Share and embed: a plain link and a ready-to-paste embed code, each with a source label, and
whether embedding on other sites is allowed (WERKSTIJL_EMBED_ORIGINS)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import streamlit as st

from werkstijl.attribution import MAX_LENGTH
from werkstijl.content.markup import plain_text
from werkstijl.embed import embed_code, quiz_url, source_label
from werkstijl.settings import Settings
from werkstijl.ui.context import AppContext
from werkstijl.ui.result import base_url
from werkstijl.ui.staff import STAFF_URL
from werkstijl.ui.staff.strings import lang, t
from werkstijl.web import parse_origins


def app_address(public_url: str, default_url: str, browser_url: str) -> str:
    """Where visitors reach the quiz: the configured WERKSTIJL_PUBLIC_URL, else the address this
    staff page is on without its page path (staff may use another host name than visitors)."""
    if public_url.rstrip("/") != default_url.rstrip("/"):
        return public_url.rstrip("/")
    parts = urlsplit(browser_url)
    segments = parts.path.rstrip("/").split("/")
    if segments[-1].startswith(STAFF_URL):  # Streamlit keeps our own page's path in the URL
        segments.pop()
    return urlunsplit((parts.scheme, parts.netloc, "/".join(segments), "", "")).rstrip("/")


def _allowed_sites(embed_origins: str) -> None:
    origins, bad = parse_origins(embed_origins)
    if bad:
        st.error(t("embed_bad_origins", values=", ".join(bad)))
    if origins:
        st.success(t("embed_allowed", origins=", ".join(origins)))
    else:
        st.warning(t("embed_closed"))


def render(ctx: AppContext) -> None:
    st.title(t("share_title"))
    st.caption(t("share_intro"))
    raw = st.text_input(
        t("share_label"),
        key="staff_share_label",
        max_chars=MAX_LENGTH,
        placeholder=t("share_label_placeholder"),
        help=t("share_label_help"),
    )
    label = source_label(raw)
    if raw.strip() and label is None:
        st.error(t("share_label_bad"))
    elif label and label != raw.strip():
        st.info(t("share_label_as", label=label))
    default = Settings.model_fields["public_url"].default
    base = app_address(ctx.settings.public_url, default, base_url(ctx.settings.public_url))
    st.subheader(t("share_link"))
    st.code(quiz_url(base, label), language=None, wrap_lines=True)
    st.subheader(t("share_embed"))
    content = ctx.live.current()
    title = plain_text(content.site.title.get(lang())) if content else t("app_title_fallback")
    code = embed_code(base, label, title, t("embed_fallback_link"))
    st.code(code, language="html", wrap_lines=True)
    st.caption(t("embed_fallback_note"))
    _allowed_sites(ctx.settings.embed_origins)
    with st.expander(t("embed_how")):
        st.markdown(t("embed_how_text"))
