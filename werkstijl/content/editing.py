"""Saving content edits from the staff pages: validate first, write atomically, keep history.

A candidate text is validated by copying the content folder to a temporary directory, putting the
candidate in place there and running `load_content` on the copy, so the live files never see a
bad edit. Every save first keeps the previous version in `<content_dir>/.history/<relpath>/`, from
where a marketer can restore it (a restore is itself a save, so it is validated and undoable).

The one exception to "YAML is read only in werkstijl.yamlsrc": `update_tip` and `update_profile_texts`
load a file with ruamel.yaml's round-trip loader to rewrite a few texts in place, because only
that loader keeps the marketers' comments, key order and quoting. The result is still validated
through `load_content` (and so through yamlsrc) before anything is written.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString

from werkstijl.content.loader import LoadResult, content_files, load_content, yaml_files
from werkstijl.content.models import Profile, Tip, TipFile
from werkstijl.content.wording import say
from werkstijl.yamlsrc import M, Problem, load_model

HISTORY_DIR = ".history"
CONTENT_SUBDIRS = ("profiles", "questions", "tips", "texts")
STAMP_FORMAT = "%Y%m%dT%H%M%S.%fZ"  # sorts chronologically as text
PROFILE_TEXT_FIELDS = ("name", "tagline", "description", "email_style", "agenda_style")


class EditError(ValueError):
    """A request that cannot be carried out at all (unknown file, tip or version)."""


@dataclass
class EditResult:
    """Outcome of a save: `saved` False means nothing was written and `errors` says why."""

    saved: bool
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    backup: Path | None = None  # the history file holding the previous version
    unchanged: bool = False  # the text was identical: nothing to save
    conflict: bool = False  # someone saved the file after the editor was opened


@dataclass(frozen=True)
class Version:
    """One kept previous version of a content file."""

    path: Path
    saved_at: datetime

    @property
    def name(self) -> str:
        return self.path.name


def editable_files(root: Path) -> list[str]:
    """Relative paths (posix) of the content files a marketer may edit."""
    return [f.relative_to(root).as_posix() for f in content_files(root)]


def _valid_files(root: Path, sub: str, model: type[M]) -> dict[str, M]:
    """The files in `sub` that validate as `model`, by relative path (broken files are left out)."""
    found: dict[str, M] = {}
    for file in yaml_files(root / sub):
        obj, _, _ = load_model(file, root, model)
        if obj is not None:
            found[file.relative_to(root).as_posix()] = obj
    return found


def tips_by_file(root: Path) -> dict[str, list[Tip]]:
    """The valid tip files and their tips, for the per-tip form."""
    return {
        rel: list(tip_file.tips) for rel, tip_file in _valid_files(root, "tips", TipFile).items()
    }


def profiles_by_file(root: Path) -> dict[str, Profile]:
    """The valid profile files, for the profile text form."""
    return _valid_files(root, "profiles", Profile)


def _target(root: Path, relpath: str) -> Path:
    """The file behind `relpath`, refusing anything that is not an existing content file."""
    if relpath not in editable_files(root):
        raise EditError(say("edit.not_editable", path=relpath))
    return root / relpath


def digest(root: Path, relpath: str) -> str:
    """Identifies the file's current text: an editor opened on an older text cannot overwrite."""
    return hashlib.sha256(_target(root, relpath).read_bytes()).hexdigest()[:16]


def read_text(root: Path, relpath: str) -> str:
    return _target(root, relpath).read_text(encoding="utf-8-sig")


def validate_candidate(root: Path, relpath: str, text: str) -> LoadResult:
    """Load the whole content as it would be with `text` in `relpath`, in a throwaway copy."""
    _target(root, relpath)
    with tempfile.TemporaryDirectory(prefix="werkstijl-edit-") as tmp:
        copy = Path(tmp)
        for sub in CONTENT_SUBDIRS:
            if (root / sub).is_dir():
                shutil.copytree(root / sub, copy / sub, ignore=shutil.ignore_patterns(".*"))
        (copy / relpath).write_text(text, encoding="utf-8")
        return load_content(copy)


def _new_errors(root: Path, relpath: str, candidate: LoadResult) -> list[Problem]:
    """Errors the edit is responsible for.

    Every error in the edited file counts; errors elsewhere count only when there are more of them
    than before (a renamed profile id breaking the tips), so one broken file does not block fixing
    another.
    """
    own = [p for p in candidate.errors if p.path == relpath]
    others = [p for p in candidate.errors if p.path != relpath]
    if others:
        before = load_content(root)
        if len([p for p in before.errors if p.path != relpath]) >= len(others):
            others = []
    return sorted(own + others)


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).strftime(STAMP_FORMAT)


def _history_folder(root: Path, relpath: str) -> Path:
    return root / HISTORY_DIR / relpath


def _keep_previous(root: Path, relpath: str, now: datetime | None) -> Path:
    folder = _history_folder(root, relpath)
    folder.mkdir(parents=True, exist_ok=True)
    backup = folder / f"{_stamp(now)}.yaml"
    counter = 1
    while backup.exists():  # two saves within the same microsecond (tests, double clicks)
        backup = folder / f"{_stamp(now)}-{counter}.yaml"
        counter += 1
    _atomic_write(backup, (root / relpath).read_bytes())
    return backup


