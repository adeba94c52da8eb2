"""Profile marks: a shape per profile (circle, square, triangle...), so profiles can be told apart
without colour, in a grayscale print or by a reader who does not see the colours.

The template lists the shapes (`marks.profile_shapes`); a profile gets the shape at its position
in the content's profile order, so the same profile has the same mark in every chart and table.
Marks are filled with the profile's colour (its grey in grayscale) and outlined in the text colour,
so a pale grey still shows on white.
"""

from __future__ import annotations

from math import cos, pi, sin

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Polygon, Rect, Shape
from reportlab.lib.colors import Color, HexColor
from reportlab.platypus import Flowable

from werkstijl.content.models import Profile
from werkstijl.report.context import Ctx
from werkstijl.report.styles import accent_hex

OUTLINE = 0.6  # points: thin enough to keep the shape, thick enough to hold a pale fill


def shape_of(ctx: Ctx, profile: Profile) -> str:
    shapes = ctx.spec.marks.profile_shapes
    index = [p.id for p in ctx.content.profiles].index(profile.id)
    return shapes[index % len(shapes)]


def mark_shapes(shape: str, x: float, y: float, size: float, fill: Color, stroke: Color) -> Shape:
    """The shape in a `size` square whose lower left corner is (x, y)."""
    r = size / 2
    cx, cy = x + r, y + r
    style = {"fillColor": fill, "strokeColor": stroke, "strokeWidth": OUTLINE}
    if shape == "circle":
        return Circle(cx, cy, r * 0.95, **style)
    if shape == "square":
        side = size * 0.86
        return Rect(cx - side / 2, cy - side / 2, side, side, **style)
    corners = {"triangle": 3, "diamond": 4, "pentagon": 5, "hexagon": 6}[shape]
    turn = pi / 2  # a corner at the top
    points: list[float] = []
    for i in range(corners):
        angle = turn + 2 * pi * i / corners
        points += [cx + r * cos(angle), cy + r * sin(angle) - (r * 0.12 if corners == 3 else 0)]
    return Polygon(points, **style)


class ProfileMark(Flowable):
    """A profile's mark as a flowable (for table cells)."""

    def __init__(self, shape: str, size: float, fill: Color, stroke: Color) -> None:
        super().__init__()
        self.shape, self.fill, self.stroke = shape, fill, stroke
        self.width = self.height = size
        self.hAlign = "CENTER"

    def draw(self) -> None:
        drawing = Drawing(self.width, self.height)
        drawing.add(mark_shapes(self.shape, 0, 0, self.width, self.fill, self.stroke))
        renderPDF.draw(drawing, self.canv, 0, 0)


def profile_mark(ctx: Ctx, profile: Profile, size: float) -> ProfileMark:
    fill = HexColor(accent_hex(ctx.spec, profile.colour))
    return ProfileMark(shape_of(ctx, profile), size, fill, ctx.styles.palette.text)
