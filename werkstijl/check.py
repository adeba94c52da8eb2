"""The full content check behind `python -m werkstijl check` and the staff pages' studio."""

from __future__ import annotations

from pathlib import Path

from werkstijl.content.loader import LoadResult, load_content, yaml_files
from werkstijl.content.wording import say
from werkstijl.content.yamlsrc import Problem
from werkstijl.report import check_templates
from werkstijl.scoring import balance_warnings


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
