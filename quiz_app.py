"""Streamlit entry point: the public quiz (default page) and the staff pages.

Run with `streamlit run quiz_app.py`. Streamlit imports this file once as the server (it finds
`app` below and serves it, with the framing headers of werkstijl/web.py in front), and then runs
it as `__main__` for every visit. Everything else lives in the `werkstijl` package.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

if __name__ == "__main__":  # a visit: build the page
    from werkstijl.ui.context import context_or_stop
    from werkstijl.ui.quiz import quiz_page
    from werkstijl.ui.staff import staff_pages
    from werkstijl.ui.strings import t

    st.set_page_config(
        page_title=t("app_title", "nl"),
        # A file of our own: a ":material/…:" icon makes every visitor's browser fetch it from Google.
        page_icon=str(Path(__file__).parent / "werkstijl" / "ui" / "favicon.png"),
        layout="centered",
        initial_sidebar_state="auto",
        menu_items={"Get help": None, "Report a bug": None, "About": None},
    )

    ctx = context_or_stop()
    quiz = st.Page(quiz_page, title=t("app_title", "nl"), icon=":material/quiz:", default=True)
    # Hidden navigation: visitors see only the quiz; staff open their pages by URL (see README).
    st.navigation([quiz, *staff_pages(ctx)], position="hidden").run()
else:  # the server: Streamlit's own app, with the framing headers on every response
    from starlette.middleware import Middleware

    from werkstijl.web import FramingHeaders

    app = st.App(__file__, middleware=[Middleware(FramingHeaders)])
