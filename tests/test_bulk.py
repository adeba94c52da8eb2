"""Bulk PDFs through the library: CSV dialects, row problems, files written, summary, zip, mail."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from bulk_helpers import answers_for
from pypdf import PdfReader
from sqlalchemy import select

from werkstijl.bulk import (
    BulkInputError,
    generate,
    read_participants,
    run_bulk,
    safe_slug,
    zip_bytes,
)
from werkstijl.plan import make_plan, profile_plan
from werkstijl.scoring import score
from werkstijl.settings import Settings
from werkstijl.storage import Store
from werkstijl.storage.models import OutboxRow

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 3, 9)


def bulk(tmp_path: Path, text: str | bytes, content, settings: Settings, **kwargs):
    data = text.encode("utf-8") if isinstance(text, str) else text
    source = tmp_path / "deelnemers.csv"
    source.write_bytes(data)
    options = {
        "lang": "nl",
        "template": "default",
        "jobs": 1,
        "make_zip": False,
        "send": False,
        "progress": False,
        **kwargs,
    }
    return run_bulk(source, tmp_path / "out", content=content, settings=settings, **options)


def pdf_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.pdf"))


def summary(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))


def error_rows(tmp_path: Path) -> list[dict[str, str]]:
    """errors.csv read back as Dutch Excel reads it: a BOM, then `;`-separated columns."""
    data = (tmp_path / "out" / "errors.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["row", "sheet_row", "name", "error"]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def listing(folder: Path) -> list[str]:
    """The files a trainer works with (the run's own list of files, a dotfile, left out)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def first_page(path: Path) -> str:
    return PdfReader(path).pages[0].extract_text()


@pytest.mark.parametrize("sep", [",", ";"])
def test_either_separator_gives_one_pdf_per_row_and_a_group_report(
    tmp_path, content, settings, sep
):
    lines = [
        "name,email,profile",
        "Zoë de Vries,zoe@example.com,visionair",
        "Bram Jansen,bram@example.com,Operator",
    ]
    outcome = bulk(
        tmp_path, "\n".join(line.replace(",", sep) for line in lines) + "\n", content, settings
    )
    assert outcome.exit_code == 0
    assert pdf_names(tmp_path / "out") == [
        "001-zoe-de-vries.pdf",
        "002-bram-jansen.pdf",
        "group-report.pdf",
    ]
    assert not (tmp_path / "out" / "errors.csv").exists()
    expected = {p.id: 0 for p in content.profiles} | {"visionair": 1, "operator": 1}
    assert summary(tmp_path) == {
        "rows": 2,
        "pdfs": 2,
        "errors": 0,
        "profiles": expected,
        "warnings": 0,
    }


def test_bom_and_dutch_headers_in_any_case_and_accents_are_recognised(tmp_path, content, settings):
    text = "\ufeffNAAM;E-mailadres;Profiél\r\nAnaïs Müller;anais@example.com;processor\r\n"
    outcome = bulk(tmp_path, text, content, settings)
    assert outcome.exit_code == 0
    assert pdf_names(tmp_path / "out") == ["001-anais-muller.pdf", "group-report.pdf"]
    page = first_page(tmp_path / "out" / "001-anais-muller.pdf")
    assert "Anaïs Müller" in page
    assert content.profile("processor").name.nl in page


def test_answer_columns_are_scored_per_row(tmp_path, content, settings):
    n = len(content.questions)
    header = ";".join(["naam", *(f"v{i}" for i in range(1, n + 1))])
    rows = {pid: answers_for(content, pid) for pid in ("visionair", "processor")}
    text = (
        header
        + "\n"
        + "".join(f"{pid.title()};{';'.join(map(str, a))}\n" for pid, a in rows.items())
    )
    outcome = bulk(tmp_path, text, content, settings)
    assert outcome.exit_code == 0
    got = summary(tmp_path)["profiles"]
    for answers in rows.values():
        assert got[score(content, answers).profile] >= 1
    assert score(content, rows["visionair"]).profile == "visionair"
    page = first_page(tmp_path / "out" / "001-visionair.pdf")
    assert content.profile("visionair").name.nl in page


def test_a_row_with_neither_profile_nor_answers_fails_alone(tmp_path, content, settings):
    text = "name,profile\nAnna,operator\nPiet,\nKees,visionair\n"
    outcome = bulk(tmp_path, text, content, settings)
    assert outcome.exit_code == 1
    assert pdf_names(tmp_path / "out") == ["001-anna.pdf", "003-kees.pdf", "group-report.pdf"]
    rows = error_rows(tmp_path)
    assert [(r["row"], r["name"]) for r in rows] == [("2", "Piet")]
    assert "no profile and no answers" in rows[0]["error"]
    assert summary(tmp_path)["errors"] == 1
    assert "1 row without a PDF" in outcome.message


def test_a_bad_address_without_send_is_a_warning_and_the_pdf_is_written(
    tmp_path, content, settings
):
    text = "naam;e-mail;profiel\nAnna;anna@@example;operator\nKees;kees@example.com;visionair\n"
    outcome = bulk(tmp_path, text, content, settings)
    assert outcome.exit_code == 0
    assert "001-anna.pdf" in pdf_names(tmp_path / "out")
    rows = error_rows(tmp_path)
    assert [(r["row"], r["name"]) for r in rows] == [("1", "Anna")]
    assert rows[0]["error"].startswith("warning: invalid e-mail address")
    assert summary(tmp_path)["errors"] == 0


def test_send_queues_valid_addresses_and_reports_the_others(tmp_path, content, settings):
    text = (
        "naam;e-mail;profiel\nAnna;anna@@example;operator\nKees;kees@example.com;visionair\n"
        "Jet;;processor\n"
    )
    outcome = bulk(tmp_path, text, content, settings, send=True)
    # Every PDF is written, sent or not: a mail that cannot be queued is a warning, not an error.
    assert outcome.exit_code == 0
    assert len(pdf_names(tmp_path / "out")) == 4
    assert [(r["row"], r["name"]) for r in error_rows(tmp_path)] == [("1", "Anna"), ("3", "Jet")]
    assert all("not sent" in r["error"] for r in error_rows(tmp_path))
    assert all(r["error"].startswith("warning: ") for r in error_rows(tmp_path))
    assert (summary(tmp_path)["errors"], summary(tmp_path)["warnings"]) == (0, 2)
    store = Store(settings.database_url)
    assert store.outbox_counts().pending == 1
    claim = store.claim_mail("test")
    assert claim is not None
    mail = claim.mail
    assert mail.to_email == "kees@example.com"
    assert mail.attachment == (tmp_path / "out" / "002-kees.pdf").read_bytes()
    assert mail.calendar == (tmp_path / "out" / "002-kees.ics").read_bytes()
    first_step = profile_plan(content, "visionair").first_step
    assert mail.body_text.count(first_step.title.nl) == 1
    assert "1 mail queued" in outcome.message
    assert "until SMTP is configured" in outcome.message


def test_every_pdf_has_its_participants_calendar_file_beside_it(tmp_path, content, settings):
    from icalendar import Calendar

    close = answers_for(content, "operator")
    close[:6] = answers_for(content, "processor")[:6]  # operator 7 of 13, processor 6: close
    result = score(content, close)
    assert result.close and result.profile == "operator"
    text = "naam;" + ";".join(f"q{i}" for i in range(1, 14)) + "\n"
    text += "Anna;" + ";".join(map(str, close)) + "\n"
    text += "Kees;" + ";".join(map(str, answers_for(content, "operator"))) + "\n"
    outcome = bulk(tmp_path, text, content, settings, today=TODAY)
    assert outcome.exit_code == 0
    out = tmp_path / "out"
    assert sorted(p.name for p in out.glob("*.ics")) == ["001-anna.ics", "002-kees.ics"]
    descriptions = {}
    for name in ("001-anna", "002-kees"):
        cal = Calendar.from_ical((out / f"{name}.ics").read_bytes())
        assert cal.walk("VTIMEZONE") and all(
            e["RRULE"]["FREQ"] == ["WEEKLY"] for e in cal.walk("VEVENT")
        )
        descriptions[name] = " ".join(str(e["DESCRIPTION"]) for e in cal.walk("VEVENT"))
    # Anna's close result starts with her processor side's first step; Kees's clear one does not.
    side_step = content.profile("operator").start_plan.close["processor"]
    assert content.tip(side_step).title.nl in descriptions["001-anna"].split("Nieuw in week 1")[1]
    assert make_plan(content, result).first_step.id == side_step
    assert profile_plan(content, "operator").first_step.id != side_step


def test_send_needs_an_email_column(tmp_path, content, settings):
    with pytest.raises(BulkInputError, match="e-mail column"):
        bulk(tmp_path, "naam;profiel\nAnna;operator\n", content, settings, send=True)


def test_formula_names_are_neutralised_in_errors_csv_and_literal_in_the_pdf(
    tmp_path, content, settings
):
    formula = '=HYPERLINK("http://x","y")'
    lines = [["name", "email", "profile"], [formula, "nope", "operator"], ["+31 6", "", ""]]
    out = io.StringIO()
    csv.writer(out).writerows(lines)
    outcome = bulk(tmp_path, out.getvalue(), content, settings)
    assert outcome.exit_code == 1
    names = [r["name"] for r in error_rows(tmp_path)]
    assert names == ["'" + formula, "'+31 6"]
    pdf = tmp_path / "out" / "001-hyperlink-http-x-y.pdf"
    assert formula in first_page(pdf)


def test_names_never_become_paths_outside_the_output_folder(tmp_path, content, settings):
    names = ["../../x", "/etc/passwd", "..\\..\\win", "CON", "a\x00b", "日本語", "x" * 100]
    text = "name,profile\n" + "".join(f'"{n}",operator\n' for n in names)
    outcome = bulk(tmp_path, text, content, settings)
    assert outcome.exit_code == 0
    assert pdf_names(tmp_path / "out") == sorted(
        [
            "001-x.pdf",
            "002-etc-passwd.pdf",
            "003-win.pdf",
            "004-con.pdf",
            "005-a-b.pdf",
            "006-deelnemer.pdf",
            f"007-{'x' * 60}.pdf",
            "group-report.pdf",
        ]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deelnemers.csv", "out"]
    assert "a b" in first_page(tmp_path / "out" / "005-a-b.pdf")  # NUL dropped, not printed


@pytest.mark.parametrize(
    "name,slug",
    [
        ("Zoë de Vries", "zoe-de-vries"),
        ("../../x", "x"),
        ("", "deelnemer"),
        ("!!!", "deelnemer"),
        ("Łukasz", "ukasz"),
        ("a" * 80, "a" * 60),
    ],
)
def test_slugs_are_ascii_letters_digits_and_dashes(name, slug):
    assert safe_slug(name) == slug


def test_duplicate_names_get_distinct_files(tmp_path, content, settings):
    outcome = bulk(
        tmp_path, "naam,profiel\nJan,operator\nJan,operator\njan,visionair\n", content, settings
    )
    assert outcome.exit_code == 0
    assert pdf_names(tmp_path / "out") == [
        "001-jan.pdf",
        "002-jan.pdf",
        "003-jan.pdf",
        "group-report.pdf",
    ]


def test_blank_lines_and_trailing_separators_are_tolerated(tmp_path, content, settings):
    text = "\n\nnaam;profiel;;\n\nAnna;operator;;\n;;;\n\nKees;visionair;\n\n"
    outcome = bulk(tmp_path, text, content, settings)
    assert outcome.exit_code == 0
    assert pdf_names(tmp_path / "out") == ["001-anna.pdf", "002-kees.pdf", "group-report.pdf"]
    assert summary(tmp_path)["rows"] == 2


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "empty"),
        (b"\n\r\n  \n", "empty"),
        (b"voornaam_x;profiel\nAnna;operator\n", "no name column"),
        (b"naam;profiel\n", "no data rows"),
        (b"naam;profiel\nAnna;operator\nJos\x81;visionair\n", "line 3 is not text in UTF-8"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, "old Excel format"),
        (b"PK\x03\x04" + b"\0" * 100, "not an Excel workbook"),
        (b"naam\nAnna\n" + b"x" * 200_000 + b"\n", "line 3: this is not a readable CSV row"),
    ],
)
def test_unusable_input_raises_with_a_clear_message(content, data, message):
    with pytest.raises(BulkInputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_participants(data, content)


def test_unicode_text_from_excel_is_read(content):
    plan = read_participants("naam\tprofiel\nRenée\toperator\n".encode("utf-16"), content)
    assert [p.name for p in plan.usable] == ["Renée"]
    assert plan.source == "CSV, UTF-16, columns separated by 'tab'"


@pytest.mark.parametrize(
    "row,reason",
    [
        ("Anna;blauw;", "unknown profile 'blauw'"),
        (";operator;", "no name"),
        ("Anna;;x", "q1: 'x' is not an option number"),
    ],
)
def test_row_problems_are_explained_before_generating(content, row, reason):
    n = len(content.questions)
    cells = row.split(";")
    answers = [cells[2]] + ["1"] * (n - 1) if cells[2] else [""] * n
    text = "naam;profiel;" + ";".join(f"q{i}" for i in range(1, n + 1)) + "\n"
    text += ";".join(cells[:2] + answers) + "\n"
    plan = read_participants(text.encode(), content)
    assert plan.usable == []
    assert reason in (plan.failed[0].error or "")


def test_incomplete_and_contradicting_answers_are_row_errors(content):
    n = len(content.questions)
    good = answers_for(content, "visionair")
    header = "naam;profiel;" + ";".join(f"q{i}" for i in range(1, n + 1))
    gap = [*map(str, good[:2]), "", *map(str, good[3:])]
    rows = [
        f"A;;{';'.join(gap)}",
        f"B;processor;{';'.join(map(str, good))}",
        f"C;visionair;{';'.join(map(str, good))}",
    ]
    plan = read_participants("\n".join([header, *rows]).encode(), content)
    errors = {p.name: p.error for p in plan.participants}
    assert f"answers incomplete: q3 empty (every question up to q{n}" in (errors["A"] or "")
    assert "the profile column says 'processor'" in (errors["B"] or "")
    assert errors["C"] is None and plan.participants[2].result is not None


def shortest_deciding(content, answers: list[int]) -> int:
    from werkstijl.scoring import settled_profile

    return next(k for k in range(1, len(answers) + 1) if settled_profile(content, answers[:k]))


def test_answers_that_stop_once_the_profile_is_decided_are_a_valid_row(content):
    n = len(content.questions)
    good = answers_for(content, "operator")
    k = shortest_deciding(content, good)
    header = "naam;" + ";".join(f"q{i}" for i in range(1, n + 1))
    rows = [
        "Early;" + ";".join(map(str, good[:k])) + ";" * (n - k),  # as Excel pads a short row
        "Short;" + ";".join(map(str, good[:k])),  # no trailing separators at all
        "Undecided;" + ";".join(map(str, good[: k - 1])),
    ]
    plan = read_participants("\n".join([header, *rows]).encode(), content)
    early, short, undecided = plan.participants
    assert early.error is None and short.error is None
    assert early.profile_id == score(content, good).profile == "operator"
    assert early.result.answered == k and early.result.ended_early
    assert undecided.error == (
        f"answers stop after q{k - 1}, before the profile is decided: "
        f"{n - k + 1} answers missing (q{k} to q{n})"
    )


def test_two_jobs_use_a_worker_pool_and_write_the_same_files(tmp_path, content, settings):
    text = "naam,profiel\n" + "".join(
        f"Deelnemer {i},{p}\n" for i, p in enumerate(["operator", "visionair", "processor"] * 2)
    )
    seen: list[tuple[int, int]] = []
    data = text.encode()
    outcome = generate(
        read_participants(data, content),
        tmp_path / "out",
        content=content,
        settings=settings,
        jobs=2,
        on_progress=lambda d, t: seen.append((d, t)),
        today=TODAY,
    )
    assert outcome.exit_code == 0
    assert len(pdf_names(tmp_path / "out")) == 7
    assert seen[-1] == (7, 7)  # six PDFs and the group report
    for path in outcome.pdfs:
        assert PdfReader(path).pages[0].extract_text().count("Deelnemer") >= 1


def test_zip_holds_every_file_and_zip_bytes_matches(tmp_path, content, settings):
    outcome = bulk(
        tmp_path, "naam;profiel\nAnna;operator\nPiet;\n", content, settings, make_zip=True
    )
    assert outcome.zip_path == tmp_path / "out.zip"
    with zipfile.ZipFile(outcome.zip_path) as archive:
        names = archive.namelist()
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in archive.infolist())
        assert archive.read("summary.json") == (tmp_path / "out" / "summary.json").read_bytes()
    assert sorted(names) == [
        "001-anna.ics",
        "001-anna.pdf",
        "errors.csv",
        "errors.xlsx",
        "group-report.pdf",
        "summary.json",
    ]
    assert zipfile.ZipFile(io.BytesIO(zip_bytes(outcome))).namelist() == names


