"""A participant list as a table of text cells, from the bytes a trainer uploads or names.

Accepted, detected from the bytes (not the file name): an Excel workbook (.xlsx: its first
sheet), or CSV as spreadsheets save it: `,`, `;` or tab separated, in UTF-8 (with or without BOM),
UTF-16 (Excel's "Unicode text") or Windows-1252 (what Dutch Excel saves as plain "CSV").
Every row keeps the number the spreadsheet shows for it (header = row 1), so messages and
errors.csv point at the row a trainer sees. What cannot be read raises BulkInputError.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import islice

from werkstijl.content.wording import say

SEPARATORS = (";", ",", "\t")
SEP_LINE_RE = re.compile(r"^\s*sep=([;,\t|])\s*$", re.IGNORECASE)
XLSX_MAGIC = b"PK\x03\x04"  # a zip: .xlsx (also .ods and .numbers, which openpyxl cannot read)
XLS_MAGIC = (
    b"\xd0\xcf\x11\xe0"  # a compound file: the old Excel format (.xls), or an encrypted .xlsx
)
# An .xlsx saved with a password is a compound file holding these streams (MS-OFFCRYPTO); the
# directory stores stream names in UTF-16LE.
ENCRYPTED_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
HEADER_SEARCH_ROWS = 10  # the column names may sit below a title: looked for in this many rows
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
Record = tuple[int, list[str]]  # (row number as the spreadsheet shows it, cells)


class BulkInputError(Exception):
    """The input as a whole is unusable (exit 2); the message says what to do about it."""


@dataclass(frozen=True)
class Table:
    records: list[Record]  # the non-blank rows, header first
    encoding: str | None = None  # CSV: "UTF-8", "UTF-16" or "Windows-1252"
    separator: str | None = None  # CSV only
    sheet: str | None = None  # xlsx: the name of the sheet that was read
    sheets: int = 1  # xlsx: sheets in the workbook (only the first is read)

    def describe(self) -> str:
        """What was read, in words, e.g. for the staff page: "CSV, UTF-8, separated by ';'"."""
        if self.sheet is not None:
            text = say("bulk.read_xlsx", sheet=self.sheet)
            return text + (say("bulk.read_xlsx_more", count=self.sheets) if self.sheets > 1 else "")
        shown = "tab" if self.separator == "\t" else self.separator
        return say("bulk.read_csv", encoding=self.encoding, separator=shown)


def read_table(data: bytes, header_fit: Callable[[list[str]], int]) -> Table:
    """The rows of a workbook or CSV; `header_fit` scores a candidate header row (how many of
    its columns are known), to choose the CSV separator under which the header makes sense."""
    if data.startswith(XLS_MAGIC):
        encrypted = any(stream in data for stream in ENCRYPTED_STREAMS)
        raise BulkInputError(say("bulk.encrypted" if encrypted else "bulk.xls"))
    if data.startswith(XLSX_MAGIC):
        return _workbook(data)
    text, encoding = decode(data)
    separator, text = _sniff(text, header_fit)
    return Table(_records(text, separator), encoding, separator)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name): UTF-8 (BOM dropped), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise BulkInputError(say("bulk.not_text", line=1)) from None
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:  # one of the five bytes Windows-1252 leaves undefined
        raise BulkInputError(
            say("bulk.not_text", line=data.count(b"\n", 0, exc.start) + 1)
        ) from None


def _cells(lines: list[str], sep: str) -> Iterator[list[str]]:
    """Each line's cells; a line the csv module refuses (a huge field) as no cells: it is not
    the header, and reading the table reports it."""
    for line in lines:
        try:
            yield next(csv.reader([line], delimiter=sep), [])
        except csv.Error:
            yield []


def _sniff(text: str, header_fit: Callable[[list[str]], int]) -> tuple[str, str]:
    """(separator, text): Excel's own "sep=;" first line if present (then dropped: Excel does not
    show it as a row either), else the separator under which a header (one of the first non-blank
    lines: a title may stand above it) makes the most sense."""
    first, _, rest = text.partition("\n")
    if m := SEP_LINE_RE.match(first):
        return m.group(1), rest
    lines = (line.rstrip("\r\n") for line in io.StringIO(text, newline=""))
    candidates = list(islice((line for line in lines if line.strip()), HEADER_SEARCH_ROWS))
    candidates = candidates or [""]

    def fit(sep: str) -> tuple[int, int]:
        return max((header_fit(cells), len(cells)) for cells in _cells(candidates, sep))

    return max(SEPARATORS, key=fit), text  # ties: the first in SEPARATORS wins (max is stable)


def _records(text: str, separator: str) -> list[Record]:
    """(row, cells) of every non-blank record. A record is one spreadsheet row, also when a quoted
    cell spans lines; blank lines are rows too (Excel shows them), so they count, unlisted."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    out: list[Record] = []
    try:
        for row, cells in enumerate(reader, start=1):
            if any(c.strip() for c in cells):
                out.append((row, cells))
    except csv.Error as exc:  # e.g. a cell over the size limit: a pasted blob, not a name
        raise BulkInputError(say("bulk.bad_row", line=reader.line_num, reason=exc)) from None
    return out


def _workbook(data: bytes) -> Table:
    """The first sheet of an .xlsx, cells as text the way Excel shows them."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise BulkInputError(say("bulk.not_xlsx", reason=type(exc).__name__)) from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some programs write a wrong size; read what is there
        records: list[Record] = []
        for row, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            if any(cells):
                records.append((row, cells))
        return Table(records, sheet=sheet.title, sheets=len(workbook.worksheets))
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    """A cell as the text Excel shows: 2.0 → "2", a date → 2026-03-09, empty → ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == time():
        return value.date().isoformat()
    if isinstance(value, date | datetime):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return str(value).strip()
