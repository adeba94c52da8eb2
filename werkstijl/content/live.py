"""The content an app process serves: the newest published version, followed across processes.

Visitors get the newest version in the database, loaded through the same loader as the files.
Every `poll_s` seconds one process-wide check asks the database for a newer version id (one
indexed lookup), so a publish on any replica is served by every replica within seconds, and a
restart serves the last published version even when the files on disk are broken.

The content folder is still watched: a git edit goes live by itself. What counts as an edit:
- at start, a file whose text was never published (a replica that restarts with older files
  changes nothing: those texts are in the history);
- while running, a file that changed since the last look (a `git checkout` of an older text too).
Edits are applied on top of the newest version and published when the result is valid (source
"disk"); otherwise the newest version keeps being served and `disk` holds the edits with their
problems for the staff pages.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from werkstijl.content.loader import (
    content_files,
    files_stamp,
    load_texts,
    read_texts,
    text_hash,
)
from werkstijl.content.models import Content
from werkstijl.content.publish import publish
from werkstijl.yamlsrc import Problem

if TYPE_CHECKING:
    from werkstijl.storage import ContentStore, ContentVersion, VersionInfo

log = logging.getLogger(__name__)

POLL_S = 2.0  # how often a process looks for a newer version and for changed files


@dataclass(frozen=True)
class DiskState:
    """Edits in the content folder that are not published because the result is not valid."""

    edits: dict[str, str] = field(default_factory=dict)  # relative path -> text on disk
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def broken(self) -> bool:
        return bool(self.errors)


class LiveContent:
    """Shared by all sessions of one app process; `current()` is cheap enough for every rerun."""

    def __init__(self, root: Path, store: ContentStore, *, poll_s: float = POLL_S) -> None:
        self.root, self.store, self.poll_s = root, store, poll_s
        self.disk = DiskState()
        self.serving_version: VersionInfo | None = None
        self._serving: Content | None = None
        self._lock = threading.Lock()
        self._checked_at = float("-inf")
        self._looks = 0  # looks ended (a waiting session takes the outcome of the one under way)
        self._stamp: tuple | None = None
        self._seen: dict[str, str] | None = None  # the folder's texts at the last look
        self._pending: dict[str, str] = {}  # disk edits not (yet) published
        self._removed: set[str] = set()  # files deleted on disk while running
        self._published: dict[str, set[str]] = {}  # path -> hashes of every published text
        self._hashes_upto = 0
        self._newest_invalid = False  # the newest version does not load with this code

    def current(self) -> Content | None:
        """The content visitors get (None only when nothing valid was ever published)."""
        self.refresh()
        return self._serving

    def refresh(self, force: bool = False) -> None:
        """Look for a newer version and for changed files, at most every `poll_s` seconds.

        While something is served, a session that finds another one looking serves that and
        moves on. While nothing is served yet (the first look of a process, or a failed one),
        every session waits for the look under way and takes its outcome: nobody is told the
        quiz is unavailable because another session is still loading it. `force` looks now,
        after any look under way (after a publish in this process).
        """
        asked = time.monotonic()
        serving = self._serving is not None
        if serving and not force and asked - self._checked_at < self.poll_s:
            return
        looks = self._looks
        if not self._lock.acquire(blocking=force or not serving):
            return
        try:
            if force or self._looks == looks:  # else a look ended while waiting: that is the answer
                self._look()
        finally:
            self._lock.release()

    def _look(self) -> None:
        self._checked_at = time.monotonic()
        try:
            self._follow_store()
            self._follow_disk()
            if self._serving is None:
                # Another replica published the same files since _follow_store looked (replicas
                # starting together on a new database): serve its version now, not after a poll.
                self._follow_store()
        except Exception:  # a database hiccup must not take the quiz down: serve what we have
            log.exception("could not look for newer content; still serving the current version")
            if self._serving is None:
                self._serve_disk_files()
        finally:
            self._looks += 1

    def _serve_disk_files(self) -> None:
        """Nothing served and the database cannot be read: serve the files when they are valid
        (unpublished: the next look that reaches the database publishes them as usual)."""
        loaded = load_texts(*read_texts(self.root))
        if loaded.valid and loaded.content is not None:
            log.warning("serving the content files unpublished until the database can be read")
            self._serving = loaded.content

    @property
    def serving_stale(self) -> bool:
        """True when edits on disk are broken and an older valid version is being served."""
        return self.disk.broken and self._serving is not None

    def serve(self, version: VersionInfo, content: Content) -> None:
        """Serve a version this process has just published (no need to wait for the poll)."""
        with self._lock:
            if self.serving_version is None or version.id > self.serving_version.id:
                self.serving_version, self._serving = version, content
                self._newest_invalid = False

    # --- the database ---

    def _follow_store(self) -> None:
        newest = self.store.latest_content_id()
        if newest is None or (self.serving_version and self.serving_version.id >= newest):
            return
        version = self.store.content_version(newest)
        if version is None:
            return
        loaded = load_texts(version.files)
        if loaded.valid and loaded.content is not None:
            self.serving_version, self._serving = version, loaded.content
            self._newest_invalid = False
        elif not self._newest_invalid:
            # Published under other code (an upgrade made the models stricter): keep serving
            # what we have; valid files on disk are published over it (see _candidate).
            log.error("content version %d does not load with this code: %s", newest, loaded.errors)
            self._newest_invalid = True

    # --- the content folder ---

    def _follow_disk(self) -> None:
        stamp = files_stamp(content_files(self.root))
        if stamp != self._stamp:
            self._take_disk_edits()
            self._stamp = stamp  # only now: a look that failed half-way is made again

    def _take_disk_edits(self) -> None:
        texts, unreadable = read_texts(self.root)
        self._learn_published_hashes()
        newest = self.store.content_version()
        self._note_changes(texts, newest)
        self._seen = texts
        if not self._pending and not self._removed and not unreadable:
            self.disk = DiskState()
            return
        candidate = self._candidate(texts, newest)
        loaded = load_texts(candidate, unreadable)
        if not loaded.valid:
            self.disk = DiskState(dict(self._pending), loaded.errors, loaded.warnings)
            log.warning(
                "content files have %d error(s); still serving the last valid version",
                len(loaded.errors),
            )
            return
        result = publish(self.store, candidate, source="disk")
        self._pending, self._removed, self.disk = {}, set(), DiskState()
        if result.version is not None and result.content is not None:
            self._remember(candidate)
            self.serving_version, self._serving = result.version, result.content
            self._newest_invalid = False

    def _note_changes(self, texts: Mapping[str, str], newest: ContentVersion | None) -> None:
        published = newest.files if newest is not None else {}
        if self._seen is None and self._newest_invalid:
            changed = dict(texts)  # the newest version no longer loads: the files replace it
        elif self._seen is None:  # the first look: an edit is a text that was never published
            changed = {
                rel: text
                for rel, text in texts.items()
                if text_hash(text) not in self._published.get(rel, set())
            }
        else:
            seen = self._seen or {}
            changed = {rel: text for rel, text in texts.items() if seen.get(rel) != text}
            self._removed |= {rel for rel in seen if rel not in texts and rel in published}
        self._removed -= set(texts)
        pending = {**self._pending, **changed}
        self._pending = {
            rel: text
            for rel, text in pending.items()
            if texts.get(rel) == text and published.get(rel) != text
        }

    def _candidate(self, texts: Mapping[str, str], newest: ContentVersion | None) -> dict[str, str]:
        """The newest version with the disk edits applied (all files when there is none yet, or
        when the newest version no longer loads)."""
        if newest is None or self._newest_invalid:
            return dict(texts)
        candidate = {**newest.files, **self._pending}
        for rel in self._removed:
            candidate.pop(rel, None)
        return candidate

    def _learn_published_hashes(self) -> None:
        for version_id, hashes in self.store.content_file_hashes(after_id=self._hashes_upto):
            for rel, digest in hashes.items():
                self._published.setdefault(rel, set()).add(digest)
            self._hashes_upto = version_id

    def _remember(self, texts: Mapping[str, str]) -> None:
        for rel, text in texts.items():
            self._published.setdefault(rel, set()).add(text_hash(text))
