"""Resources shared by every page and session of the Streamlit app, built once per process."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import streamlit as st

from werkstijl.content import LiveContent
from werkstijl.delivery import start_background_worker, start_report
from werkstijl.delivery.health import forget_health
from werkstijl.settings import Settings, get_settings, secrets_to_env
from werkstijl.storage import Store
from werkstijl.ui.capacity import freeze_startup_heap, keep_fresh_downloads
from werkstijl.ui.strings import t

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    live: LiveContent  # the newest published content version (database), following the files
    store: Store


@st.cache_resource
def get_context() -> AppContext:
    """Settings, store (with the in-app outbox worker) and live content, once per process.
    Whether mail can be delivered is checked in the background and said in the log."""
    secrets_to_env()
    keep_fresh_downloads()  # before the first PDF download of this process
    get_settings.cache_clear()
    settings = get_settings()
    _warn_about_staff_password(settings)
    _warn_about_lead_gate(settings)
    store = Store(settings.database_url)
    forget_health()  # a new configuration: what the last one could do no longer counts
    start_report(settings)
    if settings.outbox_in_app:
        start_background_worker(store, settings, settings.outbox_poll_s)
    live = LiveContent(settings.content_dir, store, poll_s=settings.content_poll_s)
    live.current()  # load the content now, so it is part of the frozen heap
    freeze_startup_heap()
    return AppContext(settings, live, store)


def _warn_about_staff_password(settings: Settings) -> None:
    """A refused staff password is reported at start-up, not only when someone tries to log in."""
    from werkstijl.passwords import setting_problem
    from werkstijl.ui.staff.strings import STRINGS
    from werkstijl.ui.strings import lookup

    problem = setting_problem(settings)
    if problem is not None:
        log.error("%s", lookup(STRINGS, problem.code, "en", **problem.values))


def _warn_about_lead_gate(settings: Settings) -> None:
    """A lead gate without mail cannot work (there is no form to pass): said once at start-up;
    the download is then offered ungated (Settings.gate_on)."""
    if settings.lead_gate and not settings.smtp_configured:
        log.warning(
            "WERKSTIJL_LEAD_GATE is set, but mail is off (no WERKSTIJL_SMTP_HOST): the download "
            "is not gated; set WERKSTIJL_SMTP_HOST to use the gate"
        )


def context_or_stop() -> AppContext:
    """The shared context; if it cannot be built (the database is unreachable), visitors get a
    calm message instead of a traceback, the cause goes to the log, and the next visit retries."""
    try:
        return get_context()
    except Exception:  # any start-up failure: never show internals to a visitor
        log.exception("the app could not start")
        lang = st.query_params.get("lang", "nl")
        st.info(t("unavailable", lang if lang in ("nl", "en") else "nl"))
        st.stop()
        raise  # st.stop() ends the run; this line keeps type checkers honest
