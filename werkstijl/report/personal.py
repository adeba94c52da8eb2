"""The personal report: cover, profile, first step, start plan, week rhythm, traits, reference tips.

Every section reads the visitor's `Plan`, so the PDF says what the result page, the mail and the
calendar file say. A section is made of pieces; a "static" piece depends only on the content, the
plan (profile and the side that chose the first step) and the language, so the Renderer builds it
once and reuses its flowables for every PDF with the same plan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer

from werkstijl.content.models import Profile, TipCategory
from werkstijl.content.rhythm import format_date
from werkstijl.plan import Plan, PlanTip, Stage, week_start
from werkstijl.report.chart import profile_bar, profile_chart
from werkstijl.report.context import Ctx
from werkstijl.report.document import IfRoom, Para, Table, TickBox
from werkstijl.report.layout import RoomFor, bullets, grid_style, panel, two_columns
from werkstijl.scoring import Result


@dataclass(frozen=True)
class Subject:
    """Whom a personal PDF is for: the profile, the plan, the result (None: profile given
    directly) and the day it is made (week 1 of the start plan is the Monday after it)."""

    profile: Profile
    plan: Plan
    result: Result | None
    today: date


Section = Callable[[Ctx, Subject], list[Flowable]]


def cover_name_size(ctx: Ctx, name: str) -> tuple[float, float]:
    """Shrink a long name (down to the template's minimum) so it takes at most three lines."""
    t = ctx.spec.type
    size, ratio = t.cover_name.size, t.cover_name.leading / t.cover_name.size
    # 2.6 widths rather than 3: words wrap whole, so three lines never fill up completely.
    while size > t.cover_name_min and stringWidth(name, ctx.fonts.bold, size) > 2.6 * ctx.width:
        size -= 1
    return size, size * ratio


def cover(
    ctx: Ctx, name: str, profile: Profile, today: date, title: str | None = None
) -> list[Flowable]:
    """Kicker, the training's title (if made for one), name, date, profile and tagline."""
    s = ctx.styles
    size, leading = cover_name_size(ctx, name)
    name_style = s.cover_name.clone("cover_name_fit", fontSize=size, leading=leading)
    training = ctx.plain(title or "").strip()
    gap = ctx.spec.spacing.cover_after_mm.kicker * mm
    title_style = s.cover_date.clone("cover_training", fontName=ctx.fonts.bold, spaceAfter=gap)
    return [
        Spacer(1, ctx.spec.spacing.cover_top_mm * mm),
        Para(ctx.label("cover_kicker"), s.cover_kicker),
        *([Para(training, title_style)] if training else []),
        Para(ctx.plain(name), name_style),
        Para(ctx.date(today), s.cover_date),
        ctx.heading_with(Para(ctx.rich(profile.name), s.cover_profile)),
        Para(ctx.rich(profile.tagline), s.cover_tagline),
    ]


def profile_intro(ctx: Ctx, subject: Subject) -> list[Flowable]:
    profile = subject.profile
    heading = ctx.heading(ctx.label("profile_heading", profile=ctx.rich(profile.name)))
    return [heading, Para(ctx.rich(profile.description), ctx.styles.lead)]


def profile_side(ctx: Ctx, subject: Subject) -> list[Flowable]:
    """The runner-up line of a close result (the one personal line of the profile section)."""
    result, profile = subject.result, subject.profile
    if result is None or result.side is None:
        return []
    runner = ctx.content.profile(result.side)
    line = ctx.label("runner_up", profile=ctx.rich(profile.name), runner_up=ctx.rich(runner.name))
    return [Para(line, ctx.styles.note)]


def first_step(ctx: Ctx, subject: Subject) -> list[Flowable]:
    """The one first step, in a quiet panel right after the profile, with the Monday it starts
    (week 1: the date the page, the mail and the calendar file name too)."""
    s, plan = ctx.styles, subject.plan
    tip = plan.first_step
    start = ctx.plain(format_date(week_start(subject.today, 1), ctx.lang))
    parts: list[Flowable] = [
        Para(ctx.label("first_step", date=start), s.kicker),
        Para(ctx.rich(tip.title), s.step_title),
        Para(ctx.rich(tip.text), s.body),
    ]
    if plan.side is not None:
        side = ctx.rich(ctx.content.profile(plan.side).name)
        parts.append(Para(ctx.label("first_step_side", runner_up=side), s.cell_muted))
    return [KeepTogether([panel(ctx, parts, s.palette.tint)])]


def start_plan(ctx: Ctx, subject: Subject) -> list[Flowable]:
    """One row per week: a box to tick, the week and its Monday, the habit and its slots."""
    s, plan = ctx.styles, subject.plan
    rows = [_week_row(ctx, subject, step.week, step.tip) for step in plan.steps]
    box = (ctx.spec.marks.tick_box_mm + 2 * ctx.spec.spacing.cell_padding_mm) * mm
    week_w = ctx.spec.columns.week_mm * mm
    widths = [box, week_w, ctx.width - box - week_w]
    table = Table(rows, colWidths=widths, style=_plan_style(ctx))
    full = week_start(subject.today, plan.full_week)
    after = ctx.label("full_week", week=str(plan.full_week), date=ctx.plain(ctx.date(full)))
    heading = ctx.heading(ctx.label("start_plan"))
    intro = Para(ctx.label("start_plan_intro"), s.body)
    first = Table(rows[:1], colWidths=widths, style=_plan_style(ctx))  # measured, not drawn
    return [
        RoomFor([heading, intro, first]),
        heading,
        intro,
        table,
        Spacer(1, ctx.spec.spacing.paragraph_mm * mm),
        Para(after, s.body),
    ]


def _week_row(ctx: Ctx, subject: Subject, week: int, tip: PlanTip) -> list:
    s, palette, marks = ctx.styles, ctx.styles.palette, ctx.spec.marks
    monday = ctx.plain(ctx.date(week_start(subject.today, week)))
    when = [
        Para(ctx.label("week", week=str(week)), s.cell_bold),
        Para(ctx.label("week_from", date=monday), s.cell_muted),
    ]
    what: list[Flowable] = [Para(ctx.rich(tip.title), s.tip_title)]
    if week > 1:  # the first step is written out in full just above
        what.append(Para(ctx.rich(tip.text), s.cell_text))
    return [TickBox(marks.tick_box_mm * mm, palette.text, marks.header_rule_pt), when, what]


def _plan_style(ctx: Ctx) -> list[tuple]:
    gap = ctx.spec.spacing.row_padding_mm * mm
    p, marks = ctx.styles.palette, ctx.spec.marks
    return [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (1, 0), (1, -1), ctx.spec.spacing.cell_padding_mm * mm),
        ("TOPPADDING", (0, 0), (-1, -1), gap),
        ("BOTTOMPADDING", (0, 0), (-1, -1), gap),
        ("LINEBELOW", (0, 0), (-1, -1), marks.row_rule_pt, p.rule),
    ]


