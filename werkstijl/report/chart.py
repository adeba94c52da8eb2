"""Native (vector) bar charts: the three profile scores, or the profile mix of a group."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from werkstijl.content.models import Profile
from werkstijl.report.context import Ctx
from werkstijl.report.document import Figure
from werkstijl.report.marks import mark_shapes, shape_of
from werkstijl.report.styles import Palette, accent_hex


@dataclass(frozen=True)
class Bar:
    label: str  # plain text, already reduced to glyphs the font has
    share: float  # 0..1: how much of the track the bar fills
    value: str  # shown at the end, e.g. "48%" or "5 (42%)"
    colour: str  # hex
    strong: bool = False  # the person's own profile: label in bold
    shape: str | None = None  # the profile's mark before the label (see marks.py)


def profile_bar(ctx: Ctx, profile: Profile, *, share: float, value: str, strong: bool) -> Bar:
    """A profile's bar: its name (drawable glyphs only) in its accent colour."""
    return Bar(
        label=ctx.fonts.drawable(profile.name.get(ctx.lang)),
        share=share,
        value=value,
        colour=accent_hex(ctx.spec, profile.colour),
        strong=strong,
        shape=shape_of(ctx, profile),
    )


def profile_chart(ctx: Ctx, bars: Sequence[Bar]) -> Figure:
    """The bars at the template's chart width (never wider than the text) in body type; its
    alternative text lists each label with its value, in the report's language."""
    alt = "; ".join(f"{bar.label}: {bar.value}" for bar in bars)
    chart = bar_chart(
        bars,
        width=min(ctx.spec.layout.chart_width_mm * mm, ctx.width),
        palette=ctx.styles.palette,
        regular=ctx.fonts.regular,
        bold=ctx.fonts.bold,
        size=ctx.spec.type.body.size,
    )
    return Figure(chart, alt)


def bar_chart(
    bars: Sequence[Bar], *, width: float, palette: Palette, regular: str, bold: str, size: float
) -> Drawing:
    """Horizontal bars, one per row: label | track with the bar | value. Sized to its content."""
    row, bar_h, gap = size * 2.6, size * 1.05, 3 * mm
    mark = size * 1.1 if any(b.shape for b in bars) else 0  # the profile marks, if any
    indent = mark + gap / 2 if mark else 0
    label_w = max((stringWidth(b.label, bold, size) for b in bars), default=0) + gap + indent
    value_w = max((stringWidth(b.value, bold, size) for b in bars), default=0) + gap
    track_w = max(width - label_w - value_w, 20 * mm)
    drawing = Drawing(width, row * len(bars))
    for index, bar in enumerate(bars):
        y = drawing.height - (index + 1) * row + (row - bar_h) / 2
        text_y = y + (bar_h - size * 0.7) / 2
        font = bold if bar.strong else regular
        if bar.shape:
            mark_y = y + (bar_h - mark) / 2
            drawing.add(mark_shapes(bar.shape, 0, mark_y, mark, HexColor(bar.colour), palette.text))
        drawing.add(
            String(indent, text_y, bar.label, fontName=font, fontSize=size, fillColor=palette.text)
        )
        drawing.add(Rect(label_w, y, track_w, bar_h, fillColor=palette.panel, strokeColor=None))
        filled = track_w * min(max(bar.share, 0.0), 1.0)
        if filled > 0:
            colour = HexColor(bar.colour)
            drawing.add(Rect(label_w, y, filled, bar_h, fillColor=colour, strokeColor=None))
        drawing.add(
            String(
                width,
                text_y,
                bar.value,
                fontName=bold if bar.strong else regular,
                fontSize=size,
                fillColor=palette.text if bar.strong else palette.muted,
                textAnchor="end",
            )
        )
    return drawing
