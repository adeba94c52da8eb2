"""Each class of content mistake is reported as PATH:LINE:COL with a plain message."""

from __future__ import annotations

from pathlib import Path

import pytest
from minicontent import QUESTIONS, site_yaml, tips_yaml, write_mini_content

from werkstijl.content import load_content


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_mini_content(tmp_path / "content")


def errors_after(root: Path, rel: str, text: str) -> list[str]:
    (root / rel).write_text(text)
    result = load_content(root)
    assert not result.valid
    return [str(p) for p in result.errors]


def test_mini_content_is_valid_without_warnings(root: Path) -> None:
    result = load_content(root)
    assert result.valid and result.errors == [] and result.warnings == []
    assert [p.id for p in result.content.profiles] == ["alpha", "beta", "gamma"]
    assert [t.priority for t in result.content.tips_for("beta", "agenda")] == [1, 2, 3]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    text: {nl: Vraag een",
            "\ttext: {nl: Vraag een",
            "questions.yaml:3:1: YAML syntax: a tab",
        ),
        (
            "        scores: {beta: 1}\n      - text: {nl: C",
            "         scores: {beta: 1}\n      - text: {nl: C",
            "questions.yaml:10:16: YAML syntax: a ':' where none is expected",
        ),
        (
            "{nl: Vraag twee",
            "{nl: 'Vraag twee",
            "questions.yaml:15:16: YAML syntax: a quote is opened",
        ),
        (
            "id: q-two",
            "id: q-one",
            "questions.yaml:14:9: duplicate question id 'q-one': also used "
            "at questions/questions.yaml:2",
        ),
    ],
    ids=["tab", "bad-indentation", "unclosed-quote", "duplicate-id"],
)
def test_syntax_and_duplicate_mistakes_point_at_the_spot(root, old, new, expected) -> None:
    errors = errors_after(root, "questions/questions.yaml", QUESTIONS.replace(old, new, 1))
    assert any(e.startswith("questions/" + expected) for e in errors), errors


def test_missing_required_field_names_the_field_and_the_item(root: Path) -> None:
    text = QUESTIONS.replace("    text: {nl: Vraag een, en: Question one}\n", "")
    assert errors_after(root, "questions/questions.yaml", text) == [
        "questions/questions.yaml:2:5: 'text' is missing in question 'q-one': add it"
    ]


def test_wrong_type_says_what_was_expected_and_found(root: Path) -> None:
    text = tips_yaml("email").replace("priority: 1", "priority: hoog", 1)
    assert errors_after(root, "tips/email.yaml", text) == [
        "tips/email.yaml:7:15: 'priority' in tip 'email-alpha-0' should be a whole number, "
        "found the text 'hoog'"
    ]


def test_unknown_key_suggests_the_intended_one(root: Path) -> None:
    text = QUESTIONS.replace("    text: {nl: Vraag een", "    txet: {nl: Vraag een")
    errors = errors_after(root, "questions/questions.yaml", text)
    assert (
        "questions/questions.yaml:3:5: unknown key 'txet' in question 'q-one': did you mean 'text'?"
    ) in errors


def test_duplicate_yaml_key_is_reported_at_the_second_key(root: Path) -> None:
    text = tips_yaml("email").replace("category: email", "category: email\ncategory: agenda")
    assert errors_after(root, "tips/email.yaml", text) == [
        "tips/email.yaml:2:1: YAML syntax: this key appears twice in the same block: "
        "remove or rename one of them (checks that depend on this file were skipped until it "
        "can be read)"
    ]


def test_unknown_profile_reference_lists_the_known_profiles(root: Path) -> None:
    text = tips_yaml("email").replace("profiles: [alpha]", "profiles: [alpah]", 1)
    assert errors_after(root, "tips/email.yaml", text) == [
        "tips/email.yaml:6:16: tip 'email-alpha-0' names profile 'alpah', which does not exist; "
        "known profiles: alpha, beta, gamma"
    ]


def test_unknown_profile_in_option_scores_points_at_the_key(root: Path) -> None:
    text = QUESTIONS.replace("scores: {alpha: 1}", "scores: {alfa: 1}", 1)
    assert errors_after(root, "questions/questions.yaml", text) == [
        "questions/questions.yaml:7:18: option 1 of question 'q-one' names profile 'alfa', "
        "which does not exist; known profiles: alpha, beta, gamma"
    ]


def test_empty_text_is_refused(root: Path) -> None:
    text = QUESTIONS.replace("{nl: Vraag een,", "{nl: '',")
    assert errors_after(root, "questions/questions.yaml", text) == [
        "questions/questions.yaml:3:16: the Dutch text of 'text' in question 'q-one' is empty: "
        "write it"
    ]


