"""Access to the staff pages: the login form and per-session login state.

The password check, the lockout per client and the global slow-down live in werkstijl/lockout.py
(counted in the database, so every replica shares them); this module is only their shell.
Make a password hash for WERKSTIJL_STAFF_PASSWORD_HASH with `python -m werkstijl hash-password`.
"""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from werkstijl import lockout
from werkstijl.passwords import setting_problem
from werkstijl.settings import Settings
from werkstijl.ui.client import client_address
from werkstijl.ui.context import get_context
from werkstijl.ui.staff.strings import LANG_KEY, lang, t

log = logging.getLogger(__name__)

AUTH_KEY = "staff_authenticated"


NAME_KEY = "staff_name"  # who is logged in, for the content studio's drafts and history
OUTCOME_KEY = "staff_login_outcome"  # what the last login attempt came to, shown once


def current_staff_name() -> str | None:
    """The name this staff member gave at login (None before login)."""
    return st.session_state.get(NAME_KEY) or None


def is_logged_in() -> bool:
    return bool(st.session_state.get(AUTH_KEY))


def logout() -> None:
    """End the staff session and drop what the pages kept (searches, previews, uploads)."""
    keep = {AUTH_KEY, LANG_KEY}
    for key in [k for k in st.session_state if str(k).startswith("staff_") and k not in keep]:
        del st.session_state[key]
    st.session_state[AUTH_KEY] = False


def attempt_login(given: str, settings: Settings) -> lockout.LoginOutcome:
    """One login attempt from this session's client; logs the session in when it is right."""
    outcome = lockout.attempt_login(get_context().store, settings, client_address(settings), given)
    if outcome.state == "ok":
        st.session_state[AUTH_KEY] = True
    return outcome


def _show_outcome(outcome: lockout.LoginOutcome) -> None:
    seconds = int(outcome.wait_s) + 1
    if outcome.state == "wrong":
        st.error(t("login_wrong"))
    if outcome.state == "busy":
        st.error(t("login_busy", seconds=seconds))
    elif outcome.wait_s > 0:
        st.error(t("locked", seconds=seconds))


def _show_lock(settings: Settings) -> None:
    try:
        wait_s = lockout.lock_remaining(get_context().store, settings, client_address(settings))
    except Exception:  # only decides whether a notice shows; the attempt itself is counted
        log.exception("could not read the staff lockout")
        return
    if wait_s > 0:
        st.error(t("locked", seconds=int(wait_s) + 1))


def login_page(settings: Settings) -> None:
    """The single staff page before login (or the how-to when no usable password is set)."""
    st.title(t("login_title"))
    language_switch()
    if not settings.staff_open:
        st.info(t("closed"))
        return
    problem = setting_problem(settings)
    if problem is not None:
        st.error(t(problem.code, **problem.values))
        return
    with st.form("staff_login"):
        st.text_input(
            t("staff_name"), key="staff_name_input", max_chars=80, help=t("staff_name_help")
        )
        st.text_input(t("password"), type="password", key="staff_password_input")
        st.form_submit_button(t("login_button"), on_click=_submit, args=(settings,))
    outcome = st.session_state.pop(OUTCOME_KEY, None)
    if outcome is None:
        _show_lock(settings)
    elif isinstance(outcome, str):  # a string key: the name was missing, or no check possible
        st.error(t(outcome))
    else:
        _show_outcome(outcome)


def _submit(settings: Settings) -> None:
    """The login button's callback (before the page is drawn again): the typed name stays in
    its field, the password does not (it never lingers in the state)."""
    name = " ".join(str(st.session_state.get("staff_name_input", "")).split())
    given = str(st.session_state.get("staff_password_input", ""))
    st.session_state["staff_password_input"] = ""
    if not name:
        st.session_state[OUTCOME_KEY] = "staff_name_needed"
        return
    try:
        outcome = attempt_login(given, settings)
    except Exception:  # e.g. the database is unreachable: nobody is let in, and we say why
        log.exception("a staff login could not be checked")
        st.session_state[OUTCOME_KEY] = "login_unavailable"
        return
    if outcome.state == "ok":  # the rerun that follows builds the navigation with staff pages
        st.session_state[NAME_KEY] = name
    else:
        st.session_state[OUTCOME_KEY] = outcome


def language_switch(where: DeltaGenerator | None = None) -> None:
    """The staff language choice (the browser's language until one is made)."""
    # Each page has its own copy of this widget, and Streamlit drops a widget's value when
    # another page is opened; setting it again first carries the choice over to this page.
    st.session_state[LANG_KEY] = lang()
    (where or st).radio(
        t("language"), ["nl", "en"], key=LANG_KEY, horizontal=True, format_func=str.upper
    )


def logout_button() -> None:
    if st.sidebar.button(t("logout"), key="staff_logout"):
        logout()
        st.rerun()
