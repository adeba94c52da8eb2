"""Excel in, Excel out: the files trainers really have (.xlsx, Dutch Excel's Windows-1252 CSV)
make the right PDFs by name; errors.csv opens in columns in Dutch Excel with the row numbers
Excel shows; every message follows the chosen language."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bulk_helpers import answers_for
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from pypdf import PdfReader

from werkstijl.bulk import read_participants, run_bulk
from werkstijl.bulk.csvin import Rows, _check_address
from werkstijl.content.wording import message_language
from werkstijl.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def make(tmp_path: Path, name: str, data: bytes, content, settings: Settings, **options):
    source = tmp_path / name
    source.write_bytes(data)
    options = {"lang": "nl", "jobs": 1, **options}
    return run_bulk(source, tmp_path / "out", content=content, settings=settings, **options)


def text_of(path: Path) -> str:
    return " ".join(PdfReader(path).pages[0].extract_text().split())


def errors_csv(tmp_path: Path) -> list[list[str]]:
    """errors.csv as Dutch Excel opens it: BOM, then columns split on `;`."""
    data = (tmp_path / "out" / "errors.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would show the accents garbled"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_a_windows_1252_csv_from_dutch_excel_makes_the_right_pdfs(tmp_path, content, settings):
    data = "Naam;E-mail;Profiel\r\nRené Dubois;rene@example.com;operator\r\nJoëlle;;Visionair\r\n"
    outcome = make(tmp_path, "excel.csv", data.encode("cp1252"), content, settings)
    assert outcome.exit_code == 0, outcome.message
    assert sorted(p.name for p in outcome.pdfs) == ["001-rene-dubois.pdf", "002-joelle.pdf"]
    assert "René Dubois" in text_of(tmp_path / "out" / "001-rene-dubois.pdf")
    assert "Joëlle" in text_of(tmp_path / "out" / "002-joelle.pdf")
    assert "Read as Windows-1252" in outcome.message  # said, in case a name looks wrong
    plan = read_participants(data.encode("cp1252"), content)
    assert plan.source == "CSV, Windows-1252, columns separated by ';'"
    assert read_participants(data.encode("utf-8"), content).notes == []  # UTF-8 needs no note


def workbook(rows: list[list[object]], *, extra_sheet: bool = True) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Deelnemers"
    for row in rows:
        sheet.append(row)
    if extra_sheet:  # only the first sheet is read
        book.create_sheet("Vorige training").append(["Naam", "Profiel"])
        book["Vorige training"].append(["Oud Lid", "operator"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_workbook_makes_the_right_pdfs_by_name(tmp_path, content, settings):
    n = len(content.questions)
    visionair = answers_for(content, "visionair")
    rows = [
        ["Naam", "E-mail", "Profiel", *(f"V{i}" for i in range(1, n + 1))],
        ["Zoë de Vries", "zoe@example.com", None, *visionair],  # answers as numbers
        [],  # a blank row: Excel still numbers it
        ["Bram", None, "Operator", *([None] * n)],
        ["Piet", None, "paars", *([None] * n)],
        ["Sanne", None, None, *(float(a) for a in visionair)],  # Excel's numbers are floats
    ]
    outcome = make(tmp_path, "groep.xlsx", workbook(rows), content, settings)
    assert outcome.exit_code == 1
    assert [p.name for p in outcome.pdfs] == [
        "001-zoe-de-vries.pdf",
        "002-bram.pdf",
        "004-sanne.pdf",
    ]
    assert "Zoë de Vries" in text_of(tmp_path / "out" / "001-zoe-de-vries.pdf")
    assert content.profile("visionair").name.nl in text_of(tmp_path / "out" / "004-sanne.pdf")
    assert outcome.profiles["visionair"] == 2 and outcome.profiles["operator"] == 1
    assert errors_csv(tmp_path)[1][:3] == ["3", "5", "Piet"]  # Piet is on Excel's row 5
    plan = read_participants(workbook(rows), content)
    assert (
        plan.source
        == "Excel workbook, sheet 'Deelnemers' (the first of 2 sheets; the others are not read)"
    )
    assert "Oud Lid" not in [p.name for p in plan.participants]


def test_errors_csv_has_bom_semicolons_and_the_row_excel_shows(tmp_path, content, settings):
    data = 'naam,e-mail,profiel\n\nAnna,anna@,operator\n\n\nPiet;Jansen,,paars\n"Kees\nde Boer",,\n'
    with message_language("nl"):
        make(tmp_path, "lijst.csv", data.encode(), content, settings)
    header, anna, piet, kees = errors_csv(tmp_path)
    assert header == ["row", "sheet_row", "name", "error"]
    # Rows as Excel numbers them: blank lines are rows, a cell spanning two lines is one row.
    assert [r[:3] for r in (anna, piet, kees)] == [
        ["1", "3", "Anna"],
        ["2", "6", "Piet;Jansen"],
        ["3", "7", "Kees de Boer"],
    ]
    assert anna[3].startswith("waarschuwing: ongeldig e-mailadres") and "PDF gemaakt" in anna[3]
    assert piet[3] == "onbekend profiel 'paars' (bekend: visionair, operator, processor)"
    assert kees[3].startswith("geen profiel en geen antwoorden")


def test_messages_follow_the_language(tmp_path, content, settings):
    data = b"naam;profiel\nAnna;operator\nPiet;paars\n"
    with message_language("en"):
        english = make(tmp_path, "a.csv", data, content, settings)
        assert english.message.startswith("1 of 2 PDFs and the group report written to")
        assert errors_csv(tmp_path)[1][3].startswith("unknown profile 'paars'")
    with message_language("nl"):
        dutch = make(tmp_path, "a.csv", data, content, settings)
        assert dutch.message.startswith("1 van 2 PDF's en het groepsrapport gemaakt in")
        assert "1 rij zonder PDF" in dutch.message
        assert errors_csv(tmp_path)[1][3].startswith("onbekend profiel 'paars'")
        with pytest.raises(Exception, match="geen kolom met namen"):
            read_participants(b"wie;profiel\nAnna;operator\n", content)


def test_the_cli_speaks_the_language_of_lang(tmp_path):
    source = tmp_path / "groep.csv"
    source.write_bytes("naam;profiel\nRenée;operator\nPiet;paars\n".encode("cp1252"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WERKSTIJL_", "LC_", "LANG"))}

    def bulk(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "werkstijl", "bulk", str(source), "--jobs", "1", *args]
        return subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120
        )

    dutch = bulk("--out", str(tmp_path / "nl"), "--lang", "nl")
    assert dutch.returncode == 1
    assert dutch.stdout.startswith("1 van 2 PDF's en het groepsrapport gemaakt in")
    assert "Gelezen als Windows-1252" in dutch.stdout
    english = bulk("--out", str(tmp_path / "en"), "--lang", "en")
    assert english.stdout.startswith("1 of 2 PDFs and the group report written to")
    assert "Renée" in text_of(tmp_path / "en" / "001-renee.pdf")
    missing = bulk("--out", str(tmp_path / "x"), "--lang", "nl", "--template", "bestaat-niet")
    assert missing.returncode == 2 and missing.stderr.startswith("fout: --template: ")


ADDRESSES = [
    "anna@example.com",
    "Anna.De-Vries+training@Example.COM",
    "a..b@example.com",
    ".a@example.com",
    "anna@example",
    "anna@-example.com",
    "anna@exa_mple.com",
    "zoë@bücher.de",
    "anna@bücher.de",
    '"anna smit"@example.com',
    "a" * 65 + "@example.com",
    "anna@" + "x" * 250 + ".com",
    "anna@@example.com",
    "anna@localhost",
    "anna@test",
    "anna@123.com",
    "anna@example.123",
]


@given(
    st.one_of(
        st.sampled_from(ADDRESSES),
        st.builds(
            "{}@{}".format,
            st.text("abcXYZ019.+-_'!#~", min_size=1, max_size=70),
            st.sampled_from(["example.com", "Example.NL", "bücher.de", "x", "a.b-", "EXAMPLE.com"]),
        ),
    )
)
def test_the_quick_address_check_agrees_with_the_full_one(address: str) -> None:
    quick = Rows.__new__(Rows)
    quick._domains = {}
    normal, problem = quick.address(address)
    full_normal, full_problem = _check_address(address)
    assert (normal, problem is None) == (full_normal, full_problem is None)
