"""Content edits from the staff pages: validated in a copy, written atomically, history kept."""

from __future__ import annotations

import difflib
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from minicontent import write_mini_content

from werkstijl.content import LiveContent, editing, load_content
from werkstijl.content.editing import EditError

TIPS = "tips/email.yaml"
T1 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
T2 = datetime(2026, 3, 1, 9, 5, tzinfo=UTC)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_mini_content(tmp_path / "content")


def with_comments(root: Path) -> str:
    text = "# E-mailtips: kort en concreet\n" + (root / TIPS).read_text().replace(
        "  - id: email-alpha-1",
        "  # deze tip is de favoriet van de trainers\n  - id: email-alpha-1",
    )
    (root / TIPS).write_text(text)
    return text


def test_valid_edit_is_written_and_the_previous_version_kept(root: Path) -> None:
    old = (root / TIPS).read_text()
    new = old.replace("Tip alpha 0, en", "Eerst de inbox, en")
    result = editing.save_text(root, TIPS, new, now=T1)
    assert result.saved and result.errors == []
    assert (root / TIPS).read_text() == new
    [version] = editing.history(root, TIPS)
    assert version.path == root / ".history" / TIPS / "20260301T090000.000000Z.yaml"
    assert version.saved_at == T1 and version.path.read_text() == old
    assert load_content(root).content.tip("email-alpha-0").title.nl == "Eerst de inbox"


def test_invalid_edit_is_refused_with_located_messages_and_touches_nothing(root: Path) -> None:
    old = (root / TIPS).read_bytes()
    bad = (
        old.decode()
        .replace("priority: 3", "priority: 9", 1)
        .replace("profiles: [beta]", "profiles: [bèta]", 1)
    )
    result = editing.save_text(root, TIPS, bad)
    assert not result.saved and result.backup is None
    messages = [str(p) for p in result.errors]
    assert any(
        m.startswith("tips/email.yaml:17:15: 'priority'") and "at most 3" in m for m in messages
    )
    assert any(m.startswith("tips/email.yaml:21:") for m in messages)  # the bad profile id
    assert (root / TIPS).read_bytes() == old
    assert not (root / ".history").exists()


def test_edit_breaking_another_file_is_refused(root: Path) -> None:
    profile = root / "profiles" / "alpha.yaml"
    renamed = profile.read_text().replace("id: alpha", "id: alfa")
    result = editing.save_text(root, "profiles/alpha.yaml", renamed)
    assert not result.saved
    assert {p.path for p in result.errors} >= {"questions/questions.yaml", "tips/email.yaml"}
    assert "id: alpha" in profile.read_text()


def test_fixing_one_file_is_allowed_while_another_is_broken(root: Path) -> None:
    (root / "tips" / "agenda.yaml").write_text("category: agenda\ntips: oops\n")
    text = (root / TIPS).read_text().replace("Tip beta 1, en", "Beter, en")
    assert editing.save_text(root, TIPS, text).saved


def test_unchanged_text_is_not_saved_again(root: Path) -> None:
    result = editing.save_text(root, TIPS, (root / TIPS).read_text())
    assert result.unchanged and not result.saved
    assert editing.history(root, TIPS) == []


def test_windows_line_endings_from_the_browser_are_normalised(root: Path) -> None:
    text = (root / TIPS).read_text().replace("Tip gamma 2, en", "Gamma, en")
    assert editing.save_text(root, TIPS, text.replace("\n", "\r\n")).saved
    assert b"\r\n" not in (root / TIPS).read_bytes()


def test_restore_puts_a_version_back_and_keeps_the_current_one(root: Path) -> None:
    original = (root / TIPS).read_text()
    edited = original.replace("Tip alpha 0, en", "Nieuw, en")
    editing.save_text(root, TIPS, edited, now=T1)
    result = editing.restore(root, TIPS, "20260301T090000.000000Z.yaml", now=T2)
    assert result.saved
    assert (root / TIPS).read_text() == original
    versions = editing.history(root, TIPS)
    assert [v.saved_at for v in versions] == [T2, T1]  # newest first
    assert versions[0].path.read_text() == edited  # the restore is undoable too


def test_same_moment_saves_do_not_overwrite_history(root: Path) -> None:
    text = (root / TIPS).read_text()
    editing.save_text(root, TIPS, text.replace("Tip alpha 0, en", "Een, en"), now=T1)
    editing.save_text(root, TIPS, text.replace("Tip alpha 0, en", "Twee, en"), now=T1)
    assert len(editing.history(root, TIPS)) == 2


def test_only_content_files_can_be_edited(root: Path) -> None:
    for relpath in ("../outside.yaml", "tips/new.yaml", ".history/x.yaml", "/etc/passwd"):
        with pytest.raises(EditError):
            editing.save_text(root, relpath, "category: email\n")
    with pytest.raises(EditError):
        editing.restore(root, TIPS, "../../profiles/alpha.yaml")
    assert not (root.parent / "outside.yaml").exists()


