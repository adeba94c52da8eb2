"""A text starting with a quote gets the right diagnosis; ' #' in an unquoted text is a warning
(marketer walkthrough, findings 3 and 4)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from werkstijl.check import check_all
from werkstijl.content.loader import read_texts
from werkstijl.report.template import DEFAULT_TEMPLATES_DIR
from werkstijl.yamlsrc import comment_cuts, load_text, parse_text

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("text", "column", "fix"),
    [
        ('a:\n  nl: "Dit" is een test\n', 7, "'\"Dit\" is een test'"),
        ('a:\n  nl: "Dit" is: een test\n', 7, "'\"Dit\" is: een test'"),
        ("a:\n  nl: 'Dit' is het\n", 7, "\"'Dit' is het\""),
        ('tips:\n  - title: "Dit" is\n    x: 1\n', 12, "'\"Dit\" is'"),
        ('a:\n  - "Dit" zegt\n', 5, "'\"Dit\" zegt'"),
    ],
)
def test_a_text_starting_with_a_quote_says_to_quote_the_whole_text(text, column, fix) -> None:
    located, [problem] = parse_text("f.yaml", text)
    assert located is None and (problem.line, problem.column) == (2, column)
    assert "starts with a quote" in problem.message and problem.message.endswith(fix)
    assert "indentation" not in problem.message


def test_a_quoted_text_with_a_comment_after_it_is_fine() -> None:
    assert parse_text("f.yaml", "a: \"Dit is\" # goed\nb: 'it''s'\n")[1] == []


def test_a_comment_inside_an_unquoted_text_is_a_warning_at_the_hash() -> None:
    text = "a:\n  nl: Eerst de inbox # daarna de rest\n  n: 5  # percent\nb: >-\n  lang # niet\n"
    located, _ = parse_text("f.yaml", text)
    assert located.data["a"]["nl"] == "Eerst de inbox"  # what YAML makes of it
    [warning] = comment_cuts(located, text)
    assert (warning.line, warning.column) == (2, 22)
    assert "'# daarna de rest'" in warning.message and "quotes" in warning.message


def test_check_warns_about_a_text_cut_short_by_a_comment() -> None:
    texts, _ = read_texts(REPO)
    rel = "texts/site.yaml"
    old = "  nl: De drie minuten werkstijltest\n"
    texts[rel] = texts[rel].replace(old, "  nl: De drie minuten # werkstijltest\n", 1)
    result = check_all(texts, DEFAULT_TEMPLATES_DIR)
    assert result.errors == []
    cut = [w for w in result.warnings if "' #'" in w.message]
    line = texts[rel].splitlines().index("  nl: De drie minuten # werkstijltest") + 1
    assert [(w.path, w.line, w.column) for w in cut] == [(rel, line, 23)]


def test_check_command_prints_the_warning_with_its_place(tmp_path: Path) -> None:
    for sub in ("profiles", "questions", "tips", "texts"):
        subprocess.run(["cp", "-r", str(REPO / sub), str(tmp_path / sub)], check=True)
    site = tmp_path / "texts/site.yaml"
    site.write_text(
        site.read_text().replace("  nl: De drie minuten werkstijltest", "  nl: De drie # minuten")
    )
    run = subprocess.run(
        [sys.executable, "-m", "werkstijl", "check", "--content", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    line = site.read_text().splitlines().index("  nl: De drie # minuten") + 1
    assert f"texts/site.yaml:{line}:15:" in run.stdout + run.stderr, run.stdout + run.stderr


def test_a_value_that_yaml_reads_as_a_comment_says_to_quote_it(tmp_path: Path) -> None:
    for sub in ("profiles", "questions", "tips", "texts"):
        subprocess.run(["cp", "-r", str(REPO / sub), str(tmp_path / sub)], check=True)
    profile = tmp_path / "profiles/processor.yaml"
    lines = profile.read_text().splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if text.startswith("colour:")) + 1
    lines[line - 1] = "colour: #7B3FA0\n"
    profile.write_text("".join(lines))
    run = subprocess.run(
        [sys.executable, "-m", "werkstijl", "check", "--content", str(tmp_path), "--lang", "nl"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    output = (run.stdout + run.stderr).splitlines()
    [problem] = [out for out in output if out.startswith("profiles/")]
    assert run.returncode == 1 and problem.startswith(f"profiles/processor.yaml:{line}:")
    assert "'#' begint in YAML een opmerking" in problem
    assert problem.endswith('zet de waarde tussen aanhalingstekens: colour: "#7B3FA0"')


def test_only_a_value_lost_to_a_comment_gets_the_quote_hint() -> None:
    from werkstijl.content.models import Profile

    text = "id: x\ncolour: #7B3FA0\nname: Tekst # met commentaar\n"
    _, _, problems = load_text("profiles/x.yaml", text, Profile)
    colour = [p for p in problems if p.line == 2]
    assert colour and all('colour: "#7B3FA0"' in p.message for p in colour)
    assert not any("'#' starts a comment" in p.message for p in problems if p.line != 2)
