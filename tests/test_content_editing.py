"""Studio edits: drafts in the database, faithful form edits, publish, versions and restore."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from minicontent import write_mini_content

from werkstijl.content import LiveContent, editing
from werkstijl.content.editing import EditError, Workspace, digest
from werkstijl.settings import REPO_ROOT
from werkstijl.storage import Store

TIPS = "tips/email.yaml"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'content.db'}")


@pytest.fixture
def root(tmp_path: Path, store: Store) -> Path:
    """Mini content, published once (as the app does at its first start)."""
    folder = write_mini_content(tmp_path / "content")
    LiveContent(folder, store).current()
    return folder


@pytest.fixture
def shipped(tmp_path: Path, store: Store) -> Path:
    """The repository's own content (long folded texts, comments), published once."""
    folder = tmp_path / "shipped"
    for sub in ("profiles", "questions", "tips", "texts"):
        shutil.copytree(REPO_ROOT / sub, folder / sub)
    live = LiveContent(folder, store)
    if live.current() is None:
        pytest.skip("the shipped content does not validate on this branch")
    return folder


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return (
        [line[2:] for line in diff if line.startswith("- ")],
        [line[2:] for line in diff if line.startswith("+ ")],
    )


# --- faithful form edits -------------------------------------------------------------------


def test_a_tip_title_edit_changes_only_that_line(shipped: Path, store: Store) -> None:
    work = Workspace(store, shipped)
    before = work.text(TIPS)
    tip = editing.tips_by_file(work.texts())[TIPS][1]
    after = editing.tip_text(
        TIPS, before, tip.id, title={"nl": "Meldingen uit, rust aan", "en": tip.title.en or ""}
    )
    removed, added = changed_lines(before, after)
    assert removed == [f"      nl: {tip.title.nl}"]
    assert added == ["      nl: Meldingen uit, rust aan"]


def test_a_long_text_edit_changes_only_that_texts_lines(shipped: Path, store: Store) -> None:
    work = Workspace(store, shipped)
    path = "profiles/operator.yaml"
    before = work.text(path)
    profile = editing.profiles_by_file(work.texts())[path]
    new = profile.description.nl.replace("in je element", "helemaal in je element")
    after = editing.profile_text(
        path, before, {"description": {"nl": new, "en": profile.description.en}}
    )
    removed, added = changed_lines(before, after)
    old_block = profile.description.nl
    assert removed and all(line.strip() in old_block for line in removed)
    assert added and all(line.strip() in new for line in added)
    assert max(len(line) for line in added) <= max(len(line) for line in before.splitlines())
    # every line outside the description's Dutch text is byte for byte the same
    start = before.splitlines().index("description:") + 2  # past "description:" and "nl: >-"
    assert before.splitlines()[:start] == after.splitlines()[:start]
    tail = before.splitlines().index("  en: >-", start)
    assert before.splitlines()[tail:] == after.splitlines()[tail - len(removed) + len(added) :]
    saved = work.save(path, after, author="Anna")
    assert saved.saved
    fresh = editing.profiles_by_file(Workspace(store, shipped).texts())[path]
    assert fresh.description.nl == new


def test_a_tagline_with_a_colon_is_quoted_and_nothing_else_moves(shipped: Path, store) -> None:
    work = Workspace(store, shipped)
    path = "profiles/visionair.yaml"
    before = work.text(path)
    profile = editing.profiles_by_file(work.texts())[path]
    after = editing.profile_text(
        path, before, {"tagline": {"nl": "Eerst: het grote plaatje", "en": profile.tagline.en}}
    )
    removed, added = changed_lines(before, after)
    assert len(removed) == len(added) == 1
    assert added[0].strip() in ('nl: "Eerst: het grote plaatje"', "nl: 'Eerst: het grote plaatje'")


