"""The public quiz page: intro, one question per screen, the result at once, then the PDF.

Every rerun reads `ctx.live.current()`, so content edits reach visitors without a restart while a
broken edit never does (the last valid content keeps serving; staff pages show the errors).
"""

from __future__ import annotations

import html
import logging
import math
from datetime import timedelta

import streamlit as st

from werkstijl.content.models import Content
from werkstijl.delivery.request import OPTIN_PARAM
from werkstijl.plan import make_plan, plan_today
from werkstijl.scoring import AnswerError, Result, score
from werkstijl.storage import Store, utcnow
from werkstijl.storage.insights import median_of_counts
from werkstijl.ui import a11y, session
from werkstijl.ui.context import AppContext, get_context
from werkstijl.ui.leadform import show_pdf_section
from werkstijl.ui.markup import inline_html, label, show_text
from werkstijl.ui.result import (
    score_bars,
    show_description,
    show_first_step,
    show_profile,
    show_share,
    show_start_plan,
)
from werkstijl.ui.session import Visit
from werkstijl.ui.strings import t
from werkstijl.ui.style import apply_style

log = logging.getLogger(__name__)

# The intro names the median number of questions visitors answered, once enough of them finished
# recently: a measured figure, not a promise.
MEDIAN_WINDOW_DAYS = 90
MEDIAN_MIN_RESULTS = 30

View = tuple[str, str | None]  # the screen shown (see a11y.page_script) and what announces it


def quiz_page() -> None:
    app = get_context()
    apply_style()
    content = app.live.current()
    if content is None or not content.questions:
        st.info(t("unavailable", session.url_lang()))
        return
    visit = session.get_visit(content)
    session.keep_in_step(visit, content)
    optin = st.query_params.get(OPTIN_PARAM) is not None
    top_bar(content, visit, brand=optin or visit.phase != "intro")
    if optin:
        confirm_optin(app.store, visit)
        a11y.page_script(visit.lang, "optin", None)
        return
    show_notice(visit)
    if visit.phase == "intro":
        view = intro(app.store, content, visit)
    elif visit.phase == "quiz":
        view = question(app.store, content, visit)
    else:
        view = result_screen(app, content, visit)
    a11y.page_script(visit.lang, *view, history=session.history_config(visit, content))


def top_bar(content: Content, visit: Visit, brand: bool) -> None:
    """The site's name (not on the intro, whose title says it) and the language switch."""
    with st.container(horizontal=True, vertical_alignment="center", key="ws-top"):
        if brand:
            title = inline_html(content.site.title.get(visit.lang))
            st.markdown(f'<p class="ws-brand">{title}</p>', unsafe_allow_html=True)
        st.space("stretch")
        st.button(
            t("switch_lang", visit.lang),
            key="ws_lang",
            type="tertiary",
            on_click=session.switch_lang,
            args=(visit,),
        )


def show_notice(visit: Visit) -> None:
    if visit.notice:
        st.info(t(visit.notice, visit.lang))
        visit.notice = None  # shown once


OPTIN_RESULT_KEY = "ws_optin_result"


def confirm_optin(store: Store, visit: Visit) -> None:
    """`?optin=TOKEN` from the double opt-in mail. Opening the link only asks: mail scanners open
    links, so a click on the page confirms (once; the link works for 30 days)."""
    token = st.query_params.get(OPTIN_PARAM) or ""
    lang = visit.lang
    heading = inline_html(t("confirm_heading", lang))
    st.markdown(
        f'<h1 class="ws-title" {a11y.view_attr("optin")}>{heading}</h1>', unsafe_allow_html=True
    )
    result = st.session_state.get(OPTIN_RESULT_KEY)
    if result is not None:
        (st.success if result else st.warning)(t("confirm_ok" if result else "confirm_bad", lang))
    else:
        state = _optin_state(store, token)
        if state == "valid":
            st.info(t("confirm_ask", lang))
            st.button(
                t("confirm_button", lang),
                type="primary",
                key="ws-optin-confirm",
                on_click=_confirm,
                args=(store, token),
            )
        else:
            st.warning(t("confirm_expired" if state == "expired" else "confirm_bad", lang))
    st.button(t("confirm_continue", lang), key="ws-optin-leave", on_click=_leave_confirm)


def _optin_state(store: Store, token: str) -> str:
    try:
        return store.optin_state(token)
    except Exception:  # a database hiccup must not break the page: the visitor sees "try again"
        log.exception("could not look up an opt-in link")
        return "unknown"


def _confirm(store: Store, token: str) -> None:
    try:
        ok = store.confirm_optin(token)
    except Exception:
        log.exception("could not confirm an opt-in")
        ok = False
    st.session_state[OPTIN_RESULT_KEY] = ok


def _leave_confirm() -> None:
    st.session_state.pop(OPTIN_RESULT_KEY, None)
    if OPTIN_PARAM in st.query_params:
        del st.query_params[OPTIN_PARAM]