def test_missing_dutch_is_an_error_and_missing_english_a_warning(root: Path) -> None:
    errors = errors_after(
        root,
        "questions/questions.yaml",
        QUESTIONS.replace("{nl: Vraag een, en: Question one}", "{en: Question one}"),
    )
    assert errors == [
        "questions/questions.yaml:3:11: the Dutch text ('nl') in question 'q-one' is "
        "missing: every text needs a Dutch version"
    ]
    (root / "questions/questions.yaml").write_text(
        QUESTIONS.replace("{nl: Vraag een, en: Question one}", "{nl: Vraag een}")
    )
    result = load_content(root)
    assert result.valid
    assert [str(w) for w in result.warnings] == [
        "questions/questions.yaml:3:11: no English text ('en'): English visitors will see the Dutch text"
    ]
    assert result.content.questions[0].text.get("en") == "Vraag een"


@pytest.mark.parametrize("scores", ["{}", "{alpha: 0}"])
def test_option_without_score_is_refused(root: Path, scores: str) -> None:
    errors = errors_after(
        root,
        "questions/questions.yaml",
        QUESTIONS.replace("scores: {alpha: 1}", f"scores: {scores}", 1),
    )
    assert len(errors) == 1 and errors[0].startswith("questions/questions.yaml:7:17: ")
    assert "option 1 of question 'q-one'" in errors[0] and "points" in errors[0]


def test_question_with_one_option_is_refused(root: Path) -> None:
    text = QUESTIONS.replace(
        "      - text: {nl: B, en: B}\n        describes: beta\n        scores: {beta: 1}\n"
        "      - text: {nl: C, en: C}\n        describes: gamma\n        scores: {gamma: 1}\n",
        "",
        1,
    )
    assert errors_after(root, "questions/questions.yaml", text) == [
        "questions/questions.yaml:5:7: question 'q-one' has 1 option: a question needs at least 2"
    ]


def test_every_problem_of_the_run_is_reported_not_just_the_first(root: Path) -> None:
    (root / "tips/agenda.yaml").write_text(tips_yaml("agenda").replace("\n  - id", "\n\t- id", 1))
    (root / "texts/site.yaml").write_text(site_yaml().replace("title:", "titel:"))
    text = QUESTIONS.replace("scores: {beta: 1}", "scores: {beta: x}", 1)
    errors = errors_after(root, "questions/questions.yaml", text)
    assert {e.split(":")[0] for e in errors} == {
        "questions/questions.yaml",
        "tips/agenda.yaml",
        "texts/site.yaml",
    }


def test_a_broken_profile_file_does_not_cascade_into_reference_errors(root: Path) -> None:
    errors = errors_after(
        root,
        "profiles/alpha.yaml",
        (root / "profiles/alpha.yaml").read_text().replace("order: 1", "order: x"),
    )
    assert len(errors) == 1 and errors[0].startswith("profiles/alpha.yaml:2:8:")


def test_an_unreadable_profile_gives_one_message_not_one_per_reference(root: Path) -> None:
    text = (root / "profiles/alpha.yaml").read_text()
    broken = text.replace("tagline: {nl: 'alpha nl'", "tagline: {nl: alpha: nl", 1)
    assert broken != text
    errors = errors_after(root, "profiles/alpha.yaml", broken)
    assert len(errors) == 1, errors  # not one more per option or tip that names 'alpha'
    assert errors[0].startswith("profiles/alpha.yaml:5:")
    assert "checks that depend on this file were skipped" in errors[0]


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("8.30", "YAML reads 8.3 as a number, not a time"),
        ("8:30", "should be a time like 09:30, found the text '8:30'"),
        ('"8.30"', "should be a time like 09:30, found the text '8.30'"),
    ],
)
def test_a_clock_time_written_another_way_says_how_to_write_it(written, found) -> None:
    from werkstijl.check import check_all
    from werkstijl.content.loader import read_texts
    from werkstijl.report.template import DEFAULT_TEMPLATES_DIR

    texts, _ = read_texts(Path(__file__).resolve().parents[1])
    rel = "profiles/operator.yaml"
    assert 'start: "08:30"' in texts[rel]
    texts[rel] = texts[rel].replace('start: "08:30"', f"start: {written}", 1)
    [problem] = check_all(texts, DEFAULT_TEMPLATES_DIR).errors
    assert found in problem.message
    assert problem.message.endswith('write "08:30" (two digits, a colon, in quotes)')
