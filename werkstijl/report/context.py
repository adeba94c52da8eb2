"""What the section builders of one PDF need: template, fonts, styles, language, and text helpers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus.flowables import Flowable

from werkstijl.content.models import Content, Lang, Text
from werkstijl.report import markup
from werkstijl.report.document import Heading, Para, WriteLines
from werkstijl.report.fonts import FontSet
from werkstijl.report.styles import Styles
from werkstijl.report.template import Template, TemplateSpec


class _Keep(dict):
    """format_map helper: an unknown {placeholder} in a label stays visible instead of crashing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(text: str, **values: object) -> str:
    try:
        return text.format_map(_Keep(values))
    except (ValueError, IndexError):  # stray braces in a label: show it as written
        return text


@dataclass
class Ctx:
    template: Template
    fonts: FontSet
    styles: Styles
    content: Content
    lang: Lang
    width: float  # of the text frame, in points

    @property
    def spec(self) -> TemplateSpec:
        return self.template.spec

    def label(self, key: str, **values: str) -> str:
        """A template label as paragraph markup; values must already be markup."""
        text: Text = getattr(self.spec.labels, key)
        return fill(self.rich(text), **values)

    def label_text(self, key: str, **values: object) -> str:
        """A template label as plain text (for canvas strings and PDF metadata)."""
        return fill(getattr(self.spec.labels, key).get(self.lang), **values)

    def rich(self, text: Text) -> str:
        return markup.rich(text.get(self.lang), self.fonts, self.styles.palette.accent_hex)

    def plain(self, text: str) -> str:
        return markup.plain(text, self.fonts)

    def date(self, day: date) -> str:
        months = self.spec.labels.months.get(self.lang)
        return self.label_text(
            "date_format", day=day.day, month=months[day.month - 1], year=day.year
        )

    def heading(self, text_markup: str) -> Heading:
        return self.heading_with(Para(text_markup, self.styles.h1))

    def heading_with(self, paragraph: Para) -> Heading:
        spec = self.spec
        return Heading(
            paragraph,
            self.styles.palette.accent,
            bar_width=spec.spacing.accent_bar_mm * mm,
            bar_height=spec.marks.accent_bar_height_mm * mm,
            gap=spec.spacing.heading_gap_mm * mm,
        )

    def write_lines(self, count: int) -> Flowable:
        spacing = self.spec.spacing.write_line_mm * mm
        return WriteLines(count, spacing, self.styles.palette.rule, self.spec.marks.line_pt)
