"""Every visitor page in a real browser, checked as assistive technology and keyboards meet it.

axe-core (bundled by the axe-playwright-python package) scans each page - intro, every question,
result, mail form with an error and with its confirmation, opt-in link, restart notice - in Dutch
and English at phone and desktop width. Beside the scan: the document language, the heading
outline, focus and announcement after each answer, keyboard-only use, and the browser's Back,
Forward and reload.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import sqlite3
import time
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from smtp_server import SmtpServer, running_server
from test_browser_quiz import (
    DESKTOP,
    PHONE,
    REPO,
    STEP_TIMEOUT_MS,
    progress,
    send_mail_form,
    wait_idle,
)

from werkstijl.content import load_content
from werkstijl.scoring import ends_after, score
from werkstijl.ui.strings import t

pytestmark = pytest.mark.browser

CONTENT = load_content(REPO).content
N = len(CONTENT.questions)
LOCALES = {"nl": "nl-NL", "en": "en-GB"}
BLOCKING = ("serious", "critical")  # the done-when bar; moderate and minor findings are printed
# axe-core as the axe-playwright-python package bundles it, loaded into every page up front.
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
SETTLE_MS = 450  # past the options' arrival fade (style.py) and the page script's focus move

HEADINGS_JS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.getClientRects().length > 0)
  .map(h => [Number(h.tagName[1]), h.textContent.trim()])"""


def settle(page) -> None:
    wait_idle(page)
    page.wait_for_timeout(SETTLE_MS)


def new_page(browser, **options):
    page = browser.new_page(**options)
    page.add_init_script(AXE_SOURCE)
    return page


def axe_findings(page) -> list[dict]:
    return page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]


def outline(page) -> list[tuple[int, str]]:
    return [tuple(h) for h in page.evaluate(HEADINGS_JS)]


def assert_outline(headings: list[tuple[int, str]], h1: str | None, where: str) -> None:
    """One h1 first (starting with `h1` when given), and no level skipped on the way down."""
    if h1 is None and not headings:
        return
    assert headings and headings[0][0] == 1, f"{where}: {headings}"
    assert sum(1 for level, _ in headings if level == 1) == 1, f"{where}: {headings}"
    if h1 is not None:
        assert headings[0][1].startswith(h1), f"{where}: {headings}"
    for (before, _), (after, text) in itertools.pairwise(headings):
        assert after <= before + 1, f"{where}: '{text}' skips a level in {headings}"


def focus_view(page) -> str | None:
    return page.evaluate("() => document.activeElement && document.activeElement.dataset.wsView")


def wait_focus(page, view: str) -> None:
    page.wait_for_function(
        "view => document.activeElement && document.activeElement.dataset.wsView === view",
        arg=view,
        timeout=STEP_TIMEOUT_MS,
    )


def announced(page) -> str:
    page.wait_for_timeout(150)  # the live region is emptied, then filled, to be read again
    return page.evaluate("() => document.getElementById('ws-live').textContent")


def doc_lang(page, wanted: str) -> str:
    """The document's language once the page script has set it (it runs after the page draws,
    so a busy machine may show the new text a moment before the attribute follows)."""
    # On a timeout, the assertion that follows says what the attribute is instead.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            "lang => document.documentElement.lang === lang", arg=wanted, timeout=STEP_TIMEOUT_MS
        )
    return page.evaluate("document.documentElement.lang")


class Scan:
    """Checks one page: language, outline, the visible switch, and an axe scan (kept per page)."""

    def __init__(self, page, lang: str, where: str, report: dict[str, list[dict]]) -> None:
        self.page, self.lang, self.where, self.report = page, lang, where, report

    def __call__(self, name: str, h1: str | None) -> None:
        settle(self.page)
        where = f"{self.where} {name}"
        assert doc_lang(self.page, self.lang) == self.lang, where
        assert_outline(outline(self.page), h1, where)
        switch = self.page.locator(".st-key-ws_lang button")
        assert switch.is_visible(), where
        assert switch.get_attribute("lang") == ("en" if self.lang == "nl" else "nl"), where
        self.report[where] = axe_findings(self.page)


