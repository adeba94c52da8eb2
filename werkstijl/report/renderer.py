"""The Renderer: a template with its fonts, logo and styles loaded once, rendering many PDFs.

Bulk workers build one Renderer in their initializer; the app and CLI go through render_personal /
render_group, which keep a small cache of Renderers keyed by template folder, name and file state.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from werkstijl.content.models import Content, Lang, Profile
from werkstijl.plan import Plan, plan_for, plan_today
from werkstijl.report import group as group_report
from werkstijl.report import markup, personal
from werkstijl.report.context import Ctx
from werkstijl.report.document import (
    PAGE_SIZES,
    CachedImage,
    Decorate,
    IfRoom,
    Meta,
    build_pdf,
)
from werkstijl.report.fonts import FontSet
from werkstijl.report.styles import Styles, build_styles
from werkstijl.report.template import (
    DEFAULT_TEMPLATES_DIR,
    Template,
    TemplateSpec,
    load_template,
)
from werkstijl.scoring import Result
from werkstijl.team import Absent, Member, make_team

LANG_TAGS: dict[str, str] = {"nl": "nl-NL", "en": "en-GB"}
NEUTRAL = "#4B5563"  # accent of the group report, which belongs to no single profile


class Renderer:
    def __init__(self, template: str = "default", templates_dir: Path | None = None) -> None:
        self.template: Template = load_template(template, templates_dir or DEFAULT_TEMPLATES_DIR)
        self.fonts = FontSet(self.template)
        self.logo = CachedImage(ImageReader(str(self.template.file(self.template.spec.logo.file))))
        self._styles: dict[str, Styles] = {}
        self._pieces: dict[tuple, tuple[Content, list[Flowable]]] = {}
        self._lock = threading.RLock()
        size = PAGE_SIZES[self.template.spec.page.size]
        m = self.template.spec.page.margins_mm
        self.page_width, self.page_height = size
        self.frame_width = size[0] - (m.left + m.right) * mm

    @property
    def spec(self) -> TemplateSpec:
        return self.template.spec

    def styles(self, colour: str) -> Styles:
        if colour not in self._styles:
            self._styles[colour] = build_styles(self.spec, self.fonts, colour)
        return self._styles[colour]

    def ctx(self, content: Content, lang: Lang, colour: str) -> Ctx:
        return Ctx(self.template, self.fonts, self.styles(colour), content, lang, self.frame_width)

    def personal(
        self,
        content: Content,
        *,
        name: str,
        profile_id: str,
        result: Result | None = None,
        lang: Lang = "nl",
        today: date | None = None,
        plan: Plan | None = None,
        title: str | None = None,
    ) -> bytes:
        """One personal PDF; `result` None means the profile was given directly (no chart).
        `plan` defaults to the plan of the result (or of the profile). `title` names the
        training it is made for, on the cover and in the footer."""
        profile = _profile(content, profile_id)
        if plan is None:
            plan = plan_for(content, profile.id, result)
        today = today or plan_today()
        subject = personal.Subject(profile, plan, result, today)
        ctx = self.ctx(content, lang, profile.colour)
        sections = self.spec.layout.sections
        cover = []
        if "cover" in sections:
            cover = personal.cover(ctx, name, profile, today, title)
        clean_name = " ".join(markup.clean(name).split())
        meta = Meta(
            # Without a name, the cover's own title ("Werkstijlprofiel van " would dangle).
            title=ctx.label_text("meta_title", name=clean_name)
            if clean_name
            else ctx.label_text("cover_kicker"),
            subject=ctx.label_text("meta_subject", profile=profile.name.get(lang)),
            lang=LANG_TAGS[lang],
        )
        profile_name = profile.name.get(lang)
        footer = self._footer(ctx, "footer_title", title, profile=profile_name)
        footer = footer or ctx.label_text("footer", profile=profile_name)
        decorate = self._decorator(ctx, footer, bool(cover))
        # The lock: cached flowables are shared between PDFs, so one build at a time per Renderer.
        with self._lock:
            breaks = self.spec.layout.new_page_before
            parts = [
                self._section(ctx, s, subject, new_page=s in breaks)
                for s in sections
                if s != "cover"
            ]
            return build_pdf(
                self.spec, cover, self._join(parts), meta, decorate, self.fonts.regular
            )

    def _section(
        self, ctx: Ctx, name: str, subject: personal.Subject, new_page: bool = False
    ) -> list[Flowable]:
        """A section's flowables (after a page break if asked), its static pieces from the cache
        when the content and the plan are the same."""
        out: list[Flowable] = []
        for index, (build, static) in enumerate(personal.SECTIONS[name]):
            if not static:
                out += build(ctx, subject)
                continue
            key = (name, index, subject.plan.key, ctx.lang)
            cached = self._pieces.get(key)
            if cached is None or not _same_content(cached[0], ctx.content):
                cached = (ctx.content, build(ctx, subject))
                self._pieces[key] = cached
            out += cached[1]
        return [PageBreak(), *out] if new_page and out else out

    def group(
        self,
        content: Content,
        participants: Sequence[Member | tuple[str, str]],
        *,
        lang: Lang = "nl",
        title: str | None = None,
        today: date | None = None,
        absent: Sequence[Absent] = (),
    ) -> bytes:
        """The trainer's report over its members ((name, profile id) pairs will do; with a
        scored result the report shows each one's strong side and the first step of their plan).
        `absent` are the rows of the list left out, named in the report with their reason.
        Unknown profile ids are a ValueError."""
        ctx = self.ctx(content, lang, NEUTRAL)
        today = today or plan_today()
        report = group_report.GroupReport(
            ctx, make_team(content, participants, absent), title, today, self.styles
        )
        sections = self.spec.layout.group_sections
        cover = report.cover() if "cover" in sections else []
        breaks = self.spec.layout.group_new_page_before
        body = self._join(
            [
                [PageBreak(), *report.section(s)] if s in breaks else report.section(s)
                for s in sections
                if s != "cover"
            ]
        )
        title_text = " ".join(markup.clean(title or "").split()) or ctx.label_text("group_title")
        meta = Meta(
            title=title_text,
            subject=ctx.label_text("group_meta_subject"),
            lang=LANG_TAGS[lang],
        )
        values = {"date": ctx.date(today), "count": report.count_label(plain=True)}
        footer = self._footer(ctx, "group_footer", title_text, **values)
        # Group reports are rare and built fresh; the lock keeps them apart from cached builds.
        with self._lock:
            decorate = self._decorator(ctx, footer, bool(cover))
            return build_pdf(self.spec, cover, body, meta, decorate, self.fonts.regular)

    def _footer(self, ctx: Ctx, key: str, title: str | None, **values: str) -> str | None:
        """The footer label with `title` in it, the title shortened (with an ellipsis) so the
        line keeps clear of the page number; None without a title."""
        title = " ".join(markup.clean(title or "").split())
        if not title:
            return None
        spec = self.spec
        room = (
            self.frame_width
            - stringWidth(
                ctx.label_text("page", page=999, pages=999),
                self.fonts.regular,
                spec.type.small.size,
            )
            - 6 * mm
        )
        cut = title
        while True:
            text = ctx.label_text(key, title=cut, **values)
            width = stringWidth(self.fonts.drawable(text), self.fonts.regular, spec.type.small.size)
            if width <= room or len(cut) <= 1:
                return text
            cut = title[: len(cut.rstrip("…")) - 1].rstrip() + "…"

    def _join(self, parts: list[list[Flowable]]) -> list[Flowable]:
        """Sections one after another: those starting with a PageBreak on a new page, the others
        after a gap (on a new page only when little room is left)."""
        story: list[Flowable] = []
        for part in parts:
            if part and isinstance(part[0], PageBreak) and not story:
                part = part[1:]  # a section that always starts a page, placed first
            if not part:
                continue
            if (
                story
                and isinstance(story[-1], IfRoom)
                and not isinstance(part[0], personal.ClosingLine)
            ):  # not at the end: left out it would save no page, so kept as a block
                story[-1:] = story[-1].kept()
            if story and isinstance(part[0], personal.ClosingLine):
                story.append(self._with_closing(story, part))
                continue
            if isinstance(part[0], IfRoom):  # brings its own air, and only where it is drawn
                story.extend(part)
                continue
            if story and isinstance(part[0], CondPageBreak):  # a section with its own keep
                story.append(Spacer(1, self.spec.spacing.section_mm * mm))
            elif story and not isinstance(part[0], PageBreak):
                story += self._section_gap()
            story.extend(part)
        return story

    def _with_closing(self, story: list[Flowable], closing: list[Flowable]) -> KeepTogether:
        """The closing line kept with the last flowable before it (and the headings kept with
        that one), taken off the end of `story`: it never ends up alone on a page. Blocks drawn
        only where there is room (IfRoom: the notes) go between them, leaving room for it."""
        extras: list[Flowable] = []
        while story and isinstance(story[-1], IfRoom):
            extras.insert(0, story.pop())
        last = story.pop() if story else None
        # Unwrapped: ReportLab moves a KeepTogether nested in another one too eagerly.
        before = list(last._content) if isinstance(last, KeepTogether) else [last] if last else []
        while story and story[-1].getKeepWithNext():
            before.insert(0, story.pop())
        gap = Spacer(1, self.spec.spacing.section_mm * mm)
        for extra in extras:
            extra.follow = [gap, *closing]
        return KeepTogether([*before, *extras, gap, *closing])

    def _section_gap(self) -> list[Flowable]:
        """Some air between sections, and no heading stranded at the foot of a page."""
        spacing = self.spec.spacing
        return [Spacer(1, spacing.section_mm * mm), CondPageBreak(spacing.section_keep_mm * mm)]

    def _decorator(self, ctx: Ctx, footer: str, has_cover: bool) -> Decorate:
        spec, fonts, palette = self.spec, self.fonts, ctx.styles.palette
        m = spec.page.margins_mm
        small = spec.type.small.size
        footer = fonts.drawable(footer)

        def decorate(canvas: Canvas, page: int, pages: int) -> None:
            if has_cover and page == 1:
                self._draw_cover(canvas, ctx)
                return
            left, right = spec.page.margins_on(page)
            y = m.bottom * mm * 0.5
            canvas.setStrokeColor(palette.rule)
            canvas.setLineWidth(spec.marks.line_pt)
            canvas.line(left * mm, y + small * 1.6, self.page_width - right * mm, y + small * 1.6)
            canvas.setFont(fonts.regular, small)
            canvas.setFillColor(palette.muted)
            canvas.drawString(left * mm, y, footer)
            number = fonts.drawable(ctx.label_text("page", page=page, pages=pages))
            canvas.drawRightString(self.page_width - right * mm, y, number)

        return decorate

    def _draw_cover(self, canvas: Canvas, ctx: Ctx) -> None:
        """Logo top left and a quiet band of the accent colour along the bottom edge."""
        spec = self.spec
        m = spec.page.margins_mm
        width = spec.logo.width_mm * mm
        height = width * self.logo.height / self.logo.width
        top = self.page_height - m.top * mm
        self.logo.draw(canvas, m.left * mm, top - height, width, height)
        canvas.setFillColor(ctx.styles.palette.tint)
        band = m.bottom * mm * 1.6
        canvas.rect(0, 0, self.page_width, band, stroke=0, fill=1)
        canvas.setFillColor(ctx.styles.palette.accent)
        stripe = spec.marks.accent_bar_height_mm * mm
        canvas.rect(0, band, self.page_width, stripe, stroke=0, fill=1)


def _same_content(a: Content, b: Content) -> bool:
    """The same object, or loaded from the same files (bulk workers may get a pickled copy)."""
    return a is b or (bool(a.version) and a.version == b.version)


def _profile(content: Content, profile_id: str) -> Profile:
    try:
        return content.profile(profile_id)
    except KeyError:
        known = ", ".join(p.id for p in content.profiles)
        raise ValueError(f"unknown profile {profile_id!r} (known: {known})") from None
