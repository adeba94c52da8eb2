"""PDF templates as data: pdf_templates/<name>/template.yaml describes a look, the code only draws it.

Everything a designer may want to change (page size, margins, fonts, colours, type sizes, spacing,
logo, which sections appear and in what order, and the PDF's own wording) lives in the YAML file,
so a new look or new wording needs no Python. Problems come back as PATH:LINE:COL like content.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from werkstijl.content.models import Lang, Text
from werkstijl.content.wording import say
from werkstijl.report.fonts import font_error
from werkstijl.yamlsrc import Located, Problem, load_model

TEMPLATE_FILE = "template.yaml"
DEFAULT_TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "pdf_templates"

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
RelPath = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Size = Annotated[float, Field(gt=0, le=200)]
Mm = Annotated[float, Field(ge=0, le=300)]
PersonalSection = Literal[
    "cover",
    "profile",
    "first_step",
    "start_plan",
    "week_rhythm",
    "traits",
    "email_tips",
    "agenda_tips",
    "notes",
    "closing",
]
GroupSection = Literal[
    "cover", "session", "profiles", "mix", "together", "members", "pairs", "agreements"
]
Shape = Literal["circle", "square", "triangle", "diamond", "pentagon", "hexagon"]


class _Strict(BaseModel):
    # Unknown keys in a template are typos: report them instead of silently ignoring them.
    # Keys added after the first templates were written have defaults (the look the bundled
    # templates spell out), so a template made before them still loads unchanged.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Margins(_Strict):
    top: Mm
    right: Mm
    bottom: Mm
    left: Mm


class Page(_Strict):
    size: Literal["A4", "letter"] = "A4"
    margins_mm: Margins
    mirror_margins: bool = Field(
        False,
        description="Swap the left and right margins on even pages (double-sided printing: "
        "the wide margin for punched holes stays on the binding side)",
    )

    def margins_on(self, page: int) -> tuple[float, float]:
        """(left, right) margin in mm of a 1-based page number."""
        m = self.margins_mm
        return (m.right, m.left) if self.mirror_margins and page % 2 == 0 else (m.left, m.right)


class FallbackFamily(_Strict):
    """A fallback font with a bold weight (used for bold text, such as the name on the cover)."""

    regular: RelPath
    bold: RelPath


class Fonts(_Strict):
    regular: RelPath
    bold: RelPath
    italic: RelPath
    bold_italic: RelPath
    fallback: list[RelPath | FallbackFamily] = Field(
        default_factory=list,
        description="Tried in order for characters the main font lacks: a file, or a regular "
        "and a bold file",
    )


class Colours(_Strict):
    mode: Literal["colour", "grayscale"] = Field(
        "colour",
        description="grayscale turns profile colours into greys (for photocopied hand-outs)",
    )
    text: Colour
    muted: Colour
    rule: Colour
    panel: Colour = Field(description="Background of quiet boxes (tables, notes)")
    tint: float = Field(0.12, ge=0, le=1, description="Strength of the profile colour in fills")


class TypeStyle(_Strict):
    size: Size
    leading: Size


class Typography(_Strict):
    body: TypeStyle
    small: TypeStyle
    kicker: TypeStyle
    h1: TypeStyle
    h2: TypeStyle
    tip_title: TypeStyle
    cover_name: TypeStyle
    cover_name_min: Size = Field(description="The cover name shrinks down to this size if long")
    lead_scale: float = Field(
        1.15, gt=0, le=3, description="The intro paragraphs' type, relative to body"
    )
    cover_profile: TypeStyle
    cover_tagline: TypeStyle


class CoverGaps(_Strict):
    """Space below each line of the cover, in mm."""

    kicker: Mm = 3
    name: Mm = 2
    date: Mm = 10
    profile: Mm = 3


class Spacing(_Strict):
    paragraph_mm: Mm
    section_mm: Mm
    tip_mm: Mm
    cover_top_mm: Mm = Field(description="Space between the logo and the name on the cover")
    cover_after_mm: CoverGaps = Field(
        default_factory=CoverGaps, description="Space below each line of the cover"
    )
    kicker_after_mm: Mm = Field(
        1, description="Below kickers (the small capitals above tips and call-outs)"
    )
    accent_bar_mm: Mm = Field(description="Length of the coloured bar above headings")
    write_line_mm: Mm = Field(description="Distance between lines to write on")
    gutter_mm: Mm = Field(8, description="Space between two columns")
    heading_gap_mm: Mm = Field(3, description="Space between the accent bar and its heading")
    section_keep_mm: Mm = Field(
        60, description="A section with less room than this left on the page starts a new page"
    )
    bullet_indent_mm: Mm = Field(4, description="Text of a bulleted item, from the bullet")
    cell_padding_mm: Mm = Field(2, description="Left and right inside table cells")
    row_padding_mm: Mm = Field(2.4, description="Above and below the text in table rows")
    member_row_padding_mm: Mm = Field(
        1.2, description="Above and below a name in the group's member list"
    )
    panel_padding_mm: Mm = Field(3.5, description="Inside the quiet boxes around call-outs")


class Marks(_Strict):
    """Sizes of the drawn marks: bars, dots, tick boxes and the weights of lines (in points)."""

    accent_bar_height_mm: Mm = Field(
        1.2, description="Thickness of the bar above headings and of the cover's edge stripe"
    )
    day_dot_mm: Mm = Field(3.2, description="The dot marking a day in the week rhythm")
    member_dot_mm: Mm = Field(
        2.6, description="The profile mark in the group report's tables and charts"
    )
    profile_shapes: list[Shape] = Field(
        default_factory=lambda: ["circle", "square", "triangle", "diamond"],
        min_length=1,
        description="The mark of each profile, in profile order: tells profiles apart without "
        "colour",
    )
    tick_box_mm: Mm = Field(4.5, description="The box to tick in the start plan")
    line_pt: Size = Field(0.5, description="Lines to write on and the footer rule")
    start_date_rule_pt: Size = Field(0.6, description="The line to write a start date on")
    header_rule_pt: Size = Field(0.9, description="Under table headers; also tick box outlines")
    row_rule_pt: Size = Field(0.4, description="Between table rows")


class Columns(_Strict):
    """Fixed column widths of the tables; the remaining column takes the rest of the width."""

    time_mm: Mm = Field(26, description="Week rhythm: the time column")
    days_mm: Mm = Field(30, description="Week rhythm: the days column")
    start_week_mm: Mm = Field(18, description="Week rhythm: the column with the start week")
    week_mm: Mm = Field(32, description="Start plan: the column with the week and its date")
    member_dot_mm: Mm = Field(8, description="Group members: the mark column")
    member_name_mm: Mm = Field(42, description="Group members: the name column")
    member_profile_mm: Mm = Field(45, description="Group members: the profile column")
    session_time_mm: Mm = Field(
        30, description="Session outline: the column with the time and what a step needs"
    )
    pair_mm: Mm = Field(16, description="Pairs: the column with the pair's number")


class Logo(_Strict):
    file: RelPath
    width_mm: Mm


class Layout(_Strict):
    sections: list[PersonalSection] = Field(min_length=1)
    group_sections: list[GroupSection] = Field(min_length=1)
    new_page_before: list[PersonalSection] = Field(
        default_factory=list,
        description="Sections that always start on a new page; the others follow on the same "
        "page when at least section_keep_mm is left",
    )
    group_new_page_before: list[GroupSection] = Field(
        default_factory=list, description="Group sections that start on a new page"
    )
    tip_note_lines: int = Field(0, ge=0, le=10, description="Lines to write on under each tip")
    decision_lines: int = Field(
        3, ge=1, le=10, description="Lines to write the group's decision on, per agreement"
    )
    notes_lines: int = Field(6, ge=0, le=40, description="Lines to write on in the notes section")
    chart_width_mm: Mm = 120

    @model_validator(mode="after")
    def _no_duplicates(self) -> Layout:
        for name in ("sections", "group_sections"):
            items = getattr(self, name)
            if len(set(items)) != len(items):
                raise ValueError(say("template.section_twice", name=name))
        return self


class Months(_Strict):
    nl: list[str] = Field(min_length=12, max_length=12)
    en: list[str] = Field(min_length=12, max_length=12)

    def get(self, lang: Lang) -> list[str]:
        return self.en if lang == "en" else self.nl


class Labels(_Strict):
    """The PDF's own wording; {placeholders} are filled in by the renderer."""

    cover_kicker: Text
    date_format: Text = Field(description="{day}, {month} and {year}")
    months: Months
    page: Text = Field(description="{page} and {pages}")
    footer: Text = Field(description="{profile}")
    profile_heading: Text = Field(description="{profile}")
    runner_up: Text = Field(description="{profile} and {runner_up}")
    scores: Text
    traits: Text = Field(description="Heading above the scores, styles, strengths and pitfalls")
    email_style: Text
    agenda_style: Text
    strengths: Text
    pitfalls: Text
    first_step: Text = Field(
        description="Kicker above the one first step; {date}: the Monday it starts"
    )
    first_step_side: Text = Field(description="Under a close result's first step; {runner_up}")
    start_plan: Text
    start_plan_intro: Text
    week: Text = Field(description="{week}")
    week_from: Text = Field(description="{date}: the Monday the week begins")
    full_week: Text = Field(description="After the start plan; {week} and {date}")
    week_rhythm: Text
    week_rhythm_intro: Text = Field(description="Under the heading of the week rhythm")
    time: Text
    days: Text = Field(description="Heading of the column with the days of a block")
    what: Text
    starts: Text = Field(description="Heading of the column with the week a block starts")
    email_tips: Text
    agenda_tips: Text
    reference_next: Text = Field(description="Tips to take on once the start plan runs")
    reference_later: Text = Field(description="Tips for when the rest runs too")
    notes: Text
    closing: Text = Field(description="The last line; {link} is the site's address, linked")
    footer_title: Text = Field(
        description="Footer of a personal PDF made for a training; {title} and {profile}"
    )
    meta_title: Text = Field(description="{name}")
    meta_subject: Text = Field(description="{profile}")
    group_kicker: Text
    group_title: Text = Field(description="Used when the trainer gives no title")
    group_count: Text = Field(description="{count}")
    group_count_one: Text = Field(description="The count line for a group of one")
    group_footer: Text = Field(description="Footer of the group report; {title}, {date}, {count}")
    group_session: Text = Field(description="Heading of the session outline; {minutes}")
    group_prepare: Text = Field(description="Above the list of what to prepare and bring")
    group_time: Text = Field(description="Column heading: when, in the session")
    group_step: Text = Field(description="Column heading: what happens")
    group_minutes: Text = Field(description="A step's length; {minutes}")
    group_say: Text = Field(description="Before what the trainer says or asks")
    group_materials: Text = Field(description="Before what a step needs")
    group_mix: Text
    group_mix_none: Text = Field(description="The mix of a group without participants")
    group_members: Text
    name: Text
    profile: Text
    group_first_step: Text = Field(description="Column heading: each member's first step")
    group_side: Text = Field(description="A close result's profile; {profile} and {runner_up}")
    group_together: Text
    group_balanced: Text = Field(description="Kicker of a statement for a balanced mix")
    group_dominant: Text = Field(description="{profile}")
    group_missing: Text = Field(description="{profile}")
    group_few: Text = Field(description="{profile}")
    group_one: Text = Field(description="Kicker of a statement for exactly one; {profile}")
    group_several: Text = Field(description="Kicker of a statement for two or more; {profile}")
    group_strong: Text = Field(description="Before what the mix is strong at")
    group_risk: Text = Field(description="Before what the mix risks")
    group_pairs: Text = Field(description="Heading of the pairs of contrasting profiles")
    group_pairs_intro: Text
    group_pair: Text = Field(description="{number}")
    group_pairs_none: Text = Field(description="When the group is too small for pairs")
    group_absent: Text = Field(description="Heading: the rows of the list not in this report")
    group_absent_count: Text = Field(
        description="On the cover: how many rows of the list are left out; {count}"
    )
    group_absent_intro: Text = Field(description="Why they are listed, and what to do")
    group_absent_row: Text = Field(description="Column heading: the row of the spreadsheet")
    group_absent_reason: Text = Field(description="Column heading: why the row is left out")
    group_absent_noname: Text = Field(description="In place of an empty name")
    group_absent_no_name: Text = Field(description="Reason: the row has no name")
    group_absent_name_too_long: Text = Field(description="Reason: the name is too long")
    group_absent_no_profile: Text = Field(description="Reason: neither answers nor a profile")
    group_absent_unknown_profile: Text = Field(description="Reason: a profile that is unknown")
    group_absent_answers: Text = Field(description="Reason: answers incomplete or invalid")
    group_absent_contradicts: Text = Field(description="Reason: answers and profile disagree")
    group_agreements: Text
    group_agreements_intro: Text
    group_area_email: Text
    group_area_meetings: Text
    group_proposal: Text = Field(description="Before the proposed agreement")
    group_why: Text = Field(description="Before why it suits this group")
    group_question: Text = Field(description="Before the question the trainer asks")
    group_decision: Text = Field(description="Above the lines to write the decision on")
    group_profiles: Text = Field(description="Heading of the profiles at a glance")
    group_in_group: Text = Field(description="How many of the group have a profile; {count}")
    group_role: Text = Field(description="Before what a profile brings to a team")
    group_meta_subject: Text


