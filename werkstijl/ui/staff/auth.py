"""Access to the staff pages: the login form and per-session login state.

The password check, the lockout per client and the global slow-down live in werkstijl/lockout.py
(counted in the database, so every replica shares them); this module is only their shell.
Make a password hash for WERKSTIJL_STAFF_PASSWORD_HASH with `python -m werkstijl hash-password`.
"""

from __future__ import annotations

import logging

import streamlit as st

from werkstijl import lockout
from werkstijl.passwords import setting_problem
from werkstijl.settings import Settings
from werkstijl.ui.client import client_address
from werkstijl.ui.context import get_context
from werkstijl.ui.staff.strings import LANG_KEY, t

log = logging.getLogger(__name__)

AUTH_KEY = "staff_authenticated"


NAME_KEY = "staff_name"  # who is logged in, for the content studio's drafts and history


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
    if not settings.staff_open:
        st.info(t("closed"))
        return
    problem = setting_problem(settings)
    if problem is not None:
        st.error(t(problem.code, **problem.values))
        return
    with st.form("staff_login", clear_on_submit=True):  # no password lingers in the state
        name = st.text_input(
            t("staff_name"), key="staff_name_input", max_chars=80, help=t("staff_name_help")
        )
        given = st.text_input(t("password"), type="password", key="staff_password_input")
        submitted = st.form_submit_button(t("login_button"))
    if not submitted:
        _show_lock(settings)
        return
    if not " ".join(name.split()):
        st.error(t("staff_name_needed"))
        return
    try:
        outcome = attempt_login(given, settings)
    except Exception:  # e.g. the database is unreachable: nobody is let in, and we say why
        log.exception("a staff login could not be checked")
        st.error(t("login_unavailable"))
        return
    if outcome.state == "ok":
        st.session_state[NAME_KEY] = " ".join(name.split())
        st.rerun()  # rebuild the navigation with the staff pages
    _show_outcome(outcome)


def logout_button() -> None:
    if st.sidebar.button(t("logout"), key="staff_logout"):
        logout()
        st.rerun()
