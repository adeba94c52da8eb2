"""A real browser logs in to the staff pages and sees a rendered page of the PDF preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app_staff import PASSWORD, copy_content

pytestmark = pytest.mark.browser


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
