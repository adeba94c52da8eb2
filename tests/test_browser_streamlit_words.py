"""Streamlit writes some words of its own, in English ("Press Enter to submit form", "Skip to main
content", the file uploader's "Upload" and "200MB per file"). In a real browser: a Dutch page
shows none of them but ours, an English page shows Streamlit's, and `<html lang>` is the page's
language - on the visitor page and on the staff Groep page (a11y.py STREAMLIT_PLACES)."""

from __future__ import annotations

import contextlib

import pytest
from smtp_server import running_server
from test_app_staff import PASSWORD, copy_content
from test_browser_quiz import REPO, STEP_TIMEOUT_MS, wait_idle

from werkstijl.content import load_content
from werkstijl.ui.a11y import STREAMLIT_ATTRIBUTES, STREAMLIT_PLACES
from werkstijl.ui.strings import t

pytestmark = pytest.mark.browser

N = len(load_content(REPO).content.questions)

TEXTS_JS = """() => {
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), out = [];
  let node;
  while ((node = walk.nextNode())) {
    const text = node.nodeValue.trim(), tag = node.parentElement.tagName;
    if (text && tag !== "SCRIPT" && tag !== "STYLE") out.push(text);
  }
  return out;
}"""


ATTRIBUTES_JS = """names => [...document.querySelectorAll(names.map(n => `[${n}]`).join(","))]
  .flatMap(el => names.filter(n => el.hasAttribute(n)).map(n => [n, el.getAttribute(n)]))"""


def streamlit_english(page) -> list[str]:
    """Streamlit's English words (from every place the page script rewrites) in any text of the
    page, hidden ones (the skip link) included, and in the names it gives its controls."""
    texts = page.evaluate(TEXTS_JS)
    found = []
    for _, whole, keys in STREAMLIT_PLACES:
        for key in keys:
            english = t(key, "en")
            hits = [x for x in texts if (x == english.strip() if whole else english in x)]
            found += [f"{english!r} in {hit!r}" for hit in hits]
    names = sorted({attribute for attribute, _, _ in STREAMLIT_ATTRIBUTES})
    values = page.evaluate(ATTRIBUTES_JS, names)
    for attribute, key, whole in STREAMLIT_ATTRIBUTES:
        english = t(key, "en")
        found += [
            f"{attribute}={value!r}"
            for name, value in values
            if name == attribute and (value == english if whole else value.startswith(english))
        ]
    return found


def wait_for_lang(page, lang: str) -> None:
    with contextlib.suppress(Exception):  # the assertion that follows says what it is instead
        page.wait_for_function(
            "l => document.documentElement.lang === l", arg=lang, timeout=STEP_TIMEOUT_MS
        )
    assert page.evaluate("document.documentElement.lang") == lang


def type_in_mail_field(page) -> None:
    """Typing (not yet sent) makes Streamlit show its "press Enter" hint under the field."""
    page.locator(".st-key-ws_email input").press_sequentially("a")
    page.get_by_test_id("InputInstructions").wait_for(timeout=STEP_TIMEOUT_MS)


@pytest.fixture
def mail_server(app_server):
    """The app with mail on (the mail form, with its text fields, shows only then)."""
    with running_server() as smtp:
        yield app_server(
            WERKSTIJL_SMTP_HOST="127.0.0.1",
            WERKSTIJL_SMTP_PORT=str(smtp.port),
            WERKSTIJL_SMTP_STARTTLS="false",
        )


def test_the_dutch_visitor_page_shows_no_english_streamlit_words(mail_server, browser) -> None:
    server = mail_server
    page = browser.new_page(locale="nl-NL")
    page.goto(f"{server.url}/?a={'1' * N}")  # a result link: the mail form has text fields
    page.locator(".ws-profile").wait_for(timeout=STEP_TIMEOUT_MS)
    wait_for_lang(page, "nl")
    type_in_mail_field(page)
    hint = page.get_by_test_id("InputInstructions")
    hint.get_by_text(t("st_enter_submit", "nl")).wait_for(timeout=STEP_TIMEOUT_MS)
    assert page.locator('a[href="#stMain"]').text_content() == t("st_skip_link", "nl")
    assert streamlit_english(page) == []

    # Switching to English gives Streamlit's own words back, not our Dutch ones.
    page.locator(".st-key-ws_lang button").click()
    wait_idle(page)
    wait_for_lang(page, "en")
    skip = page.locator('a[href="#stMain"]')
    page.wait_for_function(
        "el => el.textContent === 'Skip to main content'", arg=skip.element_handle()
    )


def test_the_english_visitor_page_shows_streamlits_english(mail_server, browser) -> None:
    server = mail_server
    page = browser.new_page(locale="en-GB")
    page.goto(f"{server.url}/?a={'1' * N}")
    page.locator(".ws-profile").wait_for(timeout=STEP_TIMEOUT_MS)
    wait_for_lang(page, "en")
    type_in_mail_field(page)
    page.get_by_test_id("InputInstructions").get_by_text("Press Enter to submit form").wait_for(
        timeout=STEP_TIMEOUT_MS
    )
    assert page.locator('a[href="#stMain"]').text_content() == "Skip to main content"
    assert "Druk op Enter" not in " ".join(page.evaluate(TEXTS_JS))


def open_group_page(page, url: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(f"{url}/staff")
    page.get_by_role("textbox", name="Je naam").fill("Anna")
    wait_for_lang(page, "nl")  # the login page too
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Contentstudio").wait_for(timeout=30_000)
    for _ in range(30):  # right after start the app may still be loading its content
        page.get_by_role("link", name="Groep").first.click()
        with contextlib.suppress(PlaywrightTimeout):
            page.get_by_test_id("stFileUploaderDropzone").wait_for(timeout=2_000)
            return
    raise AssertionError("the Groep page shows no uploader")


def test_the_dutch_group_page_shows_no_english_streamlit_words(
    app_server, browser, tmp_path
) -> None:
    content = copy_content(tmp_path / "content")
    server = app_server(WERKSTIJL_CONTENT_DIR=str(content), WERKSTIJL_STAFF_PASSWORD=PASSWORD)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    open_group_page(page, server.url)
    wait_for_lang(page, "nl")
    dropzone = page.get_by_test_id("stFileUploaderDropzone")
    dropzone.get_by_role("button", name=t("st_upload", "nl")).wait_for(timeout=STEP_TIMEOUT_MS)
    limit = page.get_by_test_id("stFileUploaderDropzoneInstructions")
    assert "200MB per bestand • XLSX, CSV" in limit.inner_text()
    assert page.get_by_test_id("stFileUploaderDropzoneInput").get_attribute("aria-label") == (
        t("st_aria_file_upload", "nl")
    )
    assert streamlit_english(page) == []

    # The staff language switch: the same page in English, with Streamlit's words.
    page.get_by_test_id("stSidebar").get_by_text("EN", exact=True).click()
    wait_idle(page)
    wait_for_lang(page, "en")
    dropzone.get_by_role("button", name="Upload", exact=True).wait_for(timeout=STEP_TIMEOUT_MS)
    assert "200MB per file • XLSX, CSV" in limit.inner_text()
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_attribute("aria-label") == "Sidebar"  # Streamlit's own name back