def test_an_emptied_english_text_is_removed_and_multi_line_dutch_becomes_a_block(root, store):
    work = Workspace(store, root)
    before = work.text(TIPS)
    after = editing.tip_text(
        TIPS,
        before,
        "email-alpha-1",
        title={"nl": "Tip alpha 1", "en": ""},
        body={"nl": "Om 09:00 en om 10:00.\nDaartussen: dicht.", "en": "Do this tomorrow."},
        priority=1,
    )
    removed, added = changed_lines(before, after)
    assert removed == [
        "    title: {nl: Tip alpha 1, en: Tip alpha 1}",
        "    text: {nl: Doe dit morgen., en: Do this tomorrow.}",
        "    priority: 2",
    ]
    assert added == [
        "    title: {nl: Tip alpha 1}",
        '    text: {nl: "Om 09:00 en om 10:00.\\nDaartussen: dicht.", en: Do this tomorrow.}',
        "    priority: 1",
    ]
    work.save(TIPS, after, author="Anna")
    tip = Workspace(store, root).publish(author="Anna").content.tip("email-alpha-1")
    assert tip.title.en is None and tip.text.nl == "Om 09:00 en om 10:00.\nDaartussen: dicht."


def test_form_errors_name_the_problem(root: Path, store: Store) -> None:
    work = Workspace(store, root)
    with pytest.raises(EditError, match="no tip 'nope'"):
        editing.tip_text(TIPS, work.text(TIPS), "nope", title={"nl": "x"})
    with pytest.raises(EditError):
        editing.profile_text(
            "profiles/beta.yaml", work.text("profiles/beta.yaml"), {"colour": {"nl": "#000000"}}
        )


# --- drafts, publish, versions ---------------------------------------------------------------


def test_a_save_is_a_draft_until_published(root: Path, store: Store) -> None:
    live = LiveContent(root, store, poll_s=0.01)
    work = Workspace(store, root)
    new = work.text(TIPS).replace("Tip alpha 0, en", "Eerst de inbox, en")
    assert work.save(TIPS, new, author="Anna").saved
    assert live.current().tip("email-alpha-0").title.nl == "Tip alpha 0"  # not live yet
    assert "Eerst de inbox" not in (root / TIPS).read_text()
    work = Workspace(store, root)
    assert work.drafts[TIPS].author == "Anna" and work.text(TIPS) == new
    result = work.publish(author="Bert")
    assert result.published and result.version.author == "Bert"
    assert result.version.source == "studio"
    assert (root / TIPS).read_text() == new  # git sees the published file
    assert Workspace(store, root).drafts == {}
    live.refresh(force=True)
    assert live.current().tip("email-alpha-0").title.nl == "Eerst de inbox"


def test_an_invalid_draft_is_kept_but_cannot_be_published(root: Path, store: Store) -> None:
    work = Workspace(store, root)
    bad = work.text(TIPS).replace("priority: 3", "priority: 9", 1)
    assert work.save(TIPS, bad, author="Anna").saved  # nothing typed is lost
    result = Workspace(store, root).publish(author="Anna")
    assert not result.published
    assert any(p.path == TIPS and "at most 3" in p.message for p in result.errors)
    assert len(store.content_versions()) == 1
    assert Workspace(store, root).text(TIPS) == bad  # the draft is still there to fix


def test_saving_the_published_text_again_drops_the_draft(root: Path, store: Store) -> None:
    work = Workspace(store, root)
    original = work.text(TIPS)
    work.save(TIPS, original + "# x\n", author="Anna")
    assert Workspace(store, root).save(TIPS, original, author="Anna").saved
    assert Workspace(store, root).drafts == {}


def test_an_editor_opened_before_someone_elses_save_cannot_overwrite_it(root, store) -> None:
    work = Workspace(store, root)
    opened_on = digest(work.text(TIPS))
    theirs = work.text(TIPS) + "# van een collega\n"
    assert Workspace(store, root).save(TIPS, theirs, author="Bert").saved
    mine = Workspace(store, root).save(
        TIPS, theirs + "# van mij\n", author="Anna", expected_digest=opened_on
    )
    assert mine.conflict and not mine.saved
    assert Workspace(store, root).text(TIPS) == theirs


