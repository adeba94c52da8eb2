"""The files of a bulk run besides the PDFs: output folder, summary.json, errors.csv, zip.

A run replaces the files of the run before it in the same folder, and only those: each run first
lists, in MANIFEST, every file it is about to write (also the zip beside the folder); the next run
deletes exactly the files listed there (and their `.part` leftovers of a killed run) before it
writes its own. Files the tool did not write are never touched.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from werkstijl.bulk.csvin import BulkInputError
from werkstijl.content.wording import say
from werkstijl.storage.leads import excel_safe

GROUP_REPORT = "group-report.pdf"
SUMMARY = "summary.json"
ERRORS = "errors.csv"
# The same lines as errors.csv as a workbook with set column widths and wrapped text: Excel
# opens a CSV with narrow columns, cutting the reason off at the first cell border.
ERRORS_XLSX = "errors.xlsx"
ERRORS_XLSX_WIDTHS = (8, 12, 30, 90)  # characters: row, sheet_row, name, reason
MANIFEST = ".werkstijl-bulk.json"  # the files the last run in this folder wrote
PART = ".part"  # suffix of a file being written; renamed when complete
# Every file written per participant is NNN-<slug> plus one of these (CONTRACT.md: the PDF and
# the calendar file); listed up front so that the next run can replace them.
PARTICIPANT_SUFFIXES = (".pdf", ".ics")
ERRORS_COLUMNS = ("row", "sheet_row", "name", "error")  # fixed by CONTRACT.md
# Files of a folder written before MANIFEST existed (it then holds a summary.json).
_OLD_OWN_FILE = re.compile(
    r"^(\d{3,}-[a-z0-9-]+\.(?:pdf|ics)|group-report\.pdf|summary\.json|errors\.(?:csv|xlsx))"
    r"(\.part)?$"
)
_PLAIN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")  # a listed name never holds a path


@dataclass(frozen=True)
class Issue:
    """A line of errors.csv: `fatal` issues count as errors (exit 1), the others are warnings."""

    number: int
    name: str
    message: str
    fatal: bool = True


def prepare_out_dir(out_dir: Path, files: Iterable[str], zip_path: Path | None = None) -> None:
    """Creates the folder, removes what the previous run listed in MANIFEST, and lists the
    `files` (names inside the folder) and `zip_path` this run will write. Raises
    BulkInputError if the folder is unusable."""
    if out_dir.exists() and not out_dir.is_dir():
        raise BulkInputError(say("bulk.out_not_folder", folder=out_dir))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _remove_previous_run(out_dir)
        listed = {"files": sorted(set(files)), "zip": zip_path.name if zip_path else None}
        (out_dir / MANIFEST).write_text(json.dumps(listed, indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BulkInputError(
            say("bulk.out_unwritable", folder=out_dir, reason=exc.strerror or exc)
        ) from None


def _remove_previous_run(out_dir: Path) -> None:
    manifest = out_dir / MANIFEST
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8"))
        names = [n for n in listed.get("files", []) if _PLAIN_NAME.match(str(n))]
        zip_name = listed.get("zip")
    except FileNotFoundError:  # a folder of an older version, or not a bulk folder at all
        old = (out_dir / SUMMARY).is_file()
        names = [e.name for e in out_dir.iterdir() if old and _OLD_OWN_FILE.match(e.name)]
        zip_name = None
    except (ValueError, AttributeError):  # a damaged list: delete nothing rather than guess
        names, zip_name = [], None
    for name in names:
        for path in (out_dir / name, out_dir / (name + PART)):
            if path.is_file():
                path.unlink()
    zipped = zip_path_for(out_dir)
    if zip_name == zipped.name:
        zipped.unlink(missing_ok=True)
    zipped.with_name(zipped.name + PART).unlink(missing_ok=True)  # only this tool makes it


def write_summary(out_dir: Path, summary: dict) -> Path:
    path = out_dir / SUMMARY
    path.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def _error_rows(issues: Iterable[Issue], sheet_rows: dict[int, int]) -> list[list[object]]:
    """The lines of errors.csv in row order; cells a spreadsheet would run as a formula get a '."""
    rows: list[list[object]] = []
    for issue in sorted(issues, key=lambda i: i.number):
        message = issue.message if issue.fatal else say("bulk.warning", message=issue.message)
        row = sheet_rows.get(issue.number, "")
        rows.append([issue.number, row, excel_safe(issue.name), excel_safe(message)])
    return rows


