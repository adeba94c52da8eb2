"""The trainer's group report: the mix of profiles, who is what, what the mix means, key tips."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from werkstijl.content.models import Profile
from werkstijl.plan import profile_plan
from werkstijl.report.chart import profile_bar, profile_chart
from werkstijl.report.context import Ctx
from werkstijl.report.document import Para, Table
from werkstijl.report.layout import Dot, panel
from werkstijl.report.styles import Styles, accent_hex


def _sort_key(name: str) -> str:
    """Names sorted as people expect: ignoring case and accents (Émile next to Emma)."""
    stripped = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return (stripped or name).casefold()


class GroupReport:
    def __init__(
        self,
        ctx: Ctx,
        participants: Sequence[tuple[str, str]],
        title: str | None,
        today: date,
        styles_for: Callable[[str], Styles],
    ) -> None:
        self.ctx = ctx
        self.styles_for = styles_for
        self.participants = list(participants)
        self.title = title
        self.today = today
        self.counts = Counter(profile_id for _, profile_id in self.participants)
        self.total = len(self.participants)
        self.present = [p for p in ctx.content.profiles if self.counts[p.id]]

    def _count_label(self) -> str:
        if self.total == 1:
            return self.ctx.label("group_count_one")
        return self.ctx.label("group_count", count=str(self.total))

    def percent(self, profile_id: str) -> int:
        return round(100 * self.counts[profile_id] / self.total) if self.total else 0

    def cover(self) -> list[Flowable]:
        ctx, s = self.ctx, self.ctx.styles
        title = ctx.plain(self.title or "")  # may end up empty, e.g. a title of emoji only
        title = title if title.strip() else ctx.label("group_title")
        count = self._count_label()
        return [
            Spacer(1, ctx.spec.spacing.cover_top_mm * mm),
            Para(ctx.label("group_kicker"), s.cover_kicker),
            Para(title, s.cover_name),
            Para(ctx.date(self.today), s.cover_date),
            ctx.heading_with(Para(count, s.cover_tagline)),
        ]

    def section(self, name: str) -> list[Flowable]:
        return getattr(self, f"_{name}")()

    def _mix(self) -> list[Flowable]:
        ctx = self.ctx
        bars = [
            profile_bar(
                ctx,
                p,
                share=self.counts[p.id] / self.total if self.total else 0,
                value=f"{self.counts[p.id]}  ({self.percent(p.id)}%)",
                strong=bool(self.counts[p.id]),
            )
            for p in ctx.content.profiles
        ]
        chart = profile_chart(ctx, bars)
        intro = Para(self._count_label(), ctx.styles.lead)
        return [ctx.heading(ctx.label("group_mix")), intro, chart]

    def _members(self) -> list[Flowable]:
        ctx, s = self.ctx, self.ctx.styles
        head = [Para(ctx.label("name"), s.cell_head), "", Para(ctx.label("profile"), s.cell_head)]
        rows: list[list] = [head]
        for name, profile_id in sorted(self.participants, key=lambda np: (_sort_key(np[0]), np[1])):
            profile = ctx.content.profile(profile_id)
            colour = HexColor(accent_hex(ctx.spec, profile.colour))
            rows.append(
                [
                    Para(ctx.plain(name), s.body),
                    Dot(colour, ctx.spec.marks.member_dot_mm * mm),
                    Para(ctx.rich(profile.name), s.body),
                ]
            )
        columns = ctx.spec.columns
        dot_w, profile_w = columns.member_dot_mm * mm, columns.member_profile_mm * mm
        table = Table(
            rows,
            colWidths=[ctx.width - dot_w - profile_w, dot_w, profile_w],
            repeatRows=1,
            splitInRow=1,
        )
        p, marks = ctx.styles.palette, ctx.spec.marks
        pad = ctx.spec.spacing.member_row_padding_mm * mm
        table.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
                ("LINEBELOW", (0, 0), (-1, 0), marks.header_rule_pt, p.text),
                ("LINEBELOW", (0, 1), (-1, -1), marks.row_rule_pt, p.rule),
            ]
        )
        return [ctx.heading(ctx.label("group_members")), table]

    def _together(self) -> list[Flowable]:
        ctx = self.ctx
        out: list[Flowable] = [ctx.heading(ctx.label("group_together"))]
        for profile in ctx.content.profiles:
            out.append(KeepTogether(self._profile_meaning(profile)))
        return out

    def _profile_meaning(self, profile: Profile) -> list[Flowable]:
        ctx, s = self.ctx, self.ctx.styles
        name = ctx.rich(profile.name)
        if not self.counts[profile.id]:
            return [
                Para(ctx.label("group_missing", profile=name), s.h2),
                Para(ctx.rich(profile.team.when_missing), s.body),
            ]
        parts = [
            Para(ctx.label("group_role", profile=name), s.h2),
            Para(ctx.rich(profile.team.role), s.body),
        ]
        if self.counts[profile.id] * 2 > self.total:
            parts.append(
                panel(
                    ctx,
                    [
                        Para(ctx.label("group_dominant", profile=name), s.kicker),
                        Para(ctx.rich(profile.team.when_dominant), s.cell_text),
                    ],
                    self.styles_for(profile.colour).palette.tint,
                )
            )
        return parts

    def _profiles(self) -> list[Flowable]:
        out: list[Flowable] = []
        for profile in self.present:
            out.append(PageBreak())
            out.extend(self._profile_page(profile))
        return out

    def _profile_page(self, profile: Profile) -> list[Flowable]:
        """One page per profile present: its tagline and its start plan (first step and the
        habits of weeks 2 and 3, as a clear result of that profile gets them), in its colour."""
        ctx = replace(self.ctx, styles=self.styles_for(profile.colour))
        s = ctx.styles
        out: list[Flowable] = [
            ctx.heading(ctx.label("group_profile_page", profile=ctx.rich(profile.name))),
            Para(ctx.rich(profile.tagline), s.lead),
        ]
        # Compact (small text, little space), so a profile's key tips fit on its one page.
        gap = Spacer(1, ctx.spec.spacing.tip_mm * mm / 2)
        title_style = s.tip_title.clone(
            "group_tip", fontSize=s.body.fontSize, leading=s.body.leading
        )
        for step in profile_plan(ctx.content, profile.id).steps:
            tip = step.tip
            title = Para(ctx.rich(tip.title), title_style)
            out.append(KeepTogether([title, Para(ctx.rich(tip.text), s.cell_text), gap]))
        return out
