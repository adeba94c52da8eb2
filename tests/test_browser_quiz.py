"""The real app in a real browser: `streamlit run quiz_app.py` driven by Debian's Chromium.

`quiz_server(**extra_env)` starts a server on a free port with its own SQLite file; the mail tests
can pass SMTP settings (e.g. an aiosmtpd server) through `extra_env`.
Set WERKSTIJL_SCREENSHOT_DIR=docs/screenshots to refresh the documentation screenshots.
"""

from __future__ import annotations

import io
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from werkstijl.content import load_content
from werkstijl.scoring import score

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
START_TIMEOUT_S = 45
STEP_TIMEOUT_MS = 15_000


def require_chromium() -> None:
    """Skip without Chromium on a developer machine; in CI (env CI set) that is a failure."""
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests, but {reason}")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    db: Path
    process: subprocess.Popen
    log: Path


def _wait_healthy(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    output = server.log.read_text(errors="replace")[-3000:]
    pytest.fail(f"streamlit did not become healthy at {server.url}:\n{output}")


@pytest.fixture
def quiz_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """A factory: `quiz_server(WERKSTIJL_SMTP_HOST="127.0.0.1", ...)` starts one app server."""
    started: list[Server] = []

    def start(**extra_env: str) -> Server:
        port, folder = free_port(), tmp_path / f"server{len(started)}"
        folder.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith("WERKSTIJL_")}
        env |= {"WERKSTIJL_DATABASE_URL": f"sqlite:///{folder / 'quiz.db'}", **extra_env}
        log = folder / "streamlit.log"
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO / "quiz_app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
        ]
        with log.open("wb") as out:
            process = subprocess.Popen(
                command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        server = Server(f"http://127.0.0.1:{port}", folder / "quiz.db", process, log)
        started.append(server)
        _wait_healthy(server)
        return server

    yield start
    for server in started:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()


@pytest.fixture
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


def wait_idle(page) -> None:
    """Until Streamlit has finished the current script run."""
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=STEP_TIMEOUT_MS)


def take_quiz(page, answers: list[int]) -> None:
    """Start the test and click one answer per question, waiting for each next question."""
    page.locator(".st-key-ws-start button").click()
    for i, option in enumerate(answers):
        page.locator(f".st-key-ws-opt-{i}-{option} button").click(timeout=STEP_TIMEOUT_MS)
    page.locator(".ws-profile").wait_for(timeout=STEP_TIMEOUT_MS)


def send_mail_form(page, name: str, email: str, updates: bool = False) -> None:
    """Fill in the name and the mail form as a visitor does, and send it."""
    page.locator(".st-key-ws_name input").fill(name)
    page.locator(".st-key-ws_email input").fill(email)
    page.locator(".st-key-ws_consent_pdf label").click()
    if updates:
        page.locator(".st-key-ws_consent_updates label").click()
    page.locator(".st-key-ws-send button").click()
    wait_idle(page)