def errors_csv_text(issues: Iterable[Issue], sheet_rows: dict[int, int]) -> str:
    """`row;sheet_row;name;error` as CONTRACT.md fixes it, for Dutch Excel: `;` separated
    (with the BOM added on writing)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(ERRORS_COLUMNS)
    writer.writerows(_error_rows(issues, sheet_rows))
    return out.getvalue()


def errors_xlsx_bytes(issues: Iterable[Issue], sheet_rows: dict[int, int]) -> bytes:
    """errors.csv's lines as a workbook a trainer reads in Excel as it opens: headers in the
    message language, wide columns, long reasons wrapped, the header row frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = say("bulk.errors_sheet")[:31]
    sheet.append([say(f"bulk.errors_col_{c}") for c in ERRORS_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _error_rows(issues, sheet_rows):
        sheet.append(row)
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(ERRORS_XLSX_WIDTHS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        for cell in sheet[letter][1:]:
            cell.alignment = wrap
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_errors(out_dir: Path, issues: list[Issue], sheet_rows: dict[int, int]) -> list[Path]:
    """errors.csv (UTF-8 with BOM, so Excel reads the accents) and errors.xlsx (the same lines,
    readable as Excel opens them) when there is anything to report, else nothing."""
    if not issues:
        return []
    path = out_dir / ERRORS
    path.write_text(errors_csv_text(issues, sheet_rows), encoding="utf-8-sig", newline="")
    workbook = out_dir / ERRORS_XLSX
    workbook.write_bytes(errors_xlsx_bytes(issues, sheet_rows))
    return [path, workbook]


def write_zip_to(target: BinaryIO, files: Iterable[Path]) -> None:
    """A deflated zip of `files`, flat (no folder inside), in the order given."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, arcname=path.name)


def zip_path_for(out_dir: Path) -> Path:
    """DIR.zip next to DIR (also for `--out .`, which names the folder after itself)."""
    folder = out_dir.resolve()
    return folder.with_name(folder.name + ".zip")


class ZipWriter:
    """DIR.zip, filled while the PDFs are still being rendered (the deflating overlaps with the
    workers instead of adding seconds at the end); it gets its final name only when complete."""

    def __init__(self, out_dir: Path) -> None:
        self.path = zip_path_for(out_dir)
        self._part = self.path.with_name(self.path.name + PART)
        try:
            self._archive = zipfile.ZipFile(self._part, "w", compression=zipfile.ZIP_DEFLATED)
        except OSError as exc:
            raise BulkInputError(
                say("bulk.zip_unwritable", file=self.path, reason=exc.strerror or exc)
            ) from None

    def add(self, path: Path) -> None:
        try:
            self._archive.write(path, arcname=path.name)
        except OSError as exc:
            self.abort()
            raise BulkInputError(
                say("bulk.zip_unwritable", file=self.path, reason=exc.strerror or exc)
            ) from None

    def close(self) -> Path:
        self._archive.close()
        os.replace(self._part, self.path)
        return self.path

    def abort(self) -> None:
        with contextlib.suppress(OSError, ValueError):  # already broken: just drop the file
            self._archive.close()
        self._part.unlink(missing_ok=True)


class InOrder:
    """Calls `add(number)` for each finished row in row order (so the zip's order does not depend
    on which worker was quicker); rows that failed are skipped."""

    def __init__(self, numbers: list[int], add: Callable[[int], None]) -> None:
        self._numbers, self._add, self._next = numbers, add, 0
        self._done: dict[int, bool] = {}

    def __call__(self, number: int, error: str | None) -> None:
        self._done[number] = error is None
        while self._next < len(self._numbers) and self._numbers[self._next] in self._done:
            if self._done[self._numbers[self._next]]:
                self._add(self._numbers[self._next])
            self._next += 1
