"""Faithful edits: change one value in a YAML text and leave every other byte as it was.

A form in the studio changes a few values (a tip's title, a profile's tagline). Dumping the whole
document again would re-wrap texts, drop quotes and move lines that error messages point at, so
instead the value's exact span is found from the parser's marks and only that span is rewritten,
in the value's own style where it can hold the new text (plain, quoted, or a `>-`/`|` block
wrapped like the original). Every change is read back through the parser: if the new text would
not come out as the intended value, a double-quoted scalar (which can hold anything) is used.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    ScalarEvent,
)

from werkstijl.yamlsrc.reader import Loc, parse_text
from werkstijl.yamlsrc.wording import say

WRAP_DEFAULT = 100  # width for a block text when the original gives no hint
_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`")


class SpliceError(ValueError):
    """The change cannot be made in place (no such place, or an unusual layout)."""


@dataclass
class Node:
    """Where one node sits in the text (character offsets) and how it is written."""

    start: int
    end: int
    style: str | None = None  # scalars: None (plain), "'", '"', ">" or "|"
    flow: bool = False  # collections: written as {…} / […]
    key_start: int | None = None  # mapping values: where their key starts
    key_column: int = 0
    children: list[str | int] = field(default_factory=list)


def _index(text: str) -> dict[Loc, Node]:
    """Every node by its location, from the parser's events."""
    nodes: dict[Loc, Node] = {}
    stack: list[tuple[Loc, bool, list]] = []  # (location, is mapping, [pending key, key mark])
    try:
        events = list(YAML(typ="rt").parse(text))
    except YAMLError as exc:
        raise SpliceError(say("splice.unreadable", problem=exc)) from exc
    for event in events:
        if isinstance(event, CollectionEndEvent):
            loc, _, _ = stack.pop()
            nodes[loc].end = event.end_mark.index
            continue
        if not isinstance(event, ScalarEvent | CollectionStartEvent | AliasEvent):
            continue
        if stack and stack[-1][1] and stack[-1][2][0] is None:  # a mapping key
            if not isinstance(event, ScalarEvent):
                raise SpliceError(say("splice.plain_keys"))
            stack[-1][2][:] = [event.value, event.start_mark]
            continue
        loc, node = _place(event, stack, nodes)
        nodes[loc] = node
        if isinstance(event, CollectionStartEvent):
            node.flow = bool(event.flow_style)
            stack.append((loc, isinstance(event, MappingStartEvent), [None, None]))
    return nodes


def _place(event, stack: list, nodes: dict[Loc, Node]) -> tuple[Loc, Node]:
    node = Node(event.start_mark.index, event.end_mark.index, getattr(event, "style", None))
    if not stack:
        return (), node
    parent_loc, is_mapping, pending = stack[-1]
    parent = nodes[parent_loc]
    if is_mapping:
        key, mark = pending
        pending[:] = [None, None]
        node.key_start, node.key_column = mark.index, mark.column
        parent.children.append(key)
        return (*parent_loc, key), node
    parent.children.append(len(parent.children))
    return (*parent_loc, len(parent.children) - 1), node


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _after_line(text: str, index: int) -> int:
    """The start of the line after the one holding `index` (the end of the text at most)."""
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _content_end(text: str, node: Node) -> int:
    """The end of a node's own characters (block texts end after their trailing blank lines)."""
    return len(text[: node.end].rstrip())


def _double_quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _plain_ok(value: str, flow: bool) -> bool:
    if not value or value != value.strip() or "\n" in value or value[0] in _PLAIN_START:
        return False
    if ": " in value or " #" in value or value.endswith(":") or "\t" in value:
        return False
    return not (flow and any(c in value for c in ",[]{}"))


