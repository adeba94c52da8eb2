"""Plain-language wording of YAML and validation problems, for marketers rather than programmers."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml.error import MarkedYAMLError

from werkstijl.yamlsrc.wording import say

Loc = tuple[str | int, ...]

# (text in ruamel's error, catalogue key of the plain hint)
_SYNTAX_HINTS = (
    ("'\\t'", "syntax.tab"),
    ("found duplicate key", "syntax.duplicate_key"),
    ("mapping values are not allowed", "syntax.colon"),
    ("could not find expected ':'", "syntax.missing_colon"),
    ("while scanning a quoted scalar", "syntax.quote"),
    ("expected <block end>", "syntax.indent"),
    ("did not find expected '-' indicator", "syntax.list_item"),
    ("did not find expected key", "syntax.indent"),
    ("expected '<document start>'", "syntax.indent"),
)


_LAYOUT_HINTS = {"syntax.colon", "syntax.indent", "syntax.missing_colon", "syntax.list_item"}


def _hint_key(exc: MarkedYAMLError) -> str | None:
    raw = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    return next((key for needle, key in _SYNTAX_HINTS if needle in raw), None)


def is_layout_error(exc: MarkedYAMLError) -> bool:
    """True for errors that a wrongly indented line (here or a few lines up) can cause."""
    return _hint_key(exc) in _LAYOUT_HINTS


def friendly_syntax_message(exc: MarkedYAMLError) -> tuple[int, int, str]:
    """Line, column (1-based) and a plain message for a YAML syntax error."""
    raw = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    mark = exc.problem_mark or exc.context_mark
    if exc.context and "quoted scalar" in str(exc.context) and exc.context_mark is not None:
        mark = exc.context_mark  # point at the opening quote, not at the end of the file
    if "duplicate key" in raw and exc.problem_mark is not None:
        mark = exc.problem_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    key = _hint_key(exc)
    if key is not None:
        return line, column, say("syntax.hint", hint=say(key))
    problem = str(exc.problem or exc.context or say("syntax.unreadable")).strip()
    return line, column, say("syntax.other", problem=problem)


def describe(value: Any) -> str:
    """How a found value reads to a person ('the number 5', 'a list', 'nothing')."""
    if value is None:
        return say("value.nothing")
    if isinstance(value, bool):
        return say("value.yes_no", value=str(value).lower())
    if isinstance(value, int | float):
        return say("value.number", value=value)
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return say("value.text", value=short)
    if isinstance(value, list):
        return say("value.list")
    if isinstance(value, dict):
        return say("value.block")
    return repr(value)


def _name(loc: Loc) -> str:
    fields = [part for part in loc if isinstance(part, str) and part != "[key]"]
    return fields[-1] if fields else say("where.file")


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
            owner = say(f"owner.{kinds.get(str(parent), 'item')}", id=node["id"])
        elif isinstance(part, int) and parent == "options":
            n = part + 1
            owner = (
                say("owner.option_n_of", n=n, owner=owner) if owner else say("owner.option_n", n=n)
            )
        parent = part
    return owner


def _or(expected: object) -> str:
    """Pydantic's "'a', 'b' or 'c'" with the last 'or' in the current language."""
    head, sep, tail = str(expected).rpartition(" or ")
    return f"{head}{say('word.or')}{tail}" if sep else tail


_SIMPLE_KINDS = {
    "string_type": "field.text",
    "str_type": "field.text",
    "int_type": "field.whole_number",
    "int_parsing": "field.whole_number",
    "int_from_float": "field.whole_number",
    "float_type": "field.number",
    "float_parsing": "field.number",
    "bool_type": "field.yes_no",
    "bool_parsing": "field.yes_no",
    "list_type": "field.list",
    "dict_type": "field.block",
    "model_type": "field.block",
    "model_attributes_type": "field.block",
}
_BOUNDS = {
    "greater_than_equal": "field.at_least",
    "less_than_equal": "field.at_most",
    "greater_than": "field.more_than",
    "less_than": "field.less_than",
}


