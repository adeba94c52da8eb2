"""Plain-language wording of YAML and validation problems, for marketers rather than programmers."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.error import MarkedYAMLError

Loc = tuple[str | int, ...]

_SYNTAX_HINTS = (
    (
        "'\\t'",
        "a tab is used here; YAML only accepts spaces for indentation: replace the tab by spaces",
    ),
    (
        "found duplicate key",
        "this key appears twice in the same block: remove or rename one of them",
    ),
    (
        "mapping values are not allowed",
        "a ':' where none is expected: check the indentation, or put "
        "quotes around a text that contains ': '",
    ),
    (
        "could not find expected ':'",
        "a line without 'key: value': check the indentation of this line "
        "or the one above, or a missing ':'",
    ),
    (
        "while scanning a quoted scalar",
        "a quote is opened here but never closed: add the closing quote",
    ),
    (
        "expected <block end>",
        "the indentation does not line up with the lines above: align this line with its siblings",
    ),
    (
        "did not find expected '-' indicator",
        "a list item does not line up with the items above: align its '-' with theirs",
    ),
    (
        "did not find expected key",
        "the indentation does not line up with the lines above: align this line with its siblings",
    ),
)


def friendly_syntax_message(exc: MarkedYAMLError) -> tuple[int, int, str]:
    """Line, column (1-based) and a plain message for a YAML syntax error."""
    raw = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    mark = exc.problem_mark or exc.context_mark
    if exc.context and "quoted scalar" in str(exc.context) and exc.context_mark is not None:
        mark = exc.context_mark  # point at the opening quote, not at the end of the file
    if "duplicate key" in raw and exc.problem_mark is not None:
        mark = exc.problem_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    for needle, message in _SYNTAX_HINTS:
        if needle in raw:
            return line, column, f"YAML syntax: {message}"
    problem = str(exc.problem or exc.context or "unreadable YAML").strip()
    return (
        line,
        column,
        f"YAML syntax: {problem}; check the indentation and quotes around this spot",
    )


def describe(value: Any) -> str:
    """How a found value reads to a person ('the number 5', 'a list', 'nothing')."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (yes/no)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{short}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of 'key: value' lines"
    return repr(value)


def _name(loc: Loc) -> str:
    fields = [part for part in loc if isinstance(part, str) and part != "[key]"]
    return fields[-1] if fields else "this file"


def _owner(data: Any, loc: Loc) -> str:
    """'tip 'inbox-zero'' for the nearest enclosing item that has an id, to say where in words."""
    node, owner = data, ""
    kinds = {"tips": "tip", "questions": "question", "options": "option", "profiles": "profile"}
    parent: str | int | None = None
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            owner = f"{kinds.get(str(parent), 'item')} '{node['id']}'"
        elif isinstance(part, int) and parent == "options":
            owner = f"option {part + 1}" + (f" of {owner}" if owner else "")
        parent = part
    return owner


def _text_of(error: dict[str, Any], data: Any) -> str:
    kind, loc, ctx = error["type"], error["loc"], error.get("ctx") or {}
    found = describe(error.get("input"))
    field = _name(loc)
    owner = _owner(data, loc)
    where = f" in {owner}" if owner else ""
    if kind == "missing":
        if field == "nl":
            return f"the Dutch text ('nl'){where} is missing: every text needs a Dutch version"
        return f"'{field}' is missing{where}: add it"
    if kind == "extra_forbidden":
        return f"unknown key '{field}'{where}"  # completed with suggestions by the caller
    if kind in {"string_type", "str_type"}:
        return f"'{field}'{where} should be a text, found {found}"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"'{field}'{where} should be a whole number, found {found}"
    if kind in {"float_type", "float_parsing"}:
        return f"'{field}'{where} should be a number, found {found}"
    if kind == "list_type":
        return f"'{field}'{where} should be a list (lines starting with '- '), found {found}"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"'{field}'{where} should be a block of 'key: value' lines, found {found}"
    if kind == "string_too_short":
        return _empty_text_message(loc, where)
    if kind == "too_short" and field == "scores":
        return f"{owner or 'this option'} has no score: give at least one profile points, like {{operator: 2}}"
    if kind == "too_short" and field == "options":
        return (
            f"{owner or 'this question'} has {ctx.get('actual_length', 0)} option(s): "
            f"a question needs at least {ctx.get('min_length')}"
        )
    if kind == "too_short":
        return (
            f"'{field}'{where} needs at least {ctx.get('min_length')} item(s), "
            f"found {ctx.get('actual_length', 0)}"
        )
    if kind == "too_long":
        return f"'{field}'{where} has too many items: at most {ctx.get('max_length')}"
    if kind == "string_pattern_mismatch":
        return _pattern_message(field, where, error.get("input"), str(ctx.get("pattern", "")))
    if kind == "enum":
        return f"'{field}'{where} should be one of {ctx.get('expected')}, found {found}"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": "at least",
            "less_than_equal": "at most",
            "greater_than": "more than",
            "less_than": "less than",
        }[kind]
        return f"'{field}'{where} should be {words} {bound}, found {found}"
    if kind == "value_error":
        return f"'{field}'{where}: {ctx.get('error', error['msg'])}"
    return f"'{field}'{where}: {error['msg']}"


def _empty_text_message(loc: Loc, where: str) -> str:
    fields = [part for part in loc if isinstance(part, str)]
    if fields and fields[-1] in {"nl", "en"}:
        language = "Dutch" if fields[-1] == "nl" else "English"
        parent = fields[-2] if len(fields) > 1 else "text"
        fix = "write it" if fields[-1] == "nl" else "write it, or remove 'en' to use the Dutch"
        return f"the {language} text of '{parent}'{where} is empty: {fix}"
    return f"'{_name(loc)}'{where} is empty: write it, or remove the key"


def _pattern_message(field: str, where: str, value: Any, pattern: str) -> str:
    if "#" in pattern:
        return f"'{field}'{where} should be a colour like #7B4FD6, found {describe(value)}"
    if "[0-5]" in pattern:
        return f"'{field}'{where} should be a time like 09:30, found {describe(value)}"
    return (
        f"{describe(value)} is not a valid id for '{field}'{where}: use lower-case letters, "
        "digits and hyphens, like 'inbox-zero'"
    )


def _allowed_keys(exc: ValidationError, loc: Loc) -> list[str]:
    """Keys the model accepts at the place of an unknown key, read from the model's JSON schema."""
    from werkstijl.content.schema import allowed_keys  # the schema module imports the models

    return allowed_keys(exc.title, loc[:-1])  # a ValidationError's title is the model's name


def friendly_validation_messages(
    exc: ValidationError, data: Any
) -> Iterator[tuple[Loc, str, bool]]:
    """(location, message, points-at-key) for every distinct problem in a ValidationError."""
    seen: set[Loc] = set()
    for error in exc.errors(include_url=False):
        loc: Loc = tuple(error["loc"])
        # A union such as `Text | None` reports one error per branch; the first one says it best.
        if loc in seen:
            continue
        seen.add(loc)
        message = _text_of(error, data)
        is_key = error["type"] == "extra_forbidden" or (loc and loc[-1] == "[key]")
        if error["type"] == "extra_forbidden":
            allowed = _allowed_keys(exc, loc)
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            if close:
                message += f": did you mean '{close[0]}'?"
            elif allowed:
                message += f": allowed here are {', '.join(allowed)}"
        if loc and loc[-1] == "[key]":
            loc = loc[:-1]
        yield loc, message, bool(is_key)
