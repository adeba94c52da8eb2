"""A real browser logs in to the staff pages and sees a rendered page of the PDF preview."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_app_staff import PASSWORD, copy_content

from werkstijl.settings import REPO_ROOT

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer on {url}")


@pytest.fixture
def app_url(tmp_path: Path) -> Iterator[str]:
    content = copy_content(tmp_path / "content")
    port = free_port()
    env = {
        **os.environ,
        "WERKSTIJL_CONTENT_DIR": str(content),
        "WERKSTIJL_DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
        "WERKSTIJL_STAFF_PASSWORD": PASSWORD,
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }
    env.pop("WERKSTIJL_STAFF_PASSWORD_HASH", None)
    command = [sys.executable, "-m", "streamlit", "run", "quiz_app.py", "--server.headless=true",
               f"--server.port={port}", "--server.address=127.0.0.1",
               "--server.fileWatcherType=none"]  # fmt: skip
    log = (tmp_path / "streamlit.log").open("wb")
    server = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, server)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_staff_login_shows_a_rendered_preview_page(app_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page()
            page.goto(f"{app_url}/staff")
            password = page.get_by_label("Wachtwoord")
            expect(password).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Contentstudio")).to_have_count(0)
            password.fill("fout")
            page.get_by_role("button", name="Inloggen").click()
            expect(page.get_by_text("Dat wachtwoord klopt niet.")).to_be_visible(timeout=15_000)

            password.fill(PASSWORD)
            page.get_by_role("button", name="Inloggen").click()
            expect(page.get_by_role("heading", name="Contentstudio")).to_be_visible(timeout=30_000)
            page.get_by_role("tab", name="PDF-voorbeeld").click()
            image = page.locator('[data-testid="stImage"] img').first
            expect(image).to_be_visible(timeout=60_000)
            image.scroll_into_view_if_needed()
            page.wait_for_function("img => img.complete && img.naturalWidth > 300",
                                   arg=image.element_handle(), timeout=30_000)  # fmt: skip
            expect(page.get_by_role("button", name="PDF downloaden")).to_be_visible()
        finally:
            browser.close()
