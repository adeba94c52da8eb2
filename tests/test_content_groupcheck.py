"""`check` on broken copies of texts/group.yaml: every mistake the group texts can make, as
PATH:LINE:COL, with an example group where one helps."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from werkstijl.content import load_content
from werkstijl.content.wording import message_language

ROOT = Path(__file__).resolve().parents[1]
GROUP = "texts/group.yaml"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for sub in ("profiles", "questions", "tips", "texts"):
        shutil.copytree(ROOT / sub, tmp_path / sub)
    return tmp_path


def edit(root: Path, old: str, new: str) -> None:
    path = root / GROUP
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def where(root: Path, needle: str) -> tuple[int, int]:
    """Line and column (1-based) of the first `needle` in the group file."""
    for number, line in enumerate((root / GROUP).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def problems(root: Path) -> list[str]:
    result = load_content(root)
    assert not result.valid
    return [str(p) for p in result.errors]


def test_the_real_group_texts_are_valid_without_warnings() -> None:
    result = load_content(ROOT)
    assert result.valid, result.errors
    assert [w for w in result.warnings if w.path == GROUP] == []
    assert 60 <= result.content.group.session.minutes <= 90


def test_a_statement_no_group_fits_is_an_error(copy: Path) -> None:
    edit(copy, "when: {balanced: true}", "when: {balanced: true, absent: operator}")
    line, column = where(copy, "when: {balanced: true, absent")
    message = (
        f"{GROUP}:{line}:{column + 6}: mix statement 'balanced' never applies: no group fits all "
        "of 'absent: operator', 'balanced: true' at once; remove a key"
    )
    assert problems(copy) == [message]


def test_a_mix_without_a_statement_is_a_warning_with_an_example(copy: Path) -> None:
    edit(copy, "when: {balanced: true}", "when: {few: operator, dominant: visionair}")
    result = load_content(copy)
    assert result.valid
    [warning] = [str(w) for w in result.warnings if w.path == GROUP]
    assert warning.endswith(
        "a group of 1 Visionair, 1 Operator, 1 Processor gets no text about its mix: add a "
        "statement whose 'when' fits it (for example 'balanced: true', 'absent', 'dominant' or "
        "'few')"
    )


def test_an_agreement_without_a_default_leaves_groups_without_a_proposal(copy: Path) -> None:
    edit(
        copy,
        "      - proposal:\n          nl: >-\n            We beantwoorden mail binnen één werkdag. Wat",
        "      - when: {few: visionair}\n        proposal:\n          nl: >-\n"
        "            We beantwoorden mail binnen één werkdag. Wat",
    )
    line, _ = where(copy, "  - id: reactietijd")
    [message] = problems(copy)
    assert message.startswith(f"{GROUP}:{line + 7}:")  # at 'options:'
    # The smallest group none of the options fits: no 'few: visionair', no dominant profile.
    assert "a group of 1 Visionair, 1 Operator, 0 Processor gets no proposal for agreement" in (
        message
    )


def test_an_option_after_the_default_is_never_proposed(copy: Path) -> None:
    edit(
        copy,
        "      - proposal:\n          nl: >-\n            Wie iets moet doen, staat in ‘Aan’;",
        "      - proposal: {nl: Altijd dit., en: Always this.}\n"
        "      - proposal:\n          nl: >-\n            Wie iets moet doen, staat in ‘Aan’;",
    )
    line, column = where(copy, "- proposal: {nl: Altijd dit.")
    assert problems(copy) == [
        f"{GROUP}:{line + 1}:{column + 2}: option 3 of agreement 'cc' is never proposed: option 2 has "
        "no 'when', so every group gets that one; give option 2 a 'when', or move it to the end"
    ]


def test_an_option_an_earlier_one_always_beats_is_never_proposed(copy: Path) -> None:
    edit(
        copy,
        "      - when: {dominant: processor}\n        proposal:\n          nl: >-\n"
        "            We beantwoorden mail binnen één werkdag. Kost",
        "      - when: {dominant: operator, absent: processor}\n        proposal: {nl: Nooit., "
        "en: Never.}\n      - when: {dominant: processor}\n        proposal:\n          nl: >-\n"
        "            We beantwoorden mail binnen één werkdag. Kost",
    )
    line, column = where(copy, "- when: {dominant: operator, absent: processor}")
    assert problems(copy) == [
        f"{GROUP}:{line}:{column + 2}: option 2 of agreement 'reactietijd' is never proposed: "
        "every group it fits gets option 1 first; move it up, or remove it"
    ]


def test_a_block_without_common_time_for_some_group_is_named_with_that_group(copy: Path) -> None:
    edit(
        copy,
        "Op {focus} plannen we geen overleg: dan zit",
        "Op {mail} plannen we geen overleg: dan zit",
    )
    [message] = problems(copy)
    assert "option 2 of agreement 'focustijd' refers to block '{mail}'" in message
    assert "for a group of 'operator' and 'processor' those blocks have no day and time" in message


def test_a_block_a_profile_lacks_is_named(copy: Path) -> None:
    edit(
        copy,
        "Op {focus} plannen we geen overleg: dan zit",
        "Op {ideeen} plannen we geen overleg: dan zit",
    )
    [message] = problems(copy)
    # A group of only Operators gets option 1, so the first group option 2 reaches is Processors.
    assert (
        "refers to block '{ideeen}', but the week rhythm of profile 'processor' has no block"
        in (message)
    )


def test_times_and_days_written_in_a_group_text_are_errors(copy: Path) -> None:
    edit(copy, "Bedank de groep.", "Bedank de groep om 17:00 op vrijdag.")
    found = problems(copy)
    assert len(found) == 2
    assert all(
        f"{GROUP}:" in p and "times and days live only in the week rhythms" in p for p in found
    )
    assert "'17:00'" in found[0] + found[1] and "'vrijdag'" in found[0] + found[1]


def test_a_time_inside_a_multi_line_text_is_pointed_at_where_it_is_written(copy: Path) -> None:
    edit(copy, "        planning.\n", "        planning om 9:00 op maandag.\n")
    time, day = where(copy, "9:00"), where(copy, "maandag.")
    found = problems(copy)
    assert [p.split(": this text writes ")[0] for p in found] == [
        f"{GROUP}:{time[0]}:{time[1]}",
        f"{GROUP}:{day[0]}:{day[1]}",
    ]


def test_a_session_outside_sixty_to_ninety_minutes_is_an_error(copy: Path) -> None:
    edit(
        copy,
        "    - minutes: 20\n      title: {nl: Afspraken maken",
        "    - minutes: 40\n      title: {nl: Afspraken maken",
    )
    line, column = where(copy, "steps:")
    assert problems(copy) == [
        f"{GROUP}:{line}:{column}: the steps of the session add up to 95 minutes; a session lasts "
        "60 to 90 minutes: shorten or lengthen a step"
    ]


def test_unknown_profiles_and_duplicate_ids(copy: Path) -> None:
    edit(copy, "when: {few: visionair}", "when: {few: procesor}")
    edit(copy, "  - id: few-operator", "  - id: few-visionair")
    found = problems(copy)
    line, column = where(copy, "procesor}")
    assert (
        f"{GROUP}:{line}:{column}: 'when: few' names profile 'procesor', which does not exist; "
        "known profiles: operator, processor, visionair" in found
    )
    assert any("duplicate mix statement id 'few-visionair'" in p for p in found)


def test_an_empty_when_says_what_it_needs(copy: Path) -> None:
    edit(copy, "when: {dominant: visionair}\n    strong", "when: {}\n    strong")
    line, column = where(copy, "when: {}")
    assert problems(copy) == [
        f"{GROUP}:{line}:{column + 6}: 'when' in item 'visionair-dominant': 'when' needs at least "
        "one of absent, dominant, few, balanced, one or several"
    ]


def test_a_missing_group_file_says_how_to_restore_it(copy: Path) -> None:
    (copy / GROUP).unlink()
    assert problems(copy) == [
        f"{GROUP}:1:1: the group report's texts are missing: restore texts/group.yaml"
    ]


def test_messages_are_in_dutch_for_the_staff_pages(copy: Path) -> None:
    edit(copy, "Bedank de groep.", "Bedank de groep om 17:00.")
    with message_language("nl"):
        [message] = problems(copy)
    assert "deze tekst noemt '17:00': tijden en dagen staan alleen in de weekritmes" in message


def test_check_prints_group_problems_as_path_line_col(copy: Path) -> None:
    edit(copy, "dominant_above: 50", "dominant_above: 40")
    done = subprocess.run(
        [sys.executable, "-m", "werkstijl", "check", "--content", str(copy), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 1
    [error] = json.loads(done.stdout)["errors"]
    line, column = where(copy, "dominant_above: 40")
    assert (error["path"], error["line"], error["column"]) == (GROUP, line, column + 16)
    assert "'dominant_above'" in error["message"]


def test_a_text_about_that_one_person_needs_one_in_its_when(copy: Path) -> None:
    edit(copy, "when: {few: operator, one: operator}", "when: {few: operator}")
    line, _column = where(copy, "when: {few: operator}")
    found = problems(copy)
    assert any(
        p.startswith(f"{GROUP}:{line}:")
        and "speaks of one person ('that one Operator')" in p
        and "add 'one: operator' to its 'when'" in p
        for p in found
    ), found


def test_a_session_needs_a_step_for_a_group_of_one(copy: Path) -> None:
    text = (copy / GROUP).read_text(encoding="utf-8")
    text = text.replace(
        "      title: {nl: Opening, en: Opening}\n",
        "      title: {nl: Opening, en: Opening}\n      needs_group: true\n",
    )
    for title in ("Warming-up", "Ieders eerste stap", "Afsluiting"):
        text = text.replace(
            f"title: {{nl: {title}", f"needs_group: true\n      title: {{nl: {title}"
        )
        text = text.replace(
            f"title: {{nl: '{title}", f"needs_group: true\n      title: {{nl: '{title}"
        )
    (copy / GROUP).write_text(text, encoding="utf-8")
    assert any("every step has 'needs_group: true'" in p for p in problems(copy)), problems(copy)
