"""PDF reports (ReportLab platypus): the personal report and the trainer's group report.

Public API:
- render_personal(content, name=, profile_id=, result=, lang=, template=, templates_dir=, today=) -> bytes
- render_group(content, members, lang=, template=, templates_dir=, title=, today=) -> bytes
- Renderer(template, templates_dir): load once, then .personal(...) / .group(...) many times
- load_template(name, templates_dir) -> Template, raising TemplateError(problems)
- check_templates(templates_dir) -> list[Problem]
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from werkstijl.content.models import Content, Lang
from werkstijl.report.renderer import Renderer
from werkstijl.report.template import (
    DEFAULT_TEMPLATES_DIR,
    TEMPLATE_FILE,
    Template,
    TemplateError,
    check_templates,
    load_template,
    template_names,
)
from werkstijl.scoring import Result
from werkstijl.team import Absent, Member

__all__ = [
    "DEFAULT_TEMPLATES_DIR",
    "Renderer",
    "Template",
    "TemplateError",
    "check_templates",
    "get_renderer",
    "load_template",
    "render_group",
    "render_personal",
    "template_names",
]

_cache: dict[tuple[Path, str, int], Renderer] = {}
_lock = threading.Lock()  # Streamlit runs sessions in threads


def get_renderer(template: str = "default", templates_dir: Path | None = None) -> Renderer:
    """A cached Renderer; an edited template.yaml (new mtime) is loaded afresh."""
    folder = Path(templates_dir or DEFAULT_TEMPLATES_DIR).resolve()
    try:
        stamp = (folder / template / TEMPLATE_FILE).stat().st_mtime_ns
    except OSError:
        stamp = 0  # let load_template report the missing template properly
    key = (folder, template, stamp)
    with _lock:
        renderer = _cache.get(key)
        if renderer is None:
            renderer = Renderer(template, folder)
            for old in [k for k in _cache if k[:2] == key[:2]]:
                del _cache[old]
            _cache[key] = renderer
    return renderer


def render_personal(
    content: Content,
    *,
    name: str,
    profile_id: str,
    result: Result | None = None,
    lang: Lang = "nl",
    template: str = "default",
    templates_dir: Path | None = None,
    today: date | None = None,
    title: str | None = None,
) -> bytes:
    """A personal PDF. `result` None: the profile was given directly (no chart, no runner-up).
    `title`: the training it is made for (cover and footer).

    Raises TemplateError for a broken template and ValueError for an unknown profile id."""
    renderer = get_renderer(template, templates_dir)
    return renderer.personal(
        content,
        name=name,
        profile_id=profile_id,
        result=result,
        lang=lang,
        today=today,
        title=title,
    )


def render_group(
    content: Content,
    participants: Sequence[Member | tuple[str, str]],
    *,
    lang: Lang = "nl",
    template: str = "default",
    templates_dir: Path | None = None,
    title: str | None = None,
    today: date | None = None,
    absent: Sequence[Absent] = (),
) -> bytes:
    """The trainer's group report over its members (werkstijl.team.Member, or (name, profile
    id) pairs), naming the rows of the list left out (`absent`)."""
    renderer = get_renderer(template, templates_dir)
    return renderer.group(content, participants, lang=lang, title=title, today=today, absent=absent)
