"""Published content versions and studio drafts: where every replica of the app reads them.

The store only keeps texts; whether content is valid is decided above it (werkstijl.content),
which publishes nothing that does not validate. Versions are never changed or deleted, so a
version id names one exact set of files for good.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select

from .db import Database
from .models import ContentDraftRow, ContentVersionRow, utcnow

SOURCES = ("disk", "studio", "import", "restore")


@dataclass(frozen=True)
class VersionInfo:
    """A published version without its texts (for lists)."""

    id: int
    created_at: datetime  # naive UTC
    author: str | None
    source: str
    fingerprint: str


@dataclass(frozen=True)
class ContentVersion(VersionInfo):
    files: dict[str, str]  # relative path -> text


@dataclass(frozen=True)
class Draft:
    path: str
    text: str
    author: str | None
    base_hash: str | None
    updated_at: datetime  # naive UTC


def _info(row: ContentVersionRow) -> VersionInfo:
    return VersionInfo(row.id, row.created_at, row.author, row.source, row.fingerprint)


def _version(row: ContentVersionRow) -> ContentVersion:
    return ContentVersion(
        row.id, row.created_at, row.author, row.source, row.fingerprint, dict(row.files)
    )


class ContentStore(Database):
    def insert_content_version(
        self,
        files: Mapping[str, str],
        *,
        fingerprint: str,
        file_hashes: Mapping[str, str],
        source: str,
        author: str | None,
    ) -> VersionInfo:
        """Store one version as given (the caller has validated and hashed it)."""
        if source not in SOURCES:
            raise ValueError(f"unknown content source {source!r}; expected one of {SOURCES}")
        row = ContentVersionRow(
            created_at=utcnow(),
            author=author,
            source=source,
            fingerprint=fingerprint,
            files=dict(files),
            file_hashes=dict(file_hashes),
        )
        with self.session() as s:
            s.add(row)
            s.flush()
            return _info(row)

    def latest_content_id(self) -> int | None:
        """The newest version's id: one indexed lookup, cheap enough to poll every few seconds."""
        with self.session() as s:
            return s.scalar(select(func.max(ContentVersionRow.id)))

    def latest_content_info(self) -> VersionInfo | None:
        """The newest version without its texts."""
        newest = self.content_versions(limit=1)
        return newest[0] if newest else None

    def content_version(self, version_id: int | None = None) -> ContentVersion | None:
        """One version with its texts; the newest when `version_id` is None."""
        query = select(ContentVersionRow)
        if version_id is None:
            query = query.order_by(ContentVersionRow.id.desc()).limit(1)
        else:
            query = query.where(ContentVersionRow.id == version_id)
        with self.session() as s:
            row = s.scalar(query)
            return _version(row) if row is not None else None

    def content_versions(self, limit: int = 100) -> list[VersionInfo]:
        """The newest versions first, without their texts."""
        columns = (
            ContentVersionRow.id,
            ContentVersionRow.created_at,
            ContentVersionRow.author,
            ContentVersionRow.source,
            ContentVersionRow.fingerprint,
        )
        query = select(*columns).order_by(ContentVersionRow.id.desc()).limit(limit)
        with self.session() as s:
            return [VersionInfo(*row) for row in s.execute(query)]

    def content_file_hashes(self, after_id: int = 0) -> list[tuple[int, dict[str, str]]]:
        """(id, {path: sha256}) of every version newer than `after_id`, oldest first."""
        query = (
            select(ContentVersionRow.id, ContentVersionRow.file_hashes)
            .where(ContentVersionRow.id > after_id)
            .order_by(ContentVersionRow.id)
        )
        with self.session() as s:
            return [(row_id, dict(hashes)) for row_id, hashes in s.execute(query)]

    # --- drafts ---

    def save_draft(
        self, path: str, text: str, *, author: str | None, base_hash: str | None
    ) -> None:
        """Create or replace the draft of one file."""
        with self.session() as s:
            row = s.get(ContentDraftRow, path)
            if row is None:
                s.add(
                    ContentDraftRow(
                        path=path,
                        text=text,
                        author=author,
                        base_hash=base_hash,
                        updated_at=utcnow(),
                    )
                )
                return
            row.text, row.author, row.updated_at = text, author, utcnow()

    def drafts(self) -> dict[str, Draft]:
        with self.session() as s:
            rows = s.scalars(select(ContentDraftRow).order_by(ContentDraftRow.path))
            return {
                r.path: Draft(r.path, r.text, r.author, r.base_hash, r.updated_at) for r in rows
            }

    def discard_drafts(self, paths: Iterable[str]) -> int:
        """Drop the drafts of these files; returns how many there were."""
        paths = list(paths)
        if not paths:
            return 0
        with self.session() as s:
            return s.execute(
                delete(ContentDraftRow).where(ContentDraftRow.path.in_(paths))
            ).rowcount
