"""The personal report: cover, profile, e-mail tips, agenda tips, week rhythm, action plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from werkstijl.content.models import Profile, Tip, TipCategory
from werkstijl.report.chart import profile_bar, profile_chart
from werkstijl.report.context import Ctx
from werkstijl.report.document import Figure, Para, Table, TickBox
from werkstijl.report.layout import Dot, WriteOn, bullets, grid_style, two_columns
from werkstijl.scoring import Result

Section = Callable[[Ctx, Profile, "Result | None"], list[Flowable]]


def cover_name_size(ctx: Ctx, name: str) -> tuple[float, float]:
    """Shrink a long name (down to the template's minimum) so it takes at most three lines."""
    t = ctx.spec.type
    size, ratio = t.cover_name.size, t.cover_name.leading / t.cover_name.size
    # 2.6 widths rather than 3: words wrap whole, so three lines never fill up completely.
    while size > t.cover_name_min and stringWidth(name, ctx.fonts.bold, size) > 2.6 * ctx.width:
        size -= 1
    return size, size * ratio


def cover(ctx: Ctx, name: str, profile: Profile, today: date) -> list[Flowable]:
    s = ctx.styles
    size, leading = cover_name_size(ctx, name)
    name_style = s.cover_name.clone("cover_name_fit", fontSize=size, leading=leading)
    return [
        Spacer(1, ctx.spec.spacing.cover_top_mm * mm),
        Para(ctx.label("cover_kicker"), s.cover_kicker),
        Para(ctx.plain(name), name_style),
        Para(ctx.date(today), s.cover_date),
        ctx.heading_with(Para(ctx.rich(profile.name), s.cover_profile)),
        Para(ctx.rich(profile.tagline), s.cover_tagline),
    ]


def _scores(ctx: Ctx, profile: Profile, result: Result) -> Flowable:
    percent = result.percentages
    bars = [
        profile_bar(
            ctx,
            p,
            share=percent.get(p.id, 0) / 100,
            value=f"{percent.get(p.id, 0)}%",
            strong=p.id == profile.id,
        )
        for p in ctx.content.profiles
    ]
    return profile_chart(ctx, bars)


def profile_intro(ctx: Ctx, profile: Profile, result: Result | None) -> list[Flowable]:
    heading = ctx.heading(ctx.label("profile_heading", profile=ctx.rich(profile.name)))
    return [heading, Para(ctx.rich(profile.description), ctx.styles.lead)]


def profile_result(ctx: Ctx, profile: Profile, result: Result | None) -> list[Flowable]:
    """The only personal part of the profile page: runner-up line and score chart."""
    if result is None:
        return []
    out: list[Flowable] = []
    if result.close and result.runner_up != profile.id:
        runner = ctx.content.profile(result.runner_up)
        line = ctx.label(
            "runner_up", profile=ctx.rich(profile.name), runner_up=ctx.rich(runner.name)
        )
        out.append(Para(line, ctx.styles.note))
    return [*out, Para(ctx.label("scores"), ctx.styles.h2), _scores(ctx, profile, result)]


def profile_traits(ctx: Ctx, profile: Profile, result: Result | None) -> list[Flowable]:
    s = ctx.styles
    styles = two_columns(
        ctx,
        [Para(ctx.label("email_style"), s.h2), Para(ctx.rich(profile.email_style), s.body)],
        [Para(ctx.label("agenda_style"), s.h2), Para(ctx.rich(profile.agenda_style), s.body)],
    )
    traits = two_columns(
        ctx,
        [Para(ctx.label("strengths"), s.h2), *bullets(ctx, profile.strengths)],
        [Para(ctx.label("pitfalls"), s.h2), *bullets(ctx, profile.pitfalls)],
    )
    # KeepTogether: move a column pair to the next page whole if it fits there, split it if not.
    gap = Spacer(1, ctx.spec.spacing.section_mm * mm)
    return [gap, KeepTogether([styles]), KeepTogether([traits])]


def _tip(ctx: Ctx, tip: Tip) -> Flowable:
    s = ctx.styles
    kicker = s.kicker if tip.priority == 1 else s.kicker_muted
    parts: list[Flowable] = [
        Para(ctx.label(f"priority_{tip.priority}"), kicker),
        Para(ctx.rich(tip.title), s.tip_title),
        Para(ctx.rich(tip.text), s.body),
    ]
    if ctx.spec.layout.tip_note_lines:
        parts.append(ctx.write_lines(ctx.spec.layout.tip_note_lines))
    parts.append(Spacer(1, ctx.spec.spacing.tip_mm * mm))
    return KeepTogether(parts)


def tips_section(category: TipCategory) -> Section:
    def build(ctx: Ctx, profile: Profile, result: Result | None) -> list[Flowable]:
        out: list[Flowable] = [ctx.heading(ctx.label(f"{category.value}_tips"))]
        return out + [_tip(ctx, tip) for tip in ctx.content.tips_for(profile.id, category)]

    return build


def week_section(ctx: Ctx, profile: Profile, result: Result | None) -> list[Flowable]:
    s = ctx.styles
    days = [d.strip() for d in ctx.label_text("days").split(",")][:5]
    days += [""] * (5 - len(days))
    head = [Para(ctx.label("time"), s.cell_head), "", *[Para(d, s.cell_head_center) for d in days]]
    rows: list[list] = [head]
    day_dot = ctx.spec.marks.day_dot_mm * mm
    for block in sorted(profile.week_rhythm, key=lambda b: (b.start, b.end)):
        what = f"<b>{ctx.rich(block.title)}</b>"
        if block.why is not None:
            muted = "#" + s.palette.muted.hexval()[2:]
            what += f'<br/><font color="{muted}">{ctx.rich(block.why)}</font>'
        active = {d.value for d in block.days}
        rows.append(
            [
                Para(f"{block.start}–{block.end}", s.cell_bold),
                Para(what, s.cell),
                *[
                    Figure(Dot(s.palette.accent, day_dot), alt=name) if d in active else ""
                    for d, name in zip(("mon", "tue", "wed", "thu", "fri"), days, strict=True)
                ],
            ]
        )
    day_w, time_w = ctx.spec.columns.day_mm * mm, ctx.spec.columns.time_mm * mm
    widths = [time_w, ctx.width - time_w - 5 * day_w, *[day_w] * 5]
    table = Table(rows, colWidths=widths, repeatRows=1, style=grid_style(ctx), splitInRow=1)
    return [ctx.heading(ctx.label("week_rhythm")), table]


def _starters(ctx: Ctx, profile: Profile) -> list[tuple[TipCategory, Tip]]:
    """The 'start here' tips; topped up with the next most important if there are fewer than 3
    (the plan asks the reader to pick three)."""
    first = ctx.content.starter_tips(profile.id)
    tips = [(c, t) for c in TipCategory for t in ctx.content.tips_for(profile.id, c)]
    rest = sorted([ct for ct in tips if ct not in first], key=lambda ct: ct[1].priority)
    return first + rest[: max(0, 3 - len(first))]


def _action_row(ctx: Ctx, tip: Tip, start_label: str) -> list[Flowable]:
    """Tick box | tip title | a line to write the start date on."""
    palette, marks = ctx.styles.palette, ctx.spec.marks
    return [
        TickBox(marks.tick_box_mm * mm, palette.text, marks.header_rule_pt),
        Para(ctx.rich(tip.title), ctx.styles.tip_title),
        WriteOn(
            start_label,
            ctx.fonts.regular,
            ctx.spec.type.small.size,
            palette.muted,
            palette.text,
            marks.start_date_rule_pt,
        ),
    ]


def action_section(ctx: Ctx, profile: Profile, result: Result | None) -> list[Flowable]:
    s = ctx.styles
    box = ctx.spec.marks.tick_box_mm * mm
    date_w = ctx.spec.columns.start_date_mm * mm
    start = ctx.fonts.drawable(ctx.label_text("start_date"))
    rows = [_action_row(ctx, tip, start) for _, tip in _starters(ctx, profile)]
    widths = [box + 5 * mm, ctx.width - box - 5 * mm - date_w, date_w]
    table = Table(rows, colWidths=widths, splitInRow=1)
    table.setStyle(_action_style(ctx))
    out = [
        ctx.heading(ctx.label("action_plan")),
        Para(ctx.label("action_plan_intro"), s.lead),
        table,
    ]
    if ctx.spec.layout.notes_lines:
        lines = ctx.spec.layout.notes_lines
        keep = CondPageBreak(ctx.spec.spacing.notes_keep_mm * mm)
        out += [keep, Para(ctx.label("notes"), s.h2), ctx.write_lines(lines)]
    return out


def _action_style(ctx: Ctx) -> list[tuple]:
    gap = ctx.spec.spacing.write_line_mm * mm
    return [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), gap * 0.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), gap * 0.9),
        ("LEFTPADDING", (2, 0), (2, -1), 6 * mm),
    ]


# Each section is made of pieces; a "static" piece depends only on content, profile and language,
# so the Renderer builds it once and reuses its (already wrapped) flowables for every PDF.
SECTIONS: dict[str, list[tuple[Section, bool]]] = {
    "profile": [(profile_intro, True), (profile_result, False), (profile_traits, True)],
    "email_tips": [(tips_section(TipCategory.email), True)],
    "agenda_tips": [(tips_section(TipCategory.agenda), True)],
    "week_rhythm": [(week_section, True)],
    "action_plan": [(action_section, True)],
}