def week_section(ctx: Ctx, subject: Subject) -> list[Flowable]:
    """The rhythm as a table: time, days in words, what and why, and the week it starts."""
    s, plan = ctx.styles, subject.plan
    head = [Para(ctx.label(key), s.cell_head) for key in ("time", "days", "what", "starts")]
    rows: list[list] = [head]
    muted = "#" + s.palette.muted.hexval()[2:]
    for block in plan.blocks:
        what = f"<b>{ctx.rich(block.title)}</b>"
        if block.why is not None:
            what += f'<br/><font color="{muted}">{ctx.rich(block.why)}</font>'
        rows.append(
            [
                Para(block.time_range(), s.cell_bold),
                Para(ctx.plain(block.day_words(ctx.lang)), s.cell),
                Para(what, s.cell),
                Para(ctx.label("week", week=str(block.start_week)), s.cell),
            ]
        )
    c = ctx.spec.columns
    fixed = (c.time_mm + c.days_mm + c.start_week_mm) * mm
    widths = [c.time_mm * mm, c.days_mm * mm, ctx.width - fixed, c.start_week_mm * mm]
    style = [
        *grid_style(ctx),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "LEFT"),
    ]
    table = Table(rows, colWidths=widths, repeatRows=1, style=style, splitInRow=1)
    heading = ctx.heading(ctx.label("week_rhythm"))
    intro = Para(ctx.label("week_rhythm_intro"), s.body)
    first = Table(rows[:2], colWidths=widths, style=style)  # measured, not drawn
    return [RoomFor([heading, intro, first]), heading, intro, table]


