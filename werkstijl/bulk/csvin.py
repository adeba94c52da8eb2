"""Reading a trainer's participant list (an Excel workbook or CSV, see sheet.py) into a plan.

Nothing is rendered here: `read_participants` turns the bytes into a `Plan` that says, row by row,
what will be made and why a row cannot be used, so the staff page can show it before generating.
Input that is unusable as a whole (unreadable, no header, no name column) raises BulkInputError.
Messages are worded in the current message language (`message_language`, see wording.py).

Planning is linear and cheap per row (100,000 rows in seconds, see bench/plan_bench.py): what
repeats across rows (an e-mail domain, a profile name, an answer list) is checked once per plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from werkstijl.bulk.sheet import HEADER_SEARCH_ROWS, BulkInputError, Record, read_table
from werkstijl.content.models import Content, one_line, slugify
from werkstijl.content.wording import say
from werkstijl.delivery.limits import InvalidAddress, address_words, normalise_address
from werkstijl.scoring import AnswerError, Result, UndecidedError, score

MAX_NAME = 120  # longer is a paste accident, not a name; it would also overflow the cover
SLUG_MAX = 60
SLUG_FALLBACK = "deelnemer"

# Header aliases after `_key` normalisation (lower case, no accents, letters and digits only).
# A name column is often named after who is on the list: "Naam deelnemer", "Participant name".
_WHO_NL = ("deelnemer", "medewerker", "cursist", "persoon", "collega", "student")
_WHO_EN = ("participant", "employee", "attendee", "person", "delegate", "student")
ALIASES: dict[str, frozenset[str]] = {
    "name": frozenset(
        {"name", "naam", "namen", "fullname", "volledigenaam", "voorenachternaam", "deelnemer"}
        | {"participant", "naamvolledig", "firstandlastname"}
        | {f"naam{w}" for w in _WHO_NL}
        | {f"{w}{s}naam" for w in _WHO_NL for s in ("", "s")}
        | {f"{w}{s}name" for w in _WHO_EN for s in ("", "s")}
        | {f"name{w}" for w in _WHO_EN}
        | {f"nameof{w}" for w in _WHO_EN}
    ),
    "first": frozenset({"voornaam", "voornamen", "roepnaam", "firstname", "givenname", "first"}),
    "middle": frozenset(
        {"tussenvoegsel", "tussenvoegsels", "tussenv", "tussenvoeg", "tv", "voorvoegsel"}
        | {"voorvoegsels", "middlename", "infix"}
    ),
    "last": frozenset(
        {"achternaam", "lastname", "surname", "familienaam", "familyname", "last", "achternamen"}
    ),
    "email": frozenset(
        {"email", "emailadres", "emailaddress", "mail", "mailadres", "emailadressen", "eadres"}
        | {f"email{w}" for w in (*_WHO_NL, *_WHO_EN)}
        | {f"emailadres{w}" for w in _WHO_NL}
    ),
    "profile": frozenset({"profile", "profiel", "werkstijl", "workstyle"}),
}
QUESTION_RE = re.compile(r"^(?:q|v|vraag|question)(\d{1,3})$")
# An unquoted ASCII local part (RFC 5322 dot-atom): valid as it is, see `Addresses`.
DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
Cell = Callable[[str], str]  # a row's stripped cell by role ("name", "q1"...), "" when absent
# The kinds of row errors, for the group report's short reasons ("Niet in dit rapport").
PROBLEMS = ("no_name", "name_too_long", "no_profile", "unknown_profile", "answers", "contradicts")
LOST_CHARACTER = "?"  # what Windows-1252 exports put for a letter they cannot hold (ı, ş, ł...)

__all__ = ["BulkInputError", "Participant", "Plan", "read_participants", "safe_slug"]


@dataclass(frozen=True)
class Participant:
    """One non-blank data row and what will become of it."""

    number: int  # 1-based among non-blank data rows: the NNN of the file name
    sheet_row: int  # the row number the spreadsheet shows (header = row 1)
    name: str
    email: str = ""  # normalised when valid, as written otherwise
    profile_id: str | None = None
    result: Result | None = None  # present when the row gave answers
    error: str | None = None  # why no PDF can be made
    email_problem: str | None = None  # why the address cannot receive mail ("" cell: no address)
    problem: str | None = None  # the kind of `error`, one of PROBLEMS (short, for the report)
    warnings: tuple[str, ...] = ()  # worth checking, though the PDF is made (e.g. a duplicate)
    lost_letter: bool = False  # a Windows-1252 '?' in the name: the PDF is made, never mailed

    @property
    def usable(self) -> bool:
        return self.error is None

    @property
    def file_stem(self) -> str:
        return f"{self.number:03d}-{safe_slug(self.name)}"

    @property
    def file_name(self) -> str:
        return f"{self.file_stem}.pdf"

    @property
    def calendar_name(self) -> str:
        """The participant's calendar file, beside the PDF: NNN-<slug>.ics."""
        return f"{self.file_stem}.ics"


