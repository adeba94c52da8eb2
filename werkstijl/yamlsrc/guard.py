"""Limits on what the YAML reader accepts, checked while ruamel composes the document.

Content files are small, hand-written texts. Whatever is not (huge files, deep nesting, alias
bombs that expand a few lines into millions of values, merge keys, Python object tags, invisible
control characters) is refused with a located, worded problem before anything is built from it,
so neither `check` nor the app can hang, run out of memory or raise on such a file.

The checks watch the parser's event stream as the composer consumes it (one pass, no second
parse): every node passes through `Guard.see` before ruamel turns it into data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    Event,
    MappingStartEvent,
    ScalarEvent,
)

from werkstijl.yamlsrc.wording import say

MAX_CHARS = 512_000  # the largest content file is ~12 KB: 40 times that is no accident
MAX_DEPTH = 32  # content nests about 6 levels deep
MAX_VALUES = 50_000  # values after expanding aliases; a content file holds a few thousand
MAX_CONTROL_LINES = 20  # a binary file would give thousands; the first few say enough

# The core schema's tags change nothing a marketer could not write without them; every other
# tag (!!python/object/apply, !!set, !!binary, !custom ...) is refused.
_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = {_CORE + name for name in ("str", "int", "float", "bool", "null", "seq", "map")}

# The characters YAML forbids (as ruamel's reader defines them), found here first so that each
# one gets its own line and column instead of an exception with a character offset.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


class Refused(Exception):
    """A document that breaks a limit: 0-based line and column, and the worded message."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def screen_text(text: str) -> list[Refused]:
    """Problems visible in the raw text: its size, and control characters (one per line)."""
    if len(text) > MAX_CHARS:
        return [
            Refused(0, 0, say("limit.too_big", size=len(text) // 1000, limit=MAX_CHARS // 1000))
        ]
    found: list[Refused] = []
    seen_lines: set[int] = set()
    for match in _NOT_PRINTABLE.finditer(text):
        line = text.count("\n", 0, match.start())
        if line in seen_lines:
            continue
        seen_lines.add(line)
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1)
        code = f"U+{ord(match.group()):04X}"
        found.append(Refused(line, column, say("syntax.control_char", code=code)))
        if len(found) >= MAX_CONTROL_LINES:
            break
    return found


def _tag_name(tag: Any) -> str:
    name = str(tag)
    return "!!" + name.removeprefix(_CORE) if name.startswith(_CORE) else name


@dataclass
class _Frame:
    mapping: bool
    anchor: str | None
    size: int = 1  # this node plus everything inside it, aliases expanded
    items: int = 0  # children seen so far (in a mapping: keys and values alternate)

    @property
    def expects_key(self) -> bool:
        return self.mapping and self.items % 2 == 0


@dataclass
class Guard:
    """Follows the events of one document and refuses it as soon as it breaks a limit."""

    stack: list[_Frame] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)  # anchor -> expanded size
    values: int = 0  # values so far, aliases expanded
    last: tuple[int, int] = (0, 0)  # where the latest event started (for unexpected errors)

    def watch(self, get_event: Callable[[], Event]) -> Callable[[], Event]:
        """Wrap a parser's `get_event` so that every event passes through `see`."""

        def checked() -> Event:
            event = get_event()
            self.see(event)
            return event

        return checked

    def see(self, event: Event) -> None:
        mark = event.start_mark
        self.last = (mark.line, mark.column)
        if isinstance(event, CollectionEndEvent):
            self._close()
            return
        if not isinstance(event, CollectionStartEvent | ScalarEvent | AliasEvent):
            return  # stream and document boundaries
        parent = self.stack[-1] if self.stack else None
        if isinstance(event, AliasEvent):
            self._alias(event.anchor, parent)
            return
        self._check_tag(event)
        if parent is not None and parent.expects_key:
            self._check_key(event)
        if isinstance(event, CollectionStartEvent):
            if len(self.stack) >= MAX_DEPTH:
                self._refuse("limit.too_deep", limit=MAX_DEPTH)
            self._count(1)
            self.stack.append(_Frame(isinstance(event, MappingStartEvent), event.anchor))
            return
        self._count(1)
        if event.anchor:
            self.sizes[event.anchor] = 1
        self._add_to(parent, 1)

    def _close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.sizes[frame.anchor] = frame.size
        self._add_to(self.stack[-1] if self.stack else None, frame.size)

    def _alias(self, anchor: str, parent: _Frame | None) -> None:
        if any(frame.anchor == anchor for frame in self.stack):
            self._refuse("limit.alias_loop", name=anchor)
        size = self.sizes.get(anchor, 1)  # an undefined alias: ruamel's composer reports it
        self._count(size)
        self._add_to(parent, size)

    def _check_tag(self, event: Event) -> None:
        tag = getattr(event, "tag", None)
        if tag is not None and str(tag) not in ALLOWED_TAGS:
            self._refuse("syntax.tag", tag=_tag_name(tag))

    def _check_key(self, event: Event) -> None:
        if isinstance(event, CollectionStartEvent):
            self._refuse("syntax.complex_key")
        if isinstance(event, ScalarEvent) and event.value == "<<" and event.style is None:
            self._refuse("syntax.merge_key")

    def _count(self, values: int) -> None:
        self.values += values
        if self.values > MAX_VALUES:
            self._refuse("limit.too_many_values", limit=MAX_VALUES)

    @staticmethod
    def _add_to(parent: _Frame | None, size: int) -> None:
        if parent is not None:
            parent.size += size
            parent.items += 1

    def _refuse(self, key: str, **values: object) -> None:
        raise Refused(*self.last, say(key, **values))