def scores(ctx: Ctx, subject: Subject) -> list[Flowable]:
    """The score chart of a scored result (nothing when the profile was given directly)."""
    if subject.result is None:
        return []
    percent = subject.result.percentages
    bars = [
        profile_bar(
            ctx,
            p,
            share=percent.get(p.id, 0) / 100,
            value=f"{percent.get(p.id, 0)}%",
            strong=p.id == subject.profile.id,
        )
        for p in ctx.content.profiles
    ]
    return [
        Para(ctx.label("scores"), ctx.styles.h2),
        profile_chart(ctx, bars),
        Spacer(1, ctx.spec.spacing.paragraph_mm * mm),
    ]


def traits(ctx: Ctx, subject: Subject) -> list[Flowable]:
    s, profile = ctx.styles, subject.profile
    styles = two_columns(
        ctx,
        [Para(ctx.label("email_style"), s.h2), Para(ctx.rich(profile.email_style), s.body)],
        [Para(ctx.label("agenda_style"), s.h2), Para(ctx.rich(profile.agenda_style), s.body)],
    )
    strengths = two_columns(
        ctx,
        [Para(ctx.label("strengths"), s.h2), *bullets(ctx, profile.strengths)],
        [Para(ctx.label("pitfalls"), s.h2), *bullets(ctx, profile.pitfalls)],
    )
    # The heading keeps with the first column pair (ReportLab does not keep a heading with a
    # KeepTogether); the second pair moves to the next page whole if it fits there.
    return [ctx.heading(ctx.label("traits")), styles, KeepTogether([strengths])]


def _tip(ctx: Ctx, tip: PlanTip, first: bool) -> list[Flowable]:
    """A tip kept together; the first under a heading as loose parts, so the heading's
    keep-with-next holds it (ReportLab does not keep a heading with a KeepTogether)."""
    s = ctx.styles
    parts: list[Flowable] = [
        Para(ctx.rich(tip.title), s.tip_title),
        Para(ctx.rich(tip.text), s.body),
    ]
    if ctx.spec.layout.tip_note_lines:
        parts.append(ctx.write_lines(ctx.spec.layout.tip_note_lines))
    parts.append(Spacer(1, ctx.spec.spacing.tip_mm * mm))
    return parts if first else [KeepTogether(parts)]


def tips_section(category: TipCategory) -> Section:
    """The tips of one category that are not in the start plan, under a heading per stage."""

    def build(ctx: Ctx, subject: Subject) -> list[Flowable]:
        groups = [g for g in subject.plan.reference if g.category == category]
        if not groups:
            return []
        out: list[Flowable] = [ctx.heading(ctx.label(f"{category.value}_tips"))]
        for group in groups:
            label = "reference_next" if group.stage is Stage.next else "reference_later"
            out.append(Para(ctx.label(label), ctx.styles.h2))
            for index, tip in enumerate(group.tips):
                out += _tip(ctx, tip, first=index == 0)
        return out

    return build


def notes(ctx: Ctx, subject: Subject) -> list[Flowable]:
    """The heading and lines for notes, where the last page has room for them; never a page
    of their own (a visitor found one with nothing but the heading and empty lines)."""
    lines = ctx.spec.layout.notes_lines
    if not lines:
        return []
    parts = [Para(ctx.label("notes"), ctx.styles.h2), ctx.write_lines(lines)]
    return [IfRoom(parts, gap=ctx.spec.spacing.section_mm * mm)]


class ClosingLine(Para):
    """The last line; the Renderer keeps it on the page of what comes before it, so it never
    ends up alone on a page of its own."""


def closing(ctx: Ctx, subject: Subject) -> list[Flowable]:
    """The last line: the site's address as a real link."""
    url = ctx.content.site.site_url
    shown = url.removeprefix("https://").rstrip("/")
    colour = ctx.styles.palette.accent_hex
    link = f'<a href="{ctx.plain(url)}" color="{colour}">{ctx.plain(shown)}</a>'
    return [ClosingLine(ctx.label("closing", link=link), ctx.styles.body)]


# (builder, static) per piece; see the module docstring.
SECTIONS: dict[str, list[tuple[Section, bool]]] = {
    "profile": [(profile_intro, True), (profile_side, False)],
    "first_step": [(first_step, False)],  # its date changes every week
    "start_plan": [(start_plan, False)],
    "week_rhythm": [(week_section, True)],
    "traits": [(traits, True), (scores, False)],
    "email_tips": [(tips_section(TipCategory.email), True)],
    "agenda_tips": [(tips_section(TipCategory.agenda), True)],
    "notes": [(notes, True)],
    "closing": [(closing, True)],
}