@dataclass(frozen=True)
class Plan:
    participants: list[Participant]
    columns: dict[str, str]  # role ("name", "email", "profile", "q1"...) -> header as written
    ignored: list[str] = field(default_factory=list)  # headers that matched nothing
    notes: list[str] = field(default_factory=list)  # things worth telling about the file
    source: str = ""  # what was read, in words: "CSV, Windows-1252, separated by ';'"

    @property
    def usable(self) -> list[Participant]:
        return [p for p in self.participants if p.usable]

    @property
    def failed(self) -> list[Participant]:
        return [p for p in self.participants if not p.usable]

    @property
    def has_email(self) -> bool:
        return "email" in self.columns

    @property
    def sheet_rows(self) -> dict[int, int]:
        """Spreadsheet row per row number (NNN), for errors.csv."""
        return {p.number: p.sheet_row for p in self.participants}


def safe_slug(name: str) -> str:
    """ASCII [a-z0-9-] only, so no name can reach outside the output folder or clash with a
    reserved device name (the NNN- prefix always comes first)."""
    return slugify(name)[:SLUG_MAX].strip("-") or SLUG_FALLBACK


def _key(header: str) -> str:
    """A header compared case- and accent-insensitively, ignoring spaces and punctuation."""
    return slugify(header).replace("-", "")


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
                notes.append(say("bulk.column_extra", column=written, count=questions))
                continue
        if role is None:
            ignored.append(written)
        elif role in roles:
            notes.append(say("bulk.column_twice", column=written, first=header[roles[role]]))
        else:
            roles[role] = index
    return roles, ignored, notes


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
        return None, say("bulk.answers_missing", missing=", ".join(missing), given=given)
    for n, cell in enumerate(cells[:given], start=1):
        if not cell.isdigit():
            return None, say("bulk.answer_not_number", column=f"q{n}", value=cell[:20])
    return [int(c) for c in cells[:given]], None


def _out_of_range(answers: list[int], content: Content) -> str | None:
    for n, (answer, question) in enumerate(zip(answers, content.questions, strict=False), 1):
        if not 1 <= answer <= len(question.options):
            return say(
                "bulk.answer_range", column=f"q{n}", value=answer, count=len(question.options)
            )
    return None


