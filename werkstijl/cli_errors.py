"""Expected problems of the command line, each turned into one plain message and an exit code.

`main()` in werkstijl/cli.py runs every command inside `handled()`'s rules:
- `Fail(message, code)`: a problem a command noticed itself; code 2 (`BAD_INPUT`) for bad
  arguments or input, 1 (`FAILURE`) for a failure (content with errors, mail off, ...);
- the exception types in `EXPECTED` (database, settings, files): `explain()` words them;
- anything else is a bug and keeps its traceback.
So a command just raises (or lets the library raise); it never catches these itself. To teach
every command another expected exception, append `(type, function returning a Fail or None)`
to `EXPECTED`. The words live in werkstijl/content/wording_cli.py, in Dutch and English.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any, NoReturn

from pydantic import ValidationError
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from werkstijl.content.wording import os_reason, say

BAD_INPUT = 2
FAILURE = 1
# Modules SQLAlchemy imports for a database kind: missing means "that kind is not installed".
DATABASE_DRIVERS = frozenset(
    {"psycopg", "psycopg2", "pg8000", "asyncpg", "pymysql", "MySQLdb", "oracledb", "pyodbc"}
)
REASON_MAX = 200


class Fail(Exception):
    """An expected failure: message for the person, exit code for the script."""

    def __init__(self, message: str, code: int = BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help layout (descriptions as written), with "usage:" in the message language."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        prefix = say("argparse.usage") if prefix is None else prefix
        super().add_usage(usage, actions, groups, prefix)


class Parser(argparse.ArgumentParser):
    """argparse in the message language: a bad argument is a one-line `Fail` (exit 2) instead of
    usage + exit, worded by `argparse_words`; the help's own headings and -h are ours too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False  # added below, with help text in the message language
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = say("argparse.positionals")
        self._optionals.title = say("argparse.options")
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help=say("argparse.help")
        )

    def error(self, message: str) -> NoReturn:
        raise Fail(say("cli.usage", prog=self.prog, message=argparse_words(message)), BAD_INPUT)


# argparse's own (English) error phrases -> our words (`argparse.*` in wording_cli.py). The
# first pattern that matches the whole message wins; a message matching none is kept as it is.
ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), key)
    for pattern, key in (
        (r"the following arguments are required: (?P<names>.+)", "argparse.required"),
        (r"one of the arguments (?P<names>.+) is required", "argparse.one_of"),
        (r"unrecognized arguments: (?P<names>.+)", "argparse.unrecognized"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", "argparse.ambiguous"),
        (
            r"argument (?P<name>[^:]+): invalid choice: (?P<value>.+) \(choose from "
            r"(?P<choices>.+)\)",
            "argparse.choice",
        ),
        (r"argument (?P<name>[^:]+): not allowed with argument (?P<other>.+)", "argparse.not_with"),
        (r"argument (?P<name>[^:]+): expected (?:one|at least one) argument", "argparse.value"),
        (r"argument (?P<name>[^:]+): invalid int value: (?P<value>.+)", "argparse.not_whole"),
        (r"argument (?P<name>[^:]+): invalid \S+ value: (?P<value>.+)", "argparse.bad_value"),
        (r"argument (?P<name>[^:]+): (?P<message>.+)", "argparse.argument"),  # e.g. our _days
    )
)


def argparse_words(message: str) -> str:
    """An argparse error message in the message language (its English wording, otherwise)."""
    for pattern, key in ARGPARSE_ERRORS:
        if found := pattern.fullmatch(message):
            return say(key, **found.groupdict())
    return message


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    return line if len(line) <= REASON_MAX else line[:REASON_MAX] + "…"


def shown_url(url: str) -> str:
    """The URL as it may be printed: password hidden, cut when it is not a URL at all."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        hidden = re.sub(r":[^:@/]*@", ":***@", url)
        return hidden if len(hidden) <= 80 else hidden[:80] + "…"


def _database_url() -> str:
    from werkstijl.settings import get_settings

    try:
        return shown_url(get_settings().database_url)
    except ValidationError:
        return "?"


def _bad_url(exc: ArgumentError) -> Fail:
    url = _database_url()
    if isinstance(exc, NoSuchModuleError):
        return Fail(say("cli.db_driver", url=url, reason=_first_line(exc)), BAD_INPUT)
    return Fail(say("cli.db_url", url=url), BAD_INPUT)


def _database(exc: DBAPIError) -> Fail:
    url, reason = _database_url(), _first_line(exc)
    lowered = reason.lower()
    if "locked" in lowered:
        key = "cli.db_locked"
    elif "not a database" in lowered or "malformed" in lowered:
        key = "cli.db_damaged"
    elif "unable to open" in lowered or "readonly" in lowered:
        key = "cli.db_unopenable"
    elif exc.connection_invalidated or "connect" in lowered:  # refused, timed out, closed
        key = "cli.db_unreachable"
    else:
        key = "cli.db_error"
    return Fail(say(key, url=url, reason=reason), FAILURE)


def _missing_driver(exc: ModuleNotFoundError) -> Fail | None:
    if (exc.name or "").split(".")[0] not in DATABASE_DRIVERS:
        return None  # any other missing module is a broken install or a bug: keep the traceback
    return Fail(say("cli.db_driver", url=_database_url(), reason=_first_line(exc)), BAD_INPUT)


SETTING_WORDS = {
    "greater_than_equal": ("cli.setting_min", "ge"),
    "less_than_equal": ("cli.setting_max", "le"),
    "greater_than": ("cli.setting_above", "gt"),
    "int_parsing": ("cli.setting_whole", None),
    "int_from_float": ("cli.setting_whole", None),
    "float_parsing": ("cli.setting_number", None),
    "bool_parsing": ("cli.setting_bool", None),
}


def _settings(exc: ValidationError) -> Fail | None:
    """Every invalid WERKSTIJL_* variable in one message (secrets are never echoed)."""
    if exc.title != "Settings":
        return None  # a model's own validation error elsewhere is a bug: keep the traceback
    problems = []
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"])
        variable = f"WERKSTIJL_{field.upper()}"
        found = "***" if "password" in field else str(error.get("input", ""))[:40]
        key, bound = SETTING_WORDS.get(error["type"], ("cli.setting_other", None))
        limit = (error.get("ctx") or {}).get(bound, "") if bound else ""
        problems.append(say(key, variable=variable, found=found, bound=limit, reason=error["msg"]))
    return Fail(say("cli.settings", problems="; ".join(problems)), BAD_INPUT)


def _file(exc: OSError) -> Fail:
    reason = os_reason(exc) if exc.strerror else _first_line(exc)
    if exc.filename:
        return Fail(say("cli.file", file=exc.filename, reason=reason), FAILURE)
    return Fail(say("cli.system", reason=reason), FAILURE)  # a full disk, a refused connection


Explainer = Callable[[BaseException], "Fail | None"]
# Checked in order; the first type that matches and returns a Fail decides the message.
EXPECTED: list[tuple[type[BaseException], Explainer]] = [
    (ArgumentError, _bad_url),  # includes NoSuchModuleError (an unknown database kind)
    (DBAPIError, _database),  # unreachable, locked, damaged, unopenable, refused
    (ModuleNotFoundError, _missing_driver),
    (ValidationError, _settings),
    (OSError, _file),
]


def explain(exc: BaseException) -> Fail | None:
    """The Fail that says what went wrong, or None when `exc` is a bug (show its traceback)."""
    if isinstance(exc, Fail):
        return exc
    for kind, how in EXPECTED:
        if isinstance(exc, kind) and (fail := how(exc)) is not None:
            return fail
    return None
