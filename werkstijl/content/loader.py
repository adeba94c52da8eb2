"""Load a content folder into one cross-checked `Content`, collecting every problem of the run."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel

from werkstijl.content.models import (
    Content,
    GroupTexts,
    Profile,
    QuestionFile,
    SiteTexts,
    Text,
    TipCategory,
    TipFile,
)
from werkstijl.content.wording import say
from werkstijl.yamlsrc import Located, Problem, comment_cuts, load_text, read_source, relative
from werkstijl.yamlsrc.textcheck import point_inside

CONTENT_FOLDERS = ("profiles", "questions", "tips")
SITE_FILE = "texts/site.yaml"
GROUP_FILE = "texts/group.yaml"  # the trainer's group report: mix texts, agreements, session
TEXT_FILES = (SITE_FILE, GROUP_FILE)
MIN_TIPS_PER_CATEGORY = 3  # fewer makes a thin PDF section: worth a warning, not a failure


@dataclass
class LoadResult:
    content: Content | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # files that could not be used at all

    @property
    def valid(self) -> bool:
        return self.content is not None and not self.errors


def yaml_files(folder: Path) -> list[Path]:
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]) if folder.is_dir() else []


def content_files(root: Path) -> list[Path]:
    """Every file the content is made of (for reload fingerprints)."""
    files = [f for sub in CONTENT_FOLDERS for f in yaml_files(root / sub)]
    return [*files, *(f for f in (root / rel for rel in TEXT_FILES) if f.exists())]


def is_content_path(rel: str) -> bool:
    """True for the relative paths content is read from: `<folder>/<name>.yaml` and the files in
    texts/ (the site's texts and the group report's)."""
    folder, _, name = rel.partition("/")
    if rel in TEXT_FILES:
        return True
    return folder in CONTENT_FOLDERS and "/" not in name and name.endswith((".yaml", ".yml"))


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


def read_texts(root: Path) -> tuple[dict[str, str], list[Problem]]:
    """The text of every content file under `root` by relative path, and the files that could
    not be read (not UTF-8, no permission) as problems."""
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for file in content_files(root):
        text, unreadable = read_source(file, root)
        if text is None:
            problems.extend(unreadable)
        else:
            texts[relative(file, root)] = text
    return texts, problems


def text_hash(text: str) -> str:
    """Identifies one file's text (stored per file with each version)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint(texts: Mapping[str, str]) -> str:
    """Identifies one exact set of content texts (the same wherever they are stored)."""
    digest = hashlib.sha256()
    for rel in sorted(texts):
        digest.update(rel.encode() + b"\0" + texts[rel].encode("utf-8") + b"\0")
    return digest.hexdigest()


class _Run:
    """One load: the texts, the parsed files, and the problems found so far.

    A file that cannot be used (unreadable, not YAML, or not valid) is said once, by its own
    problems; every check that needs what it holds is skipped, so one mistake never echoes as
    messages about other files. The attributes below say what is missing.
    """

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = texts
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        # Files that could not be used, by relative path: their problems come first. Of those
        # that could not even be read as YAML, the first problem says that the checks
        # depending on the file were skipped (a reader cannot know how much more may follow).
        self.failed: list[str] = []
        self.unread: list[str] = []
        # Ids of profile files that failed validation: still "known", so one broken profile file
        # does not also turn every reference to it into an error.
        self.broken_ids: set[str] = set()
        # Profile files whose id could not be read at all: checks that need every profile id
        # (references to profiles) are skipped, as they would only repeat that one mistake.
        self.unknown_profiles: list[str] = []
        # The same for tips: ids written in tip files that failed validation, tip files whose
        # ids could not be read at all, and ids used twice (which tip a start plan means is
        # unclear until the duplicate is fixed).
        self.broken_tip_ids: set[str] = set()
        self.unknown_tips: list[str] = []
        self.duplicate_tip_ids: set[str] = set()
        # Categories (email, agenda) of which some tip file failed: their counts are incomplete.
        self.broken_categories: set[str] = set()

    @property
    def profiles_complete(self) -> bool:
        """False when some profile file is unreadable: skip checks that need all profiles."""
        return not self.unknown_profiles

    def complete(self, folder: str) -> bool:
        """True when every file in `folder` (profiles, questions, tips, texts) could be used."""
        return not any(rel.startswith(f"{folder}/") for rel in self.failed)

    def tip_may_exist(self, tip_id: str) -> bool:
        """True when a tip id not found among the valid tips may be in a file that failed."""
        return bool(self.unknown_tips) or tip_id in self.broken_tip_ids

    def category_complete(self, category: str) -> bool:
        return not self.unknown_tips and category not in self.broken_categories

    def load(self, rel: str, model: type[BaseModel]) -> tuple[BaseModel | None, Located | None]:
        obj, located, problems = load_text(rel, self.texts[rel], model)
        self.errors.extend(problems)
        if obj is None:
            self.failed.append(rel)
            if located is None:
                self.unread.append(rel)
            self._note_broken(rel, model, located.data if located is not None else None)
        if obj is not None and located is not None:
            self._warn_missing_english(obj, located, ())
            self.warnings.extend(comment_cuts(located, self.texts[rel]))
        return obj, located

    def text_problem(self, located: Located, loc: tuple, message: str, *words: str) -> Problem:
        """A problem about `words` in a text: at the line inside a multi-line text where the
        first of them is written, not at the text's first line."""
        return point_inside(located.problem(loc, message), self.texts.get(located.path, ""), words)

    def _note_broken(self, rel: str, model: type[BaseModel], data: object) -> None:
        """Remember what a file that failed still tells (its ids), to skip checks precisely."""
        if model is TipFile:
            tips = data.get("tips") if isinstance(data, dict) else None
            category = data.get("category") if isinstance(data, dict) else None
            if not isinstance(tips, list) or not isinstance(category, str):
                self.unknown_tips.append(rel)
                return
            self.broken_categories.add(category)
            for tip in tips:
                tip_id = tip.get("id") if isinstance(tip, dict) else None
                if not isinstance(tip_id, str):
                    self.unknown_tips.append(rel)  # a tip without a readable id: could be any
                    return
                self.broken_tip_ids.add(tip_id)
            return
        given = data.get("id") if isinstance(data, dict) else None
        if isinstance(given, str) and given:
            self.broken_ids.add(given)
        elif model is Profile:
            self.unknown_profiles.append(rel)

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


