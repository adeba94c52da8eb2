"""The full content check behind `python -m werkstijl check` and the staff pages' studio."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from werkstijl.content.loader import (
    LoadResult,
    files_stamp,
    fingerprint,
    load_texts,
    read_texts,
    root_causes_first,
)
from werkstijl.content.wording import message_language, say
from werkstijl.report import check_templates
from werkstijl.scoring import balance_warnings
from werkstijl.yamlsrc import Problem

CHECKS_KEPT = 8  # results kept per process (one per draft state)


def check_all(source: Path | Mapping[str, str], templates_dir: Path) -> LoadResult:
    """Content (a folder, or texts by relative path), PDF templates and the balance of the
    weights: every problem of the run."""
    texts, unreadable = read_texts(source) if isinstance(source, Path) else (source, [])
    result = load_texts(texts, unreadable)
    # Root causes (files that could not be used) first, then the rest in file order; the
    # loader has already said which of them made it skip checks.
    result.errors = root_causes_first(
        [*result.errors, *check_templates(templates_dir)], result.failed
    )
    if result.content is not None:
        first = min(rel for rel in texts if rel.startswith("questions/"))
        result.warnings.extend(balance_warnings(result.content, Problem(first, 1, 1, "")))
    if result.errors:
        result.content = None
    return result


def template_files(templates_dir: Path, template: str | None = None) -> list[Path]:
    """Every file of one template (or of all), for stamps: fonts and logos count too."""
    folder = templates_dir / template if template else templates_dir
    return sorted(f for f in folder.rglob("*") if f.is_file()) if folder.is_dir() else []


# The full check takes about half a second: the staff pages keep the last result per process,
# keyed by the texts' fingerprint, the message language and a stamp of the template files.
_last_check: dict[tuple[str, Path, str], tuple[tuple, LoadResult]] = {}


def check_all_cached(
    texts: Mapping[str, str], templates_dir: Path, language: str = "en"
) -> LoadResult:
    """`check_all` of `texts` worded in `language`, redone only when a text or template changed."""
    key = (fingerprint(texts), templates_dir, language)
    stamp = files_stamp(template_files(templates_dir))
    hit = _last_check.get(key)
    if hit is None or hit[0] != stamp:
        with message_language(language):
            hit = (stamp, check_all(texts, templates_dir))
        if len(_last_check) >= CHECKS_KEPT:  # drafts change often: keep only the newest few
            del _last_check[next(iter(_last_check))]
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
