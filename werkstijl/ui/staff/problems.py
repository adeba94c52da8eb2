"""Content problems for people: grouped per file, the first one first, each with a way to it.

"Ga naar regel N" opens a small editor right under the problem: the lines around N with their
numbers (the wrong line marked) and a text box holding just those lines, saved into the draft.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import streamlit as st

from werkstijl.content.editing import Workspace, digest, replace_lines
from werkstijl.ui.staff.auth import current_staff_name
from werkstijl.ui.staff.strings import t
from werkstijl.yamlsrc import Problem

GOTO_KEY = "staff_goto"  # (path, line) of the open line editor
FLASH_KEY = "staff_flash"  # messages that survive the rerun after a save
CONTEXT_LINES = 6  # lines shown above and below the wrong one
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")


def escape(text: str) -> str:
    """Plain text inside Streamlit markdown (messages quote YAML, which is full of * and _)."""
    return _MARKDOWN.sub(r"\\\1", text)


def flash(kind: str, message: str) -> None:
    """Show `message` (st.success/info/warning/error by `kind`) after the coming rerun."""
    st.session_state.setdefault(FLASH_KEY, []).append((kind, message))


def show_flash() -> None:
    for kind, message in st.session_state.pop(FLASH_KEY, []):
        getattr(st, kind)(message)


def grouped(problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    """Problems per file, files in order of path, each file's problems from the top down."""
    groups: dict[str, list[Problem]] = {}
    for problem in sorted(problems):
        groups.setdefault(problem.path, []).append(problem)
    return groups


def _goto(path: str, line: int) -> None:
    st.session_state[GOTO_KEY] = (path, line)


def _close() -> None:
    st.session_state.pop(GOTO_KEY, None)


def show_problems(problems: list[Problem], work: Workspace | None, key: str) -> None:
    """Every problem, per file; with `work`, a 'go to line' for files of the working copy."""
    editable = set(work.files()) if work is not None else set()
    goto = st.session_state.get(GOTO_KEY)
    for path, items in grouped(problems).items():
        st.markdown(f"**{escape(t('file_problems', file=path, count=len(items)))}**")
        for number, problem in enumerate(items):
            where = t("line", line=problem.line, column=problem.column)
            text, button = st.columns([5, 1], vertical_alignment="center")
            text.markdown(f"{escape(where)}: {escape(problem.message)}")
            if path in editable:
                button.button(
                    t("goto_line", line=problem.line),
                    key=f"{key}:{path}:{number}",
                    on_click=_goto,
                    args=(path, problem.line),
                    type="tertiary",
                )
        if work is not None and goto and goto[0] == path and path in editable:
            line_editor(work, path, goto[1])


def numbered(lines: list[str], first: int, marked: int) -> str:
    """Lines with their numbers, the marked one pointed at: '  15 ▶ text'."""
    width = len(str(first + len(lines) - 1))
    return "\n".join(
        f"{number:>{width}} {'▶' if number == marked else ' '} {line}"
        for number, line in enumerate(lines, start=first)
    )


def line_editor(work: Workspace, path: str, line: int) -> None:
    """The lines around `line` of `path`: shown numbered, editable, saved into the draft."""
    text = work.text(path)
    lines = text.splitlines()
    line = min(max(line, 1), max(len(lines), 1))
    first, last = max(1, line - CONTEXT_LINES), min(len(lines), line + CONTEXT_LINES)
    with st.container(border=True):
        st.caption(escape(t("line_editor", file=path, first=first, last=last, line=line)))
        st.code(numbered(lines[first - 1 : last], first, line), language=None, wrap_lines=True)
        base = digest(text)
        with st.form(f"staff_lines:{path}:{first}:{base}"):
            edited = st.text_area(
                t("line_editor_text"),
                "\n".join(lines[first - 1 : last]),
                height=240,
                key=f"staff_lines_text:{path}:{first}:{base}",
            )
            save = st.form_submit_button(t("save"), type="primary")
        st.button(t("close"), key=f"staff_lines_close:{path}", on_click=_close)
    if save:
        _close()
        new_text = replace_lines(text, first, last, edited)
        outcome = work.save(path, new_text, author=current_staff_name(), expected_digest=base)
        report_save(outcome)


def report_save(outcome) -> None:
    """After a save: a message that survives the rerun, then the rerun (the header shows the
    new state of the draft, so it can never be a save behind)."""
    if outcome.conflict:
        st.error(t("conflict"))
        return
    if outcome.unchanged:
        st.info(t("unchanged"))
        return
    flash("success", t("saved_draft"))
    st.rerun()
