"""Two ways a text goes wrong without the writer seeing why, found from the source lines.

- A text that starts with a quote (`text: "Dit" is ...`): YAML reads only the quoted part as the
  text and then stumbles over the rest; ruamel's own message is about indentation or ':', which
  sends the writer the wrong way.
- ` #` inside an unquoted text: YAML reads everything from there on as a comment, so the text is
  cut short without any error. Worth a warning: it is valid YAML, and sometimes meant.
- `colour: #7B3FA0`: the whole value is a comment, so the key holds nothing and the model says
  "there is nothing"; the problem there also says why and how to quote it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from werkstijl.yamlsrc.wording import say

if TYPE_CHECKING:
    from werkstijl.yamlsrc.reader import Located, Problem

# `key: "value` or `- "value` (optionally `- key: "value`): where a scalar value starts.
_VALUE_START = re.compile(r"^\s*(?:-\s+)?(?:[^\s\"'#\-][^:#]*:\s+|-\s+)?(?=[\"'])")
_COMMENT = re.compile(r"\s#")
_NOT_PLAIN = "\"'|>[{&*!%@`"
# `key: #value` (optionally in a list item): a value that YAML reads as only a comment.
_KEY_THEN_COMMENT = re.compile(r"^\s*(?:-\s+)?(?P<key>[^\s\"'#\-][^:#]*):\s+(?P<value>#.*?)\s*$")


def _closing_quote(line: str, start: int) -> int | None:
    """Index of the quote that closes the one at `start` on the same line (None: not closed)."""
    quote, i = line[start], start + 1
    while i < len(line):
        if quote == '"' and line[i] == "\\":
            i += 2
            continue
        if line[i] == quote:
            if quote == "'" and line[i + 1 : i + 2] == "'":  # '' is an escaped quote
                i += 2
                continue
            return i
        i += 1
    return None


def quote_start_problem(lines: list[str], line: int) -> tuple[int, str] | None:
    """(0-based column, message) when line `line` (0-based) has a value that starts with a quoted
    part followed by more text, the usual cause of a syntax error there; else None."""
    if not 0 <= line < len(lines):
        return None
    text = lines[line].rstrip("\r\n")
    match = _VALUE_START.match(text)
    if match is None:
        return None
    start = match.end()
    end = _closing_quote(text, start)
    if end is None:
        return None
    after = text[end + 1 :].strip()
    if not after or after[0] in "#,]}":
        return None
    value = _COMMENT.split(text[start:], maxsplit=1)[0].rstrip()
    if text[start] == '"':
        fixed = "'" + value.replace("'", "''") + "'"
    else:
        fixed = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    quoted = text[start : end + 1]
    return start, say("syntax.hint", hint=say("syntax.quote_start", quoted=quoted, fixed=fixed))


def comment_cuts(located: Located, text: str) -> list[Problem]:
    """Warnings for unquoted texts (with a space in them: prose, not ids or numbers) that a ` #`
    on the same line cuts short."""
    lines = text.splitlines()
    found = []
    for loc, (line, column) in sorted(located.values.items(), key=lambda item: item[1]):
        value = _value_at(located.data, loc)
        if not isinstance(value, str) or " " not in value.strip() or line > len(lines):
            continue
        source = lines[line - 1]
        rest = source[column - 1 :]
        if not rest or rest[0] in _NOT_PLAIN:
            continue
        cut = _COMMENT.search(rest)
        if cut is None:
            continue
        message = say("text.comment_cut", comment=rest[cut.start() + 1 :].strip())
        found.append(replace(located.problem(loc, message), column=column + cut.start() + 1))
    return found


def explain_comment_values(problems: list[Problem], text: str) -> list[Problem]:
    """`problems` with a hint added to those on a `key: #...` line: the `#` started a comment, so
    the key holds nothing; quoting the value fixes it."""
    lines = text.splitlines()
    explained = []
    for problem in problems:
        line = lines[problem.line - 1] if 0 < problem.line <= len(lines) else ""
        match = _KEY_THEN_COMMENT.match(line)
        if match is not None:
            key, value = match["key"].strip(), match["value"]
            fixed = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
            hint = say("text.comment_value", key=key, value=value, fixed=f"{key}: {fixed}")
            problem = replace(problem, message=f"{problem.message}: {hint}")
        explained.append(problem)
    return explained


def _value_at(data: object, loc: tuple) -> object:
    for part in loc:
        if (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and part < len(data)
        ):
            data = data[part]
        else:
            return None
    return data


def point_inside(problem: Problem, text: str, words: tuple[str, ...]) -> Problem:
    """`problem` moved from the start of a multi-line text (its `>-` or first line) to the line
    and column inside it where the first of `words` is written; unchanged when not found. A
    clock time is also found as written without its leading zero or with a dot (9.00)."""
    needles = [*words]
    for word in words:
        short = word.lstrip("0") if re.fullmatch(r"\d\d:\d\d", word) else word
        needles += [short, word.replace(":", "."), short.replace(":", ".")]
    lines = text.splitlines()
    first = problem.line - 1
    if not 0 <= first < len(lines):
        return problem
    key_indent = len(lines[first]) - len(lines[first].lstrip(" "))
    index = first
    while index < len(lines):
        line = lines[index]
        if index > first and line.strip() and len(line) - len(line.lstrip(" ")) <= key_indent:
            break  # past the end of this text
        start = problem.column - 1 if index == first else 0
        for needle in needles:
            at = line.lower().find(needle.lower(), start) if needle else -1
            if at >= 0:
                return replace(problem, line=index + 1, column=at + 1)
        index += 1
    return problem