def optin_link(smtp: SmtpServer, address: str, server_url: str) -> str:
    """The confirmation link from the opt-in mail to `address`, pointed at this test's server."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for message in smtp.messages:
            body = message.get_body(("plain",)).get_content()
            found = re.search(r"[?&]optin=([\w-]+)", body)
            if message["To"].addresses[0].addr_spec == address and found:
                return f"{server_url}/?optin={found.group(1)}"
        time.sleep(0.2)
    pytest.fail(f"no opt-in mail to {address}")


def walk_every_page(page, server_url: str, lang: str, scan: Scan, smtp: SmtpServer) -> None:
    page.goto(server_url)
    page.locator(".st-key-ws-start button").wait_for(timeout=STEP_TIMEOUT_MS)
    page.locator('[data-testid="stExpander"] summary').click()  # the privacy text open too
    scan("intro", CONTENT.site.title.get(lang))
    page.locator(".st-key-ws-start button").click()
    answers = [1] * N
    assert ends_after(CONTENT, answers) == N  # these answers see every question (no early end)
    for i, question in enumerate(CONTENT.questions):
        wait_focus(page, f"q-{i}")  # focus on the new question, and it is announced
        assert announced(page) == t("progress", lang, i=i + 1, n=N)
        scan(f"question {i + 1}", question.text.get(lang))
        bar = page.locator('[role="progressbar"]')
        assert bar.get_attribute("aria-valuetext") == t("progress", lang, i=i + 1, n=N)
        assert bar.get_attribute("aria-valuenow") == str(i + 1)
        assert bar.get_attribute("aria-label") == t("progress_label", lang)
        page.locator(f".st-key-ws-opt-{i}-{answers[i]} button").click()
    profile = CONTENT.profile(score(CONTENT, answers).profile).name.get(lang)
    wait_focus(page, "result")
    assert announced(page) == t("result_announce", lang, profile=profile)
    scan("result", profile)
    rating = page.locator('[data-testid="stFeedback"] [role="radiogroup"]').first
    tip = page.locator("h3").first.inner_text()
    assert rating.get_attribute("aria-label") == f"{t('rate_group', lang)}: {tip}"
    stars = rating.locator('[role="radio"]')
    assert [stars.nth(n).get_attribute("aria-label") for n in range(5)] == [
        t("star_label", lang, n=n, of=5) for n in range(1, 6)
    ]
    send_mail_form(page, "Jan", "jan@@example")  # an address that cannot work
    page.locator('[data-testid="stAlert"]').wait_for(timeout=STEP_TIMEOUT_MS)
    scan("mail form with an error", profile)
    address = f"jan.{scan.where.replace(' ', '.')}@example.com"
    page.locator(".st-key-ws_email input").fill(address)
    page.locator(".st-key-ws_consent_updates label").click()
    page.locator(".st-key-ws-send button").click()
    page.locator('[data-testid="stAlertContentError"]').wait_for(state="detached")
    page.locator('[data-testid="stAlert"]').first.wait_for(timeout=STEP_TIMEOUT_MS)
    scan("mail form sent", profile)
    page.goto(optin_link(smtp, address, server_url))
    page.locator(".st-key-ws_lang button").wait_for(timeout=STEP_TIMEOUT_MS)  # then settle()
    scan("opt-in link", None)
    page.goto(f"{server_url}/?optin=no-such-token")
    page.locator('[data-testid="stAlert"]').wait_for(timeout=STEP_TIMEOUT_MS)
    scan("opt-in link that does not work", None)
    page.goto(f"{server_url}/?a=9")  # a link that no longer fits: restart with a notice
    page.get_by_text(t("bad_link", lang)[:30]).wait_for(timeout=STEP_TIMEOUT_MS)
    scan("restart notice", CONTENT.site.title.get(lang))


def summary(report: dict[str, list[dict]]) -> str:
    lines = []
    for where, findings in report.items():
        found = ", ".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])})" for v in findings)
        lines.append(f"{where}: {found or 'no violations'}")
    return "\n".join(lines)


def test_every_visitor_page_passes_axe_in_both_languages_at_phone_and_desktop(app_server, browser):
    with running_server() as smtp:  # mail on: the confirmations are the real ones
        server = app_server(
            WERKSTIJL_SMTP_HOST="127.0.0.1",
            WERKSTIJL_SMTP_PORT=str(smtp.port),
            WERKSTIJL_SMTP_STARTTLS="false",
        )
        report: dict[str, list[dict]] = {}
        for lang, locale in LOCALES.items():
            for width, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
                page = new_page(browser, viewport=viewport, locale=locale)
                scan = Scan(page, lang, f"{lang} {width}", report)
                walk_every_page(page, server.url, lang, scan, smtp)
                page.close()
    print(summary(report))  # pytest -s shows every page's findings, moderate ones included
    blocking = {
        where: [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in findings]
        for where, all_findings in report.items()
        if (findings := [v for v in all_findings if v["impact"] in BLOCKING])
    }
    assert len(report) == 4 * (N + 7) and blocking == {}


def test_the_whole_quiz_works_by_keyboard_alone(app_server, browser):
    with running_server() as smtp:  # mail on: the mail form is there
        server = app_server(
            WERKSTIJL_SMTP_HOST="127.0.0.1",
            WERKSTIJL_SMTP_PORT=str(smtp.port),
            WERKSTIJL_SMTP_STARTTLS="false",
        )
        _walk_by_keyboard(server, browser)


def _walk_by_keyboard(server, browser) -> None:
    page = browser.new_page(viewport=DESKTOP, locale="nl-NL", accept_downloads=True)
    page.goto(server.url)
    page.locator(".st-key-ws-start button").wait_for(timeout=STEP_TIMEOUT_MS)
    settle(page)
    tab_to(page, ".st-key-ws-start button")
    page.keyboard.press("Enter")
    answers = [(i % 3) + 1 for i in range(N)]
    for i, option in enumerate(answers[: ends_after(CONTENT, answers)]):
        wait_focus(page, f"q-{i}")
        settle(page)
        for _ in range(option):  # from the question, Tab reaches its options in order
            page.keyboard.press("Tab")
        assert focused_key(page) == f"ws-opt-{i}-{option}"
        page.keyboard.press("Enter")
    wait_focus(page, "result")
    settle(page)
    tab_to(page, '[data-testid="stFeedback"] [role="radio"]')
    page.keyboard.press("ArrowRight")  # within a rating, arrows move between the stars
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    settle(page)
    with sqlite3.connect(server.db) as db:
        assert db.execute("SELECT stars FROM tip_ratings").fetchall() == [(3,)]
    tab_to(page, ".st-key-ws_name input")
    page.keyboard.type("Ada Lovelace")
    with page.expect_download(timeout=STEP_TIMEOUT_MS) as download:
        page.keyboard.press("Tab")  # the download button follows the name field
        assert focused_key(page) == "ws_download"
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")
    tab_to(page, ".st-key-ws_email input")  # the mail form by keyboard, past the bot trap
    page.keyboard.type("ada@example.com")
    visited = []
    while focused_key(page) != "ws-send" and len(visited) < 10:
        page.keyboard.press("Tab")
        visited.append(focused_key(page))
    assert visited[-1] == "ws-send" and "ws_hp_website" not in visited, visited
    honeypot = page.get_by_role("textbox", name=t("honeypot_label", "nl"))
    assert honeypot.count() == 0  # not there for assistive technology either
    page.keyboard.press("Enter")
    page.get_by_text(t("mail_queued", "nl")[:30]).wait_for(timeout=STEP_TIMEOUT_MS)
    with sqlite3.connect(server.db) as db:
        assert db.execute("SELECT name, email FROM leads").fetchall() == [
            ("Ada Lovelace", "ada@example.com")
        ]
    tab_to(page, ".st-key-ws_lang button", backwards=True)
    page.keyboard.press("Enter")
    page.get_by_text(t("pdf_heading", "en")).wait_for(timeout=STEP_TIMEOUT_MS)
    assert doc_lang(page, "en") == "en"
    assert focused_key(page) == "ws_lang"  # the switch keeps focus; the page is not reset


def focused_key(page) -> str | None:
    """The Streamlit key (`st-key-…` class) of the element holding the focus."""
    return page.evaluate(
        """() => { const el = document.activeElement.closest('[class*="st-key-"]');
                   if (!el) return null;
                   const c = [...el.classList].find(c => c.startsWith('st-key-'));
                   return c.slice(7); }"""
    )


def tab_to(page, selector: str, backwards: bool = False, limit: int = 60) -> None:
    """Press Tab (or Shift+Tab) until an element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("s => !!document.activeElement.closest(s)", selector):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    pytest.fail(f"Tab never reached {selector}")