def test_atomic_write_leaves_no_temporary_files_and_keeps_the_mode(root: Path) -> None:
    os.chmod(root / TIPS, 0o640)
    text = (root / TIPS).read_text().replace("Tip alpha 2, en", "Twee, en")
    editing.save_text(root, TIPS, text)
    assert sorted(p.name for p in (root / "tips").iterdir()) == [
        "agenda.yaml",
        "email.yaml",
        "plan.yaml",
    ]
    assert (root / TIPS).stat().st_mode & 0o777 == 0o640


def test_history_is_not_content(root: Path) -> None:
    text = (root / TIPS).read_text().replace("Tip alpha 2, en", "Twee, en")
    editing.save_text(root, TIPS, text)
    assert TIPS in editing.editable_files(root)
    assert not any(".history" in f for f in editing.editable_files(root))
    assert load_content(root).valid


def test_tip_form_edit_keeps_comments_order_and_style(root: Path) -> None:
    before = with_comments(root)
    result = editing.update_tip(
        root, TIPS, "email-alpha-1",
        title={"nl": "Mail: twee keer per dag", "en": "Mail: twice a day"},
        text={"nl": "Om 09:00 en om 10:00.\nDaartussen: dicht.", "en": ""},
        priority=1,
    )  # fmt: skip
    assert result.saved, result.errors
    after = (root / TIPS).read_text()
    assert after.startswith("# E-mailtips: kort en concreet\n")
    assert "  # deze tip is de favoriet van de trainers\n  - id: email-alpha-1\n" in after
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert [line[2:] for line in diff if line.startswith("- ")] == [
        "    title: {nl: Tip alpha 1, en: Tip alpha 1}",
        "    text: {nl: Doe dit morgen., en: Do this tomorrow.}",
        "    priority: 2",
    ]
    assert [line[2:] for line in diff if line.startswith("+ ")] == [
        "    title: {nl: 'Mail: twee keer per dag', en: 'Mail: twice a day'}",
        "    text:",
        "      nl: |",
        "        Om 09:00 en om 10:00.",
        "        Daartussen: dicht.",
        "    priority: 1",
    ]
    tip = load_content(root).content.tip("email-alpha-1")
    assert tip.text.en is None and tip.text.nl == "Om 09:00 en om 10:00.\nDaartussen: dicht."
    assert any("no English text" in p.message for p in result.warnings)


def test_tip_form_edit_that_is_invalid_is_refused(root: Path) -> None:
    before = (root / TIPS).read_bytes()
    result = editing.update_tip(root, TIPS, "email-beta-0", title={"nl": " ", "en": "x"})
    assert not result.saved
    assert "the Dutch text of 'title' in tip 'email-beta-0' is empty" in result.errors[0].message
    assert (root / TIPS).read_bytes() == before
    with pytest.raises(EditError, match="no tip 'nope'"):
        editing.update_tip(root, TIPS, "nope", title={"nl": "x"})


def test_profile_text_form_edit(root: Path) -> None:
    result = editing.update_profile_texts(
        root, "profiles/beta.yaml", {"tagline": {"nl": "Rust in je hoofd", "en": "A calm mind"}}
    )
    assert result.saved
    profile = load_content(root).content.profile("beta")
    assert profile.tagline.get("en") == "A calm mind"
    with pytest.raises(EditError):
        editing.profile_text(root, "profiles/beta.yaml", {"colour": {"nl": "#000000"}})


def test_forms_list_tips_and_profiles_per_file(root: Path) -> None:
    tips = editing.tips_by_file(root)
    assert list(tips) == ["tips/agenda.yaml", "tips/email.yaml", "tips/plan.yaml"]
    assert tips[TIPS][0].id == "email-alpha-0"
    assert sorted(p.id for p in editing.profiles_by_file(root).values()) == [
        "alpha",
        "beta",
        "gamma",
    ]


def test_live_content_picks_up_a_save(root: Path) -> None:
    live = LiveContent(root)
    assert live.current().tip("email-gamma-0").title.nl == "Tip gamma 0"
    editing.update_tip(root, TIPS, "email-gamma-0", title={"nl": "Gamma eerst"})
    assert live.current().tip("email-gamma-0").title.nl == "Gamma eerst"


def test_an_editor_opened_before_someone_elses_save_cannot_overwrite_it(root: Path) -> None:
    opened = editing.digest(root, TIPS)
    theirs = (root / TIPS).read_text().replace("Tip beta 0, en", "Van collega, en")
    assert editing.save_text(root, TIPS, theirs).saved
    mine = theirs.replace("Van collega, en", "Van mij, en")
    result = editing.save_text(root, TIPS, mine, expected_digest=opened)
    assert result.conflict and not result.saved
    assert "someone saved this file after you opened it" in result.errors[0].message
    assert (root / TIPS).read_text() == theirs
    assert editing.save_text(root, TIPS, mine, expected_digest=editing.digest(root, TIPS)).saved