def _text_of(error: dict[str, Any], data: Any) -> str:
    kind, loc, ctx = error["type"], error["loc"], error.get("ctx") or {}
    found = describe(error.get("input"))
    field = _name(loc)
    owner = _owner(data, loc)
    where = say("where.in", owner=owner) if owner else ""
    if kind == "missing":
        if field == "nl":
            return say("field.missing_nl", where=where)
        return say("field.missing", field=field, where=where)
    if kind == "extra_forbidden":
        return say("field.unknown", field=field, where=where)  # suggestions added by the caller
    if kind in _SIMPLE_KINDS:
        return say(_SIMPLE_KINDS[kind], field=field, where=where, found=found)
    if kind == "string_too_short":
        return _empty_text_message(loc, where)
    if kind == "too_short" and field == "scores":
        return say("field.no_score", owner=owner or say("owner.this_option"))
    if kind == "too_short" and field == "options":
        return say(
            "field.few_options",
            owner=owner or say("owner.this_question"),
            count=ctx.get("actual_length", 0),
            minimum=ctx.get("min_length"),
        )
    if kind == "too_short":
        return say(
            "field.too_short",
            field=field,
            where=where,
            count=ctx.get("min_length"),
            actual=ctx.get("actual_length", 0),
        )
    if kind == "too_long":
        return say("field.too_long", field=field, where=where, maximum=ctx.get("max_length"))
    if kind == "string_pattern_mismatch":
        return _pattern_message(field, where, error.get("input"), str(ctx.get("pattern", "")))
    if kind == "enum":
        expected = _or(ctx.get("expected"))
        return say("field.one_of", field=field, where=where, expected=expected, found=found)
    if kind == "literal_error" and "expected" in ctx:
        return say("field.literal", field=field, where=where, expected=_or(ctx["expected"]))
    if kind in _BOUNDS:
        bound = next(iter(ctx.values()), "")
        return say(_BOUNDS[kind], field=field, where=where, bound=bound, found=found)
    if kind == "value_error":
        reason = str(ctx.get("error", error["msg"]))
        return say("field.error", field=field, where=where, error=reason)
    return say("field.error", field=field, where=where, error=error["msg"])


def _empty_text_message(loc: Loc, where: str) -> str:
    fields = [part for part in loc if isinstance(part, str)]
    if fields and fields[-1] in {"nl", "en"}:
        parent = fields[-2] if len(fields) > 1 else "text"
        return say(f"field.empty_{fields[-1]}", parent=parent, where=where)
    return say("field.empty", field=_name(loc), where=where)


def _pattern_message(field: str, where: str, value: Any, pattern: str) -> str:
    key = "field.colour" if "#" in pattern else "field.time" if "[0-5]" in pattern else "field.id"
    message = say(key, field=field, where=where, found=describe(value))
    hint = clock_hint(value) if key == "field.time" else None
    return message + say("field.time_write", time=hint) if hint else message


def clock_hint(value: Any) -> str | None:
    """The HH:MM a clock time was probably meant as: 8.30 (which YAML reads as the number 8.3),
    '8:30' or '8.30' -> '08:30'; None when it does not look like a time at all."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        value = f"{value:.2f}"
    match = re.fullmatch(r"(\d{1,2})[:.](\d\d)", str(value).strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return f"{int(match[1]):02d}:{match[2]}"


@cache
def _json_schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema()


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    for alternative in node.get("anyOf", []):
        if "properties" in alternative or "$ref" in alternative or "items" in alternative:
            return _resolve(alternative, root)
    return node


def allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys `model` accepts at `loc` (for 'did you mean' hints); empty when unknown."""
    root = _json_schema(model)
    node = _resolve(root, root)
    for part in loc:
        if isinstance(part, int):
            node = _resolve(node.get("items", {}), root)
        elif part in node.get("properties", {}):
            node = _resolve(node["properties"][part], root)
        elif isinstance(node.get("additionalProperties"), dict):
            node = _resolve(node["additionalProperties"], root)
        else:
            return []
    return list(node.get("properties", {}))


def friendly_validation_messages(
    exc: ValidationError, data: Any, model: type[BaseModel]
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
            allowed = allowed_keys(model, loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            if close:
                message += say("field.did_you_mean", key=close[0])
            elif allowed:
                message += say("field.allowed", keys=", ".join(allowed))
        if loc and loc[-1] == "[key]":
            loc = loc[:-1]
        yield loc, message, bool(is_key)
