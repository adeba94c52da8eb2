"""One mistake in one content file is said once, at its root: checks that depend on a file that
could not be read or validated are skipped, whatever kind of file it is (marketer walkthrough)."""

from __future__ import annotations

from pathlib import Path

import pytest

from werkstijl.check import check_all
from werkstijl.content.loader import read_texts
from werkstijl.report.template import DEFAULT_TEMPLATES_DIR

ROOT = Path(__file__).resolve().parents[1]
TEXTS, _ = read_texts(ROOT)


def errors_after(rel: str, old: str, new: str) -> list[str]:
    assert old in TEXTS[rel], f"{old!r} is no longer in {rel}: pick another line"
    texts = {**TEXTS, rel: TEXTS[rel].replace(old, new, 1)}
    return [str(p) for p in check_all(texts, DEFAULT_TEMPLATES_DIR).errors]


def test_the_real_content_has_no_errors() -> None:
    assert check_all(TEXTS, DEFAULT_TEMPLATES_DIR).errors == []


# An unquoted ': ' inside a value: the file is no longer YAML.
COLON_CASES = [
    ("profiles/operator.yaml", "id: operator\n", "id: operator: de doener\n"),
    ("profiles/operator.yaml", "  - id: weekstart\n", "  - id: weekstart: maandag\n"),
    ("questions/questions.yaml", "  - id: ", "  - id: vraag: "),
    ("tips/email.yaml", "  - id: mailmeldingen-uit\n", "  - id: mailmeldingen: uit\n"),
    ("tips/agenda.yaml", "category: agenda\n", "category: agenda: week\n"),
    ("texts/site.yaml", "  nl: De drie minuten werkstijltest\n", "  nl: De drie: minuten\n"),
    ("texts/group.yaml", "  - id: balanced\n", "  - id: balanced: mix\n"),
]


@pytest.mark.parametrize(("rel", "old", "new"), COLON_CASES, ids=[c[0] for c in COLON_CASES])
def test_one_unquoted_colon_gives_exactly_one_message(rel: str, old: str, new: str) -> None:
    errors = errors_after(rel, old, new)
    assert len(errors) == 1, errors
    assert errors[0].startswith(rel + ":") and "quotes" in errors[0]


# A value of the wrong type: the file is YAML but not valid; only its own problems are said.
TYPE_CASES = [
    ("profiles/operator.yaml", "id: operator\n", "id: [operator]\n"),
    ("profiles/operator.yaml", 'start: "08:30"', "start: [8, 30]"),
    ("tips/email.yaml", "  - id: mailmeldingen-uit\n", "  - id: {mailmeldingen: uit}\n"),
    ("tips/agenda.yaml", "category: agenda\n", "category: [agenda]\n"),
    ("texts/group.yaml", "  - id: balanced\n", "  - id: [balanced]\n"),
]


@pytest.mark.parametrize(("rel", "old", "new"), TYPE_CASES, ids=[c[0] for c in TYPE_CASES])
def test_a_wrong_type_gives_messages_about_its_own_file_only(rel: str, old: str, new: str) -> None:
    errors = errors_after(rel, old, new)
    assert errors and all(e.startswith(rel + ":") for e in errors), errors
