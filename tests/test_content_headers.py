"""The Dutch header comments of the shipped content files: there for marketers, invisible to the
models, and kept by a studio save."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from werkstijl.content import LiveContent, editing
from werkstijl.content.editing import Workspace
from werkstijl.content.loader import load_content
from werkstijl.settings import REPO_ROOT
from werkstijl.storage import Store

FOLDERS = ("profiles", "questions", "tips", "texts")
FILES = sorted(
    p.relative_to(REPO_ROOT).as_posix() for f in FOLDERS for p in (REPO_ROOT / f).glob("*.yaml")
)


def header(text: str) -> list[str]:
    """The comment lines at the top of a file, up to its first key."""
    lines = text.splitlines()
    end = next(i for i, line in enumerate(lines) if line.strip() and not line.startswith("#"))
    return lines[:end]


def comment_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


@pytest.mark.parametrize("rel", FILES)
def test_every_content_file_explains_itself_in_dutch_after_its_schema_line(rel: str) -> None:
    top = header((REPO_ROOT / rel).read_text(encoding="utf-8"))
    assert top[0].startswith("# yaml-language-server: $schema=../schema/")
    words = "\n".join(top)
    assert "Controleer elke wijziging met: python -m werkstijl check" in words
    for tag in ("<b>vet</b>", "<i>cursief</i>", '<a href="https://...">'):
        assert tag in words
    assert "Tijden en dagen" in words  # where times live (only in the week rhythm)
    if rel.startswith(("profiles/", "tips/")):
        assert "Niet wijzigen" in words and "Vrij te bewerken" in words
    assert "Check changes with" not in words and "Times and days" not in words  # no English left


def test_the_comments_change_no_content(tmp_path: Path) -> None:
    """The same files without any comment line give exactly the same models."""
    bare = tmp_path / "bare"
    for rel in FILES:
        text = (REPO_ROOT / rel).read_text(encoding="utf-8")
        kept = [line for line in text.splitlines(keepends=True) if not line.startswith("#")]
        (bare / rel).parent.mkdir(parents=True, exist_ok=True)
        (bare / rel).write_text("".join(kept), encoding="utf-8")
    with_comments, without = load_content(REPO_ROOT), load_content(bare)
    assert with_comments.valid and without.valid
    assert with_comments.content.version != without.content.version  # the texts did differ
    for field in ("profiles", "questions", "tips", "site", "group"):
        assert getattr(with_comments.content, field) == getattr(without.content, field), field


def test_a_studio_save_and_publish_keep_every_comment(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'content.db'}")
    folder = tmp_path / "shipped"
    for sub in FOLDERS:
        shutil.copytree(REPO_ROOT / sub, folder / sub)
    assert LiveContent(folder, store).current() is not None
    work = Workspace(store, folder)
    path = "profiles/operator.yaml"
    before = work.text(path)
    profile = editing.profiles_by_file(work.texts())[path]
    after = editing.profile_text(
        path, before, {"tagline": {"nl": "Jij zorgt dat het gebeurt.", "en": profile.tagline.en}}
    )
    assert work.save(path, after, author="Anna").saved
    assert work.publish(author="Anna").version is not None
    on_disk = (folder / path).read_text(encoding="utf-8")
    assert "Jij zorgt dat het gebeurt." in on_disk
    assert comment_lines(on_disk) == comment_lines(before)
    assert header(on_disk) == header(before)