def test_a_rerun_leaves_no_stale_files_from_the_previous_run(tmp_path, content, settings):
    bulk(tmp_path, "naam;profiel\nAnna;operator\nPiet;\n", content, settings)
    (tmp_path / "out" / "notes.txt").write_text("mine")
    outcome = bulk(tmp_path, "naam;profiel\nKees;visionair\n", content, settings)
    assert outcome.exit_code == 0
    assert listing(tmp_path / "out") == [
        "001-kees.ics",
        "001-kees.pdf",
        "group-report.pdf",
        "notes.txt",
        "summary.json",
    ]


def test_english_run_writes_an_english_pdf(tmp_path, content, settings):
    bulk(tmp_path, "name,profile\nAnna,operator\n", content, settings, lang="en")
    page = first_page(tmp_path / "out" / "001-anna.pdf")
    assert content.profile("operator").tagline.get("en")[:20] in " ".join(page.split())


def test_an_unknown_template_is_an_input_error(tmp_path, content, settings):
    with pytest.raises(BulkInputError, match="--template"):
        bulk(tmp_path, "name,profile\nAnna,operator\n", content, settings, template="nope")


def test_a_missing_file_is_an_input_error(tmp_path, content, settings):
    with pytest.raises(BulkInputError, match="no such file"):
        run_bulk(tmp_path / "missing.csv", tmp_path / "out", content=content, settings=settings)


