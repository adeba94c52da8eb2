"""Password-protected staff pages: content studio, insights, leads, group (bulk) PDFs, and the
links and embed codes for sharing the quiz.

`quiz_app.py` adds `staff_pages(ctx)` to its `st.navigation` on every rerun. Before login this is
one "Inloggen" page; after login the real pages, which share the login page's URL so the person
lands on the studio right after logging in. Every page checks the login again when it runs, so a
stale link never shows staff data to a visitor.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import streamlit as st

from werkstijl.ui import a11y
from werkstijl.ui.context import AppContext
from werkstijl.ui.session import browser_lang
from werkstijl.ui.staff import auth
from werkstijl.ui.staff.strings import LANG_KEY, lang, t

STAFF_URL = "staff"


def _chrome(pages: list[st.Page]) -> None:
    """Sidebar shared by the staff pages: links (the app's navigation may be hidden from
    visitors), language and logout."""
    with st.sidebar:
        st.caption(t("section"))
        for page in pages:
            st.page_link(page)
        auth.language_switch(st.sidebar)
    auth.logout_button()


def _guarded(
    ctx: AppContext, body: Callable[[AppContext], None], pages: list[st.Page]
) -> Callable[[], None]:
    def page() -> None:
        if not auth.is_logged_in():
            _login(ctx)
            return
        _chrome(pages)
        a11y.staff_script(lang())  # after the language switch: its choice is the page's
        body(ctx)

    page.__name__ = body.__module__.rsplit(".", 1)[-1]
    return page


# (module, title key, icon, URL path) of every staff page, the studio first.
PAGES = (
    ("studio", "studio_title", ":material/edit_note:", STAFF_URL),
    ("insights", "insights_title", ":material/insights:", "staff-insights"),
    ("leads", "leads_title", ":material/contacts:", "staff-leads"),
    ("bulkpage", "bulk_title", ":material/groups:", "staff-group"),
    ("share", "share_title", ":material/share:", "staff-share"),
)


def staff_pages(ctx: AppContext) -> list[st.Page]:
    """The staff pages this session may see right now. Before login every staff URL is the
    login page, so a reload or a bookmark of /staff-group asks for the password and then shows
    that page (instead of Streamlit's English "Page not found" over the public quiz)."""
    if LANG_KEY not in st.session_state:  # until the staff member chooses: the browser's
        st.session_state[LANG_KEY] = browser_lang()
    if not auth.is_logged_in():
        return [_login_page(ctx, url) for _, _, _, url in PAGES]
    pages: list[st.Page] = []  # filled below; each page's sidebar links to all of them
    for module, title, icon, url in PAGES:
        body = importlib.import_module(f"werkstijl.ui.staff.{module}").render
        pages.append(st.Page(_guarded(ctx, body, pages), title=t(title), icon=icon, url_path=url))
    return pages


def _login(ctx: AppContext) -> None:
    a11y.staff_script(lang())  # `<html lang>` and Streamlit's words on the login page too
    auth.login_page(ctx.settings)


def _login_page(ctx: AppContext, url: str) -> st.Page:
    def login() -> None:
        _login(ctx)

    login.__name__ = f"login_{url.replace('-', '_')}"
    return st.Page(login, title=t("login_title"), icon=":material/lock:", url_path=url)


__all__ = ["staff_pages"]
