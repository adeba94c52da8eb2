"""The result screen: profile, score bars, first tips with star ratings, a link back."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

import streamlit as st

from werkstijl.content.models import Content, Lang, Profile, Tip, TipCategory
from werkstijl.scoring import Result
from werkstijl.storage import Store
from werkstijl.ui.a11y import view_attr
from werkstijl.ui.safe_markdown import html_text, safe_markdown
from werkstijl.ui.session import Visit, url_query
from werkstijl.ui.strings import t

log = logging.getLogger(__name__)

TOP_PER_CATEGORY = 2


def show_profile(content: Content, result: Result, lang: Lang) -> Profile:
    profile = content.profile(result.profile)
    name = html_text(profile.name.get(lang))
    side = ""
    if result.close:
        other = content.profile(result.runner_up).name.get(lang)
        side = f'<span class="ws-side">{html_text(t("strong_side", lang, profile=other))}</span>'
    st.markdown(
        f'<p class="ws-kicker">{html_text(t("result_kicker", lang))}</p>'
        f'<h1 class="ws-profile" style="color:{profile.colour}" {view_attr("result")}>'
        f"{name}{side}</h1>"
        f'<p class="ws-tagline">{html_text(profile.tagline.get(lang))}</p>',
        unsafe_allow_html=True,
    )
    st.markdown(safe_markdown(profile.description.get(lang)))
    return profile


def score_bars(content: Content, result: Result, lang: Lang) -> None:
    """Percentages as plain bars in the profiles' colours: light, crisp on phones, and the
    numbers are real text (screen readers, zoom)."""
    rows = []
    for p in content.profiles:
        pct = result.percentages.get(p.id, 0)
        label = html_text(p.name.get(lang))
        strong = " ws-bar-strong" if p.id == result.profile else ""
        rows.append(
            f'<div class="ws-bar{strong}"><span class="ws-bar-label">{label}</span>'
            f'<span class="ws-bar-track"><span class="ws-bar-fill" '
            f'style="width:{max(pct, 1)}%;background:{p.colour}"></span></span>'
            f'<span class="ws-bar-pct">{pct}%</span></div>'
        )
    st.markdown(
        f'<h2 class="ws-section">{html_text(t("scores_heading", lang))}</h2>'
        f'<div class="ws-bars">{"".join(rows)}</div>',
        unsafe_allow_html=True,
    )


def top_tips(content: Content, profile_id: str) -> list[tuple[TipCategory, Tip]]:
    """The first TOP_PER_CATEGORY 'start here' tips of each category, so the result page stays
    short; the PDF holds all of them."""
    starters = content.starter_tips(profile_id)
    return [
        (category, tip)
        for category in TipCategory
        for tip in [t for c, t in starters if c == category][:TOP_PER_CATEGORY]
    ]


def _rate(store: Store, visit: Visit, tip_id: str, key: str) -> None:
    value = st.session_state.get(key)
    if value is None:  # the visitor cleared the stars: keep the earlier rating
        return
    try:
        store.rate_tip(visit.sid, tip_id, int(value) + 1)  # st.feedback is 0-based
    except Exception:  # a lost rating is not worth an error on the visitor's screen
        log.exception("could not store a tip rating")


def show_tips(content: Content, store: Store, visit: Visit, profile_id: str) -> None:
    lang = visit.lang
    st.markdown(
        f'<h2 class="ws-section">{html_text(t("tips_heading", lang))}</h2>',
        unsafe_allow_html=True,
    )
    for category, tip in top_tips(content, profile_id):
        with st.container(border=True, key=f"tip-{tip.id}"):
            st.caption(t(f"category_{category.value}", lang).upper())
            st.markdown(
                f'<h3 class="ws-tip">{html_text(tip.title.get(lang))}</h3>',
                unsafe_allow_html=True,
            )
            st.markdown(safe_markdown(tip.text.get(lang)))
            rating(store, visit, tip.id)


@st.fragment
def rating(store: Store, visit: Visit, tip_id: str) -> None:
    """Stars for one tip, a fragment of its own: a rating reruns only these stars, never the
    rest of the page (a full rerun would redraw the PDF button, see leadform.download_button)."""
    key = f"rating-{visit.sid}-{tip_id}"
    rated = st.session_state.get(key) is not None
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.caption(t("rated" if rated else "rate_tip", visit.lang))
        st.feedback("stars", key=key, on_change=_rate, args=(store, visit, tip_id, key))


def share_link(base_url: str, visit: Visit) -> str:
    """A link that reopens this result (answer digits and language only, see session.py)."""
    return f"{base_url.rstrip('/')}/?{urlencode(url_query(visit))}"


def base_url(fallback: str) -> str:
    """The address the visitor is on (behind a proxy too), else the configured public URL."""
    try:
        url = st.context.url
    except Exception:  # no browser context (bare mode, tests, older Streamlit): use the fallback
        url = None
    if not url:
        return fallback
    return url.split("?", 1)[0].rstrip("/")


def show_share(visit: Visit, public_url: str) -> None:
    st.caption(t("share", visit.lang))
    st.code(share_link(base_url(public_url), visit), language=None, wrap_lines=True)
