"""The real app in a real browser: `streamlit run quiz_app.py` driven by Debian's Chromium.

`app_server(**extra_env)` (in conftest.py) starts a server on a free port with its own
SQLite file; the mail test passes the settings of a real SMTP server (aiosmtpd) through it.
Set WERKSTIJL_SCREENSHOT_DIR=docs/screenshots to refresh the documentation screenshots.
"""

from __future__ import annotations

import io
import os
import sqlite3
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader
from smtp_server import running_server

from werkstijl.content import load_content
from werkstijl.plan import make_plan
from werkstijl.scoring import ends_after, score
from werkstijl.ui.strings import t

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
STEP_TIMEOUT_MS = 15_000


def wait_idle(page) -> None:
    """Until Streamlit has finished the current script run."""
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=STEP_TIMEOUT_MS)


def progress(page, text: str):
    """The visible progress caption ("Vraag 4 van 13"); the live region that says the same to
    screen readers (a11y.py) is left out."""
    return page.get_by_test_id("stCaptionContainer").get_by_text(text)


def take_quiz(page, answers: list[int]) -> int:
    """Start the test and click one answer per question, waiting for each next question, until
    the result shows (which may be before the last question); returns how many were clicked."""
    page.locator(".st-key-ws-start button").click()
    for i, option in enumerate(answers):
        page.locator(f".st-key-ws-opt-{i}-{option} button").click(timeout=STEP_TIMEOUT_MS)
        after = page.locator(f".st-key-ws-opt-{i + 1}-1 button, .ws-profile")
        after.first.wait_for(timeout=STEP_TIMEOUT_MS)
        if page.locator(".ws-profile").count():
            return i + 1
    raise AssertionError("every question answered, but no result")


def send_mail_form(
    page, name: str, email: str, updates: bool = False, click_count: int = 1
) -> None:
    """Fill in the name and the mail form as a visitor does, and send it (`click_count` 2: an
    impatient double click on the button)."""
    page.locator(".st-key-ws_name input").fill(name)
    page.locator(".st-key-ws_email input").fill(email)
    if updates:
        page.locator(".st-key-ws_consent_updates label").click()
    page.locator(".st-key-ws-send button").click(click_count=click_count)
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


def test_taking_the_quiz_shows_the_profile_and_downloads_the_pdf(app_server, browser, tmp_path):
    server = app_server()
    content = load_content(REPO).content
    answers = [(i % len(q.options)) + 1 for i, q in enumerate(content.questions)]
    profile_id = score(content, answers).profile
    expected = content.profile(profile_id).name.get("nl")

    page = browser.new_page(viewport=DESKTOP, accept_downloads=True)
    page.goto(server.url)
    page.locator(".st-key-ws-start button").wait_for(timeout=STEP_TIMEOUT_MS)
    asked = take_quiz(page, answers)
    assert page.locator(".ws-profile").inner_text().splitlines()[0].strip() == expected
    assert page.url.endswith(f"a={''.join(map(str, answers[:asked]))}")  # progress: in the URL

    # Type and click at once, as people do: the PDF must carry the name all the same.
    page.locator(".st-key-ws_name input").fill("Anna de Vries")
    with page.expect_download(timeout=STEP_TIMEOUT_MS) as download:
        page.locator(".st-key-ws_download button").click()
    assert download.value.suggested_filename == f"werkstijl-{profile_id}.pdf"
    pdf = Path(download.value.path()).read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Anna de Vries" in text and expected in text
    # The second download: the week as a calendar file, with the first step in week 1.
    with page.expect_download(timeout=STEP_TIMEOUT_MS) as download:
        page.locator(".st-key-ws_ics button").click()
    assert download.value.suggested_filename == "werkstijl-week.ics"
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    first_step = make_plan(content, score(content, answers)).first_step.title.nl
    descriptions = " ".join(str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT"))
    assert f"Nieuw in week 1 van je startplan: {first_step}" in descriptions
    with sqlite3.connect(server.db) as db:
        kinds = dict(db.execute("SELECT kind, count(*) FROM events GROUP BY kind").fetchall())
        assert db.execute("SELECT profile FROM results").fetchall() == [(profile_id,)]
    early = {"ended_early": 1} if asked < len(answers) else {}
    assert kinds == {"started": 1, "answered": asked, "completed": 1, "pdf_downloaded": 1, **early}


def test_without_smtp_there_is_no_form_only_a_line_saying_mail_is_off(app_server, browser):
    # Finding (visitor try, 4): the form took an address for a mail that would never come.
    server = app_server()
    content = load_content(REPO).content
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server.url}/?a={'1' * len(content.questions)}")  # a result link
    page.locator(".ws-profile").wait_for(timeout=STEP_TIMEOUT_MS)
    page.get_by_text(t("mail_off_note", "nl")).wait_for(timeout=STEP_TIMEOUT_MS)
    page.locator(".st-key-ws_download button").wait_for(timeout=STEP_TIMEOUT_MS)
    wait_idle(page)  # the whole result drawn, so a form would be there by now
    assert page.locator(".st-key-ws_email, .st-key-ws-send").count() == 0
    with sqlite3.connect(server.db) as db:
        assert db.execute("SELECT count(*) FROM leads").fetchall() == [(0,)]