def _block_lines(value: str, indent: str, width: int, literal: bool) -> list[str]:
    """The lines of a block text: a `|` text line by line, a `>` text wrapped at `width`."""
    paragraphs = value.split("\n")
    if any(p != p.strip() for p in paragraphs):
        raise SpliceError(say("splice.block_spaces"))
    if literal:
        return [indent + p if p else "" for p in paragraphs]
    lines: list[str] = []
    for number, paragraph in enumerate(paragraphs):
        if number:
            lines.append("")  # a folded text marks a line break with a blank line
        wrapped = textwrap.wrap(
            paragraph,
            width=max(width, 40),
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.extend(wrapped or [""])
    return lines


def _block(text: str, node: Node, value: str) -> str:
    """`value` as a block text with the original's header, indentation and line width."""
    header, _, body = text[node.start : node.end].partition("\n")
    lines = [line for line in body.splitlines() if line.strip()]
    indent = " " * (len(lines[0]) - len(lines[0].lstrip())) if lines else "  "
    width = max((len(line) for line in lines), default=WRAP_DEFAULT)
    literal = header.lstrip().startswith("|")
    return header + "\n" + "\n".join(_block_lines(value, indent, width, literal))


def _new_block(value: str, column: int) -> str:
    """A multi-line text where the original was a one-line scalar: a `>-` block."""
    return ">-\n" + "\n".join(_block_lines(value, " " * (column + 2), WRAP_DEFAULT, False))


def _render(text: str, node: Node, value: str | int, flow: bool, quoted: bool) -> str:
    """The new characters for a scalar node, in its own style unless `quoted` is forced."""
    if isinstance(value, int):
        return str(value)
    if quoted:
        return _double_quoted(value)
    if node.style in (">", "|"):
        return _block(text, node, value)
    if node.style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if node.style is None and _plain_ok(value, flow):
        return value
    if "\n" in value and not flow:
        return _new_block(value, node.key_column)
    return _double_quoted(value)


def _replace(text: str, loc: Loc, value: str | int, quoted: bool) -> str:
    nodes = _index(text)
    node = nodes.get(loc)
    if node is None:
        return _add(text, nodes, loc, value, quoted)
    if node.style is None and node.end == node.start and not isinstance(value, int):
        raise SpliceError(say("splice.empty_value"))
    flow = nodes[loc[:-1]].flow if loc else False
    new = _render(text, node, value, flow, quoted)
    end = _content_end(text, node) if node.style in (">", "|") else node.end
    if node.style in (">", "|") and not new.endswith("\n"):
        new += "\n"  # the original's own trailing newline, before its blank lines
        end = _after_line(text, end - 1) if end < len(text) else end
    return text[: node.start] + new + text[end:]


def _add(text: str, nodes: dict[Loc, Node], loc: Loc, value: str | int, quoted: bool) -> str:
    parent = nodes.get(loc[:-1])
    if parent is None or not loc or not isinstance(loc[-1], str) or not parent.children:
        raise SpliceError(say("splice.no_place", key=".".join(map(str, loc))))
    siblings = [nodes[(*loc[:-1], key)] for key in parent.children]
    last = siblings[-1]
    if parent.flow:
        rendered = _render(text, Node(0, 0), value, True, quoted)
        closing = parent.end - 1  # the '}'
        return text[:closing] + f", {loc[-1]}: {rendered}" + text[closing:]
    column = siblings[0].key_column
    rendered = _render(text, Node(0, 0, key_column=column), value, False, quoted)
    at = _after_line(text, _content_end(text, last) - 1)
    line = " " * column + f"{loc[-1]}: {rendered}\n"
    return text[:at] + ("" if text[:at].endswith("\n") else "\n") + line + text[at:]


def _remove(text: str, loc: Loc) -> str:
    nodes = _index(text)
    node, parent = nodes.get(loc), nodes.get(loc[:-1])
    if node is None or parent is None or node.key_start is None:
        return text  # nothing to remove
    if parent.flow:
        keys = parent.children
        position = keys.index(loc[-1])
        if position > 0:  # from the end of the previous value: ", en: z"
            start = nodes[(*loc[:-1], keys[position - 1])].end
            return text[:start] + text[node.end :]
        following = nodes[(*loc[:-1], keys[1])].key_start if len(keys) > 1 else node.end
        return text[: node.key_start] + text[following:]
    start = _line_start(text, node.key_start)
    end = _after_line(text, _content_end(text, node) - 1)
    return text[:start] + text[end:]


def _value_at(text: str, loc: Loc) -> object:
    located, problems = parse_text("edit", text)
    if located is None:
        return SpliceError(problems[0].message if problems else "unreadable")
    node = located.data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _same(found: object, value: str | int | None) -> bool:
    if value is None or isinstance(value, int):
        return found == value
    return isinstance(found, str) and found.rstrip("\n") == value


def set_values(text: str, changes: Mapping[Loc, str | int | None]) -> str:
    """`text` with each location set to its value (None: remove the key), nothing else changed.

    Raises SpliceError when a change cannot be made in place.
    """
    for loc, value in changes.items():
        if _same(_value_at(text, loc), value):
            continue
        if value is None:
            text = _remove(text, loc)
            continue
        for quoted in (False, True):
            changed = _replace(text, loc, value, quoted)
            if _same(_value_at(changed, loc), value):
                text = changed
                break
        else:
            raise SpliceError(say("splice.not_in_place", key=".".join(map(str, loc))))
    return text