def intro(store: Store, content: Content, visit: Visit) -> View:
    lang, site = visit.lang, content.site
    title = inline_html(site.title.get(lang))
    st.markdown(
        f'<h1 class="ws-title" {a11y.view_attr("intro")}>{title}</h1>', unsafe_allow_html=True
    )
    facts = intro_facts(store, content, lang)
    st.markdown(f'<p class="ws-facts">{inline_html(facts)}</p>', unsafe_allow_html=True)
    show_text(site.intro.get(lang))
    st.button(
        t("start", lang),
        type="primary",
        width="stretch",
        key="ws-start",
        on_click=session.start,
        args=(store, visit),
    )
    with st.expander(t("privacy_more", lang)):
        show_text(site.privacy.get(lang))
    return "intro", site.title.get(lang)


def intro_facts(store: Store, content: Content, lang: str) -> str:
    """The line above the intro: how many questions (measured when the quiz may end early),
    at most three minutes, no account."""
    n = len(content.questions)
    if not content.site.quiz.early_end:
        return t("intro_facts", lang, n=n)
    median = measured_median(store, store.url)
    if median is None or median >= n:
        return t("intro_facts_up_to", lang, n=n)
    return t("intro_facts_median", lang, n=n, median=median)


@st.cache_data(ttl=600, show_spinner=False)
def measured_median(_store: Store, url: str) -> int | None:
    """The median number of questions recent visitors answered (rounded up), or None until
    MEDIAN_MIN_RESULTS finished. Cached per database for ten minutes: every intro shows it."""
    try:
        counts = _store.questions_answered(utcnow() - timedelta(days=MEDIAN_WINDOW_DAYS))
    except Exception:  # a figure on the intro is not worth an error page
        log.exception("could not read the questions answered per visitor")
        return None
    median = median_of_counts(counts)
    if median is None or sum(counts.values()) < MEDIAN_MIN_RESULTS:
        return None
    return math.ceil(median)


def question(store: Store, content: Content, visit: Visit) -> View:
    lang, n, i = visit.lang, len(content.questions), visit.step
    q = content.questions[i]
    progress = t("progress", lang, i=i + 1, n=n)
    st.caption(progress)
    # A bar of our own: Streamlit's st.progress is named "progress" and says 0 on question 1.
    bar_name = html.escape(t("progress_label", lang))
    st.markdown(
        f'<div class="ws-progress" role="progressbar" aria-label="{bar_name}" aria-valuemin="0" '
        f'aria-valuemax="{n}" aria-valuenow="{i + 1}" aria-valuetext="{html.escape(progress)}">'
        f'<span style="width:{(i + 1) / n:.1%}"></span></div>'
        f'<h1 class="ws-question" {a11y.view_attr(f"q-{i}")}>{inline_html(q.text.get(lang))}</h1>',
        unsafe_allow_html=True,
    )
    chosen = visit.answers[i] if i < len(visit.answers) else None
    # A new container per question restarts the CSS arrival guard (see style.py).
    with st.container(key=f"ws-options-{i}", gap="small"):
        for number, option in enumerate(q.options, start=1):
            st.button(
                label(option.text.get(lang)),
                key=f"ws-opt-{i}-{number}",
                type="primary" if number == chosen else "secondary",
                width="stretch",
                on_click=session.answer,
                args=(store, content, visit, i, number),
            )
    st.button(
        t("back" if i else "back_intro", lang),
        key="ws-back",
        type="tertiary",
        icon=":material/arrow_back:",
        on_click=session.back,
        args=(visit,),
    )
    return f"q-{i}", progress


def result_screen(app: AppContext, content: Content, visit: Visit) -> View:
    try:
        result = score(content, visit.answers)
    except AnswerError:
        session.restart(visit, notice="restarted")
        st.rerun()
    save_once(app.store, visit, result)
    plan = make_plan(content, result)
    today = plan_today()  # one day decides every week date on the page, in the mail and files
    if result.ended_early:  # say why the questions stopped before the last one
        st.caption(t("ended_early", visit.lang, answered=result.answered, n=len(content.questions)))
    profile = show_profile(content, result, visit.lang)
    show_first_step(content, app.store, visit, plan, today)
    show_description(profile, visit.lang)
    score_bars(content, result, visit.lang)
    show_start_plan(app.store, visit, plan, today)
    st.divider()
    show_pdf_section(app, content, visit, result, plan, today)
    st.divider()
    show_share(visit, app.settings.public_url)
    st.button(
        t("restart", visit.lang),
        key="ws-restart",
        type="tertiary",
        icon=":material/replay:",
        on_click=session.restart,
        args=(visit,),
    )
    return "result", t("result_announce", visit.lang, profile=profile.name.get(visit.lang))


def save_once(store: Store, visit: Visit, result: Result) -> None:
    """Store a result completed in this session once. A result link opened in this session
    saves nothing and is no completion; it is counted once as 'result_opened', so the staff's
    shares after the result have every session that saw one in their whole."""
    if not visit.completed_here:
        if not visit.opened_counted:
            visit.opened_counted = True
            session.log_event(store, visit, "result_opened")
        return
    if visit.saved:
        return
    visit.saved = True
    try:
        store.save_result(
            visit.sid,
            visit.answers,
            result.scores,
            result.profile,
            result.runner_up,
            visit.lang,
            session.duration(visit),
        )
        session.log_event(store, visit, "completed")
        if result.ended_early:  # the funnel counts this as an outcome, not as drop-off
            session.log_event(store, visit, "ended_early", result.answered - 1)
    except Exception:  # statistics only: the visitor still sees their result
        log.exception("could not save a completed result")
