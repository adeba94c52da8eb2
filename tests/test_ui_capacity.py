"""One process serves many visitors: downloads survive others' clicks, collections stay short
(werkstijl/ui/capacity.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.runtime import media_file_manager
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileStorageError
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from werkstijl.ui import capacity as downloads

PDF = b"%PDF-1.4 a visitor's plan"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def guarded(monkeypatch: pytest.MonkeyPatch) -> None:
    # The guard replaces a module attribute; monkeypatch restores Streamlit's own afterwards.
    monkeypatch.setattr(
        media_file_manager, "MediaFileMetadata", downloads._GracefulMetadata.__mro__[1]
    )
    assert downloads.keep_fresh_downloads()


def made_download(manager: MediaFileManager) -> str:
    """A deferred download clicked by a visitor: the file id in the URL the browser fetches."""
    placeholder = manager.add_deferred(lambda: PDF, "application/pdf", "1.2.3", "plan.pdf")
    url = manager.execute_deferred(placeholder)
    return url.rsplit("/", 1)[1].split(".", 1)[0]


def other_visitors_click(manager: MediaFileManager, runs: int = 3) -> None:
    for _ in range(runs):  # every script run of any session ends with this sweep
        manager.remove_orphaned_files()


def test_a_made_pdf_is_still_there_after_other_visitors_clicked(guarded: None) -> None:
    storage = MemoryMediaFileStorage("/media")
    manager = MediaFileManager(storage)
    file_id = made_download(manager)
    other_visitors_click(manager)
    assert storage.get_file(file_id).content == PDF


def test_a_made_pdf_is_swept_once_the_grace_period_is_over(
    guarded: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = MemoryMediaFileStorage("/media")
    manager = MediaFileManager(storage)
    file_id = made_download(manager)
    later = downloads.time.monotonic() + downloads.GRACE_S + 1
    monkeypatch.setattr(downloads.time, "monotonic", lambda: later)
    other_visitors_click(manager)
    with pytest.raises(MediaFileStorageError):
        storage.get_file(file_id)


def test_installing_the_guard_twice_is_harmless(guarded: None) -> None:
    assert downloads.keep_fresh_downloads()
    assert media_file_manager.MediaFileMetadata is downloads._GracefulMetadata


def test_the_loaded_app_is_frozen_so_full_collections_skip_it(tmp_path) -> None:
    """In a fresh process: building the app's context freezes what is loaded by then."""
    code = (
        "import gc; from werkstijl.ui.context import get_context; "
        "before = gc.get_freeze_count(); get_context(); print(before, gc.get_freeze_count())"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("WERKSTIJL_")}
    env["WERKSTIJL_DATABASE_URL"] = f"sqlite:///{tmp_path / 'quiz.db'}"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=120, check=True,
    )  # fmt: skip
    before, after = map(int, done.stdout.split()[-2:])
    assert before == 0
    assert after > 50_000  # Streamlit, ReportLab, SQLAlchemy, pydantic and the content
