"""The staff page "Groep" as a trainer uses it (AppTest over quiz_app.py): an Excel workbook or
Dutch Excel's CSV in, the plan made once, a summary after generating, a zip named after the
training and the date."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from test_app_staff import content_dir, goto, logged_in, texts  # noqa: F401 (fixture)

import werkstijl.bulk
from werkstijl.ui.context import get_context

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[str | None, bytes]]:
    """(file name, bytes) handed to st.download_button, by file id."""
    stored: dict[str, tuple[str | None, bytes]] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def spy(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        stored[file_id] = (filename, path_or_data)
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)
    return stored


def downloaded(at, key: str, downloads) -> tuple[str | None, bytes]:
    url = at.download_button(key=key).proto.url
    return next(item for file_id, item in downloads.items() if file_id in url)


def participants_workbook() -> bytes:
    content = get_context().live.current()
    first, second = content.profiles[0], content.profiles[1]
    book = Workbook()
    sheet = book.active
    for row in (
        ["Naam", "E-mail", "Profiel"],
        ["Zoë de Vries", "zoe@example.com", first.name.nl],
        ["Bram", None, "paars"],
        [],
        ["Anaïs", "anais@", second.id],
    ):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(at, name: str, data: bytes, mime: str):
    at.file_uploader(key="staff_bulk_upload").upload(name, data, mime)
    return at.run()


def test_an_xlsx_upload_is_planned_generated_summarised_and_zipped_by_title(
    content_dir: Path,  # noqa: F811
    downloads,
) -> None:
    at = upload(goto(logged_in(), "staff-group"), "groep.xlsx", participants_workbook(), XLSX)
    assert not at.exception
    assert "Gelezen als: Excel-werkmap, blad 'Sheet'" in texts(at)
    used, unused = (d.value for d in at.dataframe)
    assert list(used["Naam"]) == ["Zoë de Vries", "Anaïs"] and list(used["Rij"]) == [2, 5]
    assert list(unused["Rij"]) == [3] and unused.iloc[0]["Reden"].startswith("onbekend profiel")
    at.text_input(key="staff_bulk_title").input("Training Slim Plannen")
    at.button(key="staff_bulk_go").click()
    at.run()
    shown = texts(at)
    assert "PDF's gemaakt: 2 van 3, plus het groepsrapport." in shown, shown
    assert "Zonder PDF: 1 rij. Met een waarschuwing (PDF wel gemaakt): 1 rij." in shown
    mix = at.dataframe[2].value
    content = get_context().live.current()
    assert dict(zip(mix["Profiel"], mix["Deelnemers"], strict=True)) == {
        p.name.nl: (1 if p.id in (content.profiles[0].id, content.profiles[1].id) else 0)
        for p in content.profiles
    }
    issues = at.dataframe[3].value
    assert list(issues["Rij"]) == [3, 5]
    assert issues.iloc[1]["Reden"].startswith("waarschuwing: ongeldig e-mailadres")
    name, data = downloaded(at, "staff_bulk_download", downloads)
    assert name == f"training-slim-plannen-{date.today().isoformat()}.zip"
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert {"001-zoe-de-vries.pdf", "003-anais.pdf", "group-report.pdf"} <= set(archive.namelist())
    errors = archive.read("errors.csv")
    assert errors.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(errors.decode("utf-8-sig")), delimiter=";"))
    assert [r[:3] for r in rows] == [
        ["row", "sheet_row", "name"],
        ["2", "3", "Bram"],
        ["3", "5", "Anaïs"],
    ]


def test_with_mail_off_the_page_says_nothing_is_sent(content_dir: Path) -> None:  # noqa: F811
    assert not get_context().settings.smtp_configured
    at = upload(goto(logged_in(), "staff-group"), "groep.xlsx", participants_workbook(), XLSX)
    assert "er wordt nu niets verstuurd" not in texts(at)  # only once mail is asked for
    at.checkbox(key="staff_bulk_send").check()
    at.run()
    assert "Mail staat uit (geen WERKSTIJL_SMTP_HOST): er wordt nu niets verstuurd." in texts(at)
    at.button(key="staff_bulk_go").click()
    at.run()
    shown = texts(at)
    assert not at.exception
    assert "1 mail is in de wachtrij gezet. Er is nog niets verstuurd" in shown, shown
    assert "Leads → Uitgaande mail" in shown
    assert "staat klaar" not in shown
    # The row whose address cannot take mail still has its PDF: a warning, not a row without PDF.
    assert "Zonder PDF: 1 rij. Met een waarschuwing (PDF wel gemaakt): 1 rij." in shown


def test_the_session_date_is_on_the_report_and_names_the_zip(
    content_dir: Path,  # noqa: F811
    downloads,
) -> None:
    from pypdf import PdfReader

    at = upload(goto(logged_in(), "staff-group"), "groep.xlsx", participants_workbook(), XLSX)
    at.date_input(key="staff_bulk_date").set_value(date(2026, 3, 12))
    at.run()
    at.button(key="staff_bulk_go").click()
    at.run()
    name, data = downloaded(at, "staff_bulk_download", downloads)
    assert name == "groep-2026-03-12.zip"
    archive = zipfile.ZipFile(io.BytesIO(data))
    cover = PdfReader(io.BytesIO(archive.read("group-report.pdf"))).pages[0].extract_text()
    assert "12 maart 2026" in " ".join(cover.split())
    own = PdfReader(io.BytesIO(archive.read("001-zoe-de-vries.pdf")))
    assert "16 maart 2026" in " ".join(" ".join(p.extract_text().split()) for p in own.pages)


def test_a_duplicate_is_shown_in_the_plan_before_anything_is_made(
    content_dir: Path,  # noqa: F811
) -> None:
    profile = get_context().live.current().profiles[0]
    data = f"Naam;Profiel\nJan Smit;{profile.id}\nJan Smit;{profile.id}\n".encode()
    at = upload(goto(logged_in(), "staff-group"), "groep.csv", data, "text/csv")
    used = at.dataframe[0].value
    assert list(used["Rij"]) == [2, 3]
    assert used.iloc[0]["Reden"] == ""
    assert used.iloc[1]["Reden"].startswith("dezelfde naam als rij 2")


def test_dutch_excels_csv_is_read_and_said_so_and_the_untitled_zip_is_groep(
    content_dir: Path,  # noqa: F811
    downloads,
) -> None:
    profile = get_context().live.current().profiles[0]
    data = f"Naam;Profiel\r\nRené Dubois;{profile.id}\r\n".encode("cp1252")
    at = upload(goto(logged_in(), "staff-group"), "groep.csv", data, "text/csv")
    assert "Gelezen als Windows-1252" in texts(at)
    assert list(at.dataframe[0].value["Naam"]) == ["René Dubois"]
    at.button(key="staff_bulk_go").click()
    at.run()
    name, zipped = downloaded(at, "staff_bulk_download", downloads)
    assert name == f"groep-{date.today().isoformat()}.zip"
    assert "001-rene-dubois.pdf" in zipfile.ZipFile(io.BytesIO(zipped)).namelist()


def test_an_old_xls_file_gets_a_plain_message(content_dir: Path) -> None:  # noqa: F811
    old_excel = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000
    at = upload(
        goto(logged_in(), "staff-group"), "groep.xls", old_excel, "application/vnd.ms-excel"
    )
    assert not at.exception
    assert "oude Excel-formaat (.xls)" in texts(at)
    assert "not allowed" not in texts(at)


def test_the_plan_is_made_once_per_upload_not_on_every_rerun(
    content_dir: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    original = werkstijl.bulk.read_participants

    def counted(data, content):
        calls.append(len(data))
        return original(data, content)

    monkeypatch.setattr(werkstijl.bulk, "read_participants", counted)
    profile = get_context().live.current().profiles[0]
    at = upload(
        goto(logged_in(), "staff-group"), "a.csv", f"naam\n{profile.id}\n".encode(), "text/csv"
    )
    at = upload(at, "a.csv", f"naam,profiel\nAnna,{profile.id}\n".encode(), "text/csv")
    at.text_input(key="staff_bulk_title").input("Training")
    at.run()
    at.selectbox(key="staff_bulk_lang").select("en")
    at.run()
    assert len(calls) == 2  # one per upload; typing a title or choosing options plans nothing
    at.sidebar.radio[0].set_value("en")
    at.run()
    assert len(calls) == 3  # the staff language changed: the reasons are worded again
    assert "Read as: CSV, UTF-8" in texts(at)
