"""Finding the line whose indentation is wrong, which is often not where YAML's parser stops.

A list item indented one space too little (` - id: x` among `  - id: …`) makes the parser fail on
the line after it; a text line indented too little inside a `>-` block fails several lines later.
So when the parser reports a layout error at line L, each of the few content lines before it is
tried at the indentations its neighbours use; the line whose re-indentation lets the parser get
furthest is the one to fix. Only that line's indentation is changed in a trial, and only the text
up to a little past L is parsed, so this costs a few milliseconds per try on content files.
"""

from __future__ import annotations

import re

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

LOOK_BACK = 7  # content lines (the reported one included) that may be to blame
NEIGHBOURS = 4  # lines either side whose indentations are tried (and one or two spaces off)
LOOK_AHEAD = 12  # lines after the reported one that a repair must also get through
MAX_CANDIDATES = 5  # indentations tried per line, nearest first
MIN_STEPS = 5  # indentation increases needed to learn a file's own step
_TOP_KEY = re.compile(r"[A-Za-z_][\w-]*:(\s|$)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _first_error(lines: list[str]) -> float:
    """0-based line of the first syntax error in `lines`, or infinity when they parse."""
    try:
        for _ in YAML(typ="rt").parse("".join(lines)):
            pass
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        return mark.line if mark is not None else 0
    return float("inf")


def _unit(lines: list[str]) -> int:
    """The file's indentation step: the most common increase from one content line to the next."""
    steps: dict[int, int] = {}
    previous = 0
    for line in filter(_is_content, lines):
        indent = _indent(line)
        if indent > previous:
            steps[indent - previous] = steps.get(indent - previous, 0) + 1
        previous = indent
    if sum(steps.values()) < MIN_STEPS:
        return 2  # too few lines to tell: the usual habit
    return max(steps, key=lambda step: steps[step])


def _irregularity(lines: list[str], unit: int) -> int:
    """How many lines break the file's own indentation habit (an odd step, an odd column).

    When re-indenting either of two lines repairs the file equally well (` nl:` at 3 followed by
    `  en:` at 2), the repair that leaves the file most regular points at the line to fix.
    """
    count, previous, opened = 0, 0, False
    for line in filter(_is_content, lines):
        indent = _indent(line)
        count += indent % unit != 0
        count += indent > previous and indent - previous != unit
        count += opened and indent <= previous  # 'name:' with nothing under it
        opened = line.rstrip().endswith(":")
        previous = indent
    return count


def _candidates(lines: list[str], index: int) -> list[int]:
    own = _indent(lines[index])
    window = lines[max(0, index - NEIGHBOURS) : index + NEIGHBOURS + 1]
    found = {_indent(line) for line in window if _is_content(line)}
    found |= {indent for indent in (own - 2, own - 1, own + 1, own + 2) if indent >= 0}  # typos
    found.discard(own)
    return sorted(found, key=lambda indent: abs(indent - own))


def _top_level_start(lines: list[str], before: int) -> int:
    """The last top-level `key:` line at or before `before`: parsing may start there (every
    content file is a mapping at column 0), which keeps each trial parse short."""
    for index in range(min(before, len(lines) - 1), -1, -1):
        if _TOP_KEY.match(lines[index]):
            return index
    return 0


def blame_line(text: str, reported: int) -> int:
    """The 0-based line to point at for a layout error that the parser reported at `reported`."""
    lines = text.splitlines(keepends=True)
    if not 0 <= reported < len(lines):
        return reported
    start = _top_level_start(lines, reported - 2 * LOOK_BACK - NEIGHBOURS)
    return start + _blame(lines[start : reported + LOOK_AHEAD], reported - start, _unit(lines))


def _blame(window: list[str], reported: int, unit: int) -> int:
    best_line, best = reported, (float(reported), 0)
    index, tried = reported, 0
    while index >= 0 and tried < LOOK_BACK:
        if _is_content(window[index]):
            tried += 1
            for indent in _candidates(window, index)[:MAX_CANDIDATES]:
                trial = list(window)
                trial[index] = " " * indent + window[index].lstrip(" ")
                score = (_first_error(trial), -_irregularity(trial, unit))
                if score > best:  # strictly better: the nearer line wins a tie
                    best_line, best = index, score
        index -= 1
    return best_line