def test_windows_line_endings_from_the_browser_are_normalised(root: Path, store) -> None:
    work = Workspace(store, root)
    work.save(TIPS, work.text(TIPS).replace("\n", "\r\n") + "# x\r\n", author="Anna")
    assert "\r" not in Workspace(store, root).text(TIPS)


def test_only_content_files_can_be_edited(root: Path, store: Store) -> None:
    with pytest.raises(EditError):
        Workspace(store, root).save("../secrets.yaml", "x: 1\n", author="Anna")
    assert TIPS in Workspace(store, root).files()


def test_restore_puts_an_earlier_file_into_the_draft(root: Path, store: Store) -> None:
    work = Workspace(store, root)
    first_id = store.latest_content_id()
    original = work.text(TIPS)
    work.save(TIPS, original.replace("Tip alpha 0, en", "Nieuw, en"), author="Anna")
    Workspace(store, root).publish(author="Anna")
    restored = Workspace(store, root).restore(first_id, TIPS, author="Bert")
    assert restored.saved
    work = Workspace(store, root)
    assert work.text(TIPS) == original and work.drafts[TIPS].author == "Bert"
    result = work.publish(author="Bert")
    assert result.published and (root / TIPS).read_text() == original
    with pytest.raises(EditError):
        work.restore(999, TIPS, author="Bert")


def test_publish_refuses_to_overwrite_a_drafted_file_changed_on_disk(root: Path, store) -> None:
    work = Workspace(store, root)
    draft = work.text(TIPS).replace("Tip alpha 0, en", "Nieuw, en")
    work.save(TIPS, draft, author="Anna")
    git_edit = (root / TIPS).read_text() + "# a half-done git edit\n"
    (root / TIPS).write_text(git_edit)  # git changes the file after the draft was started
    refused = Workspace(store, root).publish(author="Anna")
    assert not refused.published and refused.disk_conflicts == [TIPS]
    assert (root / TIPS).read_text() == git_edit and len(store.content_versions()) == 1
    assert Workspace(store, root).drafts[TIPS].text == draft  # the draft is still there
    result = Workspace(store, root).publish(author="Anna", overwrite_disk=True)  # decided
    [kept] = result.kept
    assert kept.read_text() == git_edit and ".history" in kept.parts
    assert result.published and (root / TIPS).read_text() == draft


def test_publish_writes_only_the_drafted_files(root: Path, store) -> None:
    other = "profiles/alpha.yaml"
    git_edit = (root / other).read_text() + "# not published yet\n"
    (root / other).write_text(git_edit)  # an unrelated disk edit while a draft exists
    work = Workspace(store, root)
    work.save(TIPS, work.text(TIPS).replace("Tip alpha 0, en", "Nieuw, en"), author="Anna")
    result = Workspace(store, root).publish(author="Anna")
    assert result.published and result.kept == [] and result.disk_conflicts == []
    assert (root / other).read_text() == git_edit
    assert "Nieuw, en" in (root / TIPS).read_text()


def test_before_anything_is_published_the_draft_starts_from_the_files(tmp_path, store) -> None:
    folder = write_mini_content(tmp_path / "never")
    (folder / TIPS).write_text("category: email\ntips: oops\n")
    work = Workspace(store, folder)  # nothing published: LiveContent found nothing valid
    assert work.published is None and work.text(TIPS) == "category: email\ntips: oops\n"
    fresh = write_mini_content(tmp_path / "fresh")
    work.save(TIPS, (fresh / TIPS).read_text(), author="Anna")
    result = Workspace(store, folder).publish(author="Anna")
    assert result.published and (folder / TIPS).read_text() == (fresh / TIPS).read_text()
