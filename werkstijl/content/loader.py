"""Load a content folder into one cross-checked `Content`, collecting every problem of the run."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from werkstijl.content.models import (
    Content,
    Profile,
    QuestionFile,
    SiteTexts,
    Text,
    TipCategory,
    TipFile,
)
from werkstijl.content.wording import say
from werkstijl.content.yamlsrc import Located, Problem, load_model

MIN_TIPS_PER_CATEGORY = 3  # fewer makes a thin PDF section: worth a warning, not a failure


@dataclass
class LoadResult:
    content: Content | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.content is not None and not self.errors


def yaml_files(folder: Path) -> list[Path]:
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]) if folder.is_dir() else []


def content_files(root: Path) -> list[Path]:
    """Every file the content is made of (for reload fingerprints)."""
    files = [f for sub in ("profiles", "questions", "tips") for f in yaml_files(root / sub)]
    site = root / "texts" / "site.yaml"
    return [*files, site] if site.exists() else files


def files_stamp(files: Iterable[Path]) -> tuple:
    """(path, mtime, size) of each file that exists: cheap to take on every rerun, and it changes
    whenever a file is edited, added or removed (reload and cache keys)."""
    stamp = []
    for file in files:
        try:
            info = file.stat()
        except OSError:
            continue
        stamp.append((str(file), info.st_mtime_ns, info.st_size))
    return tuple(stamp)


def fingerprint(files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.as_posix().encode())
        try:
            digest.update(file.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()[:16]


class _Run:
    """One load: the parsed files, and the problems found so far."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        # Ids of files that failed validation: still "known", so one broken profile file does not
        # also turn every reference to it into an error.
        self.broken_ids: set[str] = set()

    def load(self, file: Path, model: type[BaseModel]) -> tuple[BaseModel | None, Located | None]:
        obj, located, problems = load_model(file, self.root, model)
        self.errors.extend(problems)
        if obj is None and located is not None and isinstance(located.data, dict):
            self.broken_ids.add(str(located.data.get("id", "")))
        if obj is not None and located is not None:
            self._warn_missing_english(obj, located, ())
        return obj, located

    def _warn_missing_english(self, node: object, located: Located, loc: tuple) -> None:
        if isinstance(node, Text):
            if node.en is None:
                self.warnings.append(located.problem(loc, say("load.no_english")))
            return
        if isinstance(node, BaseModel):
            for name in type(node).model_fields:
                self._warn_missing_english(getattr(node, name), located, (*loc, name))
        elif isinstance(node, list | tuple):
            for index, item in enumerate(node):
                self._warn_missing_english(item, located, (*loc, index))

    def missing_folder(self, sub: str) -> None:
        what = say(f"files.{sub}")  # files.profiles, files.questions, files.tips
        self.errors.append(Problem(f"{sub}/", 1, 1, say("load.no_files", what=what)))


def load_content(root: Path) -> LoadResult:
    """Load and cross-check all content under `root`; never raises for bad content."""
    from werkstijl.content.crosscheck import check_quiz_settings, cross_check

    run = _Run(root)
    profiles = _load_all(run, "profiles", Profile)
    question_files = _load_all(run, "questions", QuestionFile)
    tip_files = _load_all(run, "tips", TipFile)
    site_file = root / "texts" / "site.yaml"
    site = None
    if site_file.exists():
        site, site_located = run.load(site_file, SiteTexts)
    else:
        run.errors.append(Problem("texts/site.yaml", 1, 1, say("load.no_site")))
    cross_check(run, profiles, question_files, tip_files)
    if site is not None:
        check_quiz_settings(run, site, site_located, question_files)
    if run.errors or site is None:
        return LoadResult(None, sorted(run.errors), sorted(run.warnings))
    tips: dict[TipCategory, list] = {category: [] for category in TipCategory}
    for tip_file, _ in tip_files:
        tips[tip_file.category].extend(tip_file.tips)
    content = Content(
        profiles=tuple(sorted((p for p, _ in profiles), key=lambda p: p.order)),
        questions=tuple(q for qf, _ in question_files for q in qf.questions),
        tips={category: tuple(items) for category, items in tips.items()},
        site=site,
        version=fingerprint(content_files(root)),
    )
    return LoadResult(content, [], sorted(run.warnings))


def _load_all(run: _Run, sub: str, model: type[BaseModel]) -> list[tuple]:
    files = yaml_files(run.root / sub)
    if not files:
        run.missing_folder(sub)
    loaded = []
    for file in files:
        obj, located = run.load(file, model)
        if obj is not None and located is not None:
            loaded.append((obj, located))
    return loaded
