"""A real browser logs in to the staff pages and sees a rendered page of the PDF preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_staff import PASSWORD, copy_content

pytestmark = pytest.mark.browser


def log_in(page, url: str, name: str = "Anna") -> None:
    """Log in on the staff pages as a member of staff does, and wait for the Contentstudio."""
    from playwright.sync_api import expect

    page.goto(f"{url}/staff")
    page.get_by_role("textbox", name="Je naam").fill(name)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Contentstudio")).to_be_visible(timeout=30_000)


def test_staff_login_shows_a_rendered_preview_page(app_server, browser, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    content = copy_content(tmp_path / "content")
    server = app_server(WERKSTIJL_CONTENT_DIR=str(content), WERKSTIJL_STAFF_PASSWORD=PASSWORD)
    page = browser.new_page()
    page.goto(f"{server.url}/staff")
    password = page.get_by_label("Wachtwoord")
    expect(password).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Contentstudio")).to_have_count(0)
    page.get_by_role("textbox", name="Je naam").fill("Anna")
    password.fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Dat wachtwoord klopt niet.")).to_be_visible(timeout=15_000)

    page.get_by_role("textbox", name="Je naam").fill("Anna")
    password.fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Contentstudio")).to_be_visible(timeout=30_000)
    page.get_by_role("tab", name="Voorbeeld").click()
    image = page.locator('[data-testid="stImage"] img').first
    expect(image).to_be_visible(timeout=60_000)
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 300",
                           arg=image.element_handle(), timeout=30_000)  # fmt: skip
    expect(page.get_by_role("button", name="PDF downloaden")).to_be_visible()


def test_a_member_of_staff_finds_erases_and_follows_the_outbox(
    app_server, browser, tmp_path: Path
) -> None:
    """Leads as staff use it (issue 12, item 7): accent-free search, an erase that the count shows
    at once, a warning for an unknown address, and the outbox listing its mails."""
    from playwright.sync_api import expect
    from test_browser_quiz import screenshot_dir, shoot

    from werkstijl.storage import NewLead, NewMail, Store

    content = copy_content(tmp_path / "content")
    server = app_server(WERKSTIJL_CONTENT_DIR=str(content), WERKSTIJL_STAFF_PASSWORD=PASSWORD)
    store = Store(f"sqlite:///{server.db}")
    for name, email in (("Émile Dubois", "emile@example.com"), ("Piet Jansen", "piet@example.com")):
        store.save_lead_with_mail(NewLead(name, email, "nl", "operator", True, False, "v1"),
                                  NewMail("pdf", email, name, "nl", "Je PDF", "Hoi", "<p>Hoi</p>",
                                          b"%PDF-1.4", "w.pdf"))  # fmt: skip
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(page, server.url)
    page.get_by_role("link", name="Leads").click()
    expect(page.get_by_text("2 leads")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("p***@e***.com · Wachtend")).to_have_count(0)  # before choosing

    page.get_by_label("Zoeken op naam of adres").fill("emile")
    page.get_by_label("Zoeken op naam of adres").press("Enter")
    expect(page.get_by_text("1 lead", exact=True)).to_be_visible(timeout=15_000)
    page.get_by_label("Zoeken op naam of adres").fill("")
    page.get_by_label("Zoeken op naam of adres").press("Enter")
    expect(page.get_by_text("2 leads")).to_be_visible(timeout=15_000)

    page.get_by_label("E-mailadres").fill("piet@example.com")
    page.get_by_text("Ik weet zeker dat alles van dit adres weg moet").click()
    page.get_by_role("button", name="Verwijderen").click()
    expect(page.get_by_text("Verwijderd: 1 lead,")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("1 lead", exact=True)).to_be_visible()  # the table followed
    page.get_by_label("E-mailadres").fill("niemand@example.com")
    page.get_by_text("Ik weet zeker dat alles van dit adres weg moet").click()
    page.get_by_role("button", name="Verwijderen").click()
    expect(page.get_by_text("Voor niemand@example.com is niets opgeslagen")).to_be_visible(
        timeout=15_000
    )
    expect(page.get_by_text("Uitgaande mail")).to_be_visible()
    expect(page.get_by_text("Mail staat uit")).to_be_visible()
    shoot(page, "staff-leads", screenshot_dir(tmp_path), full_page=True)


def test_reloading_a_staff_subpage_asks_to_log_in_and_stays_there(
    app_server, browser, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    content = copy_content(tmp_path / "content")
    server = app_server(WERKSTIJL_CONTENT_DIR=str(content), WERKSTIJL_STAFF_PASSWORD=PASSWORD)
    page = browser.new_page()
    page.goto(f"{server.url}/staff-group")  # a reload or a bookmark: a new session
    password = page.get_by_label("Wachtwoord")
    expect(password).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    page.get_by_role("textbox", name="Je naam").fill("Anna")
    password.fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Groep (lijst naar PDF's)")).to_be_visible(
        timeout=30_000
    )
    assert page.url.endswith("/staff-group")


def test_the_login_page_speaks_the_browsers_language_and_keeps_the_name(
    app_server, browser, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    content = copy_content(tmp_path / "content")
    server = app_server(WERKSTIJL_CONTENT_DIR=str(content), WERKSTIJL_STAFF_PASSWORD=PASSWORD)
    page = browser.new_page(locale="en-GB")
    page.goto(f"{server.url}/staff")
    password = page.get_by_role("textbox", name="Password")
    expect(password).to_be_visible(timeout=30_000)
    name = page.get_by_role("textbox", name="Your name")
    name.fill("Anna")
    password.fill("wrong")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("That password is not right.")).to_be_visible(timeout=15_000)
    expect(name).to_have_value("Anna")
    expect(password).to_have_value("")
    page.get_by_text("NL", exact=True).click()  # the language switch on the login page
    expect(page.get_by_role("textbox", name="Wachtwoord")).to_be_visible(timeout=15_000)
