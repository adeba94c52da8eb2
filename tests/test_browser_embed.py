"""The quiz inside an <iframe> on another site, in a real browser at phone width.

A plain HTML page on loopback (`http://localhost:PORT`, another site than the app's
`http://127.0.0.1:PORT`) holds the embed code the staff page hands out. The quiz is completed
inside the frame, the PDF downloads, and the visit is counted under the code's source label and
the host page's utm_campaign. A site that is not allowed gets no quiz in its frame.
"""

from __future__ import annotations

import io
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pypdf import PdfReader
from smtp_server import free_port
from test_app_staff import copy_content

from werkstijl.content import load_content
from werkstijl.embed import embed_code
from werkstijl.scoring import score

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
STEP_TIMEOUT_MS = 20_000
FIRST_PAGE_TIMEOUT_MS = 60_000
LINK = "https://example.org/privacy"


@contextmanager
def host_page(body: str, port: int | None = None) -> Iterator[str]:
    """Serves `body` as the only page of a site on localhost; yields its origin."""

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            data = f"<!doctype html><html><body><h1>Blog</h1>{body}</body></html>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port or free_port()), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The real content, with a link in the intro (links must leave the frame)."""
    root = copy_content(tmp_path / "content")
    site = root / "texts" / "site.yaml"
    text = site.read_text()
    marker = "alleen voor statistiek."
    assert marker in text
    link = f'<a href="{LINK}">onze privacyverklaring</a>'
    site.write_text(text.replace(marker, f"{marker} Lees {link}.", 1))
    return root


def test_the_embedded_quiz_works_inside_a_frame_at_phone_width(app_server, browser, content: Path):
    host_port = free_port()
    server = app_server(
        WERKSTIJL_EMBED_ORIGINS=f"http://localhost:{host_port}", WERKSTIJL_CONTENT_DIR=str(content)
    )
    content = load_content(content).content
    answers = [(i % len(q.options)) + 1 for i, q in enumerate(content.questions)]
    result = score(content, answers)
    expected = content.profile(result.profile).name.get("nl")
    snippet = embed_code(server.url, "blog-ps", "Werkstijltest", "Doe de test op onze site")
    with host_page(snippet, host_port) as origin:
        page = browser.new_page(viewport=PHONE, accept_downloads=True)
        page.goto(f"{origin}/bericht?utm_campaign=nieuwsbrief-okt&utm_source=mail")
        box = page.locator("iframe").bounding_box()
        assert box["width"] <= PHONE["width"] and box["height"] <= PHONE["height"]
        frame = page.frame_locator("iframe")
        # Known and not yet solved: now and then (about 1 in 5 cold starts here) Streamlit's
        # page in the frame stays an empty shell, its script never drawing the app. A reader
        # would reload; so does the test, once, and it still fails if the reload does not help.
        start = frame.locator(".st-key-ws-start button")
        try:
            start.wait_for(timeout=STEP_TIMEOUT_MS)
        except PlaywrightTimeout:
            page.reload()
            start.wait_for(timeout=FIRST_PAGE_TIMEOUT_MS)
        privacy = frame.get_by_role("link", name="onze privacyverklaring")
        assert privacy.get_attribute("target", timeout=STEP_TIMEOUT_MS) == "_blank"
        frame.locator(".st-key-ws-start button").click(timeout=STEP_TIMEOUT_MS)
        for i, option in enumerate(answers):
            frame.locator(f".st-key-ws-opt-{i}-{option} button").click(timeout=STEP_TIMEOUT_MS)
        profile = frame.locator(".ws-profile")
        profile.wait_for(timeout=STEP_TIMEOUT_MS)
        assert profile.inner_text().splitlines()[0].strip() == expected
        inner = next(f for f in page.frames if f != page.main_frame)
        assert "embed=true" in inner.url and "src=blog-ps" in inner.url  # kept while answering

        frame.locator(".st-key-ws_name input").fill("Eva Embed")
        with page.expect_download(timeout=STEP_TIMEOUT_MS) as download:
            frame.locator(".st-key-ws_download button").click()
        pdf = Path(download.value.path()).read_bytes()
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        assert "Eva Embed" in text and expected in text
        app_cookies = [c for c in page.context.cookies() if c["domain"] == "127.0.0.1"]
        assert app_cookies == []  # the framed quiz ran without any cookie of its own
    with sqlite3.connect(server.db) as db:
        sources = db.execute("SELECT DISTINCT src, utm_source, utm_campaign FROM events").fetchall()
        kinds = {k for (k,) in db.execute("SELECT DISTINCT kind FROM events")}
    assert sources == [("blog-ps", "mail", "nieuwsbrief-okt")]
    assert {"started", "completed", "pdf_downloaded"} <= kinds


def test_a_site_that_is_not_allowed_gets_no_quiz_in_its_frame(app_server, browser):
    server = app_server()  # WERKSTIJL_EMBED_ORIGINS unset: only the app itself may frame it
    with host_page(
        embed_code(server.url, "elders", "Werkstijltest", "Doe de test op onze site")
    ) as origin:
        page = browser.new_page(viewport=PHONE)
        page.goto(origin)
        page.wait_for_timeout(3000)
        inner = [f for f in page.frames if f != page.main_frame]
        assert inner, "the iframe itself is there"
        assert inner[0].locator(".st-key-ws-start").count() == 0
    assert not server.db.exists()  # no visit ever reached the app
    page.goto(server.url)  # the same browser, on the quiz's own site: it works
    page.locator(".st-key-ws-start button").wait_for(timeout=STEP_TIMEOUT_MS)