def shoot(page, name: str, folder: Path, full_page: bool = False) -> Path:
    """A screenshot with the pointer out of the way (no hover look-alike of a chosen answer)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    page.mouse.move(0, 0)
    page.wait_for_timeout(400)  # past the options' arrival fade
    viewport = page.viewport_size
    if full_page:  # Streamlit scrolls an inner container, so grow the window to its height
        height = page.evaluate(
            "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
        )
        page.set_viewport_size({"width": viewport["width"], "height": max(height, 200)})
        page.wait_for_timeout(500)  # let the re-layout settle before the picture
    page.screenshot(path=str(target))
    page.set_viewport_size(viewport)
    assert target.stat().st_size > 10_000  # a real picture, not a blank page
    return target


def screenshot_dir(tmp_path: Path) -> Path:
    configured = os.environ.get("WERKSTIJL_SCREENSHOT_DIR")
    return (REPO / configured) if configured else tmp_path / "screenshots"


def test_taking_the_quiz_shows_the_profile_and_downloads_the_pdf(quiz_server, browser, tmp_path):
    server = quiz_server()
    content = load_content(REPO).content
    answers = [(i % len(q.options)) + 1 for i, q in enumerate(content.questions)]
    profile_id = score(content, answers).profile
    expected = content.profile(profile_id).name.get("nl")

    page = browser.new_page(viewport=DESKTOP, accept_downloads=True)
    page.goto(server.url)
    page.locator(".st-key-ws-start button").wait_for(timeout=STEP_TIMEOUT_MS)
    take_quiz(page, answers)
    assert page.locator(".ws-profile").inner_text().splitlines()[0].strip() == expected
    assert f"a={''.join(map(str, answers))}" in page.url  # progress lives in the URL

    # Type and click at once, as people do: the PDF must carry the name all the same.
    page.locator(".st-key-ws_name input").fill("Anna de Vries")
    with page.expect_download(timeout=STEP_TIMEOUT_MS) as download:
        page.locator(".st-key-ws_download button").click()
    assert download.value.suggested_filename == f"werkstijl-{profile_id}.pdf"
    pdf = Path(download.value.path()).read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Anna de Vries" in text and expected in text
    with sqlite3.connect(server.db) as db:
        kinds = dict(db.execute("SELECT kind, count(*) FROM events GROUP BY kind").fetchall())
        assert db.execute("SELECT profile FROM results").fetchall() == [(profile_id,)]
    assert kinds == {"started": 1, "answered": len(answers), "completed": 1, "pdf_downloaded": 1}


def test_without_smtp_the_form_keeps_the_request_and_says_mail_is_off(quiz_server, browser):
    server = quiz_server()
    content = load_content(REPO).content
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server.url}/?a={'1' * len(content.questions)}")  # a result link
    page.locator(".ws-profile").wait_for(timeout=STEP_TIMEOUT_MS)
    send_mail_form(page, "Bram", "bram@example.com")
    page.get_by_text("er is nog niets verstuurd").wait_for(timeout=STEP_TIMEOUT_MS)
    with sqlite3.connect(server.db) as db:
        assert db.execute("SELECT name, email FROM leads").fetchall() == [
            ("Bram", "bram@example.com")
        ]
        assert db.execute("SELECT status FROM outbox").fetchall() == [("pending",)]


def test_a_refresh_mid_quiz_resumes_at_the_same_question(quiz_server, browser):
    server = quiz_server()
    page = browser.new_page(viewport=PHONE)
    page.goto(server.url)
    page.locator(".st-key-ws-start button").click(timeout=STEP_TIMEOUT_MS)
    for i in range(3):
        page.locator(f".st-key-ws-opt-{i}-2 button").click(timeout=STEP_TIMEOUT_MS)
    page.locator(".st-key-ws-opt-3-1").wait_for(timeout=STEP_TIMEOUT_MS)
    page.reload()
    page.get_by_text("Vraag 4 van").wait_for(timeout=STEP_TIMEOUT_MS)


def test_a_double_tap_answers_one_question_only(quiz_server, browser):
    server = quiz_server()
    page = browser.new_page(viewport=PHONE, has_touch=True)
    page.goto(server.url)
    page.locator(".st-key-ws-start button").click(timeout=STEP_TIMEOUT_MS)
    box = page.locator(".st-key-ws-opt-0-2 button").bounding_box(timeout=STEP_TIMEOUT_MS)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.wait_for_timeout(400)  # a person reads the question first
    page.touchscreen.tap(x, y)
    page.get_by_text("Vraag 2 van").wait_for(timeout=STEP_TIMEOUT_MS)  # already on screen...
    page.wait_for_timeout(60)
    page.touchscreen.tap(x, y)  # ...when the second tap of a double tap lands
    page.wait_for_timeout(500)
    wait_idle(page)
    assert page.get_by_text("Vraag 2 van").is_visible()
    assert page.url.endswith("a=2")  # the second tap did not answer question 2


def test_screenshots_at_phone_and_desktop_width(quiz_server, browser, tmp_path):
    server = quiz_server()
    folder = screenshot_dir(tmp_path)
    content = load_content(REPO).content
    answers = [1, 2, 1, 1, 3, 1, 2, 1, 1, 1, 2, 1, 1][: len(content.questions)]
    answers += [1] * (len(content.questions) - len(answers))
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = browser.new_page(viewport=viewport, device_scale_factor=1)
        page.goto(server.url)
        page.locator(".st-key-ws-start button").wait_for(timeout=STEP_TIMEOUT_MS)
        wait_idle(page)
        shoot(page, f"intro-{label}", folder)
        page.locator(".st-key-ws-start button").click()
        for i in range(2):
            page.locator(f".st-key-ws-opt-{i}-{answers[i]} button").click(timeout=STEP_TIMEOUT_MS)
        page.locator(".st-key-ws-opt-2-1").wait_for(timeout=STEP_TIMEOUT_MS)
        wait_idle(page)
        shoot(page, f"question-{label}", folder)
        for i in range(2, len(answers)):
            page.locator(f".st-key-ws-opt-{i}-{answers[i]} button").click(timeout=STEP_TIMEOUT_MS)
        page.locator(".ws-profile").wait_for(timeout=STEP_TIMEOUT_MS)
        wait_idle(page)
        shoot(page, f"result-{label}", folder, full_page=True)
        page.close()
