"""The one place where YAML is read: files in, pydantic models (or located problems) out.

Positions of every key and value are kept so that any problem, whether a syntax error, a schema
violation or a broken reference found later, can be reported as PATH:LINE:COL in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from werkstijl.yamlsrc.messages import friendly_syntax_message, friendly_validation_messages
from werkstijl.yamlsrc.wording import say

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
    return node


def parse(file: Path, root: Path) -> tuple[Located | None, list[Problem]]:
    """Parse one YAML file; a syntax error comes back as a Problem, never as an exception."""
    rel = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [Problem(rel, 1, 1, say("file.not_utf8", reason=exc.reason))]
    except OSError as exc:
        return None, [Problem(rel, 1, 1, say("file.unreadable", reason=exc.strerror))]
    located = Located(rel, None)
    try:
        raw = _yaml().load(text)
    except MarkedYAMLError as exc:
        line, column, message = friendly_syntax_message(exc)
        return None, [Problem(rel, line, column, message)]
    located.values[()] = (1, 1)
    if isinstance(raw, CommentedMap | CommentedSeq):
        line, col = raw.lc.line, raw.lc.col
        located.values[()] = (line + 1, col + 1)
    located.data = _plain(raw, (), located)
    return located, []


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


def load_model(
    file: Path, root: Path, model: type[M]
) -> tuple[M | None, Located | None, list[Problem]]:
    """Parse and validate one file: the entry point for anything that reads a YAML file."""
    located, problems = parse(file, root)
    if located is None:
        return None, None, problems
    obj, problems = validate(located, model)
    return obj, located, problems