def test_a_pdf_that_cannot_be_rendered_fails_only_its_own_row(
    tmp_path, content, settings, monkeypatch
):
    from werkstijl.report.renderer import Renderer

    original = Renderer.personal

    def fragile(self, content, *, name, **kwargs):
        if name == "Kapot":
            raise RuntimeError("font exploded")
        return original(self, content, name=name, **kwargs)

    monkeypatch.setattr(Renderer, "personal", fragile)
    outcome = bulk(
        tmp_path, "naam;profiel\nAnna;operator\nKapot;visionair\n", content, settings, make_zip=True
    )
    assert outcome.exit_code == 1
    assert pdf_names(tmp_path / "out") == ["001-anna.pdf", "group-report.pdf"]
    assert "font exploded" in error_rows(tmp_path)[0]["error"]
    assert "002-kapot.pdf" not in zipfile.ZipFile(outcome.zip_path).namelist()


def test_progress_bar_redraws_one_line_and_ends_it():
    from werkstijl.bulk import ProgressBar

    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar(1, 4)
    bar(4, 4)
    assert stream.getvalue().startswith("\r[")
    assert stream.getvalue().endswith(f"[{'#' * 30}] 4/4 PDFs\n")


def test_excels_sep_line_chooses_the_separator(content):
    plan = read_participants(b"sep=;\r\nnaam;profiel\r\nJan, de Vries;operator\r\n", content)
    assert [(p.name, p.profile_id, p.sheet_row) for p in plan.participants] == [
        ("Jan, de Vries", "operator", 2)  # Excel does not show the sep= line as a row
    ]


