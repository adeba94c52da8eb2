"""`check` on broken copies of the real content: each new mistake class, as PATH:LINE:COL."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from werkstijl.content import load_content
from werkstijl.content.wording import message_language
from werkstijl.scoring import random_visitor_shares

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for sub in ("profiles", "questions", "tips", "texts"):
        shutil.copytree(ROOT / sub, tmp_path / sub)
    return tmp_path


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def spot(root: Path, rel: str, needle: str) -> str:
    """LINE:COL of `needle` inside a (folded, multi-line) text: where problems about it point."""
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    at = line_of(root, rel, needle)
    return f"{at}:{lines[at - 1].index(needle) + 1}"


def errors(root: Path) -> list[str]:
    result = load_content(root)
    assert not result.valid
    return [str(p) for p in result.errors]


def test_the_real_content_is_valid_without_warnings_and_balanced() -> None:
    result = load_content(ROOT)
    assert result.valid and result.warnings == []
    shares = random_visitor_shares(result.content)
    assert all(0.25 <= share <= 0.42 for share in shares.values()), shares
    assert len(result.content.questions) <= 13  # the three-minute length


def test_a_tip_time_the_rhythm_lacks_is_one_message_naming_every_profile(copy: Path) -> None:
    edit(copy, "tips/email.yaml", "Kijk daartussen\n", "Kijk om 13:30 en daartussen\n")
    line = spot(copy, "tips/email.yaml", "13:30")
    [found] = errors(copy)  # the tip is shown to all three profiles; none has a block at 13:30
    assert found.startswith(
        f"tips/email.yaml:{line}: tip 'vaste-mailmomenten' writes the time 13:30, but no "
        "block in the week rhythm of profile 'visionair' starts or ends then"
    )
    assert found.endswith(
        "(the same for profiles 'operator' and 'processor', which also read this text)"
    )


def test_a_time_range_and_a_day_set_the_rhythm_lacks_are_reported(copy: Path) -> None:
    edit(
        copy,
        "tips/agenda.yaml",
        "Je focusblok ({focus}) is een afspraak met jezelf.",
        "Zet van maandag tot en met donderdag van 9:00 tot 10:00 een afspraak met jezelf.",
    )
    found = errors(copy)
    line = spot(copy, "tips/agenda.yaml", "9:00 tot 10:00")
    assert any(
        e.startswith(
            f"tips/agenda.yaml:{line}: tip 'focusblok-in-de-ochtend' writes "
            "'9:00 tot 10:00', but the week rhythm of profile 'operator' has no block "
            "from 09:00 to 10:00"
        )
        for e in found
    ), found
    assert any("'maandag tot en met donderdag'" in e and "'operator'" in e for e in found)
    # Processor reads its own wording of this tip, which does not say this.
    assert not any("'processor'" in e for e in found)


def test_a_profile_text_is_checked_against_its_own_rhythm(copy: Path) -> None:
    edit(
        copy,
        "profiles/processor.yaml",
        "Wie beslist in plaats van sorteert",
        "Wie om 10:15 beslist",
    )
    [found] = errors(copy)
    assert found.startswith("profiles/processor.yaml:")
    assert "writes the time 10:15" in found and "profile 'processor'" in found


def test_a_reference_to_a_missing_block_is_reported(copy: Path) -> None:
    edit(
        copy,
        "tips/agenda.yaml",
        "eerstvolgende buffer ({buffer})",
        "eerstvolgende buffer ({bufer})",
    )
    line = spot(copy, "tips/agenda.yaml", "{bufer}")
    assert errors(copy) == [
        f"tips/agenda.yaml:{line}: tip 'beslismoment-inplannen' refers to block '{{bufer}}', but "
        "the week rhythm of profile 'processor' has no block with that id; its blocks: "
        "{weekstart}, {focus}, {mail}, {buffer}, {mail-middag}, {weekafsluiting}"
    ]


def test_a_block_a_profile_lacks_is_reported_for_that_profile_only(copy: Path) -> None:
    # {ideeen} exists for the Visionair only; this tip is shown to all three.
    edit(copy, "tips/email.yaml", "Schakel pop-ups,", "Kijk in {ideeen}. Schakel pop-ups,")
    [found] = errors(copy)
    assert "profile 'operator' has no block" in found
    assert found.endswith("(the same for profile 'processor', which also reads this text)")
    assert "visionair" not in found


def test_an_option_whose_highest_points_go_to_another_profile_is_reported(copy: Path) -> None:
    edit(
        copy,
        "questions/questions.yaml",
        "describes: operator\n        scores: {operator: 2}",
        "describes: operator\n        scores: {operator: 1, processor: 2}",
    )
    line = line_of(copy, "questions/questions.yaml", "describes: operator")
    assert errors(copy) == [
        f"questions/questions.yaml:{line}:20: option 1 of question 'nieuwe-mail' describes profile "
        "'operator', but its highest points go to 'processor': give 'operator' the most points, "
        "or change 'describes' to the profile these words are about"
    ]


def test_a_tie_at_the_top_that_includes_the_described_profile_is_accepted(copy: Path) -> None:
    edit(
        copy,
        "questions/questions.yaml",
        "describes: visionair\n        scores: {visionair: 2}",
        "describes: visionair\n        scores: {visionair: 2, operator: 2}",
    )
    assert load_content(copy).errors == []
    edit(
        copy,
        "questions/questions.yaml",
        "describes: visionair\n        scores: {visionair: 2, operator: 2}",
        "describes: visionair\n        scores: {visionair: 1, operator: 2, processor: 2}",
    )
    [found] = errors(copy)
    assert "highest points go to 'operator' or 'processor'" in found


def test_overlapping_and_duplicate_blocks_are_reported(copy: Path) -> None:
    edit(
        copy,
        "profiles/operator.yaml",
        'start: "14:00"\n    end: "14:30"',
        'start: "10:00"\n    end: "10:45"',
    )
    edit(copy, "profiles/visionair.yaml", "- id: ideeen", "- id: focus")
    found = errors(copy)
    assert any("block 'buffer' overlaps block 'focus' on every weekday" in e for e in found)
    with message_language("nl"):
        dutch = errors(copy)
    assert any("blok 'buffer' overlapt met blok 'focus' op elke werkdag" in e for e in dutch)
    assert any("block 'buffer' overlaps block 'mail'" in e for e in found)
    assert any(
        e.startswith("profiles/visionair.yaml:") and "block id 'focus' is used twice" in e
        for e in found
    )


def test_a_start_plan_tip_that_does_not_exist_or_has_no_place_in_the_week(copy: Path) -> None:
    edit(
        copy,
        "profiles/operator.yaml",
        "first_step: focusblok-in-de-ochtend",
        "first_step: focusblok",
    )
    edit(
        copy, "profiles/processor.yaml", "then: [tijdslimiet-per-mail,", "then: [mailmeldingen-uit,"
    )
    found = errors(copy)
    assert any(
        e.startswith("profiles/operator.yaml:")
        and "names tip 'focusblok', which does not exist" in e
        for e in found
    )
    assert any(
        "tip 'mailmeldingen-uit', whose text refers to no block" in e and "'processor'" in e
        for e in found
    )


def test_a_close_first_step_must_suit_the_runner_up_too(copy: Path) -> None:
    edit(
        copy,
        "profiles/visionair.yaml",
        "operator: ja-zeggen-na-een-nacht",
        "operator: denkblok-voor-ideeen",
    )
    found = errors(copy)
    assert any(
        "strong 'operator' side, tip 'denkblok-voor-ideeen', is not for profile 'operator'" in e
        for e in found
    )


def test_the_mail_must_name_the_first_step(copy: Path) -> None:
    edit(copy, "texts/site.yaml", "    {first_step}\n", "    (zie je PDF)\n")
    found = errors(copy)
    assert len(found) == 1 and "'mail_body' has no {first_step}" in found[0]
    assert found[0].startswith("texts/site.yaml:")


def test_a_mail_without_the_start_date_is_warned_about(copy: Path) -> None:
    # Finding (visitor try, 1): the mail must name the Monday the page and the PDF name.
    edit(copy, "texts/site.yaml", "Jouw eerste stap, vanaf {start}:", "Jouw eerste stap:")
    result = load_content(copy)
    assert result.errors == []
    found = [str(w) for w in result.warnings]
    assert len(found) == 1 and "'mail_body' has no {start}" in found[0]


def test_a_trainers_mail_without_the_start_date_is_warned_about_at_its_key(copy: Path) -> None:
    # The training mail is indented under training_mail: six spaces, unlike mail_body's four.
    edit(
        copy, "texts/site.yaml", "      Jouw eerste stap, vanaf {start}:", "      Jouw eerste stap:"
    )
    result = load_content(copy)
    assert result.errors == []
    found = [str(w) for w in result.warnings]
    assert len(found) == 1 and "'training_mail.body' has no {start}" in found[0]


def test_check_prints_each_new_mistake_on_its_own_line_and_exits_1(copy: Path) -> None:
    edit(copy, "tips/agenda.yaml", "naar je buffer ({buffer})", "naar je buffer ({bufer})")
    edit(
        copy,
        "questions/questions.yaml",
        "describes: operator\n        scores: {operator: 2}",
        "describes: operator\n        scores: {processor: 2}",
    )
    done = subprocess.run(
        [sys.executable, "-m", "werkstijl", "check", "--content", str(copy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert any(
        line.startswith("questions/questions.yaml:") and "describes" in line for line in lines
    )
    assert any(line.startswith("tips/agenda.yaml:") and "'{bufer}'" in line for line in lines)


def test_tips_call_the_week_start_and_close_by_the_names_the_week_rhythm_gives_them() -> None:
    """A tip says "in je weekstart ({weekstart})": the PDF's week rhythm of every profile that
    reads it must call that block "Weekstart", not "Weekplan" (one name for one block)."""
    import re

    content = load_content(Path(__file__).resolve().parents[1]).content
    assert content is not None
    pattern = {
        "nl": re.compile(r"\bje (\w+) \(\{(weekstart|weekafsluiting)\}\)"),
        "en": re.compile(r"\byour (week \w+) \(\{(weekstart|weekafsluiting)\}\)"),
    }
    checked = 0
    for tip in (t for tips in content.tips.values() for t in tips):
        for profile in content.profiles:
            text = tip.wording(profile.id)[1]
            for lang in ("nl", "en"):
                for words, block_id in pattern[lang].findall(getattr(text, lang) or ""):
                    title = getattr(profile.block(block_id).title, lang)
                    assert title.split(":")[0].casefold() == words.casefold(), (tip.id, title)
                    checked += 1
    assert checked >= 6
