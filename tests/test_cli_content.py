"""`python -m werkstijl content export|import`: published versions to and from YAML files."""

from __future__ import annotations

from pathlib import Path

import pytest
from minicontent import QUESTIONS, write_mini_content
from test_cli import run

from werkstijl.content import LiveContent
from werkstijl.content.loader import read_texts
from werkstijl.storage import Store


@pytest.fixture
def db(tmp_path: Path) -> tuple[str, dict]:
    url = f"sqlite:///{tmp_path / 'content.db'}"
    import os

    return url, {**os.environ, "WERKSTIJL_DATABASE_URL": url}


def test_import_publishes_and_export_writes_the_newest_version(tmp_path: Path, db) -> None:
    url, env = db
    source = write_mini_content(tmp_path / "git")
    (source / "questions/questions.yaml").write_text(QUESTIONS.replace("Vraag een", "Vraag 1"))
    done = run("content", "import", str(source), "--author", "Anna", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "published version 1 (9 files)"  # texts/group.yaml too
    version = Store(url).content_version()
    assert version.author == "Anna" and version.source == "import"
    again = run("content", "import", str(source), env=env)
    assert again.returncode == 0 and "nothing to publish" in again.stdout

    target = tmp_path / "export"
    done = run("content", "export", str(target), env=env)
    assert done.returncode == 0, done.stderr
    assert read_texts(target)[0] == read_texts(source)[0]


def test_an_import_reaches_a_running_app_process(tmp_path: Path, db) -> None:
    url, env = db
    app = LiveContent(write_mini_content(tmp_path / "app"), Store(url), poll_s=0.01)
    assert app.current().questions[0].text.nl == "Vraag een"
    source = write_mini_content(tmp_path / "git")
    (source / "questions/questions.yaml").write_text(QUESTIONS.replace("Vraag een", "Vraag 1"))
    assert run("content", "import", str(source), env=env).returncode == 0
    app.refresh(force=True)
    assert app.current().questions[0].text.nl == "Vraag 1"


def test_invalid_files_are_not_imported(tmp_path: Path, db) -> None:
    url, env = db
    source = write_mini_content(tmp_path / "git")
    (source / "questions/questions.yaml").write_text("questions: [\n")
    done = run("content", "import", str(source), env=env)
    assert done.returncode == 1
    assert done.stderr.startswith("questions/questions.yaml:2:1: ")
    assert "nothing was published" in done.stderr and "Traceback" not in done.stderr
    assert Store(url).content_versions() == []


def test_export_before_anything_is_published_says_so(tmp_path: Path, db) -> None:
    _, env = db
    done = run("content", "export", str(tmp_path / "out"), env=env)
    assert done.returncode == 1 and "nothing is published yet" in done.stderr


def test_import_of_a_missing_folder_is_a_bad_argument(tmp_path: Path, db) -> None:
    _, env = db
    done = run("content", "import", str(tmp_path / "nope"), env=env)
    assert done.returncode == 2 and "is not a folder" in done.stderr