def test_a_pool_also_works_while_other_threads_run(tmp_path, content, settings):
    """The staff page runs inside Streamlit's threads: then workers are spawned, not forked."""
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        plan = read_participants(b"naam,profiel\nAnna,operator\nKees,visionair\n", content)
        outcome = generate(plan, tmp_path / "out", content=content, settings=settings, jobs=2)
    finally:
        stop.set()
    assert outcome.exit_code == 0
    assert pdf_names(tmp_path / "out") == ["001-anna.pdf", "002-kees.pdf", "group-report.pdf"]


def test_a_folder_that_was_never_a_bulk_output_keeps_its_files(tmp_path, content, settings):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "009-mijn-notities.pdf").write_bytes(b"%PDF mine")
    bulk(tmp_path, "naam;profiel\nKees;visionair\n", content, settings)
    assert (tmp_path / "out" / "009-mijn-notities.pdf").read_bytes() == b"%PDF mine"


# --send is idempotent per participant (issue 10, finding 7)

TWO = "naam;e-mail;profiel\nAnna;anna@example.com;operator\nKees;kees@example.com;visionair\n"


def test_send_run_twice_queues_each_participant_once(tmp_path, content, settings):
    first = bulk(tmp_path, TWO, content, settings, send=True)
    second = bulk(tmp_path, TWO, content, settings, send=True)
    assert (first.queued, first.queued_before) == (2, 0)
    assert (second.queued, second.queued_before) == (0, 2)
    assert "2 mails already queued by an earlier run" in second.message
    assert Store(settings.database_url).outbox_counts().pending == 2


