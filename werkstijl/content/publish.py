"""Publishing content: only valid texts become a version, and the files on disk follow.

A version is one complete set of content texts, stored in the database (see
`werkstijl.storage.content`) so that every app process serves the same content: a publish on one
replica reaches the others within `LiveContent`'s poll interval. The YAML files stay what
marketers and git work with: the studio writes a published version to its content folder, and
`python -m werkstijl content export|import` moves versions to and from any folder.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from werkstijl.content.loader import fingerprint, is_content_path, load_texts, text_hash
from werkstijl.content.models import Content
from werkstijl.content.wording import os_reason
from werkstijl.yamlsrc import Problem

if TYPE_CHECKING:  # the store is handed in: content does not need the database to load
    from werkstijl.storage import ContentStore, ContentVersion, VersionInfo

log = logging.getLogger(__name__)

KEPT_DIR = ".history"  # disk edits that a publish would overwrite are kept here (git-ignored)


@dataclass
class PublishResult:
    """What a publish did: `version` is the new version, None when nothing was published."""

    version: VersionInfo | None = None
    content: Content | None = None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    unchanged: bool = False  # identical to the newest version: nothing to publish
    kept: list[Path] = field(default_factory=list)  # overwritten disk edits, kept as copies
    disk_error: str | None = None  # the files could not be written (the version is published)
    # Drafted files changed on disk since the draft was started: nothing was published, so
    # that no disk edit is overwritten without the staff member deciding so.
    disk_conflicts: list[str] = field(default_factory=list)

    @property
    def published(self) -> bool:
        return self.version is not None


def content_texts(texts: Mapping[str, str]) -> dict[str, str]:
    """Only the texts content is made of (no stray files), by relative path."""
    return {rel: text for rel, text in sorted(texts.items()) if is_content_path(rel)}


def publish(
    store: ContentStore,
    texts: Mapping[str, str],
    *,
    source: str,
    author: str | None = None,
    root: Path | None = None,
    only: Collection[str] | None = None,
) -> PublishResult:
    """Validate `texts` and, if valid and new, store them as the newest version.

    With `root`, the files of the content folder are brought up to date too (atomically, file
    by file; with `only`, just those files); a file there whose text was never published is
    kept as a copy before it is overwritten, so no edit is lost.
    """
    texts = content_texts(texts)
    loaded = load_texts(texts)
    if not loaded.valid:
        return PublishResult(errors=loaded.errors, warnings=loaded.warnings)
    latest = store.content_version()
    if latest is not None and latest.fingerprint == fingerprint(texts):
        result = PublishResult(content=loaded.content, warnings=loaded.warnings, unchanged=True)
        _write(result, root, texts, latest, only)  # the files may differ (a broken disk edit)
        return result
    version = store.insert_content_version(
        texts,
        fingerprint=fingerprint(texts),
        file_hashes={rel: text_hash(text) for rel, text in texts.items()},
        source=source,
        author=author,
    )
    result = PublishResult(version, loaded.content, warnings=loaded.warnings)
    _write(result, root, texts, latest, only)
    return result


def _write(
    result: PublishResult,
    root: Path | None,
    texts: Mapping[str, str],
    previous: ContentVersion | None,
    only: Collection[str] | None,
) -> None:
    if root is None:
        return
    if only is not None:  # other files keep what is on disk (e.g. a git edit not yet published)
        texts = {rel: text for rel, text in texts.items() if rel in only}
    try:
        result.kept = write_files(root, texts, previous=previous)
    except OSError as exc:  # a read-only folder: visitors get the version all the same
        log.warning("could not write the published content to %s: %s", root, exc)
        result.disk_error = f"{exc.filename or root}: {os_reason(exc)}"  # current language


def write_files(
    root: Path, texts: Mapping[str, str], previous: ContentVersion | None = None
) -> list[Path]:
    """Write `texts` into the folder `root`; returns the copies kept of unpublished disk edits.

    Files whose text is already right are not touched (no needless change for git or for other
    processes watching the folder).
    """
    kept = []
    for rel, text in texts.items():
        target = root / rel
        try:
            current = target.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            current = None
        if current == text:
            continue
        if target.exists() and previous is not None and previous.files.get(rel) != current:
            kept.append(_keep(root, rel, target.read_bytes()))
        atomic_write(target, text.encode("utf-8"))
    return kept


def _keep(root: Path, rel: str, data: bytes) -> Path:
    folder = root / KEPT_DIR / rel
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    copy = folder / f"{stamp}-not-published.yaml"
    atomic_write(copy, data)
    return copy


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file next to `path`, then rename: readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp_name, path.stat().st_mode & 0o777)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
