"""Small layout building blocks shared by the personal and the group report."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from werkstijl.content.models import Text
from werkstijl.report.context import Ctx
from werkstijl.report.document import Para, Table


class Dot(Flowable):
    """A filled circle marking a day in the week-rhythm grid (drawn, not a glyph)."""

    def __init__(self, colour: Color, diameter: float) -> None:
        super().__init__()
        self.colour = colour
        self.width = self.height = diameter
        self.hAlign = "CENTER"

    def draw(self) -> None:
        self.canv.setFillColor(self.colour)
        r = self.width / 2
        self.canv.circle(r, r, r, stroke=0, fill=1)


class RoomFor(CondPageBreak):
    """A page break unless `flowables` fit in the room left on the page. Put it before a heading
    with the heading, its intro and a table's first row: they start a page together, and the rest
    of the table may still go on on the next page (KeepTogether would move the whole table)."""

    def __init__(self, flowables: Sequence[Flowable]) -> None:
        super().__init__(0)
        self.flowables = list(flowables)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.height = sum(
            f.wrap(avail_width, avail_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
            for f in self.flowables
        )
        return super().wrap(avail_width, avail_height)


def bullets(ctx: Ctx, items: Sequence[Text], base: ParagraphStyle | None = None) -> list[Para]:
    """A bulleted list, in body type unless `base` says otherwise."""
    body = base or ctx.styles.body
    style = body.clone(
        "bullet",
        leftIndent=ctx.spec.spacing.bullet_indent_mm * mm,
        bulletIndent=0,
        bulletColor=ctx.styles.palette.accent,
        bulletFontName=ctx.fonts.bold,
        spaceAfter=body.spaceAfter / 2,
    )
    return [Para(ctx.rich(item), style, bulletText="•") for item in items]


class WriteOn(Flowable):
    """A small label on a line to write on (e.g. a start date)."""

    def __init__(
        self, label: str, font: str, size: float, colour: Color, rule: Color, rule_width: float
    ) -> None:
        super().__init__()
        self.label, self.font, self.size, self.colour = label, font, size, colour
        self.rule, self.rule_width = rule, rule_width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.size * 2.4
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setFont(self.font, self.size)
        self.canv.setFillColor(self.colour)
        self.canv.drawString(0, self.height - self.size, self.label)
        self.canv.setStrokeColor(self.rule)
        self.canv.setLineWidth(self.rule_width)
        self.canv.line(0, 0, self.width, 0)


def two_columns(ctx: Ctx, left: list[Flowable], right: list[Flowable]) -> Table:
    """Two equal columns on a shared top line; rows may split across pages."""
    gutter = ctx.spec.spacing.gutter_mm * mm
    half = (ctx.width - gutter) / 2
    table = Table([[left, right]], colWidths=[half + gutter / 2, half + gutter / 2], splitInRow=1)
    table.spaceAfter = ctx.spec.spacing.section_mm * mm
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, -1), gutter / 2),
            ("LEFTPADDING", (1, 0), (1, -1), gutter / 2),
            ("RIGHTPADDING", (1, 0), (1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    return table


def grid_style(ctx: Ctx) -> list[tuple]:
    """A quiet data table: header in muted bold, hairlines between rows, no vertical lines."""
    p, marks, spacing = ctx.styles.palette, ctx.spec.marks, ctx.spec.spacing
    return [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (2, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), spacing.cell_padding_mm * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), spacing.cell_padding_mm * mm),
        ("TOPPADDING", (0, 0), (-1, -1), spacing.row_padding_mm * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), spacing.row_padding_mm * mm),
        ("LINEBELOW", (0, 0), (-1, 0), marks.header_rule_pt, p.text),
        ("LINEBELOW", (0, 1), (-1, -1), marks.row_rule_pt, p.rule),
        ("BACKGROUND", (2, 1), (-1, -1), p.panel),
    ]


def panel(ctx: Ctx, flowables: list[Flowable], background: Color) -> Table:
    """A quiet filled box around a few short flowables (a call-out)."""
    table = Table([[flowables]], colWidths=[ctx.width], splitInRow=1)
    pad = ctx.spec.spacing.panel_padding_mm * mm
    table.setStyle(
        [
            ("BACKGROUND", (0, 0), (-1, -1), background),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ]
    )
    table.spaceBefore = 1 * mm
    table.spaceAfter = ctx.spec.spacing.paragraph_mm * mm * 2
    return table
