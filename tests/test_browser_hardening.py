"""Two audit findings on visitor pages, reproduced in a real browser (issue 10, findings 9, 11).

9: typing a name and clicking Download at once sometimes gave nothing ("Deferred file ... not
   found"): the click asks for the file of the button as drawn, while the name's blur starts a
   rerun; when the server looked the file up only after that rerun had drawn the button anew, the
   id was gone. The websocket is routed so that the download request reaches the server late, on
   purpose, every other round: the rerun has finished by then.
11: a markdown image in content made every visitor's browser fetch its address (a tracking
   pixel). Every translated text of a content copy gets images (markdown and <img>) and an http
   link pointing at a tiny HTTP server, which must see no request while a visitor goes through
   every page; the <b> written with them is shown bold (the rule of werkstijl/content/markup.py).
"""

from __future__ import annotations

import io
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pypdf import PdfReader
from ruamel.yaml import YAML
from test_browser_quiz import PHONE, REPO, STEP_TIMEOUT_MS, wait_idle

from werkstijl.content import load_content
from werkstijl.scoring import ends_after

pytestmark = pytest.mark.browser

# A browser-to-server message of Streamlit is a protobuf BackMsg; field 19
# (backend_operation_request, which asks for a deferred download) starts with these tag bytes.
BACKEND_OPERATION = b"\x9a\x01"
HOLD_MS = 1500  # far longer than the rerun that records the name
ROUNDS = 8


class HeldDownloads:
    """Routes the app's websocket; while armed, the browser's requests for a deferred download
    wait until `release()`, while everything else (the name's rerun) goes through: a server that
    gets round to the download late."""

    def __init__(self, page) -> None:
        self.armed, self.held, self.server = False, [], None
        page.route_web_socket("**/_stcore/stream", self._route)

    def _route(self, ws) -> None:
        server = ws.connect_to_server()
        self.server = server

        def upstream(message: str | bytes) -> None:
            backend = isinstance(message, bytes) and message.startswith(BACKEND_OPERATION)
            if self.armed and backend:
                self.held.append(message)
            else:
                server.send(message)

        ws.on_message(upstream)
        server.on_message(ws.send)

    def release(self) -> None:
        held, self.held = self.held, []
        for message in held:
            self.server.send(message)


def pdf_text(path: str) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(Path(path).read_bytes())).pages)


def test_download_straight_after_typing_a_name_always_gives_that_pdf(app_server, browser):
    server = app_server()
    answers = "1" * len(load_content(REPO).content.questions)
    page = browser.new_page(viewport=PHONE, locale="nl-NL", accept_downloads=True)
    network = HeldDownloads(page)
    page.goto(f"{server.url}/?a={answers}")
    page.locator(".st-key-ws_download button").wait_for(timeout=STEP_TIMEOUT_MS)
    wait_idle(page)
    for round_ in range(ROUNDS):
        name = f"Zoë van Dijk {round_}"
        network.armed = round_ % 2 == 0  # every other round on a slow network
        page.locator(".st-key-ws_name input").fill(name)
        with page.expect_download(timeout=STEP_TIMEOUT_MS) as download:
            page.locator(".st-key-ws_download button").click()  # at once, as people do
            if network.armed:
                page.wait_for_timeout(HOLD_MS)
                network.release()
        assert name in pdf_text(download.value.path()), f"round {round_}"
    network.armed = True  # a star rating clicked just before the download redraws nothing else
    page.locator('[data-testid="stFeedback"] [role="radio"]').first.click()
    with page.expect_download(timeout=STEP_TIMEOUT_MS) as download:
        page.locator(".st-key-ws_download button").click()
        page.wait_for_timeout(HOLD_MS)
        network.release()
    assert name in pdf_text(download.value.path())
    assert "MediaFileStorageError" not in server.log.read_text(errors="replace")


class Pixels(ThreadingHTTPServer):
    hits: list[str]


@contextmanager
def pixel_server() -> Iterator[Pixels]:
    """A tiny HTTP server on loopback that records every request (a tracking pixel's host)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.server.hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = Pixels(("127.0.0.1", 0), Handler)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


MARK = "ws-mark"  # planted in bold next to the images: shows the texts reached the page


def plant_images(root: Path, base: str) -> int:
    """Append images (markdown inline and by reference, an <img> tag), an http link and a bold
    word to every translated text; returns how many texts now carry them."""
    yaml, planted = YAML(), 0

    def walk(node) -> None:
        nonlocal planted
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("nl", "en") and isinstance(value, str):
                    n = planted
                    node[key] = (
                        f'{value} <b>{MARK}</b> <img src="{base}/tag-{n}.png"> '
                        f'<a href="{base}/link-{n}">link</a> ![x]({base}/{n}.png) ![y][p{n}]\n\n'
                        f"[p{n}]: {base}/ref-{n}.png"
                    )
                    planted += 1
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted(root.glob("*/*.yaml")):
        data = yaml.load(path)
        walk(data)
        yaml.dump(data, path)
    return planted


def test_images_in_content_are_never_fetched_by_a_visitors_browser(app_server, browser, tmp_path):
    content = tmp_path / "content"
    for sub in ("profiles", "questions", "tips", "texts"):
        shutil.copytree(REPO / sub, content / sub)
    with pixel_server() as pixels:
        # "localhost", not the address: a clock time like "0.1:38" would upset the time checks
        base = f"http://localhost:{pixels.server_address[1]}/pixel"
        assert plant_images(content, base) > 100
        loaded = load_content(content)
        assert loaded.valid, loaded
        server = app_server(WERKSTIJL_CONTENT_DIR=str(content))
        page = browser.new_page(viewport=PHONE, locale="nl-NL")
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(server.url)
        page.locator('[data-testid="stExpander"] summary').click(timeout=STEP_TIMEOUT_MS)
        page.locator(".st-key-ws-start button").click()
        answers = [1] * len(loaded.content.questions)
        for i in range(ends_after(loaded.content, answers)):
            page.locator(f'[data-ws-view="q-{i}"]').wait_for(timeout=STEP_TIMEOUT_MS)
            page.locator(f".st-key-ws-opt-{i}-1 button").click()
        page.locator('[data-ws-view="result"]').wait_for(timeout=STEP_TIMEOUT_MS)
        wait_idle(page)
        shown = page.locator("body").inner_text()
        bold = page.locator("b", has_text=MARK).count()
        http_links = page.locator('a[href*="/link-"]').count()
        page.wait_for_timeout(500)  # time for any late fetch to reach the pixel server
    assert pixels.hits == [], pixels.hits
    assert [url for url in requested if not url.startswith((server.url, "data:", "blob:"))] == []
    assert shown.count(f"![x]({base}/") >= 7  # the markdown images were there, shown as typed
    assert bold >= 7 and http_links == 0  # <b> is kept, a link to http: is not
