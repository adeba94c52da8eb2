"""Reading a trainer's participant list: CSV bytes as Excel, LibreOffice or Sheets export them.

Nothing is rendered here: `read_participants` turns the bytes into a `Plan` that says, row by row,
what will be made and why a row cannot be used, so the staff page can show it before generating.
Input that is unusable as a whole (not UTF-8, no header, no name column) raises BulkInputError.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from werkstijl.content.models import Content, one_line, slugify
from werkstijl.delivery.limits import InvalidAddress, normalise_address
from werkstijl.scoring import AnswerError, Result, UndecidedError, score

SEPARATORS = (";", ",", "\t")
MAX_NAME = 120  # longer is a paste accident, not a name; it would also overflow the cover
SLUG_MAX = 60
SLUG_FALLBACK = "deelnemer"
SAVE_AS_HINT = (
    "save the sheet as 'CSV UTF-8 (comma delimited)' (Excel) or choose UTF-8 when exporting"
)

# Header aliases after `_key` normalisation (lower case, no accents, letters and digits only).
ALIASES: dict[str, frozenset[str]] = {
    "name": frozenset({"name", "naam", "fullname", "volledigenaam", "deelnemer", "participant"}),
    "first": frozenset({"voornaam", "firstname", "givenname", "roepnaam"}),
    "middle": frozenset({"tussenvoegsel", "tussenvoegsels", "middlename"}),
    "last": frozenset({"achternaam", "lastname", "surname", "familienaam", "familyname"}),
    "email": frozenset({"email", "emailadres", "emailaddress", "mail", "mailadres"}),
    "profile": frozenset({"profile", "profiel", "werkstijl", "workstyle"}),
}
SEP_LINE_RE = re.compile(r"^\s*sep=([;,\t|])\s*$", re.IGNORECASE)
QUESTION_RE = re.compile(r"^(?:q|v|vraag|question)(\d{1,3})$")
Cell = Callable[[str], str]  # a row's stripped cell by role ("name", "q1"...), "" when absent


class BulkInputError(Exception):
    """The input as a whole is unusable (exit 2); the message says what to do about it."""


@dataclass(frozen=True)
class Participant:
    """One non-blank data row and what will become of it."""

    number: int  # 1-based among non-blank data rows: the NNN of the file name
    line: int  # 1-based line in the file where the row starts (header = line 1 unless blank lines)
    name: str
    email: str = ""  # normalised when valid, as written otherwise
    profile_id: str | None = None
    result: Result | None = None  # present when the row gave answers
    error: str | None = None  # why no PDF can be made
    email_problem: str | None = None  # why the address cannot receive mail ("" cell: no address)

    @property
    def usable(self) -> bool:
        return self.error is None

    @property
    def file_name(self) -> str:
        return f"{self.number:03d}-{safe_slug(self.name)}.pdf"

    @property
    def calendar_name(self) -> str:
        """The participant's calendar file, beside the PDF: NNN-<slug>.ics."""
        return self.file_name.removesuffix(".pdf") + ".ics"


@dataclass(frozen=True)
class Plan:
    participants: list[Participant]
    columns: dict[str, str]  # role ("name", "email", "profile", "q1"...) -> header as written
    ignored: list[str] = field(default_factory=list)  # headers that matched nothing
    notes: list[str] = field(default_factory=list)  # things worth telling about the file
    separator: str = ","

    @property
    def usable(self) -> list[Participant]:
        return [p for p in self.participants if p.usable]

    @property
    def failed(self) -> list[Participant]:
        return [p for p in self.participants if not p.usable]

    @property
    def has_email(self) -> bool:
        return "email" in self.columns


def safe_slug(name: str) -> str:
    """ASCII [a-z0-9-] only, so no name can reach outside the output folder or clash with a
    reserved device name (the NNN- prefix always comes first)."""
    return slugify(name)[:SLUG_MAX].strip("-") or SLUG_FALLBACK


def _key(header: str) -> str:
    """A header compared case- and accent-insensitively, ignoring spaces and punctuation."""
    return slugify(header).replace("-", "")


def decode(data: bytes) -> str:
    """UTF-8 text (BOM dropped); otherwise BulkInputError naming the first line that is not."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BulkInputError(f"the file is UTF-16 ('Unicode text'), not CSV UTF-8: {SAVE_AS_HINT}")
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        good = data[: data.rfind(b"\n", 0, exc.start) + 1].decode("utf-8")
        # Records before the bad line, header included: that is the bad line's data row number.
        before = sum(1 for r in csv.reader(io.StringIO(good, newline="")) if any(map(str.strip, r)))
        where = f"line {line}" + (f" (data row {before})" if before else " (the header)")
        raise BulkInputError(
            f"{where} is not UTF-8 text (byte 0x{data[exc.start]:02x}); the file is probably "
            f"Latin-1/ANSI: {SAVE_AS_HINT}"
        ) from None


def _records(text: str, separator: str) -> list[tuple[int, list[str]]]:
    """(first line, cells) of every non-blank record; blank lines and all-empty rows are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    out, previous_end = [], 0
    try:
        for cells in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if any(c.strip() for c in cells):
                out.append((start, cells))
    except csv.Error as exc:  # e.g. a cell over the size limit: a pasted blob, not a name
        raise BulkInputError(
            f"line {reader.line_num}: this is not a readable CSV row ({exc})"
        ) from None
    return out


