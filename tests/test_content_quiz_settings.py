"""The `quiz:` block of texts/site.yaml: optional, validated like every other key, and a minimum
no visitor can reach is worth a warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from minicontent import site_yaml, write_mini_content

from werkstijl.check import as_json, check_all
from werkstijl.content import load_content

REPO = Path(__file__).resolve().parents[1]
SETTING_LINE = len(site_yaml().splitlines()) + 2  # the line under "quiz:", after the mini texts


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_mini_content(tmp_path / "content")


def with_quiz(root: Path, block: str) -> Path:
    (root / "texts" / "site.yaml").write_text(site_yaml() + block)
    return root


def test_without_a_quiz_block_the_early_end_is_on_after_six_answers(root: Path) -> None:
    rule = load_content(root).content.site.quiz
    assert (rule.early_end, rule.min_questions) == (True, 6)


def test_the_shipped_content_sets_the_early_end_explicitly() -> None:
    rule = load_content(REPO).content.site.quiz
    assert rule.early_end is True and rule.model_fields_set == {"early_end", "min_questions"}


def test_the_setting_turns_the_early_end_off(root: Path) -> None:
    rule = load_content(with_quiz(root, "quiz:\n  early_end: false\n")).content.site.quiz
    assert rule.early_end is False


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("quiz:\n  min_questions: zes\n", f"texts/site.yaml:{SETTING_LINE}:18: 'min_questions'"),
        ("quiz:\n  min_questions: 0\n", f"texts/site.yaml:{SETTING_LINE}:18: 'min_questions'"),
        (
            "quiz:\n  early_ned: false\n",
            f"texts/site.yaml:{SETTING_LINE}:3: unknown key 'early_ned'",
        ),
        (
            "quiz:\n  early_end: misschien\n",
            f"texts/site.yaml:{SETTING_LINE}:14: 'early_end' should be true or false, found the text 'misschien'",
        ),
    ],
    ids=["text-for-number", "zero", "typo", "not-yes-no"],
)
def test_a_bad_setting_is_an_error_at_its_place(root: Path, block: str, expected: str) -> None:
    result = load_content(with_quiz(root, block))
    assert not result.valid
    assert [str(e)[: len(expected)] for e in result.errors] == [expected]


def test_a_minimum_no_visitor_reaches_is_a_warning_that_says_what_to_do(root: Path) -> None:
    result = check_all(with_quiz(root, "quiz:\n  min_questions: 2\n"), REPO / "pdf_templates")
    assert result.content is not None  # a warning, not an error
    warnings = [w for w in as_json(result)["warnings"] if "min_questions" in w["message"]]
    assert [(w["path"], w["line"], w["column"]) for w in warnings] == [
        ("texts/site.yaml", SETTING_LINE, 18)
    ]
    assert "never ends early" in warnings[0]["message"]
    assert "early_end: false" in warnings[0]["message"]
    # The default minimum (6 > 2 questions) says nothing: the marketer did not ask for it.
    plain = check_all(with_quiz(root, "quiz:\n  early_end: true\n"), REPO / "pdf_templates")
    assert not [w for w in plain.warnings if "min_questions" in w.message]
