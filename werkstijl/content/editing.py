"""The studio's working copy: the newest published version with the staff's drafts on top.

An edit in the studio is saved as a draft (in the database, shared by all staff and replicas):
visitors keep getting the published version while the preview shows the draft. "Publiceren"
publishes the whole working copy at once, only when it is valid (see `publish`). Before anything
was ever published, the working copy starts from the files in the content folder, so broken
content can still be fixed here.

Form edits change only the edited values' lines (werkstijl.yamlsrc.splice), so git diffs stay
small and every other line keeps the number that messages point at.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from werkstijl.content.loader import is_content_path, read_texts, text_hash
from werkstijl.content.models import Profile, Tip, TipFile
from werkstijl.content.publish import PublishResult, content_texts, publish
from werkstijl.content.wording import say
from werkstijl.yamlsrc import M, load_text, parse_text
from werkstijl.yamlsrc.splice import SpliceError, set_values

if TYPE_CHECKING:
    from werkstijl.storage import ContentStore, ContentVersion, Draft

PROFILE_TEXT_FIELDS = ("name", "tagline", "description", "email_style", "agenda_style")


class EditError(ValueError):
    """A request that cannot be carried out at all (unknown file, tip or version)."""


@dataclass
class SaveResult:
    saved: bool = False  # the draft now holds the text (or was dropped: back to published)
    unchanged: bool = False  # the text was identical: nothing to save
    conflict: bool = False  # someone saved this file after the editor was opened


def digest(text: str) -> str:
    """Identifies a text: an editor opened on an older text cannot overwrite a newer one."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Workspace:
    """The working copy as it is now (read once; make a new one after a change)."""

    def __init__(self, store: ContentStore, root: Path) -> None:
        self.store, self.root = store, root
        self.published: ContentVersion | None = store.content_version()
        self.drafts: dict[str, Draft] = store.drafts()
        if self.published is not None:
            self.base = dict(self.published.files)
        else:  # nothing valid was ever published: start from the files, broken or not
            self.base = read_texts(root)[0]

    def files(self) -> list[str]:
        return sorted(set(self.base) | {p for p in self.drafts if is_content_path(p)})

    def text(self, path: str) -> str:
        if path in self.drafts:
            return self.drafts[path].text
        if path not in self.base:
            raise EditError(say("edit.not_editable", path=path))
        return self.base[path]

    def texts(self) -> dict[str, str]:
        """Every file as the draft would publish it."""
        return content_texts({**self.base, **{p: d.text for p, d in self.drafts.items()}})

    def published_text(self, path: str) -> str | None:
        return self.published.files.get(path) if self.published is not None else None

    def save(
        self, path: str, text: str, *, author: str | None, expected_digest: str | None = None
    ) -> SaveResult:
        """Keep `text` as the draft of `path` (valid or not: nothing is lost, nothing goes live)."""
        current = self.text(path)
        text = text.replace("\r\n", "\n")  # browsers send CRLF from text areas
        if expected_digest is not None and digest(current) != expected_digest:
            return SaveResult(conflict=True)
        if text == current:
            return SaveResult(unchanged=True)
        published = self.published_text(path)
        if text == published and self._disk_text(path) in (None, published):
            self.store.discard_drafts([path])  # back to the published text: no draft needed
        else:
            base_hash = text_hash(published) if published is not None else None
            self.store.save_draft(path, text, author=author, base_hash=base_hash)
        self.__init__(self.store, self.root)
        return SaveResult(saved=True)

    def _disk_text(self, path: str) -> str | None:
        """The file in the content folder (None when missing or unreadable)."""
        try:
            return (self.root / path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None

    def discard(self, paths: list[str] | None = None) -> int:
        """Drop drafts (all when `paths` is None); returns how many."""
        count = self.store.discard_drafts(list(self.drafts) if paths is None else paths)
        self.__init__(self.store, self.root)
        return count

    def outdated(self, path: str) -> bool:
        """True when the published file changed after the draft of it was started."""
        draft, published = self.drafts.get(path), self.published_text(path)
        if draft is None or draft.base_hash is None or published is None:
            return False
        return text_hash(published) != draft.base_hash

    def changed_lines(self) -> dict[str, tuple[int, int]]:
        """Per drafted file: (lines added, lines removed) against the text it replaces."""
        counts = {}
        for path, draft in sorted(self.drafts.items()):
            before = (self.base.get(path) or "").splitlines()
            diff = difflib.ndiff(before, draft.text.splitlines())
            marks = [line[0] for line in diff if line[:1] in "+-"]
            counts[path] = (marks.count("+"), marks.count("-"))
        return counts

    def disk_conflicts(self) -> list[str]:
        """Drafted files whose text on disk changed since the draft was started (a git edit):
        publishing would overwrite that change."""
        conflicts = []
        for path, draft in sorted(self.drafts.items()):
            disk, published = self._disk_text(path), self.published_text(path)
            if disk is None or published is None or disk in (published, draft.text):
                continue
            conflicts.append(path)
        return conflicts

    def publish(self, *, author: str | None, overwrite_disk: bool = False) -> PublishResult:
        """Publish the working copy (refused with its problems when it is not valid); the drafted
        files in the content folder are updated too (no other file is touched), and the drafts
        are done. A drafted file changed on disk since is not overwritten unless
        `overwrite_disk` (then its disk text is kept as a copy): the result lists it instead."""
        conflicts = [] if overwrite_disk else self.disk_conflicts()
        if conflicts:
            return PublishResult(disk_conflicts=conflicts)
        result = publish(
            self.store,
            self.texts(),
            source="studio",
            author=author,
            root=self.root,
            only=set(self.drafts),
        )
        if result.published or result.unchanged:
            self.discard()
        return result

    def restore(self, version_id: int, path: str, *, author: str | None) -> SaveResult:
        """Put a file as it was in an earlier version into the draft (publish to make it live)."""
        version = self.store.content_version(version_id)
        if version is None or path not in version.files:
            raise EditError(say("edit.no_version", name=version_id, path=path))
        return self.save(path, version.files[path], author=author)


# --- Forms: the values they show, and their edits as faithful text changes ---


def valid_files(texts: Mapping[str, str], folder: str, model: type[M]) -> dict[str, M]:
    """The files in `folder` that validate as `model`, by path (broken files are left out)."""
    found: dict[str, M] = {}
    for path, text in sorted(texts.items()):
        if path.startswith(f"{folder}/"):
            obj, _, _ = load_text(path, text, model)
            if obj is not None:
                found[path] = obj
    return found


def tips_by_file(texts: Mapping[str, str]) -> dict[str, list[Tip]]:
    return {path: list(f.tips) for path, f in valid_files(texts, "tips", TipFile).items()}


def profiles_by_file(texts: Mapping[str, str]) -> dict[str, Profile]:
    return valid_files(texts, "profiles", Profile)


def _text_changes(loc: tuple, values: Mapping[str, str]) -> dict[tuple, str | None]:
    """A bilingual text's new values; an empty English text is removed (falls back to Dutch)."""
    changes: dict[tuple, str | None] = {}
    for lang in ("nl", "en"):
        if lang in values:
            value = values[lang].replace("\r\n", "\n").strip()
            changes[(*loc, lang)] = value if value or lang == "nl" else None
    return changes


def _apply(path: str, text: str, changes: Mapping[tuple, str | int | None]) -> str:
    try:
        return set_values(text, changes)
    except SpliceError as exc:
        raise EditError(say("edit.not_in_place", path=path, reason=exc)) from exc


def tip_text(
    path: str,
    text: str,
    tip_id: str,
    *,
    title: Mapping[str, str] | None = None,
    body: Mapping[str, str] | None = None,
    priority: int | None = None,
) -> str:
    """The file text with one tip's texts (and priority) changed and every other line kept."""
    located, _ = parse_text(path, text)
    tips = located.data.get("tips") if located and isinstance(located.data, dict) else None
    index = next(
        (i for i, t in enumerate(tips or []) if isinstance(t, dict) and t.get("id") == tip_id),
        None,
    )
    if index is None:
        raise EditError(say("edit.no_tip", id=tip_id, path=path))
    changes: dict[tuple, str | int | None] = {}
    if title is not None:
        changes |= _text_changes(("tips", index, "title"), title)
    if body is not None:
        changes |= _text_changes(("tips", index, "text"), body)
    if priority is not None:
        changes[("tips", index, "priority")] = int(priority)
    return _apply(path, text, changes)


def profile_text(path: str, text: str, texts: Mapping[str, Mapping[str, str]]) -> str:
    """The profile file with some of its PROFILE_TEXT_FIELDS changed, every other line kept."""
    changes: dict[tuple, str | int | None] = {}
    for key, values in texts.items():
        if key not in PROFILE_TEXT_FIELDS:
            raise EditError(say("edit.not_profile_text", key=key))
        changes |= _text_changes((key,), values)
    return _apply(path, text, changes)


def replace_lines(text: str, first: int, last: int, new_lines: str) -> str:
    """`text` with its lines `first`..`last` (1-based, inclusive) replaced by `new_lines`."""
    lines = text.splitlines(keepends=True)
    replacement = new_lines.replace("\r\n", "\n")
    if replacement and not replacement.endswith("\n") and last < len(lines):
        replacement += "\n"
    return "".join(lines[: first - 1]) + replacement + "".join(lines[last:])
