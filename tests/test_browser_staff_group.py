"""A trainer in a real browser: uploads the Excel workbook, makes the PDFs, reads the summary and
downloads the zip named after the training."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from test_app_staff import PASSWORD, copy_content
from test_browser_staff import log_in

pytestmark = pytest.mark.browser


def workbook(path: Path) -> Path:
    book = Workbook()
    for row in (
        ["Naam", "E-mail", "Profiel"],
        ["Zoë de Vries", "zoe@example.com", "Visionair"],
        ["Bram", None, "paars"],
        ["Anaïs", None, "processor"],
    ):
        book.active.append(row)
    book.save(path)
    return path


def test_a_trainer_uploads_an_xlsx_and_downloads_the_titled_zip(
    app_server, browser, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    content = copy_content(tmp_path / "content")
    server = app_server(WERKSTIJL_CONTENT_DIR=str(content), WERKSTIJL_STAFF_PASSWORD=PASSWORD)
    page = browser.new_page(viewport={"width": 1280, "height": 1800})
    log_in(page, server.url, name="Trainer Tom")
    page.get_by_role("link", name="Groep").first.click()
    expect(page.get_by_role("heading", name="Groep")).to_be_visible(timeout=30_000)
    uploader = page.locator('input[type="file"]')
    uploader.set_input_files(workbook(tmp_path / "groep.xlsx"))
    expect(page.get_by_text("Gelezen als: Excel-werkmap")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("2 rijen worden gebruikt")).to_be_visible()
    assert page.get_by_text("not allowed").count() == 0
    title = page.get_by_label("Titel van de training")
    title.fill("Training Slim Plannen")
    title.press("Enter")
    page.get_by_role("button", name="PDF's maken").click()
    expect(page.get_by_text("PDF's gemaakt: 2 van 3")).to_be_visible(timeout=120_000)
    expect(page.get_by_role("button", name="Zip downloaden")).to_be_visible(timeout=30_000)
    if shots := os.environ.get("WERKSTIJL_SCREENSHOTS"):  # for looking at it, not for asserting
        page.screenshot(path=str(Path(shots) / "staff-group.png"), full_page=True)
    with page.expect_download() as event:
        page.get_by_role("button", name="Zip downloaden").click()
    download = event.value
    assert download.suggested_filename == f"training-slim-plannen-{date.today().isoformat()}.zip"
    names = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes())).namelist()
    assert {"001-zoe-de-vries.pdf", "003-anais.pdf", "errors.csv"} <= set(names)
