"""The one place where YAML is read: files in, pydantic models (or located problems) out.

Positions of every key and value are kept so that any problem, whether a syntax error, a schema
violation or a broken reference found later, can be reported as PATH:LINE:COL in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import MarkedYAMLError

from werkstijl.yamlsrc.guard import Guard, Refused, screen_text
from werkstijl.yamlsrc.indent import blame_line
from werkstijl.yamlsrc.messages import (
    friendly_syntax_message,
    friendly_validation_messages,
    is_layout_error,
)
from werkstijl.yamlsrc.textcheck import explain_comment_values, quote_start_problem
from werkstijl.yamlsrc.wording import os_reason, say

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) in one file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Located:
    """Plain data parsed from one YAML file, with the position of every node."""

    path: str
    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def at(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Position of `loc`, or of its nearest ancestor that exists in the file."""
        loc = tuple(loc)
        while loc:
            table = self.keys if key else self.values
            if loc in table:
                return table[loc]
            if not key and loc in self.keys:
                return self.keys[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, column = self.at(loc, key=key)
        return Problem(self.path, line, column, message)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def _compose(text: str) -> Any:
    """ruamel's round-trip load, with the guard watching every event before it is composed."""
    yaml = _yaml()
    constructor, parser = yaml.get_constructor_parser(text)
    guard = Guard()
    parser.get_event = guard.watch(parser.get_event)
    try:
        return constructor.get_single_data()
    except (Refused, MarkedYAMLError):
        raise
    except Exception as exc:  # any other reader/constructor failure: located, never a traceback
        raise Refused(*guard.last, say("syntax.unexpected", problem=exc)) from exc
    finally:
        parser.dispose()


def _plain(node: Any, loc: Loc, out: Located) -> Any:
    """Turn ruamel's round-trip nodes into plain Python, recording (1-based) positions."""
    if isinstance(node, CommentedMap):
        result = {}
        for key, value in node.items():
            child = (*loc, str(key))
            kl, kc = node.lc.key(key)
            vl, vc = node.lc.value(key)
            out.keys[child] = (kl + 1, kc + 1)
            out.values[child] = (vl + 1, vc + 1)
            result[str(key) if not isinstance(key, int | float | bool) else key] = _plain(
                value, child, out
            )
        return result
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            line, col = node.lc.item(index)
            out.values[(*loc, index)] = (line + 1, col + 1)
            items.append(_plain(value, (*loc, index), out))
        return items
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, TaggedScalar):  # '!!str 09:30' (the guard lets only core tags through)
        return str(node.value)
    if isinstance(node, date):  # an unquoted 2025-01-31: the text it was written as
        return node.isoformat()
    return node


def relative(file: Path, root: Path) -> str:
    """The path as problems name it: relative to the content (or templates) folder, posix."""
    return file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)


def read_source(file: Path, root: Path) -> tuple[str | None, list[Problem]]:
    """The text of one file (UTF-8, with or without BOM), or the problem that stops reading it."""
    rel = relative(file, root)
    try:
        return file.read_text(encoding="utf-8-sig"), []
    except UnicodeDecodeError as exc:
        return None, [Problem(rel, 1, 1, say("file.not_utf8", reason=exc.reason))]
    except OSError as exc:
        return None, [Problem(rel, 1, 1, say("file.unreadable", reason=os_reason(exc)))]


def _syntax_problem(rel: str, text: str, exc: MarkedYAMLError) -> Problem:
    """A syntax error, pointing at the line whose indentation is wrong when that is the cause."""
    line, column, message = friendly_syntax_message(exc)
    quoted = quote_start_problem(text.splitlines(), line - 1)
    if quoted is not None:  # `text: "Dit" is ...`: the cause, whatever ruamel calls it
        return Problem(rel, line, quoted[0] + 1, quoted[1])
    if is_layout_error(exc):
        blamed = blame_line(text, line - 1)
        if blamed != line - 1:
            wrong = text.splitlines()[blamed]
            line, column = blamed + 1, len(wrong) - len(wrong.lstrip(" ")) + 1
            message = say("syntax.hint", hint=say("syntax.indent"))
    return Problem(rel, line, column, message)


def parse_text(rel: str, text: str) -> tuple[Located | None, list[Problem]]:
    """Parse one YAML text named `rel`; every problem comes back located, never as an exception."""
    refused = screen_text(text)
    if refused:
        return None, [Problem(rel, r.line + 1, r.column + 1, r.message) for r in refused]
    try:
        raw = _compose(text)
    except Refused as exc:
        return None, [Problem(rel, exc.line + 1, exc.column + 1, exc.message)]
    except MarkedYAMLError as exc:
        return None, [_syntax_problem(rel, text, exc)]
    located = Located(rel, None)
    located.values[()] = (1, 1)
    if isinstance(raw, CommentedMap | CommentedSeq):
        line, col = raw.lc.line, raw.lc.col
        located.values[()] = (line + 1, col + 1)
    located.data = _plain(raw, (), located)
    return located, []


def parse(file: Path, root: Path) -> tuple[Located | None, list[Problem]]:
    """Read and parse one YAML file."""
    text, problems = read_source(file, root)
    if text is None:
        return None, problems
    return parse_text(relative(file, root), text)


def validate(located: Located, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate parsed data against a model; every violation becomes a located, worded Problem."""
    try:
        return model.model_validate(located.data if located.data is not None else {}), []
    except ValidationError as exc:
        problems = [
            located.problem(loc, message, key=is_key)
            for loc, message, is_key in friendly_validation_messages(exc, located.data, model)
        ]
        return None, sorted(set(problems))


def load_text(
    rel: str, text: str, model: type[M]
) -> tuple[M | None, Located | None, list[Problem]]:
    """Parse and validate one text: the entry point for anything that reads YAML."""
    located, problems = parse_text(rel, text)
    if located is None:
        return None, None, problems
    obj, problems = validate(located, model)
    return obj, located, explain_comment_values(problems, text)


def load_model(
    file: Path, root: Path, model: type[M]
) -> tuple[M | None, Located | None, list[Problem]]:
    """Read, parse and validate one file."""
    text, problems = read_source(file, root)
    if text is None:
        return None, None, problems
    return load_text(relative(file, root), text, model)
