"""Served content: the newest published version in the database, following the files on disk.

Each LiveContent here is what one app process has; two of them on one database are two replicas
(or one process before and after a restart).
"""

from __future__ import annotations

import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

import pytest
from minicontent import QUESTIONS, write_mini_content

from werkstijl.content import LiveContent
from werkstijl.content.loader import fingerprint, read_texts, text_hash
from werkstijl.content.publish import publish
from werkstijl.storage import Store

POLL = 0.01  # seconds between looks: the tests wait a little longer than this


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'content.db'}")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_mini_content(tmp_path / "content")


def look(live: LiveContent):
    time.sleep(POLL * 3)
    return live.current()


def question_text(live: LiveContent) -> str:
    content = live.current()
    assert content is not None
    return content.questions[0].text.nl


def test_the_files_are_published_at_the_first_start(root: Path, store: Store) -> None:
    live = LiveContent(root, store, poll_s=POLL)
    assert live.current() is not None
    [version] = store.content_versions()
    assert version.source == "disk" and live.serving_version.id == version.id
    assert store.content_version().files == read_texts(root)[0]


def test_a_restart_on_broken_files_serves_the_last_published_version(root: Path, store) -> None:
    assert LiveContent(root, store, poll_s=POLL).current() is not None
    (root / "questions/questions.yaml").write_text("questions: [\n")  # a bad git edit
    restarted = LiveContent(root, store, poll_s=POLL)
    assert question_text(restarted) == "Vraag een"  # visitors still get the quiz
    assert restarted.serving_stale and restarted.disk.broken
    assert [p.path for p in restarted.disk.errors] == ["questions/questions.yaml"]
    assert list(restarted.disk.edits) == ["questions/questions.yaml"]
    assert len(store.content_versions()) == 1  # nothing broken was published


def test_with_nothing_valid_ever_there_is_no_content_and_the_problems_are_known(root, store):
    (root / "questions/questions.yaml").write_text("questions: [\n")
    live = LiveContent(root, store, poll_s=POLL)
    assert live.current() is None and live.serving_version is None
    assert live.disk.errors[0].path == "questions/questions.yaml"
    assert store.content_versions() == []


def test_a_git_edit_while_running_goes_live_and_so_does_going_back(root: Path, store) -> None:
    live = LiveContent(root, store, poll_s=POLL)
    live.current()
    original = (root / "questions/questions.yaml").read_text()
    (root / "questions/questions.yaml").write_text(original.replace("Vraag een", "Vraag 1"))
    look(live)
    assert question_text(live) == "Vraag 1"
    (root / "questions/questions.yaml").write_text(original)  # git checkout of the old text
    look(live)
    assert question_text(live) == "Vraag een"
    assert [v.source for v in store.content_versions()] == ["disk", "disk", "disk"]


def test_a_broken_edit_keeps_the_quiz_then_its_fix_goes_live(root: Path, store) -> None:
    live = LiveContent(root, store, poll_s=POLL)
    first = live.current()
    (root / "questions/questions.yaml").write_text(QUESTIONS.replace("id: q-two", "id: q-one"))
    assert look(live) is first and live.serving_stale
    assert "duplicate question id" in live.disk.errors[0].message
    (root / "questions/questions.yaml").write_text(QUESTIONS.replace("Vraag een", "Vraag 1"))
    assert look(live) is not first and question_text(live) == "Vraag 1"
    assert not live.serving_stale


def test_a_publish_on_one_replica_is_served_by_another(tmp_path: Path, store: Store) -> None:
    first_disk = write_mini_content(tmp_path / "replica1")
    second_disk = write_mini_content(tmp_path / "replica2")
    one = LiveContent(first_disk, store, poll_s=POLL)
    two = LiveContent(second_disk, store, poll_s=POLL)
    assert question_text(one) == question_text(two) == "Vraag een"
    texts = dict(store.content_version().files)
    texts["questions/questions.yaml"] = QUESTIONS.replace("Vraag een", "Vraag van de studio")
    result = publish(store, texts, source="studio", author="Anna", root=first_disk)
    assert result.published
    look(two)
    assert question_text(two) == "Vraag van de studio"
    assert two.serving_version.author == "Anna"
    # the replica that did not publish keeps its own (older) files; they do not go live again
    restarted = LiveContent(second_disk, store, poll_s=POLL)
    assert question_text(restarted) == "Vraag van de studio"
    assert len(store.content_versions()) == 2


def test_an_edit_on_a_replica_with_older_files_keeps_the_newer_publish(tmp_path, store) -> None:
    """The disk edit is applied on top of the newest version, not the replica's stale files."""
    stale = write_mini_content(tmp_path / "stale")
    LiveContent(stale, store, poll_s=POLL).current()
    texts = dict(store.content_version().files)
    texts["questions/questions.yaml"] = QUESTIONS.replace("Vraag een", "Vraag van de studio")
    publish(store, texts, source="studio", author="Anna")
    live = LiveContent(stale, store, poll_s=POLL)
    live.current()
    tips = (stale / "tips/email.yaml").read_text()
    (stale / "tips/email.yaml").write_text(tips + "# a comment from git\n")
    look(live)
    newest = store.content_version()
    assert newest.files["tips/email.yaml"].endswith("# a comment from git\n")
    assert "Vraag van de studio" in newest.files["questions/questions.yaml"]
    assert question_text(live) == "Vraag van de studio"