def test_after_an_exit_1_run_only_the_fixed_row_is_queued(tmp_path, content, settings):
    broken = TWO.replace("visionair", "paars")
    assert bulk(tmp_path, broken, content, settings, send=True).exit_code == 1
    fixed = bulk(tmp_path, TWO, content, settings, send=True)
    assert (fixed.exit_code, fixed.queued, fixed.queued_before) == (0, 1, 1)
    store = Store(settings.database_url)
    with store.session() as s:
        addresses = sorted(s.scalars(select(OutboxRow.to_email)))
    assert addresses == ["anna@example.com", "kees@example.com"]


def test_a_new_address_or_name_is_a_new_mail(tmp_path, content, settings):
    bulk(tmp_path, TWO, content, settings, send=True)
    changed = TWO.replace("kees@example.com", "kees@voorbeeld.nl").replace("Anna", "Anna B")
    again = bulk(tmp_path, changed, content, settings, send=True)
    assert (again.queued, again.queued_before) == (2, 0)


def test_send_twice_on_postgresql_queues_once(tmp_path, content):
    from db_urls import fresh_database, postgres_server_url

    with fresh_database(postgres_server_url()) as url:
        settings = Settings(database_url=url, smtp_host=None)
        bulk(tmp_path, TWO, content, settings, send=True)
        second = bulk(tmp_path, TWO, content, settings, send=True)
        store = Store(url)
        try:
            assert second.queued == 0 and store.outbox_counts().pending == 2
        finally:
            store.close()


def test_where_a_participant_sits_in_the_file_does_not_matter(tmp_path, content, settings):
    bulk(tmp_path, TWO, content, settings, send=True)
    header, anna, kees = TWO.strip().split("\n")
    moved = bulk(
        tmp_path, f"{header}\nJet;;operator\n{kees}\n{anna}\n", content, settings, send=True
    )
    assert (moved.queued, moved.queued_before) == (0, 2)
