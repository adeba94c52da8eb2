"""Share and embed: a plain link and a ready-to-paste embed code, each with a source label, and
whether embedding on other sites is allowed (WERKSTIJL_EMBED_ORIGINS)."""

from __future__ import annotations

import streamlit as st

from werkstijl.attribution import MAX_LENGTH, clean_value
from werkstijl.embed import embed_code, quiz_url
from werkstijl.ui.context import AppContext
from werkstijl.ui.result import base_url
from werkstijl.ui.staff.strings import lang, t
from werkstijl.web import parse_origins


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
    label = clean_value(raw)
    if raw.strip() and label is None:
        st.error(t("share_label_bad"))
    elif label and label != raw.strip():
        st.caption(t("share_label_as", label=label))
    base = base_url(ctx.settings.public_url)
    st.subheader(t("share_link"))
    st.code(quiz_url(base, label), language=None, wrap_lines=True)
    st.subheader(t("share_embed"))
    content = ctx.live.current()
    title = content.site.title.get(lang()) if content else t("app_title_fallback")
    st.code(embed_code(base, label, title), language="html", wrap_lines=True)
    _allowed_sites(ctx.settings.embed_origins)
    with st.expander(t("embed_how")):
        st.markdown(t("embed_how_text"))