def chosen(page, i: int) -> list[int]:
    """The option numbers shown as chosen on question i."""
    buttons = page.locator(f'[class*="st-key-ws-opt-{i}-"] button')
    return [
        n + 1 for n in range(buttons.count()) if buttons.nth(n).get_attribute("kind") == "primary"
    ]


def on_question(page, i: int) -> None:
    page.locator(f'[data-ws-view="q-{i}"]').wait_for(timeout=STEP_TIMEOUT_MS)
    settle(page)


def test_back_forward_and_reload_follow_the_url_and_keep_every_answer_shown(app_server, browser):
    server = app_server()
    page = browser.new_page(viewport=PHONE, locale="nl-NL")
    page.goto(server.url)
    page.locator(".st-key-ws-start button").click(timeout=STEP_TIMEOUT_MS)
    for i, option in enumerate([2, 2, 1]):
        on_question(page, i)
        page.locator(f".st-key-ws-opt-{i}-{option} button").click()
    on_question(page, 3)
    assert page.url.endswith("?a=221&q=4")

    # Back shows each question with the answer given there (it is in that entry's URL).
    page.go_back()
    on_question(page, 2)
    assert page.url.endswith("?a=221&q=3") and chosen(page, 2) == [1]
    page.go_back()
    on_question(page, 1)
    assert page.url.endswith("?a=22&q=2") and chosen(page, 1) == [2]
    page.go_forward()
    on_question(page, 2)
    page.go_forward()
    on_question(page, 3)
    assert page.url.endswith("?a=221&q=4")

    page.reload()
    on_question(page, 3)
    page.locator(".st-key-ws-back button").click()  # the page's own Back is the browser's Back
    on_question(page, 2)
    assert page.url.endswith("?a=221&q=3") and chosen(page, 2) == [1]
    page.reload()  # an answer the screen shows as given survives a reload
    on_question(page, 2)
    assert chosen(page, 2) == [1]
    # Finding (visitor try, 3): the browser's Back after the page's own Back went forward.
    page.go_back()
    on_question(page, 1)
    assert page.url.endswith("?a=22&q=2") and chosen(page, 1) == [2]
    page.go_forward()
    on_question(page, 2)
    assert page.url.endswith("?a=221&q=3")
    page.go_forward()
    on_question(page, 3)
    page.go_back()
    on_question(page, 2)

    page.locator(".st-key-ws_lang button").click()  # a language switch is a step too
    progress(page, t("progress", "en", i=3, n=N)).wait_for(timeout=STEP_TIMEOUT_MS)
    assert page.url.endswith("lang=en") and doc_lang(page, "en") == "en"
    page.go_back()
    progress(page, t("progress", "nl", i=3, n=N)).wait_for(timeout=STEP_TIMEOUT_MS)
    settle(page)
    assert doc_lang(page, "nl") == "nl"

    asked = ends_after(CONTENT, [2, 2, 1] + [1] * (N - 3))  # the quiz may end early
    for i in range(2, asked):
        on_question(page, i)
        page.locator(f".st-key-ws-opt-{i}-1 button").click()
    page.locator('[data-ws-view="result"]').wait_for(timeout=STEP_TIMEOUT_MS)
    page.go_back()  # from the result to the last question asked, as the URL says
    on_question(page, asked - 1)
    page.go_forward()
    page.locator('[data-ws-view="result"]').wait_for(timeout=STEP_TIMEOUT_MS)
    with sqlite3.connect(server.db) as db:  # moving through history stores nothing twice
        assert db.execute("SELECT count(*) FROM results").fetchall() == [(1,)]


