"""The full content check behind `python -m werkstijl check` and the staff pages' studio."""

from __future__ import annotations

from pathlib import Path

from werkstijl.content.loader import (
    LoadResult,
    content_files,
    files_stamp,
    load_content,
    yaml_files,
)
from werkstijl.content.wording import message_language, say
from werkstijl.report import check_templates
from werkstijl.scoring import balance_warnings
from werkstijl.yamlsrc import Problem


def check_all(content_dir: Path, templates_dir: Path) -> LoadResult:
    """Content, PDF templates and the balance of the weights: every problem of the run."""
    result = load_content(content_dir)
    result.errors.extend(check_templates(templates_dir))
    result.errors.sort()
    if result.content is not None:
        first = yaml_files(content_dir / "questions")[0]
        where = Problem(first.relative_to(content_dir).as_posix(), 1, 1, "")
        result.warnings.extend(balance_warnings(result.content, where))
    if result.errors:
        result.content = None
    return result


def template_files(templates_dir: Path, template: str | None = None) -> list[Path]:
    """Every file of one template (or of all), for stamps: fonts and logos count too."""
    folder = templates_dir / template if template else templates_dir
    return sorted(f for f in folder.rglob("*") if f.is_file()) if folder.is_dir() else []


# The full check takes about half a second and the files rarely change: the staff pages keep the
# last result per process, keyed by the folders, the message language and a stamp of the files.
_last_check: dict[tuple[Path, Path, str], tuple[tuple, LoadResult]] = {}


def check_all_cached(content_dir: Path, templates_dir: Path, language: str = "en") -> LoadResult:
    """`check_all` worded in `language`, redone only when a content or template file changed."""
    key = (content_dir, templates_dir, language)
    stamp = files_stamp([*content_files(content_dir), *template_files(templates_dir)])
    hit = _last_check.get(key)
    if hit is None or hit[0] != stamp:
        with message_language(language):
            hit = (stamp, check_all(content_dir, templates_dir))
        # One content folder per process (tests use many): forget results for other folders.
        for old in [k for k in _last_check if k[:2] != key[:2]]:
            del _last_check[old]
        _last_check[key] = hit
    return hit[1]


def summary(result: LoadResult) -> str:
    content = result.content
    if content is None:
        return say("check.problems", count=len(result.errors))
    per_category = ", ".join(
        say("check.per_category", count=len(t), label=say(f"category.{c.value}"))
        for c, t in content.tips.items()
    )
    line = say(
        "check.valid",
        profiles=len(content.profiles),
        questions=len(content.questions),
        tips=sum(len(t) for t in content.tips.values()),
        per_category=per_category,
    )
    return line + (say("check.warnings", count=len(result.warnings)) if result.warnings else "")


def as_json(result: LoadResult) -> dict:
    content = result.content
    return {
        "valid": content is not None and not result.errors,
        "profiles": [p.id for p in content.profiles] if content else [],
        "questions": [len(q.options) for q in content.questions] if content else [],
        "tips": {c.value: len(t) for c, t in content.tips.items()} if content else {},
        "errors": [p.as_dict() for p in result.errors],
        "warnings": [p.as_dict() for p in result.warnings],
    }
