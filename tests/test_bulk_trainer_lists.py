"""Trainers' real participant lists: a title above the header, Dutch column names such as
"Naam deelnemer" and "Tussenv.", the same person twice, letters lost in a Windows-1252 export;
and counts that agree (errors are rows without a PDF, warnings rows with one)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.pdf_fixtures import pdf_text
from werkstijl.bulk import read_participants, run_bulk
from werkstijl.content.wording import message_language
from werkstijl.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def make(tmp_path: Path, name: str, data: bytes, content, settings: Settings):
    source = tmp_path / name
    source.write_bytes(data)
    with message_language("nl"):
        return run_bulk(
            source, tmp_path / "out", content=content, settings=settings, lang="nl", jobs=1
        )


def test_a_title_above_the_header_in_a_workbook_is_skipped_and_said(content):
    data = xlsx(
        [
            ["Deelnemerslijst training Team Noord"],
            [],
            ["Voornaam", "Tussenv.", "Achternaam", "Profiel"],
            ["Jan", "van der", "Berg", "operator"],
            ["Els", None, "Smit", "visionair"],
        ]
    )
    with message_language("nl"):
        plan = read_participants(data, content)
    assert [(p.name, p.sheet_row) for p in plan.participants] == [
        ("Jan van der Berg", 4),
        ("Els Smit", 5),
    ]
    assert all(p.usable for p in plan.participants)
    assert "De kolomnamen staan in rij 3; de rijen erboven zijn overgeslagen." in plan.notes


def test_a_title_row_above_a_csv_header_is_skipped_too(content):
    data = "Training 12 maart;;\nNaam deelnemer;E-mailadres deelnemer;Profiel\nAnna;a@example.com;operator\n"
    plan = read_participants(data.encode(), content)
    assert plan.columns == {
        "name": "Naam deelnemer",
        "email": "E-mailadres deelnemer",
        "profile": "Profiel",
    }
    assert [(p.name, p.email, p.sheet_row) for p in plan.participants] == [
        ("Anna", "a@example.com", 3)
    ]


def test_without_a_name_column_in_the_first_rows_the_message_says_where_it_looked(content):
    from werkstijl.bulk import BulkInputError

    with message_language("en"), pytest.raises(BulkInputError) as caught:
        read_participants(b"wie;profiel\nAnna;operator\n", content)
    assert "one of the first 10 rows must hold the column names" in str(caught.value)


def test_the_same_person_twice_is_a_warning_and_numbered_in_who_is_what(
    tmp_path, content, settings
):
    data = (
        b"naam;e-mail;profiel\nAnna de Vries;anna@example.com;operator\nBo;;visionair\n"
        b"Anna de Vries;anna@example.com;processor\nPiet;;paars\n"
    )
    outcome = make(tmp_path, "lijst.csv", data, content, settings)
    assert outcome.exit_code == 1  # Piet's row cannot be used
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert (summary["rows"], summary["pdfs"], summary["errors"], summary["warnings"]) == (
        4,
        3,
        1,
        1,
    )
    with message_language("nl"):
        message = outcome.message
    assert "1 rij zonder PDF" in message
    assert "1 PDF gemaakt met een waarschuwing" in message
    # One fact per line, each a sentence of its own (walkthrough: no ~400-character line).
    lines = message.splitlines()
    assert len(lines) >= 3 and all(line[0].isupper() or line[0].isdigit() for line in lines)
    warned = [i for i in outcome.warnings if i.number == 3]
    assert warned and "dezelfde naam en hetzelfde e-mailadres als rij 2" in warned[0].message
    report = pdf_text((tmp_path / "out" / "group-report.pdf").read_bytes())
    assert "Anna de Vries (1)" in report and "Anna de Vries (2)" in report


def test_rows_left_out_are_named_in_the_group_report_with_their_reason(tmp_path, content, settings):
    data = b"naam;profiel\nAnna;operator\nPiet;paars\n;visionair\nKees;visionair\n"
    outcome = make(tmp_path, "lijst.csv", data, content, settings)
    assert outcome.exit_code == 1
    report = " ".join(pdf_text((tmp_path / "out" / "group-report.pdf").read_bytes()).split())
    assert "Niet in dit rapport" in report
    assert "3 Piet Onbekend profiel" in report
    assert "4 (geen naam) Geen naam ingevuld" in report
    cover = (tmp_path / "out" / "group-report.pdf").read_bytes()
    from group_pdf import pages

    assert "Niet in dit rapport: 2 van de lijst" in pages(cover)[0]  # on the cover


def test_a_question_mark_from_a_windows_1252_export_is_named(tmp_path, content, settings):
    data = "Naam;Profiel\r\nAy?e Y?lmaz;operator\r\nRené;visionair\r\n".encode("cp1252")
    with message_language("nl"):
        plan = read_participants(data, content)
    assert any("er staat een '?' in een naam in rij 2 (Ay?e Y?lmaz)" in n for n in plan.notes)
    assert plan.participants[0].warnings and not plan.participants[1].warnings


def test_an_encrypted_workbook_is_explained_in_plain_words(content):
    from werkstijl.bulk import BulkInputError

    # A password-protected .xlsx is an OLE compound file holding these streams.
    data = b"\xd0\xcf\x11\xe0" + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le")
    with message_language("nl"), pytest.raises(BulkInputError) as caught:
        read_participants(data, content)
    assert "beveiligd met een wachtwoord" in str(caught.value)


def test_errors_come_as_a_workbook_too_with_the_reason_readable_in_excel(
    tmp_path, content, settings
):
    from openpyxl import load_workbook

    data = b"naam;profiel\nAnna;operator\nPiet;paars\n"
    make(tmp_path, "lijst.csv", data, content, settings)
    book = load_workbook(tmp_path / "out" / "errors.xlsx")
    sheet = book.active
    assert [c.value for c in sheet[1]] == ["Nr.", "Rij in je lijst", "Naam", "Reden"]
    assert [c.value for c in sheet[2]][:3] == [2, 3, "Piet"]
    assert sheet["D2"].value.startswith("onbekend profiel 'paars'")
    assert sheet.column_dimensions["D"].width >= 80 and sheet["D2"].alignment.wrap_text
    assert sheet.freeze_panes == "A2"
