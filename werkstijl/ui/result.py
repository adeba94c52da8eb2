"""The result screen: profile, the one first step, scores, the start plan, a link back.

Everything the visitor is told to do comes from their `Plan`, like the PDF, the mail and the
calendar file, so the four always agree.
"""

from __future__ import annotations

import logging
from datetime import date
from urllib.parse import urlencode

import streamlit as st

from werkstijl.content.models import Content, Lang, Profile
from werkstijl.content.rhythm import format_date
from werkstijl.plan import Plan, week_start
from werkstijl.scoring import Result
from werkstijl.storage import Store
from werkstijl.ui.a11y import view_attr
from werkstijl.ui.markup import inline_html, show_text
from werkstijl.ui.session import Visit, url_query
from werkstijl.ui.strings import t

log = logging.getLogger(__name__)


def show_profile(content: Content, result: Result, lang: Lang) -> Profile:
    """Kicker, profile name (with a close runner-up's side) and tagline."""
    profile = content.profile(result.profile)
    name = inline_html(profile.name.get(lang))
    side = ""
    if result.close:
        other = content.profile(result.runner_up).name.get(lang)
        side = f'<span class="ws-side">{inline_html(t("strong_side", lang, profile=other))}</span>'
    st.markdown(
        f'<p class="ws-kicker">{inline_html(t("result_kicker", lang))}</p>'
        f'<h1 class="ws-profile" style="color:{profile.colour}" {view_attr("result")}>'
        f"{name}{side}</h1>"
        f'<p class="ws-tagline">{inline_html(profile.tagline.get(lang))}</p>',
        unsafe_allow_html=True,
    )
    return profile


def show_description(profile: Profile, lang: Lang) -> None:
    show_text(profile.description.get(lang))


def tip_title(text: str) -> None:
    """A tip's title, a heading under its section's (the page outline: h1, h2, h3)."""
    st.markdown(f'<h3 class="ws-tip">{inline_html(text)}</h3>', unsafe_allow_html=True)


def show_first_step(
    content: Content, store: Store | None, visit: Visit, plan: Plan, today: date
) -> None:
    """The one first step, right under the profile, with the Monday it starts (week 1 of the
    plan, as in the mail, the PDF and the calendar file). `store` None: the studio's preview
    (the stars are shown but store nothing)."""
    lang, tip = visit.lang, plan.first_step
    start = format_date(week_start(today, 1), lang)
    heading = inline_html(t("first_step_heading", lang, date=start))
    with st.container(border=True, key="ws-first-step"):
        st.markdown(f'<h2 class="ws-section ws-first">{heading}</h2>', unsafe_allow_html=True)
        tip_title(tip.title.get(lang))
        show_text(tip.text.get(lang))
        if plan.side is not None:
            side = content.profile(plan.side).name.get(lang)
            show_text(t("first_step_side", lang, profile=side), caption=True)
        _rating(store, visit, tip.id)


def show_start_plan(store: Store | None, visit: Visit, plan: Plan, today: date) -> None:
    """The weeks after the first step: one new habit a week, then the whole rhythm."""
    lang = visit.lang
    st.markdown(
        f'<h2 class="ws-section">{inline_html(t("start_plan_heading", lang))}</h2>',
        unsafe_allow_html=True,
    )
    for step in plan.steps[1:]:
        with st.container(border=True, key=f"ws-week-{step.week}"):
            when = t(
                "week_from",
                lang,
                week=step.week,
                date=format_date(week_start(today, step.week), lang),
            )
            st.caption(when)
            tip_title(step.tip.title.get(lang))
            show_text(step.tip.text.get(lang))
            _rating(store, visit, step.tip.id)
    full = format_date(week_start(today, plan.full_week), lang)
    st.caption(t("start_plan_after", lang, week=plan.full_week, date=full))


@st.fragment
def _rating(store: Store | None, visit: Visit, tip_id: str) -> None:
    """Stars for one tip, a fragment of its own: a rating reruns only these stars, never the
    rest of the page (a full rerun would redraw the PDF button, see leadform.download_button).
    Without a store (the studio's preview) the stars are drawn but cannot be clicked."""
    key = f"rating-{visit.sid}-{tip_id}"
    rated = st.session_state.get(key) is not None
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.caption(t("rated" if rated else "rate_tip", visit.lang))
        if store is None:
            st.feedback("stars", key=key, disabled=True)
        else:
            st.feedback("stars", key=key, on_change=_rate, args=(store, visit, tip_id, key))


def score_bars(content: Content, result: Result, lang: Lang) -> None:
    """Percentages as plain bars in the profiles' colours: light, crisp on phones, and the
    numbers are real text (screen readers, zoom)."""
    rows = []
    for p in content.profiles:
        pct = result.percentages.get(p.id, 0)
        label = inline_html(p.name.get(lang))
        strong = " ws-bar-strong" if p.id == result.profile else ""
        # 0% is an empty track: no fill at all (a sliver of colour would read as "a little").
        fill = (
            f'<span class="ws-bar-fill" style="width:{pct}%;background:{p.colour}"></span>'
            if pct > 0
            else ""
        )
        rows.append(
            f'<div class="ws-bar{strong}"><span class="ws-bar-label">{label}</span>'
            f'<span class="ws-bar-track">{fill}</span>'
            f'<span class="ws-bar-pct">{pct}%</span></div>'
        )
    st.markdown(
        f'<h2 class="ws-section">{inline_html(t("scores_heading", lang))}</h2>'
        f'<div class="ws-bars">{"".join(rows)}</div>',
        unsafe_allow_html=True,
    )


def _rate(store: Store, visit: Visit, tip_id: str, key: str) -> None:
    value = st.session_state.get(key)
    if value is None:  # the visitor cleared the stars: keep the earlier rating
        return
    try:
        store.rate_tip(visit.sid, tip_id, int(value) + 1)  # st.feedback is 0-based
    except Exception:  # a lost rating is not worth an error on the visitor's screen
        log.exception("could not store a tip rating")


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
