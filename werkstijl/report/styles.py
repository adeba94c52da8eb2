"""Paragraph styles and colours derived from a template and one accent (profile) colour."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from werkstijl.report.fonts import FontSet
from werkstijl.report.template import TemplateSpec, TypeStyle

# Kickers are set in capitals by the style, so labels (and their markup) stay as written.
_UPPER = {"textTransform": "uppercase"}


def grey_of(hex_colour: str) -> str:
    """The grey with the same perceived lightness (for grayscale hand-outs)."""
    colour = HexColor(hex_colour)
    level = round(255 * (0.299 * colour.red + 0.587 * colour.green + 0.114 * colour.blue))
    return f"#{level:02X}{level:02X}{level:02X}"


def mix(hex_colour: str, amount: float, base: str = "#FFFFFF") -> Color:
    """`amount` of the colour over the base: a tint that keeps the profile colour quiet."""
    a, b = HexColor(hex_colour), HexColor(base)
    return Color(
        *(b_ * (1 - amount) + a_ * amount for a_, b_ in zip(a.rgb(), b.rgb(), strict=True))
    )


@dataclass(frozen=True)
class Palette:
    text: Color
    muted: Color
    rule: Color
    panel: Color
    accent: Color
    tint: Color
    accent_hex: str


@dataclass(frozen=True)
class Styles:
    palette: Palette
    body: ParagraphStyle
    lead: ParagraphStyle
    kicker: ParagraphStyle
    kicker_muted: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    tip_title: ParagraphStyle
    step_title: ParagraphStyle
    cover_kicker: ParagraphStyle
    cover_name: ParagraphStyle
    cover_date: ParagraphStyle
    cover_profile: ParagraphStyle
    cover_tagline: ParagraphStyle
    cell: ParagraphStyle
    cell_text: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_center: ParagraphStyle
    cell_muted: ParagraphStyle
    note: ParagraphStyle


def accent_hex(spec: TemplateSpec, profile_colour: str) -> str:
    return grey_of(profile_colour) if spec.colours.mode == "grayscale" else profile_colour


def _style(name: str, font: str, size: TypeStyle, colour: Color, **extra) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=font, fontSize=size.size, leading=size.leading, textColor=colour, **extra
    )


def build_styles(spec: TemplateSpec, fonts: FontSet, profile_colour: str) -> Styles:
    """All styles for one template and accent (the Renderer caches them per accent)."""
    c, t, space = spec.colours, spec.type, spec.spacing
    gap = space.paragraph_mm * mm
    cover_gap, kicker_gap = space.cover_after_mm, space.kicker_after_mm * mm
    accent = accent_hex(spec, profile_colour)
    palette = Palette(
        text=HexColor(c.text),
        muted=HexColor(c.muted),
        rule=HexColor(c.rule),
        panel=HexColor(c.panel),
        accent=HexColor(accent),
        tint=mix(accent, c.tint),
        accent_hex=accent,
    )
    reg, bold, ital = fonts.regular, fonts.bold, fonts.italic
    text, muted = palette.text, palette.muted
    lead_size = TypeStyle(size=t.body.size * t.lead_scale, leading=t.body.leading * t.lead_scale)
    step_size = TypeStyle(
        size=t.tip_title.size * t.lead_scale, leading=t.tip_title.leading * t.lead_scale
    )
    return Styles(
        palette=palette,
        body=_style("body", reg, t.body, text, spaceAfter=gap),
        lead=_style("lead", reg, lead_size, text, spaceAfter=gap * 1.5),
        kicker=_style("kicker", bold, t.kicker, palette.accent, spaceAfter=kicker_gap, **_UPPER),
        kicker_muted=_style("kicker_muted", bold, t.kicker, muted, spaceAfter=kicker_gap, **_UPPER),
        h1=_style("h1", bold, t.h1, text, spaceAfter=gap * 2, keepWithNext=1),
        h2=_style("h2", bold, t.h2, text, spaceBefore=gap * 2, spaceAfter=gap, keepWithNext=1),
        tip_title=_style("tip_title", bold, t.tip_title, text, spaceAfter=gap / 2, keepWithNext=1),
        step_title=_style("step_title", bold, step_size, text, spaceAfter=gap, keepWithNext=1),
        cover_kicker=_style(
            "cover_kicker", bold, t.kicker, muted, spaceAfter=cover_gap.kicker * mm, **_UPPER
        ),
        cover_name=_style("cover_name", bold, t.cover_name, text, spaceAfter=cover_gap.name * mm),
        cover_date=_style("cover_date", reg, t.body, muted, spaceAfter=cover_gap.date * mm),
        cover_profile=_style(
            "cover_profile",
            bold,
            t.cover_profile,
            palette.accent,
            spaceAfter=cover_gap.profile * mm,
        ),
        cover_tagline=_style("cover_tagline", ital, t.cover_tagline, text),
        cell=_style("cell", reg, t.small, text),
        cell_text=_style("cell_text", reg, t.small, text, spaceAfter=gap / 2),
        cell_bold=_style("cell_bold", bold, t.small, text),
        cell_head=_style("cell_head", bold, t.small, muted),
        cell_head_center=_style("cell_head_center", bold, t.small, muted, alignment=TA_CENTER),
        cell_muted=_style("cell_muted", reg, t.small, muted),
        note=_style("note", bold, t.body, palette.accent, spaceAfter=gap * 2),
    )