def test_on_a_phone_the_field_hint_sits_under_the_address_not_over_it(app_server, browser):
    # Finding (new-user walk, 9): "Druk op Enter om te versturen • 22/320" ran into the address.
    with running_server() as smtp:
        server = app_server(WERKSTIJL_SMTP_HOST="127.0.0.1", WERKSTIJL_SMTP_PORT=str(smtp.port))
        content = load_content(REPO).content
        page = browser.new_page(viewport=PHONE)
        page.goto(f"{server.url}/?a={'1' * len(content.questions)}")
        field = page.locator(".st-key-ws_email input")
        field.click(timeout=STEP_TIMEOUT_MS)
        field.type("zoe.devries@example.nl")
        hint = page.locator(".st-key-ws_email").get_by_test_id("InputInstructions")
        hint.wait_for(timeout=STEP_TIMEOUT_MS)
        box, under = field.bounding_box(), hint.bounding_box()
        assert under["y"] >= box["y"] + box["height"] - 1, (box, under)


def test_a_pasted_name_over_the_limit_is_cut_with_a_note_not_wiped(app_server, browser):
    server = app_server()
    content = load_content(REPO).content
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server.url}/?a={'1' * len(content.questions)}")  # a result link
    page.locator(".ws-profile").wait_for(timeout=STEP_TIMEOUT_MS)
    field = page.locator(".st-key-ws_name input")
    long_name = "Maria " + "van der Berg-" * 12  # 162 characters at once, as a paste
    field.fill(long_name)
    field.press("Tab")
    page.get_by_text("Je naam is ingekort tot 100 tekens").wait_for(timeout=STEP_TIMEOUT_MS)
    shown = field.input_value()
    assert shown and len(shown) <= 100 and long_name.startswith(shown)


def test_a_refresh_mid_quiz_resumes_at_the_same_question(app_server, browser):
    server = app_server()
    page = browser.new_page(viewport=PHONE)
    page.goto(server.url)
    page.locator(".st-key-ws-start button").click(timeout=STEP_TIMEOUT_MS)
    for i in range(3):
        page.locator(f".st-key-ws-opt-{i}-2 button").click(timeout=STEP_TIMEOUT_MS)
    page.locator(".st-key-ws-opt-3-1").wait_for(timeout=STEP_TIMEOUT_MS)
    page.reload()
    progress(page, "Vraag 4 van").wait_for(timeout=STEP_TIMEOUT_MS)


def test_a_double_tap_answers_one_question_only(app_server, browser):
    server = app_server()
    page = browser.new_page(viewport=PHONE, has_touch=True)
    page.goto(server.url)
    page.locator(".st-key-ws-start button").click(timeout=STEP_TIMEOUT_MS)
    box = page.locator(".st-key-ws-opt-0-2 button").bounding_box(timeout=STEP_TIMEOUT_MS)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.wait_for_timeout(400)  # a person reads the question first
    page.touchscreen.tap(x, y)
    progress(page, "Vraag 2 van").wait_for(timeout=STEP_TIMEOUT_MS)  # already on screen...
    page.wait_for_timeout(60)
    page.touchscreen.tap(x, y)  # ...when the second tap of a double tap lands
    page.wait_for_timeout(500)
    wait_idle(page)
    assert progress(page, "Vraag 2 van").is_visible()
    assert page.url.endswith("?a=2&q=2")  # the second tap did not answer question 2


def test_screenshots_at_phone_and_desktop_width(app_server, browser, tmp_path):
    server = app_server()
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
        for i in range(2, ends_after(content, answers)):
            page.locator(f".st-key-ws-opt-{i}-{answers[i]} button").click(timeout=STEP_TIMEOUT_MS)
        page.locator(".ws-profile").wait_for(timeout=STEP_TIMEOUT_MS)
        wait_idle(page)
        shoot(page, f"result-{label}", folder, full_page=True)
        page.close()


def test_the_mail_form_really_sends_the_pdf(app_server, browser):
    with running_server() as smtp:
        server = app_server(
            WERKSTIJL_SMTP_HOST="127.0.0.1",
            WERKSTIJL_SMTP_PORT=str(smtp.port),
            WERKSTIJL_SMTP_STARTTLS="false",
            WERKSTIJL_MAIL_FROM="Werkstijltest <noreply@werkstijl.example>",
        )
        content = load_content(REPO).content
        answers = [2] * len(content.questions)
        profile = content.profile(score(content, answers).profile)
        page = browser.new_page(viewport=PHONE)
        page.goto(f"{server.url}/?a={''.join(map(str, answers))}")
        page.locator(".ws-profile").wait_for(timeout=STEP_TIMEOUT_MS)
        smtp.reply_delay = 3.0  # the server takes its time to accept
        # Finding (visitor try, 2): an impatient double click sent the mail twice.
        send_mail_form(page, "Zoë <b>& co</b>", "zoe@example.com", click_count=2)
        # Honest states: "queued" first, then "sent" once accepted, without a reload.
        page.get_by_text("in de wachtrij").wait_for(timeout=STEP_TIMEOUT_MS)
        assert page.get_by_text("Verstuurd!").count() == 0
        page.get_by_text("Verstuurd!").wait_for(timeout=30_000)
        assert len(smtp.messages) == 1, server.log.read_text(errors="replace")[-2000:]
    message = smtp.messages[0]
    assert message["To"].addresses[0].addr_spec == "zoe@example.com"
    attachment = next(message.iter_attachments())
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(attachment.get_content())).pages
    )
    assert "Zoë <b>& co</b>" in text and profile.name.nl in text
    with sqlite3.connect(server.db) as db:
        assert db.execute("SELECT status FROM outbox").fetchall() == [("sent",)]
        assert db.execute("SELECT attachment FROM outbox").fetchall() == [(None,)]