def _atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file next to `path`, then rename: readers see old or new, never half."""
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


def save_text(
    root: Path,
    relpath: str,
    text: str,
    *,
    now: datetime | None = None,
    expected_digest: str | None = None,
) -> EditResult:
    """Validate `text` as the new `relpath`; if valid, keep the old version, write atomically.

    With `expected_digest` (from `digest` when the editor was opened), a file that someone else
    saved in the meantime is not overwritten.
    """
    target = _target(root, relpath)
    text = text.replace("\r\n", "\n")  # browsers send CRLF from text areas
    if expected_digest is not None and digest(root, relpath) != expected_digest:
        message = say("edit.conflict")
        return EditResult(saved=False, errors=[Problem(relpath, 1, 1, message)], conflict=True)
    if target.read_text(encoding="utf-8-sig") == text:
        return EditResult(saved=False, unchanged=True)
    candidate = validate_candidate(root, relpath, text)
    errors = _new_errors(root, relpath, candidate)
    warnings = [p for p in candidate.warnings if p.path == relpath]
    if errors:
        return EditResult(saved=False, errors=errors, warnings=warnings)
    backup = _keep_previous(root, relpath, now)
    _atomic_write(target, text.encode("utf-8"))
    return EditResult(saved=True, warnings=warnings, backup=backup)


def history(root: Path, relpath: str) -> list[Version]:
    """Kept previous versions of a file, newest first."""
    _target(root, relpath)
    folder = _history_folder(root, relpath)
    versions = []
    for file in folder.glob("*.yaml") if folder.is_dir() else ():
        try:
            moment = datetime.strptime(file.stem.split("-")[0], STAMP_FORMAT).replace(tzinfo=UTC)
        except ValueError:
            continue  # not one of ours
        versions.append(Version(file, moment))
    return sorted(versions, key=lambda v: v.name, reverse=True)


def read_version(root: Path, relpath: str, name: str) -> str:
    for version in history(root, relpath):
        if version.name == name:
            return version.path.read_text(encoding="utf-8-sig")
    raise EditError(say("edit.no_version", name=name, path=relpath))


def restore(root: Path, relpath: str, name: str, *, now: datetime | None = None) -> EditResult:
    """Put a kept version back (validated like any edit; the current text is kept in turn)."""
    return save_text(root, relpath, read_version(root, relpath, name), now=now)


# --- Form edits: round-trip rewrites that keep comments and order (see the module docstring) ---


def _round_trip(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a marketer's long lines
    # ruamel does not record how list items were indented; keep the file's own style
    # ("  - id:" under "tips:", or "- id:" flush with it) so a form edit shows up as a small diff.
    if re.search(r"^[A-Za-z_][\w-]*:[ \t]*\n(?:[ \t]*#.*\n)*  +- ", text, re.MULTILINE):
        yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _load_rt(root: Path, relpath: str) -> tuple[YAML, CommentedMap]:
    text = read_text(root, relpath)
    yaml = _round_trip(text)
    try:
        data = yaml.load(text)
    except YAMLError as exc:
        raise EditError(say("edit.not_yaml", path=relpath)) from exc
    if not isinstance(data, CommentedMap):
        raise EditError(say("edit.not_mapping", path=relpath))
    return yaml, data


def _dump(yaml: YAML, data: CommentedMap) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _set_text(parent: CommentedMap, key: str, values: Mapping[str, str]) -> None:
    """Set the nl/en of a Text in place; an empty English text is removed (falls back to Dutch)."""
    node = parent.get(key)
    if not isinstance(node, CommentedMap):
        node = CommentedMap()
        parent[key] = node
    for lang in ("nl", "en"):
        if lang not in values:
            continue
        value = values[lang].replace("\r\n", "\n").strip()
        if "\n" in value:
            # A flow mapping cannot hold a block scalar: switch this text to block style.
            node.fa.set_block_style()
            node[lang] = LiteralScalarString(value + "\n")
        elif value or lang == "nl":
            node[lang] = value
        elif lang in node:
            del node[lang]


def tip_text(
    root: Path,
    relpath: str,
    tip_id: str,
    *,
    title: Mapping[str, str] | None = None,
    text: Mapping[str, str] | None = None,
    priority: int | None = None,
) -> str:
    """The file `relpath` with one tip's texts (and priority) replaced, comments and order kept."""
    yaml, data = _load_rt(root, relpath)
    tips = data.get("tips")
    matches = (t for t in tips or () if isinstance(t, CommentedMap) and t.get("id") == tip_id)
    tip = next(matches, None)
    if tip is None:
        raise EditError(say("edit.no_tip", id=tip_id, path=relpath))
    if title is not None:
        _set_text(tip, "title", title)
    if text is not None:
        _set_text(tip, "text", text)
    if priority is not None:
        tip["priority"] = int(priority)
    return _dump(yaml, data)


def update_tip(
    root: Path,
    relpath: str,
    tip_id: str,
    *,
    now: datetime | None = None,
    expected_digest: str | None = None,
    **changes,
) -> EditResult:
    """Rewrite one tip (see `tip_text`) and save the file through `save_text`."""
    text = tip_text(root, relpath, tip_id, **changes)
    return save_text(root, relpath, text, now=now, expected_digest=expected_digest)


def profile_text(root: Path, relpath: str, texts: Mapping[str, Mapping[str, str]]) -> str:
    """The profile file with some of its top-level texts (PROFILE_TEXT_FIELDS) replaced."""
    yaml, data = _load_rt(root, relpath)
    for key, values in texts.items():
        if key not in PROFILE_TEXT_FIELDS:
            raise EditError(say("edit.not_profile_text", key=key))
        _set_text(data, key, values)
    return _dump(yaml, data)


def update_profile_texts(
    root: Path,
    relpath: str,
    texts: Mapping[str, Mapping[str, str]],
    *,
    now: datetime | None = None,
    expected_digest: str | None = None,
) -> EditResult:
    """Rewrite some profile texts (see `profile_text`) and save through `save_text`."""
    text = profile_text(root, relpath, texts)
    return save_text(root, relpath, text, now=now, expected_digest=expected_digest)
