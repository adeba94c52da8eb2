"""A real `streamlit run` process serves the quiz from its first second, also when restarted on
broken content files.

The first process publishes the valid files into the database; a bad git edit breaks a file
while it is down; the restarted process serves the last published version and the staff can
see why (issue: "a broken YAML file plus an app restart takes the quiz down").
"""

from __future__ import annotations

import pytest
from test_app_staff import copy_content

from werkstijl.storage import Store

pytestmark = pytest.mark.browser

STEP_TIMEOUT_MS = 60_000
UNAVAILABLE = "De test is even niet beschikbaar"


def quiz_is_served(browser, url: str) -> bool:
    page = browser.new_page()
    try:
        page.goto(url)
        return shows_the_quiz(page)
    finally:
        page.close()


def shows_the_quiz(page) -> bool:
    start = page.locator(".st-key-ws-start button")
    unavailable = page.get_by_text(UNAVAILABLE)
    start.or_(unavailable).first.wait_for(timeout=STEP_TIMEOUT_MS)
    return start.count() == 1 and unavailable.count() == 0


def test_sessions_opened_together_right_after_start_all_get_the_quiz(
    app_server, browser, tmp_path
) -> None:
    """One session loads and publishes the files into the new database; the others, opened at
    the same moment, wait for it instead of being told the quiz is unavailable."""
    server = app_server(WERKSTIJL_CONTENT_DIR=str(copy_content(tmp_path / "content")))
    pages = [browser.new_page() for _ in range(6)]
    for page in pages:  # each load opens a session whose script runs while the next loads
        page.goto(server.url, wait_until="commit")
    assert [shows_the_quiz(page) for page in pages] == [True] * len(pages)
    assert Store(f"sqlite:///{server.db}").latest_content_id() == 1


def test_a_restart_on_a_broken_file_keeps_serving_the_quiz(app_server, browser, tmp_path) -> None:
    content = copy_content(tmp_path / "content")
    database = f"sqlite:///{tmp_path / 'shared.db'}"
    settings = {"WERKSTIJL_CONTENT_DIR": str(content), "WERKSTIJL_DATABASE_URL": database}
    first = app_server(**settings)
    assert quiz_is_served(browser, first.url)
    assert Store(database).latest_content_id() == 1  # the valid files were published
    first.process.terminate()
    first.process.wait(timeout=30)

    tips = content / "tips" / "email.yaml"
    tips.write_text(tips.read_text(encoding="utf-8").replace("\n", "\n\x01", 1), encoding="utf-8")
    questions = content / "questions" / "questions.yaml"
    questions.write_text("questions: [\n", encoding="utf-8")  # and a half-saved file

    second = app_server(**settings)
    assert quiz_is_served(browser, second.url)
    log = second.log.read_text(errors="replace")
    assert "still serving the last valid version" in log and "Traceback" not in log
    assert Store(database).latest_content_id() == 1  # nothing broken was published
