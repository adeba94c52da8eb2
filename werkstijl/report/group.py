"""The trainer's group report: a session a trainer can run from the PDF.

Sections (the template chooses which and in what order): the cover (title, date, number of
participants), the session outline with timings, the profiles at a glance, the profile mix, what
this mix means (texts/group.yaml), who is what (profile, strong side, first step), pairs of
contrasting profiles, and the agreements proposed to this group with room for its decisions.
Every profile carries its mark (a shape) next to its name, so a grayscale print still tells them
apart. What to say is content (texts/group.yaml) or a template label; what a group gets is decided
by `werkstijl.team`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from werkstijl.content.models import AgreementArea, MixCondition, Profile, Text
from werkstijl.plan import coming_monday
from werkstijl.report.chart import profile_bar, profile_chart
from werkstijl.report.context import Ctx, fill
from werkstijl.report.document import Para, Table
from werkstijl.report.layout import bullets, panel, two_columns
from werkstijl.report.marks import profile_mark
from werkstijl.report.styles import Styles
from werkstijl.team import Proposal, Team, TeamMember


class GroupReport:
    def __init__(
        self,
        ctx: Ctx,
        team: Team,
        title: str | None,
        today: date,
        styles_for: Callable[[str], Styles],
    ) -> None:
        self.ctx = ctx
        self.team = team
        self.styles_for = styles_for
        self.title = title
        self.today = today

    def count_label(self, plain: bool = False) -> str:
        return self._count(self.team.size, plain)

    def _count(self, count: int, plain: bool = False) -> str:
        """ "1 deelnemer", "12 deelnemers"."""
        label = self.ctx.label_text if plain else self.ctx.label
        return label("group_count_one") if count == 1 else label("group_count", count=str(count))

    def cover(self) -> list[Flowable]:
        ctx, s = self.ctx, self.ctx.styles
        title = ctx.plain(self.title or "")  # may end up empty, e.g. a title of emoji only
        title = title if title.strip() else ctx.label("group_title")
        return [
            Spacer(1, ctx.spec.spacing.cover_top_mm * mm),
            Para(ctx.label("group_kicker"), s.cover_kicker),
            Para(title, s.cover_name),
            Para(ctx.date(self.today), s.cover_date),
            ctx.heading_with(Para(self.count_label(), s.cover_tagline)),
            *self._absent_count(),
        ]

    def _absent_count(self) -> list[Flowable]:
        """On the cover: how many on the list are left out, before the trainer plans anything."""
        count = len(self.team.absent)
        if not count:
            return []
        ctx = self.ctx
        return [Para(ctx.label("group_absent_count", count=str(count)), ctx.styles.cover_date)]

    def section(self, name: str) -> list[Flowable]:
        return getattr(self, f"_{name}")()

    def _mark(self, profile: Profile) -> Flowable:
        return profile_mark(self.ctx, profile, self.ctx.spec.marks.member_dot_mm * mm)

    # -- the session outline ----------------------------------------------------------------

    def _session(self) -> list[Flowable]:
        ctx, s = self.ctx, self.ctx.styles
        team, session = self.team, ctx.content.group.session
        steps = session.steps_for(team.small)
        intro = session.small if team.small else session.intro
        count = self.count_label() if team.small else str(team.size)
        # What to prepare in two columns, so the outline fits its page.
        prepare = bullets(ctx, session.prepare, s.cell_text)
        half = (len(prepare) + 1) // 2
        minutes = sum(step.minutes for step in steps)
        out: list[Flowable] = [
            ctx.heading(ctx.label("group_session", minutes=str(minutes))),
            # The small-group intro names the count with its noun ("1 deelnemer").
            Para(fill(ctx.rich(intro), count=count), s.body),
        ]
        out += [
            Para(ctx.label("group_prepare"), s.h2),
            two_columns(ctx, prepare[:half], prepare[half:]),
        ]
        head = [
            Para(ctx.label("group_time"), s.cell_head),
            Para(ctx.label("group_step"), s.cell_head),
        ]
        rows: list[list] = [head]
        start = 0
        for step in steps:
            end = start + step.minutes
            when = [
                Para(f"{_clock(start)}–{_clock(end)}", s.cell_bold),
                Para(ctx.label("group_minutes", minutes=str(step.minutes)), s.cell_text),
            ]
            if step.materials is not None:  # beside the step: the outline stays on one page
                need = ctx.rich(step.materials)
                when.append(Para(f"<b>{ctx.label('group_materials')}:</b> {need}", s.cell_muted))
            rows.append([when, self._step(step)])
            start = end
        time_w = ctx.spec.columns.session_time_mm * mm
        style = [*_rows(ctx), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        # Whole steps to a page: a step cut in two is easy to miss while running the session.
        table = Table(rows, colWidths=[time_w, ctx.width - time_w], repeatRows=1)
        table.setStyle(style)
        return [*out, table]  # the heading gives the total, the last row its end

    def _step(self, step) -> list[Flowable]:
        ctx, s = self.ctx, self.ctx.styles
        # {week1}: the Monday that starts week 1 of everyone's start plan, as their PDFs say.
        values = {"count": str(self.team.size), "week1": ctx.date(coming_monday(self.today))}
        parts: list[Flowable] = [
            Para(fill(ctx.rich(step.title), **values), s.cell_bold),
            Para(fill(ctx.rich(step.do), **values), s.cell_text),
        ]
        if step.say is not None:
            words = fill(ctx.rich(step.say), **values)
            parts.append(Para(f"<b>{ctx.label('group_say')}:</b> <i>{words}</i>", s.cell_text))
        return parts

    # -- the profiles, the mix and what it means --------------------------------------------

    def _profiles(self) -> list[Flowable]:
        ctx = self.ctx
        out: list[Flowable] = [ctx.heading(ctx.label("group_profiles"))]
        for index, profile in enumerate(ctx.content.profiles):
            parts = self._profile(profile)
            out += parts if index == 0 else [KeepTogether(parts)]
        return out

    def _profile(self, profile: Profile) -> list[Flowable]:
        """A profile in a few lines: mark, name and how many have it, tagline, three strengths
        and pitfalls, what it brings to a team."""
        ctx = replace(self.ctx, styles=self.styles_for(profile.colour))
        s = ctx.styles
        count = ctx.label("group_in_group", count=str(self.team.mix.count(profile.id)))
        name = f'{ctx.rich(profile.name)} <font color="{_hex(s.palette.muted)}" size="{s.body.fontSize}">· {count}</font>'
        mark_w = ctx.spec.columns.member_dot_mm * mm
        title = Table(
            [[self._mark(profile), Para(name, s.h2)]], colWidths=[mark_w, ctx.width - mark_w]
        )
        title.setStyle(_tight("BOTTOM"))
        columns = two_columns(
            ctx,
            [Para(ctx.label("strengths"), s.kicker), *bullets(ctx, profile.strengths[:3])],
            [Para(ctx.label("pitfalls"), s.kicker), *bullets(ctx, profile.pitfalls[:3])],
        )
        role = f"<b>{ctx.label('group_role')}:</b> {ctx.rich(profile.team.role)}"
        return [
            title,
            Para(f"<i>{ctx.rich(profile.tagline)}</i>", s.body),
            columns,
            Para(role, s.body),
            Spacer(1, ctx.spec.spacing.paragraph_mm * mm),
        ]

    def _mix(self) -> list[Flowable]:
        ctx, team = self.ctx, self.team
        heading = ctx.heading(ctx.label("group_mix"))
        if not team.size:
            return [heading, Para(ctx.label("group_mix_none"), ctx.styles.lead)]
        bars = [
            profile_bar(
                ctx,
                p,
                share=team.mix.count(p.id) / team.size,
                value=f"{team.mix.count(p.id)}  ({team.mix.percent(p.id)}%)",
                strong=bool(team.mix.count(p.id)),
            )
            for p in ctx.content.profiles
        ]
        return [heading, Para(self.count_label(), ctx.styles.lead), profile_chart(ctx, bars)]

    def _together(self) -> list[Flowable]:
        ctx, s = self.ctx, self.ctx.styles
        if not self.team.statements:
            return []
        out: list[Flowable] = [ctx.heading(ctx.label("group_together"))]
        for statement in self.team.statements:
            box = panel(
                ctx,
                [
                    Para(self._condition(statement.when), s.kicker),
                    Para(
                        f"<b>{ctx.label('group_strong')}:</b> {ctx.rich(statement.strong)}", s.body
                    ),
                    Para(f"<b>{ctx.label('group_risk')}:</b> {ctx.rich(statement.risk)}", s.body),
                ],
                s.palette.panel,
            )
            out.append(KeepTogether([box]))
        return out

    def _condition(self, when: MixCondition) -> str:
        """What a condition says, as the kicker above its statement."""
        ctx = self.ctx
        parts = []
        for key, label in (
            ("absent", "group_missing"),
            ("dominant", "group_dominant"),
            ("few", "group_few"),
        ):
            profile_id = getattr(when, key)
            if profile_id is not None:
                parts.append(
                    ctx.label(label, profile=ctx.rich(ctx.content.profile(profile_id).name))
                )
        if when.balanced:
            parts.append(ctx.label("group_balanced"))
        # How many of a profile only when nothing else says it ("few" already implies it).
        for key, label in (("one", "group_one"), ("several", "group_several")):
            profile_id = getattr(when, key)
            if profile_id is not None and not parts:
                name = ctx.rich(ctx.content.profile(profile_id).name)
                parts.append(ctx.label(label, profile=name))
        return " · ".join(parts)

    # -- who is what, and the pairs ---------------------------------------------------------

    def _members(self) -> list[Flowable]:
        ctx, s = self.ctx, self.ctx.styles
        head = [
            "",
            Para(ctx.label("name"), s.cell_head),
            Para(ctx.label("profile"), s.cell_head),
            Para(ctx.label("group_first_step"), s.cell_head),
        ]
        rows: list[list] = [head]
        for member in self.team.members:
            rows.append(
                [
                    self._mark(member.profile),
                    Para(ctx.plain(self.team.label(member)), s.cell),
                    Para(self._profile_name(member), s.cell),
                    Para(ctx.rich(member.plan.first_step.title), s.cell),
                ]
            )
        c = ctx.spec.columns
        fixed = [c.member_dot_mm * mm, c.member_name_mm * mm, c.member_profile_mm * mm]
        table = Table(rows, colWidths=[*fixed, ctx.width - sum(fixed)], repeatRows=1, splitInRow=1)
        table.setStyle(_rows(ctx))
        return [ctx.heading(ctx.label("group_members")), table, *self._absent()]

    def _absent(self) -> list[Flowable]:
        """Everyone on the list who is not in this report, with why: the trainer sees everyone."""
        ctx, s = self.ctx, self.ctx.styles
        if not self.team.absent:
            return []
        head = [
            Para(ctx.label("group_absent_row"), s.cell_head),
            Para(ctx.label("name"), s.cell_head),
            Para(ctx.label("group_absent_reason"), s.cell_head),
        ]
        rows: list[list] = [head]
        for person in self.team.absent:
            name = (
                ctx.plain(person.name) if person.name.strip() else ctx.label("group_absent_noname")
            )
            rows.append(
                [
                    Para(str(person.row), s.cell),
                    Para(name, s.cell),
                    Para(ctx.label(f"group_absent_{person.reason}"), s.cell),
                ]
            )
        c = ctx.spec.columns
        fixed = [c.pair_mm * mm, c.member_name_mm * mm]
        table = Table(rows, colWidths=[*fixed, ctx.width - sum(fixed)], repeatRows=1, splitInRow=1)
        table.setStyle(_rows(ctx))
        intro = Para(ctx.label("group_absent_intro"), s.body)
        return [
            Spacer(1, ctx.spec.spacing.paragraph_mm * mm),
            KeepTogether([Para(ctx.label("group_absent"), s.h2), intro, table]),
        ]

    def _profile_name(self, member: TeamMember) -> str:
        ctx = self.ctx
        name = ctx.rich(member.profile.name)
        if member.side is None:
            return name
        return ctx.label("group_side", profile=name, runner_up=ctx.rich(member.side.name))

    def _pairs(self) -> list[Flowable]:
        ctx, s = self.ctx, self.ctx.styles
        out: list[Flowable] = [ctx.heading(ctx.label("group_pairs"))]
        if not self.team.pairs:
            return [*out, Para(ctx.label("group_pairs_none"), s.body)]
        out.append(Para(ctx.label("group_pairs_intro"), s.body))
        rows = []
        for number, pair in enumerate(self.team.pairs, start=1):
            row: list = [Para(ctx.label("group_pair", number=str(number)), s.cell_bold)]
            for member in pair:
                who = f'{ctx.plain(self.team.label(member))}<br/><font color="{_hex(s.palette.muted)}">{ctx.rich(member.profile.name)}</font>'
                row += [self._mark(member.profile), Para(who, s.cell)]
            rows.append(row + ["", ""] * (3 - len(pair)))
        c = ctx.spec.columns
        mark_w, label_w = c.member_dot_mm * mm, c.pair_mm * mm
        person_w = (ctx.width - label_w - 3 * mark_w) / 3
        widths = [label_w, *[mark_w, person_w] * 3]
        table = Table(rows, colWidths=widths, splitInRow=1)
        table.setStyle(_rows(ctx, header=False))
        # Together on a page when they fit one: read out in one go, never a last pair alone.
        return [KeepTogether([*out, table])]

    # -- the agreements ---------------------------------------------------------------------

    def _agreements(self) -> list[Flowable]:
        ctx, s = self.ctx, self.ctx.styles
        if not self.team.proposals:
            return []
        out: list[Flowable] = [
            ctx.heading(ctx.label("group_agreements")),
            Para(ctx.label("group_agreements_intro"), s.body),
        ]
        for area in AgreementArea:
            proposals = [p for p in self.team.proposals if p.agreement.area is area]
            if not proposals:
                continue
            heading = Para(ctx.label(f"group_area_{area.value}"), s.h2)
            for index, proposal in enumerate(proposals):
                # The area's heading goes with its first proposal, whole: never a heading (or a
                # topic) alone at the foot of a page.
                parts = self._proposal(proposal)
                out.append(KeepTogether([heading, *parts] if index == 0 else parts))
        return out

    def _proposal(self, proposal: Proposal) -> list[Flowable]:
        ctx, s = self.ctx, self.ctx.styles

        def line(label: str, text: Text, style, italic: bool = False) -> Para:
            words = ctx.rich(text)
            words = f"<i>{words}</i>" if italic else words
            return Para(f"<b>{ctx.label(label)}:</b> {words}", style)

        parts: list[Flowable] = [
            Para(ctx.rich(proposal.agreement.topic), s.tip_title),
            line("group_proposal", proposal.proposal, s.body),
        ]
        if proposal.why is not None:
            parts.append(line("group_why", proposal.why, s.body))  # read out: body size
            parts.append(Spacer(1, ctx.spec.spacing.paragraph_mm * mm))
        parts += [
            line("group_question", proposal.question, s.body, italic=True),
            Para(ctx.label("group_decision"), s.kicker_muted),
            ctx.write_lines(ctx.spec.layout.decision_lines),
            Spacer(1, ctx.spec.spacing.tip_mm * mm),
        ]
        return parts


def _clock(minutes: int) -> str:
    """Minutes from the start as h:mm ('0:00', '1:15')."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def _hex(colour) -> str:
    return "#" + colour.hexval()[2:]


def _tight(valign: str) -> list[tuple]:
    return [
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]


def _rows(ctx: Ctx, header: bool = True) -> list[tuple]:
    """A list of people: hairlines between rows, a firmer one under the header."""
    p, marks = ctx.styles.palette, ctx.spec.marks
    pad = ctx.spec.spacing.member_row_padding_mm * mm
    style = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), ctx.spec.spacing.cell_padding_mm * mm),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LINEBELOW", (0, 0), (-1, -1), marks.row_rule_pt, p.rule),
    ]
    if header:
        style.append(("LINEBELOW", (0, 0), (-1, 0), marks.header_rule_pt, p.text))
    return style