def test_a_first_visit_speaks_the_browsers_language_and_a_lang_link_wins(app_server, browser):
    server = app_server()
    for locale, lang in (("en-US", "en"), ("nl-BE", "nl"), ("de-DE", "nl"), ("fr-FR", "nl")):
        page = browser.new_page(viewport=PHONE, locale=locale)
        page.goto(server.url)
        page.locator(".st-key-ws-start button").wait_for(timeout=STEP_TIMEOUT_MS)
        settle(page)
        assert outline(page)[0] == (1, CONTENT.site.title.get(lang)), locale
        assert doc_lang(page, lang) == lang, locale
        page.locator(".st-key-ws-start button").click()
        on_question(page, 0)
        assert "lang=" not in page.url  # the browser's own language needs no parameter
        page.locator(".st-key-ws_lang button").click()  # the switch is there and works
        other = "nl" if lang == "en" else "en"
        progress(page, t("progress", other, i=1, n=N)).wait_for(timeout=STEP_TIMEOUT_MS)
        assert page.url.endswith(f"lang={other}"), locale
        page.close()

    page = browser.new_page(viewport=PHONE, locale="en-US")
    page.goto(f"{server.url}/?lang=nl&a=12")
    on_question(page, 2)
    assert doc_lang(page, "nl") == "nl"
    page.locator(".st-key-ws-opt-2-1 button").click()
    on_question(page, 3)
    assert page.url.endswith("?a=121&q=4&lang=nl")
