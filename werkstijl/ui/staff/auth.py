"""Access to the staff pages: constant-time password check, lockout, per-session login state.

Make a password hash for WERKSTIJL_STAFF_PASSWORD_HASH (so no plain password sits in the
environment) with `python -m werkstijl hash-password`; the checks live in werkstijl/passwords.py.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import streamlit as st

from werkstijl.passwords import HashFormatError, parse_hash, password_matches
from werkstijl.settings import Settings
from werkstijl.ui.staff.strings import LANG_KEY, t

MAX_FAILURES = 5
LOCK_SECONDS = 60.0
AUTH_KEY = "staff_authenticated"
LOCKOUT_KEY = "staff_lockout"


@dataclass
class Lockout:
    """Counts failed attempts and locks for a while after too many: one per browser session, and
    one for the whole server process, which stops guessing across many sessions too."""

    max_failures: int = MAX_FAILURES
    lock_seconds: float = LOCK_SECONDS

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self.failures = 0
        self.locked_until = 0.0

    def remaining(self, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        with self._lock:
            return max(0.0, self.locked_until - now)

    def failed(self, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            self.failures += 1
            if self.failures >= self.max_failures:
                self.locked_until = now + self.lock_seconds
                self.failures = 0

    def succeeded(self) -> None:
        with self._lock:
            self.failures = 0

    def reset(self) -> None:
        with self._lock:
            self.failures, self.locked_until = 0, 0.0


PROCESS_LOCKOUT = Lockout()


NAME_KEY = "staff_name"  # who is logged in, for the content studio's drafts and history


def current_staff_name() -> str | None:
    """The name this staff member gave at login (None before login)."""
    return st.session_state.get(NAME_KEY) or None


def is_logged_in() -> bool:
    return bool(st.session_state.get(AUTH_KEY))


def logout() -> None:
    """End the staff session and drop what the pages kept (searches, previews, uploads)."""
    keep = {AUTH_KEY, LOCKOUT_KEY, LANG_KEY}
    for key in [k for k in st.session_state if str(k).startswith("staff_") and k not in keep]:
        del st.session_state[key]
    st.session_state[AUTH_KEY] = False


def _session_lockout() -> Lockout:
    if LOCKOUT_KEY not in st.session_state:
        st.session_state[LOCKOUT_KEY] = Lockout()
    return st.session_state[LOCKOUT_KEY]


def lock_remaining() -> float:
    return max(PROCESS_LOCKOUT.remaining(), _session_lockout().remaining())


def attempt_login(given: str, settings: Settings) -> bool:
    """One login attempt; refused without checking while locked. True when logged in."""
    if lock_remaining() > 0:
        return False
    lockouts = (PROCESS_LOCKOUT, _session_lockout())
    if password_matches(given, settings):
        for lockout in lockouts:
            lockout.succeeded()
        st.session_state[AUTH_KEY] = True
        return True
    for lockout in lockouts:
        lockout.failed()
    return False


def _show_lock() -> bool:
    remaining = lock_remaining()
    if remaining > 0:
        st.error(t("locked", seconds=int(remaining) + 1))
    return remaining > 0


def login_page(settings: Settings) -> None:
    """The single staff page before login (or the how-to when no password is configured)."""
    st.title(t("login_title"))
    if not settings.staff_open:
        st.info(t("closed"))
        return
    if settings.staff_password_hash:
        try:
            parse_hash(settings.staff_password_hash)
        except HashFormatError:
            st.error(t("bad_hash"))
            return
    with st.form("staff_login", clear_on_submit=True):  # no password lingers in the state
        name = st.text_input(
            t("staff_name"), key="staff_name_input", max_chars=80, help=t("staff_name_help")
        )
        given = st.text_input(t("password"), type="password", key="staff_password_input")
        submitted = st.form_submit_button(t("login_button"))
    if submitted and not " ".join(name.split()):
        st.error(t("staff_name_needed"))
    elif submitted and not _show_lock():
        if attempt_login(given, settings):
            st.session_state[NAME_KEY] = " ".join(name.split())
            st.rerun()  # rebuild the navigation with the staff pages
        st.error(t("login_wrong"))
        _show_lock()
    elif not submitted:
        _show_lock()


def logout_button() -> None:
    if st.sidebar.button(t("logout"), key="staff_logout"):
        logout()
        st.rerun()