def load_content(source: Path | Mapping[str, str]) -> LoadResult:
    """Load and cross-check all content, from a folder or from texts by relative path (a
    published version); never raises for bad content."""
    if isinstance(source, Path):
        texts, unreadable = read_texts(source)
        return load_texts(texts, unreadable)
    return load_texts(source)


def load_texts(texts: Mapping[str, str], unreadable: Iterable[Problem] = ()) -> LoadResult:
    """Load and cross-check content given as texts; `unreadable` are files that had no text."""
    from werkstijl.content.crosscheck import check_quiz_settings, cross_check
    from werkstijl.content.groupcheck import check_group
    from werkstijl.content.plancheck import check_plan

    texts = {rel: text for rel, text in texts.items() if is_content_path(rel)}
    run = _Run(texts)
    run.errors.extend(unreadable)
    unread = {p.path for p in unreadable}
    run.failed.extend(sorted(unread))
    run.unread.extend(sorted(unread))
    run.unknown_tips.extend(rel for rel in sorted(unread) if rel.startswith("tips/"))
    profiles = _load_all(run, "profiles", Profile, unread)
    question_files = _load_all(run, "questions", QuestionFile, unread)
    tip_files = _load_all(run, "tips", TipFile, unread)
    site, site_located = None, None
    if SITE_FILE in texts:
        site, site_located = run.load(SITE_FILE, SiteTexts)
    elif SITE_FILE not in unread:
        run.errors.append(Problem(SITE_FILE, 1, 1, say("load.no_site")))
    group, group_located = None, None
    if GROUP_FILE in texts:
        group, group_located = run.load(GROUP_FILE, GroupTexts)
    elif GROUP_FILE not in unread:
        run.errors.append(Problem(GROUP_FILE, 1, 1, say("load.no_group")))
    cross_check(run, profiles, question_files, tip_files)
    if group is not None and group_located is not None:
        check_group(run, group, group_located, profiles)
    located_site = (site, site_located) if site is not None and site_located else None
    check_plan(run, profiles, question_files, tip_files, located_site)
    if site is not None and site_located is not None and run.complete("questions"):
        # The number of questions is only known when every question file could be read.
        check_quiz_settings(run, site, site_located, question_files)
    errors = root_causes_first(run.errors, run.failed, run.unread)
    if errors or site is None or group is None:
        return LoadResult(None, errors, sorted(run.warnings), failed=list(run.failed))
    tips: dict[TipCategory, list] = {category: [] for category in TipCategory}
    for tip_file, _ in tip_files:
        tips[tip_file.category].extend(tip_file.tips)
    content = Content(
        profiles=tuple(sorted((p for p, _ in profiles), key=lambda p: p.order)),
        questions=tuple(q for qf, _ in question_files for q in qf.questions),
        tips={category: tuple(items) for category, items in tips.items()},
        site=site,
        group=group,
        version=fingerprint(texts),
    )
    return LoadResult(content, [], sorted(run.warnings))


def root_causes_first(
    errors: Iterable[Problem], failed: Iterable[str], unread: Iterable[str] = ()
) -> list[Problem]:
    """The problems of files that could not be used first (each is the cause of the checks
    skipped because of it), then every other problem; each part sorted by file and line. The
    first problem of a file in `unread` (not readable as YAML at all) says that checks were
    skipped, as nothing of it could be checked yet."""
    failed = set(failed)
    roots = sorted(p for p in errors if p.path in failed)
    rest = sorted(p for p in errors if p.path not in failed)
    for rel in sorted(set(unread)):
        index = next((i for i, p in enumerate(roots) if p.path == rel), None)
        if index is not None:
            first = roots[index]
            roots[index] = replace(first, message=first.message + say("load.skipped"))
    return roots + rest


def _load_all(run: _Run, sub: str, model: type[BaseModel], unread: set[str]) -> list[tuple]:
    files = sorted(rel for rel in run.texts if rel.startswith(f"{sub}/"))
    if not files and not any(rel.startswith(f"{sub}/") for rel in unread):
        run.missing_folder(sub)
    loaded = []
    for rel in files:
        obj, located = run.load(rel, model)
        if obj is not None and located is not None:
            loaded.append((obj, located))
    if model is Profile:
        run.unknown_profiles.extend(rel for rel in sorted(unread) if rel.startswith(f"{sub}/"))
    return loaded