def _roles(header: list[str], questions: int) -> tuple[dict[str, int], list[str], list[str]]:
    """Column index per role, the headers that matched nothing, and notes about odd columns."""
    roles: dict[str, int] = {}
    ignored, notes = [], []
    for index, written in enumerate(header):
        key = _key(written)
        if not key:  # trailing separators and unnamed columns
            continue
        role = next((r for r, names in ALIASES.items() if key in names), None)
        if role is None and (m := QUESTION_RE.match(key)):
            role = f"q{int(m.group(1))}"
            if not 1 <= int(m.group(1)) <= questions:
                notes.append(f"column '{written}' ignored: there are {questions} questions")
                continue
        if role is None:
            ignored.append(written)
        elif role in roles:
            notes.append(f"column '{written}' ignored: '{header[roles[role]]}' came first")
        else:
            roles[role] = index
    return roles, ignored, notes


def _sniff(text: str, questions: int) -> tuple[str, str]:
    """(separator, text): Excel's own "sep=;" first line if present (then blanked, so line
    numbers stay right), else the separator under which the header makes the most sense."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if m := SEP_LINE_RE.match(first):
        return m.group(1), text.replace(first, "", 1)

    def fit(sep: str) -> tuple[int, int]:
        header = next(csv.reader([first], delimiter=sep), [])
        return len(_roles(header, questions)[0]), len(header)

    return max(SEPARATORS, key=fit), text  # ties: the first in SEPARATORS wins (max is stable)


def _known(content: Content) -> str:
    return ", ".join(p.id for p in content.profiles)


def _answers(get: Cell, questions: int) -> tuple[list[int] | None, str | None]:
    """The row's answers (None when it gives none) or why they cannot be used. They may stop
    early (the quiz does once the profile is decided; `score` checks that it is), but not skip."""
    cells = [get(f"q{n}") for n in range(1, questions + 1)]
    if not any(cells):
        return None, None
    given = max(n for n, cell in enumerate(cells, start=1) if cell)
    missing = [f"q{n}" for n, cell in enumerate(cells[:given], start=1) if not cell]
    if missing:
        return None, (
            f"answers incomplete: {', '.join(missing)} empty "
            f"(every question up to q{given}, the last one answered, is needed)"
        )
    for n, cell in enumerate(cells[:given], start=1):
        if not cell.isdigit():
            return None, f"q{n}: '{cell[:20]}' is not an option number"
    return [int(c) for c in cells[:given]], None


def _no_profile(error: str) -> tuple[None, None, str]:
    return None, None, error


def _profile(get: Cell, content: Content) -> tuple[str | None, Result | None, str | None]:
    """(profile id, result, error): a profile given directly, answers scored, or neither."""
    answers, error = _answers(get, len(content.questions))
    result = None
    if answers is not None:
        try:
            result = score(content, answers)
        except UndecidedError as exc:
            error = (
                f"answers stop after q{exc.given}, before the profile is decided: "
                f"{exc.missing} answers missing (q{exc.given + 1} to q{exc.total})"
            )
        except AnswerError as exc:
            error = f"answers: {exc}"
    if error:
        return _no_profile(error)
    given = get("profile")
    if not given:
        if result is None:
            return _no_profile(
                "no profile and no answers: fill in the profile column "
                f"({_known(content)}) or the answers q1..q{len(content.questions)}"
            )
        return result.profile, result, None
    profile = content.find_profile(given)
    if profile is None:
        return _no_profile(f"unknown profile '{given[:40]}' (known: {_known(content)})")
    if result is not None and result.profile != profile.id:
        return _no_profile(
            f"the profile column says '{profile.id}' but the answers give "
            f"'{result.profile}': fill in one of the two"
        )
    return profile.id, result, None


def _participant(
    number: int, line: int, cells: list[str], roles: dict[str, int], content: Content
) -> Participant:
    def get(role: str) -> str:
        index = roles.get(role)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    name = one_line(get("name") or " ".join(get(r) for r in ("first", "middle", "last")))
    email, email_problem = get("email"), None
    if email:
        try:
            email = normalise_address(email, check_deliverability=False)
        except InvalidAddress as exc:
            email_problem = f"invalid e-mail address ({str(exc).rstrip('.')})"
    profile_id, result, error = _profile(get, content)
    if not name:
        error = "no name"
    elif len(name) > MAX_NAME:
        error = f"the name is longer than {MAX_NAME} characters"
    return Participant(
        number,
        line,
        name,
        email,
        profile_id if error is None else None,
        result if error is None else None,
        error,
        email_problem,
    )


def read_participants(data: bytes, content: Content) -> Plan:
    """Every non-blank row of a participant CSV, usable or not (with the reason), nothing rendered.

    Raises BulkInputError when the file as a whole is unusable: not UTF-8, empty, no name column.
    """
    text = decode(data)
    questions = len(content.questions)
    separator, text = _sniff(text, questions)
    records = _records(text, separator)
    if not records:
        raise BulkInputError(
            "the file is empty: the first row must hold the column names, "
            "with at least a name column (name or naam)"
        )
    header = records[0][1]
    roles, ignored, notes = _roles(header, questions)
    if not {"name", "first", "last"} & roles.keys():
        found = ", ".join(f"'{h.strip()}'" for h in header if h.strip()) or "none"
        raise BulkInputError(
            f"no name column: the first row must hold the column names, one "
            f"of them name or naam (found: {found[:200]})"
        )
    if len(records) == 1:
        raise BulkInputError("no participants: the file has a header row but no data rows")
    participants = [
        _participant(number, line, cells, roles, content)
        for number, (line, cells) in enumerate(records[1:], start=1)
    ]
    columns = {role: header[index].strip() for role, index in roles.items()}
    return Plan(participants, columns, ignored, notes, separator)