def test_two_broken_edits_made_one_after_the_other_are_both_kept(root: Path, store) -> None:
    live = LiveContent(root, store, poll_s=POLL)
    live.current()
    (root / "questions/questions.yaml").write_text("questions: [\n")
    look(live)
    (root / "tips/email.yaml").write_text("category: email\ntips: oops\n")
    look(live)
    assert sorted(live.disk.edits) == ["questions/questions.yaml", "tips/email.yaml"]
    assert {p.path for p in live.disk.errors} == {"questions/questions.yaml", "tips/email.yaml"}


def test_a_version_this_code_cannot_load_is_replaced_by_valid_files(root: Path, store) -> None:
    """After an upgrade that changed the models, the shipped files take over."""
    broken = {"questions/questions.yaml": "questions: nothing\n"}
    store.insert_content_version(
        broken,
        fingerprint=fingerprint(broken),
        source="import",
        file_hashes={k: text_hash(v) for k, v in broken.items()},
        author=None,
    )
    live = LiveContent(root, store, poll_s=POLL)
    assert question_text(live) == "Vraag een"
    assert store.content_version().source == "disk"


def test_a_deleted_file_is_unpublished_while_running(root: Path, store) -> None:
    extra = root / "tips" / "extra.yaml"
    shutil.copy(root / "tips/email.yaml", extra)
    extra.write_text(extra.read_text().replace("email-", "extra-"))
    live = LiveContent(root, store, poll_s=POLL)
    live.current()
    assert "tips/extra.yaml" in store.content_version().files
    extra.unlink()
    look(live)
    assert "tips/extra.yaml" not in store.content_version().files
    assert live.current() is not None


def test_a_database_hiccup_keeps_serving(root: Path, store, monkeypatch) -> None:
    live = LiveContent(root, store, poll_s=POLL)
    served = live.current()

    def down(*_args, **_kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(store, "latest_content_id", down)
    assert look(live) is served


def test_a_replica_that_loses_the_first_publish_to_another_serves_its_version_at_once(
    root: Path, store: Store, tmp_path: Path
) -> None:
    """Two replicas starting together on a new database: this one looks, finds nothing published,
    and before it publishes the files the other one has. It must serve that version at once, not
    tell its visitors the quiz is unavailable until its next look."""
    second_root = tmp_path / "second"
    shutil.copytree(root, second_root)
    first = LiveContent(root, store, poll_s=60)
    second = LiveContent(second_root, store, poll_s=60)
    looked = second._follow_store

    def look_then_the_other_replica_publishes() -> None:
        looked()
        if first.serving_version is None:
            assert first.current() is not None

    second._follow_store = look_then_the_other_replica_publishes
    assert question_text(second) == "Vraag een"
    assert second.serving_version.id == first.serving_version.id
    assert len(store.content_versions()) == 1


def test_sessions_that_come_while_the_first_look_is_under_way_wait_for_its_content(
    root: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Right after start, one session loads and publishes the files; every other session that
    comes meanwhile must get that content, not "no valid content yet"."""
    live = LiveContent(root, store, poll_s=60)
    publishing, release = threading.Event(), threading.Event()
    insert = store.insert_content_version

    def slow_insert(*args, **kwargs):
        publishing.set()
        release.wait(10)
        return insert(*args, **kwargs)

    monkeypatch.setattr(store, "insert_content_version", slow_insert)
    with ThreadPoolExecutor(max_workers=9) as pool:
        first = pool.submit(live.current)
        assert publishing.wait(10)
        others = [pool.submit(live.current) for _ in range(8)]
        wait(others, timeout=1)  # without waiting for the look they would all be done by now
        release.set()
        served = [future.result(timeout=10) for future in (first, *others)]
    assert all(content is not None for content in served)
    assert {content.version for content in served} == {served[0].version}
    assert len(store.content_versions()) == 1


def test_a_first_look_without_the_database_serves_the_valid_files_then_publishes_them(
    root: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = LiveContent(root, store, poll_s=POLL)
    insert = store.insert_content_version

    def down(*_args, **_kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(store, "insert_content_version", down)
    assert question_text(live) == "Vraag een"  # the files, valid but not (yet) published
    assert live.serving_version is None and store.content_versions() == []
    monkeypatch.setattr(store, "insert_content_version", insert)
    look(live)  # the database is back: the files are published without any file changing
    [version] = store.content_versions()
    assert version.source == "disk" and live.serving_version.id == version.id
