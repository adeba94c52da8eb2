"""The early end in a real browser: a consistent visitor sees the result before the last question,
with the same profile and PDF as all answers would give; with the setting off every question comes.
"""

from __future__ import annotations

import io
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_browser_quiz import DESKTOP, PHONE, STEP_TIMEOUT_MS, take_quiz

from werkstijl.content import Content, load_content
from werkstijl.report import render_personal
from werkstijl.scoring import ends_after, score
from werkstijl.ui.strings import t

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]


def consistent(content: Content, profile_id: str) -> list[int]:
    """Per question the option giving `profile_id` the most points (from the content's weights)."""
    return [
        1 + max(range(len(q.options)), key=lambda i: q.options[i].scores.get(profile_id, 0))
        for q in content.questions
    ]


def words(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_a_consistent_visitor_gets_the_result_early_and_the_same_pdf(app_server, browser):
    server = app_server()
    content = load_content(REPO).content
    n = len(content.questions)
    answers = consistent(content, "processor")
    k = ends_after(content, answers)
    assert k < n
    full = score(content, answers)
    name = content.profile(full.profile).name.get("nl")

    page = browser.new_page(viewport=PHONE, accept_downloads=True)
    page.goto(server.url)
    assert take_quiz(page, answers) == k
    assert page.locator(".ws-profile").inner_text().splitlines()[0].strip() == name
    page.get_by_text(t("ended_early", "nl", answered=k, n=n)).wait_for(timeout=STEP_TIMEOUT_MS)
    assert page.url.endswith(f"a={''.join(map(str, answers[:k]))}")

    page.locator(".st-key-ws_name input").fill("Fleur")
    with page.expect_download(timeout=STEP_TIMEOUT_MS) as download:
        page.locator(".st-key-ws_download button").click()
    assert download.value.suggested_filename == f"werkstijl-{full.profile}.pdf"
    got = words(Path(download.value.path()).read_bytes())
    # Word for word the PDF of all the answers, except the chart's shares (from the answers given).
    whole = words(render_personal(content, name="Fleur", profile_id=full.profile, result=full))
    assert "Fleur" in got and name in got
    assert re.sub(r"\d+%", "N%", got) == re.sub(r"\d+%", "N%", whole)
    with sqlite3.connect(server.db) as db:
        assert db.execute("SELECT answered, profile FROM results").fetchall() == [(k, full.profile)]
        assert db.execute("SELECT question FROM events WHERE kind = 'ended_early'").fetchall() == [
            (k - 1,)
        ]

    page.reload()  # the result link: the same result, no question
    page.locator(".ws-profile").wait_for(timeout=STEP_TIMEOUT_MS)
    assert page.locator(".ws-profile").inner_text().splitlines()[0].strip() == name


def test_with_the_setting_off_all_questions_are_asked(app_server, browser, tmp_path: Path):
    root = tmp_path / "content"
    for sub in ("profiles", "questions", "tips", "texts"):
        shutil.copytree(REPO / sub, root / sub)
    site = root / "texts" / "site.yaml"
    text = site.read_text()
    site.write_text(text[: text.index("\nquiz:")] + "\nquiz:\n  early_end: false\n")
    content = load_content(root).content
    assert not content.site.quiz.early_end
    answers = consistent(content, "processor")
    assert ends_after(load_content(REPO).content, answers) < len(answers)  # on, it would end

    server = app_server(WERKSTIJL_CONTENT_DIR=str(root))
    page = browser.new_page(viewport=DESKTOP)
    page.goto(server.url)
    page.get_by_text(t("intro_facts", "nl", n=len(answers))).wait_for(timeout=STEP_TIMEOUT_MS)
    assert take_quiz(page, answers) == len(answers)
    assert page.get_by_text("Je antwoorden zijn al duidelijk").count() == 0
