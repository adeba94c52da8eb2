"""The YAML reader refuses what content files never need, always as one PATH:LINE:COL problem."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from minicontent import tips_yaml, write_mini_content

from werkstijl.content import load_content
from werkstijl.yamlsrc import parse_text
from werkstijl.yamlsrc.guard import MAX_CHARS, MAX_DEPTH

REPO = Path(__file__).resolve().parents[1]


def alias_bomb(levels: int = 9) -> str:
    """Nine anchors, each a list of nine aliases of the one before: 9**9 values when expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


REFUSED = {
    "control character": ('id: a\nname: {nl: "x\x01y"}\n', 2, 14, "control character (U+0001)"),
    "merge key": ("id: a\n<<: {b: 1}\n", 2, 1, "'<<' (a YAML merge key)"),
    "python object": (
        "id: !!python/object/apply:os.system ['true']\n",
        1,
        5,
        "the tag '!!python/object/apply:os.system' is not allowed",
    ),
    "custom tag": ("id: !secret x\n", 1, 5, "the tag '!secret' is not allowed"),
    "set": ("ids: !!set {a, b}\n", 1, 6, "the tag '!!set' is not allowed"),
    "list as key": ("? [a, b]\n: 1\n", 1, 3, "a key must be a single word"),
    "alias loop": ("a: &a [x, *a]\n", 1, 11, "endless loop"),
    "alias bomb": (alias_bomb(), 5, None, "expand to more than"),  # 9**5 > MAX_VALUES
    "deep nesting": (
        "a: " + "[" * 200 + "]" * 200 + "\n",
        1,
        3 + MAX_DEPTH,
        "nested more than",
    ),  # the file itself is level 1
    "too big": ("a: " + "x" * MAX_CHARS + "\n", 1, 1, "a content file may be at most"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_what_content_never_needs_is_one_located_problem(name: str) -> None:
    text, line, column, words = REFUSED[name]
    located, problems = parse_text("tips/email.yaml", text)
    assert located is None
    assert len(problems) == 1, problems
    problem = problems[0]
    assert (problem.path, problem.line) == ("tips/email.yaml", line), problem
    assert column is None or problem.column == column, problem
    assert words in problem.message


def test_every_line_with_a_control_character_is_named() -> None:
    located, problems = parse_text("x.yaml", "a: \x01\nb: ok\nc: \x02 and \x03\n")
    assert located is None
    assert [(p.line, p.column) for p in problems] == [(1, 4), (3, 4)]


def test_tags_that_change_nothing_are_still_accepted() -> None:
    located, problems = parse_text("x.yaml", "start: !!str 09:30\nn: !!int 3\n")
    assert problems == []
    assert located is not None and located.data == {"start": "09:30", "n": 3}


def test_a_date_written_without_quotes_stays_the_text_it_was() -> None:
    located, _ = parse_text("x.yaml", "title: 2025-01-31\n")
    assert located is not None and located.data == {"title": "2025-01-31"}


def test_an_alias_bomb_in_check_ends_at_once_with_its_location(tmp_path: Path) -> None:
    content = write_mini_content(tmp_path / "content")
    (content / "tips" / "email.yaml").write_text(alias_bomb(), encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "werkstijl", "check", "--content", str(content)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,  # before the guard this ran for minutes or died of MemoryError
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 1, done.stderr
    first = done.stderr.splitlines()[0]
    assert first.startswith("tips/email.yaml:5:") and "expand to more than" in first
    assert "Traceback" not in done.stderr
    print(f"check on an alias bomb: {elapsed:.2f} s (process start included)")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: a\ntitle: {nl: x}\ntags: !!python/object/apply:os.system ['true']\n", 3),
        ("id: a\nname: x\x01\n", 2),
        ("id: a\n<<: {b: 1}\n", 2),
    ],
)
def test_a_broken_tip_file_is_reported_by_the_loader_not_raised(
    tmp_path: Path, text: str, expected: int
) -> None:
    content = write_mini_content(tmp_path / "content")
    (content / "tips" / "email.yaml").write_text(text, encoding="utf-8")
    result = load_content(content)
    assert not result.valid
    assert [(p.path, p.line) for p in result.errors if p.path == "tips/email.yaml"] == [
        ("tips/email.yaml", expected)
    ]


# --- Indentation errors point at the line that is wrong, not where the parser gave up ---

TIPS = tips_yaml("email")


def _reindent(text: str, line: int, spaces: int) -> str:
    lines = text.splitlines(keepends=True)
    lines[line - 1] = " " * spaces + lines[line - 1].lstrip(" ")
    return "".join(lines)


def _tip_line(text: str, startswith: str) -> int:
    return next(
        n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith(startswith)
    )


def test_a_list_item_indented_too_little_is_blamed_itself() -> None:
    shipped = (REPO / "tips" / "email.yaml").read_text(encoding="utf-8")
    item = _tip_line(shipped, "- id:")
    broken = _reindent(shipped, item, 1)  # " - id: …" among "  - id: …"
    _, problems = parse_text("tips/email.yaml", broken)
    assert [(p.line, p.column) for p in problems] == [(item, 2)]
    assert "indentation" in problems[0].message


def test_a_text_line_indented_too_little_inside_a_block_is_blamed_itself() -> None:
    shipped = (REPO / "tips" / "email.yaml").read_text(encoding="utf-8")
    lines = shipped.splitlines()
    folded = next(n for n, line in enumerate(lines, 1) if line.rstrip().endswith(">-"))
    text_line = folded + 1
    broken = _reindent(shipped, text_line, len(lines[folded - 1]) - len(lines[folded - 1].lstrip()))
    _, problems = parse_text("tips/email.yaml", broken)
    assert [p.line for p in problems] == [text_line]


def test_of_two_lines_that_disagree_the_one_off_the_files_habit_is_blamed() -> None:
    text = "id: a\nname:\n   nl: A\n  en: A\norder: 1\n"  # 'nl' at 3 where the file uses 2
    _, problems = parse_text("profiles/a.yaml", text)
    assert [(p.line, p.column) for p in problems] == [(3, 4)]


def test_an_unquoted_colon_in_a_text_stays_on_its_own_line() -> None:
    text = "id: a\nname:\n  nl: Kijk: zo\n  en: A\n"
    _, problems = parse_text("profiles/a.yaml", text)
    assert [(p.line, p.column) for p in problems] == [(3, 11)]
    assert "':'" in problems[0].message


def test_a_change_that_cannot_be_made_in_place_says_why_in_the_chosen_language() -> None:
    from werkstijl.yamlsrc.splice import SpliceError, set_values
    from werkstijl.yamlsrc.wording import message_language

    for lang, words in (("nl", "geen plek voor b.c"), ("en", "no place for b.c")):
        with message_language(lang), pytest.raises(SpliceError) as refused:
            set_values("a: 1\n", {("b", "c"): "x"})
        assert str(refused.value) == words
    with message_language("nl"), pytest.raises(SpliceError) as refused:
        set_values("a: |\n  x\n", {("a",): " begin\neind "})
    assert str(refused.value) == "spaties aan het begin of eind van een regel in een bloktekst"