class Rows:
    """Turns rows into participants; what repeats across rows is worked out once per plan."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self._results: dict[tuple[int, ...], Result | str] = {}
        self._profiles: dict[str, str | None] = {}
        self._domains: dict[str, tuple[str, str | None]] = {}  # domain -> (normalised, problem)

    def result(self, answers: list[int]) -> Result | str:
        """The scored answers, or why they cannot be scored."""
        key = tuple(answers)
        if key not in self._results:
            problem = _out_of_range(answers, self.content)
            try:
                self._results[key] = problem or score(self.content, answers)
            except UndecidedError as exc:  # a prefix may end early, but only once decided
                self._results[key] = say(
                    "bulk.answers_undecided",
                    given=exc.given,
                    missing=exc.missing,
                    next=exc.given + 1,
                    total=exc.total,
                )
            except AnswerError as exc:
                self._results[key] = say("bulk.answers_invalid", reason=exc)
        return self._results[key]

    def profile(self, given: str) -> str | None:
        if given not in self._profiles:
            found = self.content.find_profile(given)
            self._profiles[given] = found.id if found else None
        return self._profiles[given]

    def address(self, email: str) -> tuple[str, str | None]:
        """(normalised address, problem or None), as `normalise_address` decides. An ASCII
        dot-atom local part is valid as written, so only its domain needs checking, once per
        domain; anything else is checked whole."""
        local, at, domain = email.rpartition("@")
        if at and len(local) <= 64 and len(email) <= 254 and DOT_ATOM.fullmatch(local):
            if domain not in self._domains:
                normal, problem = _check_address("x@" + domain)
                self._domains[domain] = (normal.partition("@")[2], problem)
            normal_domain, problem = self._domains[domain]
            return (email if problem else f"{local}@{normal_domain}"), problem
        return _check_address(email)


def _check_address(email: str) -> tuple[str, str | None]:
    try:
        return normalise_address(email, check_deliverability=False), None
    except InvalidAddress as exc:
        return email, say("bulk.email_invalid", reason=address_words(exc))


Found = tuple[str | None, Result | None, tuple[str, str] | None]  # profile, result, (kind, error)


def _no_profile(kind: str, error: str) -> Found:
    return None, None, (kind, error)


def _profile(get: Cell, rows: Rows) -> Found:
    """(profile id, result, (kind, error)): a profile given directly, answers scored, or
    neither."""
    content = rows.content
    answers, error = _answers(get, len(content.questions))
    result = None
    if answers is not None:
        scored = rows.result(answers)
        result, error = (None, scored) if isinstance(scored, str) else (scored, None)
    if error:
        return _no_profile("answers", error)
    given = get("profile")
    if not given:
        if result is None:
            known, count = _known(content), len(content.questions)
            return _no_profile("no_profile", say("bulk.no_profile", known=known, count=count))
        return result.profile, result, None
    profile_id = rows.profile(given)
    if profile_id is None:
        known = _known(content)
        return _no_profile(
            "unknown_profile", say("bulk.unknown_profile", given=given[:40], known=known)
        )
    if result is not None and result.profile != profile_id:
        return _no_profile(
            "contradicts",
            say("bulk.profile_contradicts", profile=profile_id, scored=result.profile),
        )
    return profile_id, result, None


def _participant(number: int, record: Record, roles: dict[str, int], rows: Rows) -> Participant:
    sheet_row, cells = record

    def get(role: str) -> str:
        index = roles.get(role)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    name = one_line(get("name") or " ".join(get(r) for r in ("first", "middle", "last")))
    email, email_problem = get("email"), None
    if email:
        email, email_problem = rows.address(email)
    profile_id, result, error = _profile(get, rows)
    if not name:
        error = ("no_name", say("bulk.no_name"))
    elif len(name) > MAX_NAME:
        error = ("name_too_long", say("bulk.name_too_long", maximum=MAX_NAME))
    return Participant(
        number,
        sheet_row,
        name,
        email,
        profile_id if error is None else None,
        result if error is None else None,
        error[1] if error else None,
        email_problem,
        error[0] if error else None,
    )


def _header_index(records: list[Record], questions: int) -> int | None:
    """Which of the first rows holds the column names: the first with a name column (a title
    and a blank row often stand above it). None when none of them has one."""
    for index, (_, cells) in enumerate(records[:HEADER_SEARCH_ROWS]):
        if {"name", "first", "last"} & _roles(cells, questions)[0].keys():
            return index
    return None


def _with_warnings(participants: list[Participant]) -> list[Participant]:
    """Usable rows get a warning when they repeat an earlier participant: the same name and
    address, or the same name and no address to tell them apart."""
    seen: dict[tuple[str, str], Participant] = {}
    out = []
    for p in participants:
        warnings = list(p.warnings)
        if p.usable:
            key = (" ".join(slugify(p.name).split("-")), p.email.casefold())
            first = seen.setdefault(key, p)
            if first is not p:
                kind = "bulk.duplicate" if p.email else "bulk.duplicate_no_email"
                warnings.append(say(kind, row=first.sheet_row))
        out.append(replace(p, warnings=tuple(warnings)) if warnings else p)
    return out


def _lost_letters(participants: list[Participant]) -> list[Participant]:
    """A Windows-1252 export writes '?' for a letter it cannot hold: those rows are named."""
    return [p for p in participants if LOST_CHARACTER in p.name]


def read_participants(data: bytes, content: Content) -> Plan:
    """Every non-blank row of a participant list, usable or not (with the reason), nothing
    rendered. Raises BulkInputError when the file as a whole is unusable."""
    questions = len(content.questions)
    table = read_table(data, lambda header: len(_roles(header, questions)[0]))
    if not table.records:
        raise BulkInputError(say("bulk.empty"))
    start = _header_index(table.records, questions)
    if start is None:
        header = table.records[0][1]
        found = ", ".join(f"'{h.strip()}'" for h in header if h.strip()) or say("word.none")
        raise BulkInputError(say("bulk.no_name_column", found=found[:200], rows=HEADER_SEARCH_ROWS))
    header_row, header = table.records[start]
    roles, ignored, notes = _roles(header, questions)
    data_rows = table.records[start + 1 :]
    if not data_rows:
        raise BulkInputError(say("bulk.no_rows"))
    rows = Rows(content)
    participants = [
        _participant(number, record, roles, rows)
        for number, record in enumerate(data_rows, start=1)
    ]
    if start:
        notes.insert(0, say("bulk.header_row", row=header_row))
    if table.encoding == "Windows-1252":
        lost = _lost_letters(participants)
        if lost:
            listed = ", ".join(f"{p.sheet_row} ({p.name})" for p in lost[:10])
            notes.insert(0, say("bulk.cp1252_lost", rows=listed))
            participants = [
                replace(p, warnings=(*p.warnings, say("bulk.lost_letter")), lost_letter=True)
                if LOST_CHARACTER in p.name
                else p
                for p in participants
            ]
        else:
            notes.insert(0, say("bulk.cp1252"))
    columns = {role: header[index].strip() for role, index in roles.items()}
    return Plan(_with_warnings(participants), columns, ignored, notes, table.describe())
