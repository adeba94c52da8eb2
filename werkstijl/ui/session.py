"""One visitor's progress: session state, mirrored in the URL (answer digits and language only).

The URL never holds personal data: `?a=1321&lang=en` is enough for a refresh or a lost connection
to resume where the visitor was, and for the result page to offer a link back. Where the visit
came from (`utm_*`, `src`; werkstijl/attribution.py) stays in the URL beside them.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any, Literal

import streamlit as st

from werkstijl.attribution import PARAMS as SOURCE_PARAMS
from werkstijl.attribution import Attribution
from werkstijl.content.models import LANGS, Content, Lang
from werkstijl.scoring import quiz_ends
from werkstijl.storage import Store

log = logging.getLogger(__name__)

Phase = Literal["intro", "quiz", "result"]
STATE_KEY = "ws_visit"
ANSWERS_PARAM, LANG_PARAM = "a", "lang"  # the only two query parameters a visit writes
ANSWER_DIGITS = re.compile(r"[1-9]+")  # ASCII only: str.isdigit() would also accept '²'


@dataclass
class Visit:
    """Everything the quiz remembers about one browser session."""

    sid: str = field(default_factory=lambda: secrets.token_hex(16))
    lang: Lang = "nl"
    phase: Phase = "intro"
    answers: list[int] = field(default_factory=list)  # 1-based option numbers, in question order
    step: int = 0  # 0-based index of the question on screen
    started_at: float | None = None
    saved: bool = False  # the completed result is stored once per visit
    completed_here: bool = False  # finished by a click in this session (not a resumed link)
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


def url_lang() -> Lang:
    """The language asked for in the URL; Dutch for anything else."""
    lang = st.query_params.get(LANG_PARAM)
    return lang if lang in LANGS else "nl"


def get_visit(content: Content) -> Visit:
    """This session's visit; a new session starts from the URL (language, answers so far)."""
    visit = st.session_state.get(STATE_KEY)
    if visit is None:
        visit = Visit(lang=url_lang(), source=Attribution.from_query(st.query_params))
        raw = st.query_params.get(ANSWERS_PARAM)
        answers = parse_answer_digits(raw)
        if raw and (answers is None or not fits(content, answers)):
            visit.notice = "restarted"
            del st.query_params[ANSWERS_PARAM]
        elif answers:
            visit.answers = answers
            done = quiz_ends(content, answers)  # all answered, or an early end (a result link)
            visit.phase = "result" if done else "quiz"
            visit.step = len(answers) if not done else len(answers) - 1
            visit.notice = None if done else "resumed"
        st.session_state[STATE_KEY] = visit
    return visit


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
    visit.completed_here = False
    visit.sid = secrets.token_hex(16)  # a new run of the funnel
    visit.form = {}
    sync_url(visit)


def url_query(visit: Visit) -> dict[str, str]:
    """The visit as query parameters: answer digits, a non-Dutch language and where the visit came
    from, nothing else."""
    query: dict[str, str] = {}
    if visit.answers:
        query[ANSWERS_PARAM] = "".join(str(a) for a in visit.answers)
    if visit.lang != "nl":
        query[LANG_PARAM] = visit.lang
    return query | visit.source.as_query()


def sync_url(visit: Visit) -> None:
    """Mirror progress in the URL (see `url_query`); other parameters are left alone."""
    wanted = url_query(visit)
    for key in (ANSWERS_PARAM, LANG_PARAM, *SOURCE_PARAMS):
        if key in wanted:
            st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def log_event(store: Store, visit: Visit, kind: str, question: int | None = None) -> None:
    """Funnel events must never break the visitor's flow: a failing write is only logged."""
    try:
        store.log_event(visit.sid, kind, question, visit.source)
    except Exception:  # statistics only (see the docstring)
        log.exception("could not log funnel event %s", kind)


def start(store: Store, visit: Visit) -> None:
    visit.phase, visit.step, visit.started_at = "quiz", 0, time.monotonic()
    log_event(store, visit, "started")


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
    if visit.step > 0:
        visit.step -= 1
    else:
        visit.phase = "intro"


def switch_lang(visit: Visit) -> None:
    visit.lang = "en" if visit.lang == "nl" else "nl"
    sync_url(visit)


def duration(visit: Visit) -> float | None:
    return None if visit.started_at is None else time.monotonic() - visit.started_at
