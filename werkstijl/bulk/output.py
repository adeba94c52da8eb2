"""The files of a bulk run besides the PDFs: output folder, summary.json, errors.csv, zip."""

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
from werkstijl.storage.leads import excel_safe

GROUP_REPORT = "group-report.pdf"
SUMMARY = "summary.json"
ERRORS = "errors.csv"
# Only files this command writes are ever removed from a reused output folder.
_OWN_FILE = re.compile(
    r"^(\d{3,}-[a-z0-9-]+\.(?:pdf|ics)|group-report\.pdf|summary\.json|errors\.csv)"
    r"(\.part)?$"
)


@dataclass(frozen=True)
class Issue:
    """A line of errors.csv: `fatal` issues count as errors (exit 1), the others are warnings."""

    number: int
    name: str
    message: str
    fatal: bool = True


def prepare_out_dir(out_dir: Path) -> None:
    """Creates the folder, or clears what an earlier run left there (a stale errors.csv would
    otherwise claim failures this run did not have): only in a folder holding a summary.json, and
    only file names this command writes. Raises BulkInputError if the folder is unusable."""
    if out_dir.exists() and not out_dir.is_dir():
        raise BulkInputError(f"--out: {out_dir} exists and is not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if (out_dir / SUMMARY).is_file():  # an earlier run's folder, not someone's documents
            for entry in out_dir.iterdir():
                if entry.is_file() and _OWN_FILE.match(entry.name):
                    entry.unlink()
        probe = out_dir / ".werkstijl-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise BulkInputError(f"--out: cannot write to {out_dir}: {exc.strerror or exc}") from None


def write_summary(out_dir: Path, summary: dict) -> Path:
    path = out_dir / SUMMARY
    path.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def errors_csv_text(issues: Iterable[Issue]) -> str:
    """`row,name,error`; cells a spreadsheet would run as a formula are prefixed with '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["row", "name", "error"])
    for issue in sorted(issues, key=lambda i: i.number):
        message = issue.message if issue.fatal else f"warning: {issue.message}"
        writer.writerow([issue.number, excel_safe(issue.name), excel_safe(message)])
    return out.getvalue()


def write_errors(out_dir: Path, issues: list[Issue]) -> Path | None:
    """errors.csv (UTF-8, no BOM) when there is anything to report, else nothing."""
    if not issues:
        return None
    path = out_dir / ERRORS
    path.write_text(errors_csv_text(issues), encoding="utf-8", newline="")
    return path


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
        self._part = self.path.with_name(self.path.name + ".part")
        try:
            self._archive = zipfile.ZipFile(self._part, "w", compression=zipfile.ZIP_DEFLATED)
        except OSError as exc:
            raise BulkInputError(
                f"--zip: cannot write {self.path}: {exc.strerror or exc}"
            ) from None

    def add(self, path: Path) -> None:
        try:
            self._archive.write(path, arcname=path.name)
        except OSError as exc:
            self.abort()
            raise BulkInputError(
                f"--zip: cannot write {self.path}: {exc.strerror or exc}"
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
