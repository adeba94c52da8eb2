"""One visitor's progress: session state, mirrored in the URL (answers, question, language only).

The URL never holds personal data: `?a=1321&q=5&lang=en` is enough for a refresh or a lost
connection to resume where the visitor was, for the browser's Back and Forward to move between
questions, and for the result page to offer a link back. Every step the visitor takes is one
history entry; a history move (Back/Forward) puts the screen where the URL says.
Where the visit came from (`utm_*`, `src`; werkstijl/attribution.py) stays in the URL beside
them.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from dataclasses import dataclass, field, replace
from typing import Any, Literal, cast

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from werkstijl.attribution import PARAMS as SOURCE_PARAMS
from werkstijl.attribution import Attribution
from werkstijl.content.models import LANGS, Content, Lang
from werkstijl.scoring import quiz_ends
from werkstijl.storage import Store

log = logging.getLogger(__name__)

Phase = Literal["intro", "quiz", "result"]
STATE_KEY = "ws_visit"
# The only query parameters a visit writes: answer digits, the question on screen (1-based; 0 is
# the intro; absent on the result and at the first unanswered question of a resumed link), the
# language when it differs from the browser's, and the visit's source labels.
ANSWERS_PARAM, QUESTION_PARAM, LANG_PARAM = "a", "q", "lang"
VISIT_PARAMS = (ANSWERS_PARAM, QUESTION_PARAM, LANG_PARAM, *SOURCE_PARAMS)
ANSWER_DIGITS = re.compile(r"[1-9]+")  # ASCII only: str.isdigit() would also accept '²'
QUESTION_DIGITS = re.compile(r"[0-9]{1,3}")
ACCEPT_LANGUAGE_MAX = 40  # entries read from an Accept-Language header (it is client input)


@dataclass
class Visit:
    """Everything the quiz remembers about one browser session."""

    sid: str = field(default_factory=lambda: secrets.token_hex(16))
    lang: Lang = "nl"
    browser_lang: Lang = "nl"  # what the browser prefers; the URL names `lang` only when it differs
    phase: Phase = "intro"
    answers: list[int] = field(default_factory=list)  # 1-based option numbers, in question order
    step: int = 0  # 0-based index of the question on screen
    started_at: float | None = None
    saved: bool = False  # the completed result is stored once per visit
    completed_here: bool = False  # finished by a click in this session (not a resumed link)
    opened_counted: bool = False  # a result link shown in this session is counted once
    notice: str | None = None  # a UI string key shown once (e.g. "restarted")
    name: str = ""  # for the PDF cover; kept here so the deferred download can read it
    pdf_cache: dict[tuple[object, ...], bytes] = field(default_factory=dict)
    form: dict[str, Any] = field(default_factory=dict)  # the mail form's outcome, shown back
    source: Attribution = field(default_factory=Attribution)  # utm_* and src, for the whole visit


def parse_answer_digits(value: str | None) -> list[int] | None:
    """'1321' -> [1, 3, 2, 1]; None for anything that is not a run of digits 1-9."""
    if not value or len(value) > 100 or not ANSWER_DIGITS.fullmatch(value):
        return None
    return [int(ch) for ch in value]


def fits(content: Content, answers: list[int]) -> bool:
    """Whether answers still fit the (possibly edited) questions: not too many, each in range."""
    if len(answers) > len(content.questions):
        return False
    return all(1 <= a <= len(q.options) for q, a in zip(content.questions, answers, strict=False))


def pick_lang(accept: str | None) -> Lang | None:
    """The supported language a browser prefers most, from an Accept-Language value ("en-GB,
    en;q=0.9,nl;q=0.8") or a single locale ("en-US"); None when it names neither nl nor en.

    Highest quality wins, ties go to the one listed first; a region ("nl-BE") counts as its
    language and `q=0` means "not this one".
    """
    if not accept:
        return None
    ranked: list[tuple[float, int, Lang]] = []
    for position, item in enumerate(accept.split(",")[:ACCEPT_LANGUAGE_MAX]):
        tag, *params = item.strip().split(";")
        lang = tag.strip().lower().replace("_", "-").split("-")[0]
        if lang in LANGS:
            ranked.append((-_quality(params), position, cast("Lang", lang)))
    ranked = [r for r in ranked if r[0] < 0]
    return min(ranked)[2] if ranked else None


def _quality(params: list[str]) -> float:
    """The `q` of one Accept-Language entry (1 when absent, 0 when unreadable)."""
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def browser_lang() -> Lang:
    """The browser's preferred language (Accept-Language, else its locale); Dutch otherwise."""
    try:
        header = st.context.headers.get("Accept-Language")
        locale = st.context.locale
    except Exception:  # no browser context (bare mode, AppTest): Dutch, the site's first language
        return "nl"
    return pick_lang(header) or pick_lang(locale) or "nl"


def url_lang() -> Lang:
    """The language asked for in the URL, else the browser's."""
    lang = st.query_params.get(LANG_PARAM)
    return lang if lang in LANGS else browser_lang()


def apply_url(visit: Visit, content: Content, query: dict[str, str]) -> bool:
    """Put the visit where the URL says (see `url_query`); False when its answers do not fit."""
    raw = query.get(ANSWERS_PARAM)
    answers = parse_answer_digits(raw) if raw else []
    if answers is None or not fits(content, answers):
        return False
    lang = query.get(LANG_PARAM)
    visit.lang = lang if lang in LANGS else visit.browser_lang
    visit.answers = answers
    question = query.get(QUESTION_PARAM)
    if question is None or not QUESTION_DIGITS.fullmatch(question):  # a result or resume link
        done = bool(answers) and quiz_ends(content, answers)  # all answered, or an early end
        visit.phase = "result" if done else ("quiz" if answers else "intro")
        visit.step = len(answers) - 1 if done else min(len(answers), len(content.questions) - 1)
    elif int(question) == 0:
        visit.phase, visit.step = "intro", 0
    else:  # never past the first unanswered question
        visit.phase = "quiz"
        visit.step = min(int(question) - 1, len(answers), len(content.questions) - 1)
    return True


def get_visit(content: Content) -> Visit:
    """This session's visit; a new session starts from the URL (language, answers, question).
    Back/Forward in the browser moves the visit to the URL's place."""
    visit = st.session_state.get(STATE_KEY)
    if visit is None:
        visit = Visit(source=Attribution.from_query(st.query_params))
        visit.browser_lang = visit.lang = browser_lang()
        if not apply_url(visit, content, query_dict()):
            restart(visit, notice="bad_link")  # not digits, 0, too many answers, out of range
        elif visit.answers and visit.phase != "result":
            visit.notice = "resumed"
        st.session_state[STATE_KEY] = visit
    elif is_history_navigation() and query_dict() != url_query(visit):
        wanted = Visit(browser_lang=visit.browser_lang)
        if apply_url(wanted, content, query_dict()):
            visit.lang, visit.answers = wanted.lang, wanted.answers
            visit.phase, visit.step = wanted.phase, wanted.step
        else:
            restart(visit, notice="restarted")
    return visit


def is_history_navigation() -> bool:
    """Whether this run comes from the browser's Back/Forward (not from a click in the page).

    Streamlit knows it per run; only then does the URL overrule the session. A click sent just
    before the newest URL reached the browser carries an older URL and must not move the visitor.
    """
    ctx = get_script_run_ctx()
    return bool(getattr(ctx, "is_history_navigation", False))


def query_dict() -> dict[str, str]:
    """The visit's own query parameters as the URL has them now."""
    return {key: st.query_params[key] for key in VISIT_PARAMS if key in st.query_params}


def keep_in_step(visit: Visit, content: Content) -> None:
    """Content may change under a visitor: restart gracefully when the answers no longer fit."""
    if not fits(content, visit.answers):
        restart(visit, notice="restarted")
        return
    n = len(content.questions)
    visit.step = min(visit.step, n - 1)
    if visit.phase == "result" and not quiz_ends(content, visit.answers):
        # Questions were added, or the early end no longer applies: ask what is left.
        visit.phase, visit.step = "quiz", len(visit.answers)


def restart(visit: Visit, notice: str | None = None) -> None:
    visit.phase, visit.answers, visit.step = "intro", [], 0
    visit.started_at, visit.saved, visit.notice = None, False, notice
    visit.completed_here = visit.opened_counted = False
    visit.sid = secrets.token_hex(16)  # a new run of the funnel
    visit.form = {}
    sync_url(visit)


def url_query(visit: Visit) -> dict[str, str]:
    """The visit as query parameters: answers, the question on screen, the language when it is
    not the browser's, and where the visit came from; nothing else."""
    query: dict[str, str] = {}
    if visit.answers:
        query[ANSWERS_PARAM] = "".join(str(a) for a in visit.answers)
    if visit.phase == "quiz":
        query[QUESTION_PARAM] = str(visit.step + 1)
    elif visit.phase == "intro" and visit.answers:
        query[QUESTION_PARAM] = "0"
    if visit.lang != visit.browser_lang:
        query[LANG_PARAM] = visit.lang
    return query | visit.source.as_query()


def view_of(visit: Visit) -> str:
    """The screen a visit shows, as the page script names it (a11y.page_script)."""
    if visit.phase == "quiz":
        return f"q-{visit.step}"
    return visit.phase


def history_config(visit: Visit, content: Content) -> dict[str, Any]:
    """What the page script needs to keep the browser's history and this screen as one:

    - `back`: the URL (visit parameters, in order) of the screen the page's own Back leads to,
      and `backView` that screen; when the entry before this one in the browser's history is
      that screen, the page's Back *is* the browser's Back (history.back()), so both always
      agree; otherwise it replaces this entry (no entry that Back would return to).
    - `picks`: per option of the question on screen, this screen's URL with that answer in it.
      A click writes it into the current entry just before the next question is pushed, so
      Back returns to this question showing the answer given (or the new one, once changed),
      never a discarded one.
    """
    config: dict[str, Any] = {"params": list(VISIT_PARAMS), "here": _pairs(url_query(visit))}
    if visit.phase == "quiz":
        back = replace(visit, answers=list(visit.answers))
        _step_back(back)
        config["back"], config["backView"] = _pairs(url_query(back)), f"{view_of(back)}|{back.lang}"
        config["step"] = visit.step
        picks = {}
        for number in range(1, len(content.questions[visit.step].options) + 1):
            answers = list(visit.answers)
            if visit.step < len(answers):
                answers[visit.step] = number
            elif visit.step == len(answers):
                answers.append(number)
            picked = replace(visit, answers=answers)
            picks[str(number)] = _pairs(url_query(picked))
        config["picks"] = picks
    return config


def _pairs(query: dict[str, str]) -> list[list[str]]:
    return [[key, value] for key, value in query.items()]


def sync_url(visit: Visit) -> None:
    """Mirror the visit in the URL (see `url_query`) as one change, so each step the visitor takes
    is exactly one browser history entry; other parameters (campaign tags) are left alone."""
    wanted = url_query(visit)
    if query_dict() == wanted:
        return
    kept = {key: st.query_params.get_all(key) for key in st.query_params if key not in VISIT_PARAMS}
    st.query_params.from_dict({**kept, **wanted})


def log_event(store: Store, visit: Visit, kind: str, question: int | None = None) -> None:
    """Funnel events must never break the visitor's flow: a failing write is only logged."""
    try:
        store.log_event(visit.sid, kind, question, visit.source)
    except Exception:  # statistics only (see the docstring)
        log.exception("could not log funnel event %s", kind)


def start(store: Store, visit: Visit) -> None:
    visit.phase, visit.step, visit.started_at = "quiz", 0, time.monotonic()
    log_event(store, visit, "started")
    sync_url(visit)


def answer(store: Store, content: Content, visit: Visit, index: int, option: int) -> None:
    """Record one click. Idempotent by question index: a second click on an answered question
    replaces the answer and logs nothing new."""
    if index > len(visit.answers) or visit.phase != "quiz":
        return  # a stale click from a screen that is no longer shown
    first_time = index == len(visit.answers)
    if first_time:
        visit.answers.append(option)
        log_event(store, visit, "answered", index)
    else:
        visit.answers[index] = option
    if quiz_ends(content, visit.answers):  # the last question, or the profile is settled
        visit.phase, visit.completed_here = "result", True
    elif index + 1 < len(content.questions):
        visit.step = index + 1
    sync_url(visit)


def back(visit: Visit) -> None:
    """The page's own Back, for a browser without the page script (which makes it the
    browser's Back; see `history_config`)."""
    _step_back(visit)
    sync_url(visit)


def _step_back(visit: Visit) -> None:
    if visit.step > 0:
        visit.step -= 1
    else:
        visit.phase = "intro"


def switch_lang(visit: Visit) -> None:
    visit.lang = "en" if visit.lang == "nl" else "nl"
    sync_url(visit)


def duration(visit: Visit) -> float | None:
    return None if visit.started_at is None else time.monotonic() - visit.started_at
