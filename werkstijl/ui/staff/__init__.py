"""Password-protected staff pages: content studio, insights, leads, group (bulk) PDFs, and the
links and embed codes for sharing the quiz.

`quiz_app.py` adds `staff_pages(ctx)` to its `st.navigation` on every rerun. Before login this is
one "Inloggen" page; after login the real pages, which share the login page's URL so the person
lands on the studio right after logging in. Every page checks the login again when it runs, so a
stale link never shows staff data to a visitor.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from werkstijl.ui import a11y
from werkstijl.ui.context import AppContext
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
        # Each page has its own copy of this widget, and Streamlit drops a widget's value when
        # another page is opened; setting it again first carries the choice over to this page.
        if LANG_KEY in st.session_state:
            st.session_state[LANG_KEY] = st.session_state[LANG_KEY]
        st.radio(t("language"), ["nl", "en"], key=LANG_KEY, horizontal=True, format_func=str.upper)
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


def _login(ctx: AppContext) -> None:
    a11y.staff_script(lang())
    auth.login_page(ctx.settings)


def staff_pages(ctx: AppContext) -> list[st.Page]:
    """The staff pages this session may see right now (only the login page before login)."""
    if not auth.is_logged_in():
        return [
            st.Page(
                lambda: _login(ctx),
                title=t("login_title"),
                icon=":material/lock:",
                url_path=STAFF_URL,
            )
        ]
    from werkstijl.ui.staff import bulkpage, insights, leads, share, studio

    pages: list[st.Page] = []  # filled below; each page's sidebar links to all of them
    for body, title, icon, url in (
        (studio.render, "studio_title", ":material/edit_note:", STAFF_URL),
        (insights.render, "insights_title", ":material/insights:", "staff-insights"),
        (leads.render, "leads_title", ":material/contacts:", "staff-leads"),
        (bulkpage.render, "bulk_title", ":material/groups:", "staff-group"),
        (share.render, "share_title", ":material/share:", "staff-share"),
    ):
        pages.append(st.Page(_guarded(ctx, body, pages), title=t(title), icon=icon, url_path=url))
    return pages


__all__ = ["staff_pages"]
