"""Fixtures shared by the browser tests: a real `streamlit run` server and Debian's Chromium.
And for every test: the command line in English unless a test chooses (`english_messages`).

`app_server(**env)` starts `quiz_app.py` on a free loopback port with its own SQLite file; extra
WERKSTIJL_* settings (SMTP, content folder, staff password) go in as keyword arguments.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from db_urls import fresh_database, postgres_server_url
from smtp_server import free_port

from werkstijl.storage import Store

pytest_plugins = ["bulk_helpers"]  # `content` (the shipped content) and `settings` (mail off)

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
START_TIMEOUT_S = 60


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI speaks Dutch without a locale (a CI machine, LANG=C); most tests read its lines in
    English, as an English-speaking user with LC_MESSAGES=en_GB gets them. Only the messages'
    locale is set (not LC_CTYPE: the text encoding stays as it is). Tests about the language
    choose it themselves (--lang, WERKSTIJL_LANG, or a cleaned locale: test_cli_lang.py)."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("WERKSTIJL_LANG", raising=False)
    monkeypatch.setenv("LC_MESSAGES", "en_GB.UTF-8")


def require_chromium() -> None:
    """Skip without Chromium on a developer machine; in CI (env CI set) that is a failure."""
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests, but {reason}")
    pytest.skip(reason)


@dataclass
class Server:
    url: str
    db: Path
    process: subprocess.Popen
    log: Path


def _wait_healthy(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline and server.process.poll() is None:
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    output = server.log.read_text(errors="replace")[-3000:]
    pytest.fail(f"streamlit did not become healthy at {server.url}:\n{output}")


@pytest.fixture
def app_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """A factory: `app_server(WERKSTIJL_SMTP_HOST="127.0.0.1", ...)` starts one app server."""
    started: list[Server] = []

    def start(**extra_env: str) -> Server:
        port, folder = free_port(), tmp_path / f"server{len(started)}"
        folder.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith("WERKSTIJL_")}
        env |= {"WERKSTIJL_DATABASE_URL": f"sqlite:///{folder / 'quiz.db'}", **extra_env}
        log = folder / "streamlit.log"
        command = [sys.executable, "-m", "streamlit", "run", str(REPO / "quiz_app.py"),
                   "--server.headless=true", f"--server.port={port}",
                   "--server.address=127.0.0.1", "--browser.gatherUsageStats=false"]  # fmt: skip
        with log.open("wb") as out:
            process = subprocess.Popen(command, cwd=REPO, env=env, stdout=out,
                                       stderr=subprocess.STDOUT)  # fmt: skip
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


class DutchBrowser:
    """Chromium whose new pages and contexts are a Dutch visitor's (`locale` nl-NL) unless a test
    names another: the quiz follows the browser's language, and Playwright's default is en-US."""

    LOCALE = "nl-NL"

    def __init__(self, browser) -> None:
        self._browser = browser

    def __getattr__(self, name: str):
        return getattr(self._browser, name)

    def new_page(self, **options):
        return self._browser.new_page(**{"locale": self.LOCALE, **options})

    def new_context(self, **options):
        return self._browser.new_context(**{"locale": self.LOCALE, **options})


@pytest.fixture
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                    headless=True)  # fmt: skip
        yield DutchBrowser(browser)
        browser.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each kind the product supports: a SQLite file, and a new
    database on the test PostgreSQL server (see db_urls.py)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    with fresh_database(postgres_server_url()) as url:
        yield url


@pytest.fixture
def db_store(db_url: str) -> Iterator[Store]:
    """A Store on `db_url` (so a test using it runs on SQLite and on PostgreSQL)."""
    store = Store(db_url)
    yield store
    store.close()