class TemplateSpec(_Strict):
    page: Page
    fonts: Fonts
    colours: Colours
    type: Typography
    spacing: Spacing
    marks: Marks = Marks()
    columns: Columns = Columns()
    logo: Logo
    layout: Layout
    labels: Labels


class TemplateError(Exception):
    """A template that cannot be used; `problems` says where and why (PATH:LINE:COL)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Template:
    """A valid template together with the folder its relative file names resolve against."""

    name: str
    folder: Path
    spec: TemplateSpec

    def file(self, relative: str) -> Path:
        return (self.folder / relative).resolve()


def _file_refs(data: object) -> list[tuple[tuple[str | int, ...], str]]:
    """Every font and logo file named in the raw data (also when other keys are invalid)."""
    data = data if isinstance(data, dict) else {}
    fonts, logo = data.get("fonts"), data.get("logo")
    fonts = fonts if isinstance(fonts, dict) else {}
    refs: list[tuple[tuple[str | int, ...], object]] = [
        (("fonts", key), fonts.get(key)) for key in ("regular", "bold", "italic", "bold_italic")
    ]
    fallback = fonts.get("fallback")
    for i, entry in enumerate(fallback if isinstance(fallback, list) else []):
        if isinstance(entry, dict):
            refs += [(("fonts", "fallback", i, key), entry.get(key)) for key in ("regular", "bold")]
        else:
            refs.append((("fonts", "fallback", i), entry))
    refs.append((("logo", "file"), logo.get("file") if isinstance(logo, dict) else None))
    return [(loc, value.strip()) for loc, value in refs if isinstance(value, str) and value.strip()]


def _file_problems(located: Located, folder: Path, root: Path) -> list[Problem]:
    """Font and logo files must exist, be usable, and stay inside the templates folder."""
    problems = []
    for loc, relative in _file_refs(located.data):
        path = (folder / relative).resolve()
        if not path.is_relative_to(root.resolve()):
            problems.append(located.problem(loc, say("template.outside", file=relative)))
        elif not path.is_file():
            problems.append(located.problem(loc, say("template.not_found", file=relative)))
        elif loc[0] == "fonts" and (error := font_error(path)):
            problems.append(
                located.problem(loc, say("template.bad_font", file=relative, error=error))
            )
    return problems


def load_template(name: str, templates_dir: Path) -> Template:
    """Load and check pdf_templates/<name>/template.yaml; raises TemplateError with every problem."""
    root = Path(templates_dir)
    folder = root / name
    file = folder / TEMPLATE_FILE
    if not name or "/" in name or "\\" in name or name.startswith(".") or not file.is_file():
        known = ", ".join(template_names(root))
        message = say("template.unknown", known=known or say("word.none"))
        raise TemplateError([Problem(f"{name}/{TEMPLATE_FILE}", 1, 1, message)])
    spec, located, problems = load_model(file, root, TemplateSpec)
    if located is not None:
        problems = sorted(set(problems + _file_problems(located, folder, root)))
    if spec is None or problems:
        raise TemplateError(problems)
    return Template(name, folder.resolve(), spec)


def template_names(templates_dir: Path) -> list[str]:
    return sorted(p.parent.name for p in Path(templates_dir).glob(f"*/{TEMPLATE_FILE}"))


def check_templates(templates_dir: Path) -> list[Problem]:
    """Every problem in every template (for `python -m werkstijl check`)."""
    problems: list[Problem] = []
    for name in template_names(templates_dir):
        try:
            load_template(name, templates_dir)
        except TemplateError as exc:
            problems.extend(exc.problems)
    return sorted(problems)
