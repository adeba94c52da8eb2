"""Pydantic models of the content marketers edit (profiles, questions, tips, site texts).

These models are the single source of truth for the shape of the YAML files: the loader validates
against them, `python -m werkstijl schema` exports them as JSON Schema for editors, and every other
module reads content only through them.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from werkstijl.content.wording import say
from werkstijl.yamlsrc.messages import clock_hint

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")

SLUG_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_RE, min_length=1, max_length=60)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]


def _not_a_number(value: object) -> object:
    """YAML reads an unquoted 8.30 as the number 8.3: say how to write the time instead of
    'should be a text'."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        hint = clock_hint(value)
        raise ValueError(say("model.time_number", time=hint or "hh:mm", found=value))
    return value


ClockTime = Annotated[
    str,
    StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$"),
    BeforeValidator(_not_a_number),  # runs first; last here so the JSON schema keeps the pattern
]
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"]+$", max_length=200)]


class Strict(BaseModel):
    """Base for content models: unknown keys are mistakes (usually typos), never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(Strict):
    """A user-visible text in Dutch (required) and English (optional: falls back to Dutch)."""

    nl: NonEmpty
    en: NonEmpty | None = None

    def get(self, lang: Lang) -> str:
        return (self.en or self.nl) if lang == "en" else self.nl


class Day(StrEnum):
    mon = "mon"
    tue = "tue"
    wed = "wed"
    thu = "thu"
    fri = "fri"


class RhythmBlock(Strict):
    """One recurring block in a profile's week rhythm: the only place clock times and days live.
    Texts refer to a block by its id in braces (`{mail}`), which shows as its days and times."""

    id: Slug = Field(description="How tips refer to this block, e.g. {mail}; unique per profile")
    days: list[Day] = Field(min_length=1, description="Days the block recurs on: mon..fri")
    start: ClockTime
    end: ClockTime
    title: Text
    why: Text | None = None

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: str, info) -> str:
        start = info.data.get("start")
        if start and end <= start:
            raise ValueError(say("model.block_end", start=start, end=end))
        return end


class TeamTexts(Strict):
    """What a profile brings to a group; used by the trainer's group report. What a particular
    mix of profiles means (one dominant, one missing) is in texts/group.yaml."""

    role: Text = Field(description="What this profile brings to a team")


class StartPlan(Strict):
    """What a visitor of this profile does first: one step, then one new habit a week."""

    first_step: Slug = Field(description="Tip id of the first step (week 1) of a clear result")
    then: list[Slug] = Field(
        min_length=2, max_length=2, description="Tip ids of the habits added in weeks 2 and 3"
    )
    close: dict[Slug, Slug] = Field(
        default_factory=dict,
        description="Per runner-up profile id: the first step when the result is close (the "
        "runner-up within the close margin); a tip that suits both profiles",
    )


class Profile(Strict):
    id: Slug
    order: int = Field(ge=1, description="Position in lists and charts; also the final tie-break")
    name: Text
    colour: Colour
    tagline: Text
    description: Text
    email_style: Text
    agenda_style: Text
    strengths: list[Text] = Field(min_length=2)
    pitfalls: list[Text] = Field(min_length=2)
    week_rhythm: list[RhythmBlock] = Field(min_length=3)
    start_plan: StartPlan
    team: TeamTexts

    def block(self, block_id: str) -> RhythmBlock | None:
        return next((b for b in self.week_rhythm if b.id == block_id), None)


class Option(Strict):
    text: Text
    describes: Slug = Field(
        description="The profile whose behaviour these words describe; it gets the most points"
    )
    scores: dict[Slug, float] = Field(
        min_length=1, description="Points this answer gives to each profile id (at least one)"
    )

    @field_validator("scores")
    @classmethod
    def _some_points(cls, scores: dict[str, float]) -> dict[str, float]:
        if any(v < 0 for v in scores.values()):
            raise ValueError(say("model.negative_scores"))
        if not any(v > 0 for v in scores.values()):
            raise ValueError(say("model.no_points"))
        return scores


class Question(Strict):
    id: Slug
    text: Text
    options: list[Option] = Field(min_length=2, max_length=6)


class TipCategory(StrEnum):
    email = "email"
    agenda = "agenda"


class TipVariant(Strict):
    """The wording of a shared tip for one of its profiles (either part may be left out)."""

    title: Text | None = None
    text: Text | None = None


class Tip(Strict):
    id: Slug
    title: Text
    text: Text = Field(description="May refer to week-rhythm blocks by id, e.g. {mail}")
    profiles: list[Slug] = Field(min_length=1)
    priority: int = Field(
        ge=1, le=3, description="Order among the reference tips: 1 first, 3 'when the rest runs'"
    )
    variants: dict[Slug, TipVariant] = Field(
        default_factory=dict,
        description="Per profile id: other wording of this tip for that profile",
    )

    def wording(self, profile_id: str) -> tuple[Text, Text]:
        """(title, text) as this profile reads them."""
        variant = self.variants.get(profile_id)
        if variant is None:
            return self.title, self.text
        return variant.title or self.title, variant.text or self.text


class TipFile(Strict):
    """One file in tips/: every tip in it belongs to the same category."""

    category: TipCategory
    tips: list[Tip] = Field(min_length=1)


class QuestionFile(Strict):
    """One file in questions/: questions are asked in file-name order, then in list order."""

    questions: list[Question] = Field(min_length=1)


class CalendarTexts(Strict):
    """Wording of the calendar file (.ics) with the visitor's week rhythm and start plan."""

    name: Text = Field(description="The calendar's name; {profile} is filled in")
    new_habit: Text = Field(
        description="Added to an event's description in the week it starts; {week} and {title}"
    )
    footer: Text = Field(description="Last line of every event's description; {link}")


class QuizSettings(Strict):
    """How the quiz runs (the `quiz:` block of texts/site.yaml); every key is optional."""

    early_end: bool = Field(
        True,
        description="End the quiz as soon as no answer to the remaining questions could change "
        "the visitor's profile (exact: they always get the profile all answers would give)",
    )
    min_questions: int = Field(
        6, ge=1, description="Never end early before this many questions are answered"
    )


class TrainingMail(Strict):
    """The mail a trainer's bulk run (`bulk --send`, the Groep page) sends each participant: the
    trainer sends it, so it says so and why the participant gets it (texts/site.yaml
    `training_mail`). With a training title the `subject` and `body` are used, without one the
    `_untitled` pair, so no mail ever shows an empty title."""

    subject: Text = Field(description="{title} (the training's title) and {profile} filled in")
    body: Text = Field(
        description="Plain text; {title} (required), {name}, {profile}, {first_step} (required) "
        "and {start} (the Monday the first step starts) are filled in"
    )
    subject_untitled: Text = Field(description="Subject when the trainer gave no title")
    body_untitled: Text = Field(
        description="Body when the trainer gave no title: as `body`, without {title}"
    )

    @field_validator("body")
    @classmethod
    def _names_title(cls, body: Text) -> Text:
        return _require_placeholders(body, ("{title}", "{first_step}"))

    @field_validator("subject_untitled", "body_untitled")
    @classmethod
    def _no_title(cls, text: Text) -> Text:
        if any("{title}" in (words or "") for words in (text.nl, text.en)):
            raise ValueError(say("model.untitled_has_title"))
        return text

    @field_validator("body_untitled")
    @classmethod
    def _names_step(cls, body: Text) -> Text:
        return _require_placeholders(body, ("{first_step}",))


def _require_placeholders(text: Text, names: tuple[str, ...]) -> Text:
    for name in names:
        for words in (text.nl, text.en):
            if words is not None and name not in words:
                raise ValueError(say("model.missing_placeholder", name=name))
    return text


class SiteTexts(Strict):
    """Longer texts of the site and the mail that are content, not UI chrome (texts/site.yaml),
    and the quiz settings."""

    title: Text
    intro: Text
    privacy: Text
    consent_pdf: Text = Field(description="Label of the box for receiving the PDF by e-mail")
    consent_updates: Text = Field(description="Label of the optional box for updates")
    consent_version: NonEmpty = Field(
        max_length=60, description="Change this whenever a consent text changes (stored per lead)"
    )
    mail_subject: Text
    mail_body: Text = Field(
        description="Plain text; {name}, {profile}, {first_step} (required) and {start} (the Monday "
        "the first step starts) are filled in"
    )
    training_mail: TrainingMail = Field(
        description="The mail of a trainer's bulk run, instead of mail_subject/mail_body"
    )
    optin_subject: Text
    optin_body: Text = Field(description="Plain text; {name} and {link} are filled in")
    site_url: HttpsUrl = Field(description="The site's address, linked at the end of the PDF")
    calendar: CalendarTexts
    quiz: QuizSettings = Field(default_factory=QuizSettings, description="How the quiz runs")


class MixShares(Strict):
    """When a profile counts as dominant or as a small minority, in percent of the group."""

    dominant_above: int = Field(
        50,
        ge=50,
        le=95,
        description="A profile with more than this percentage of the group dominates it (50 or "
        "more, so at most one profile can)",
    )
    few_below: int = Field(
        20,
        ge=5,
        le=45,
        description="A profile that is present with less than this percentage of the group is a "
        "small minority",
    )


class MixCondition(Strict):
    """When a text of texts/group.yaml applies to a group: every key given must hold."""

    absent: Slug | None = Field(None, description="Profile id: nobody in the group has it")
    dominant: Slug | None = Field(
        None, description="Profile id: more than shares.dominant_above percent of the group has it"
    )
    few: Slug | None = Field(
        None, description="Profile id: present, but below shares.few_below percent of the group"
    )
    balanced: Literal[True] | None = Field(
        None, description="true: every profile is present, none dominant, none a small minority"
    )
    one: Slug | None = Field(
        None,
        description="Profile id: exactly one person in the group has it (for a text that speaks "
        "of 'that one Operator')",
    )
    several: Slug | None = Field(
        None, description="Profile id: two or more people in the group have it"
    )

    @model_validator(mode="after")
    def _not_empty(self) -> MixCondition:
        if all(value is None for _, value in self):
            raise ValueError(say("model.empty_when"))
        return self

    def named(self) -> list[tuple[str, str]]:
        """(key, profile id) of every profile this condition names."""
        return [(key, value) for key, value in self if isinstance(value, str)]


class MixStatement(Strict):
    """What a group with a certain mix of profiles is strong at, and what it risks."""

    id: Slug
    when: MixCondition
    strong: Text = Field(description="What a group with this mix is strong at")
    risk: Text = Field(description="What it risks, and what helps against it")


class AgreementArea(StrEnum):
    email = "email"
    meetings = "meetings"


class AgreementOption(Strict):
    """One proposal for an agreement, for the groups its `when` fits."""

    when: MixCondition | None = Field(
        None, description="Which groups get this proposal; left out on the last option only"
    )
    proposal: Text = Field(
        description="The agreement proposed; {block} is the time that block of the rhythm has in "
        "common for every profile in the group, e.g. {focus}"
    )
    why: Text | None = Field(None, description="Why it suits a group like this")
    question: Text | None = Field(None, description="The trainer's question, if not the topic's")


class Agreement(Strict):
    """A team agreement to make together: the trainer asks the question, the group decides."""

    id: Slug
    area: AgreementArea = Field(description="email or meetings: the heading it goes under")
    topic: Text = Field(description="What the agreement is about, e.g. response times")
    question: Text = Field(description="The question the trainer asks to reach the agreement")
    options: list[AgreementOption] = Field(
        min_length=1,
        description="The first option whose `when` fits the group is proposed; the last one has "
        "no `when`: what every other group gets",
    )


class SessionStep(Strict):
    """One part of the session's running order."""

    minutes: int = Field(ge=1, le=90)
    title: Text
    do: Text = Field(
        description="What the trainer does, in order; {count} is the number of participants, "
        "{week1} the Monday that starts week 1 of their start plans"
    )
    say: Text | None = Field(
        None, description="What the trainer says or asks, word for word; {count}, {week1}"
    )
    materials: Text | None = Field(None, description="What this step needs")
    needs_group: bool = Field(
        False,
        description="true: a group exercise (pairs, corners, agreements), left out for a group "
        "smaller than min_size",
    )


class Session(Strict):
    """The running order of the session: the first page of the group report after the cover."""

    intro: Text = Field(description="The session's goal, in a sentence or two")
    small: Text = Field(
        description="Instead of the intro for a group smaller than min_size: a conversation, "
        "without the group exercises; {count} is the number of participants, with its noun "
        "('1 deelnemer')"
    )
    prepare: list[Text] = Field(min_length=1, description="What to prepare and bring")
    steps: list[SessionStep] = Field(
        min_length=2, description="In order; their minutes add up to 60 to 90"
    )

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)

    def steps_for(self, small: bool) -> list[SessionStep]:
        """The steps a group runs: without the group exercises when it is small."""
        return [step for step in self.steps if not (small and step.needs_group)]


class GroupTexts(Strict):
    """texts/group.yaml: what the trainer's group report says about a group's mix, the
    agreements it proposes, and the session outline."""

    shares: MixShares = Field(default_factory=MixShares)
    min_size: int = Field(
        2,
        ge=1,
        le=12,
        description="The smallest group the mix texts, pairs and agreements are for; a smaller "
        "one gets the session as a conversation (the steps without needs_group)",
    )
    mix: list[MixStatement] = Field(
        min_length=1, description="Every statement whose `when` fits the group is shown, in order"
    )
    agreements: list[Agreement] = Field(min_length=1)
    session: Session


# How the files a visitor gets begin, in their language ('werkstijl-visionair.pdf',
# 'work-style-week.ics').
FILE_PREFIX: dict[str, str] = {"nl": "werkstijl", "en": "work-style"}


def slugify(value: str) -> str:
    """A file-name-safe, lower-case ASCII slug (used for file names and for loose id matching)."""
    ascii_only = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")


# Format characters that change how a name is written, not where it goes: the zero-width
# (non-)joiner (Persian names, emoji sequences) and the left-to-right, right-to-left and Arabic
# letter marks (mixed-direction names). They stay; every other control or format character goes.
_KEEP = frozenset("\u200c\u200d\u200e\u200f\u061c")
NAME_MAX = 100  # characters of a visitor's name; longer is cut (with a note on the form)


def one_line(value: str, limit: int | None = None) -> str:
    """A person's text (a name, a subject) as one clean line: NFC (so accents find their glyph),
    control and format characters (CR, LF, NUL, tab, lone surrogates...) turned into spaces, runs
    of space collapsed, cut at `limit` (see `cut`). Mail headers, CSV names, the form and PDF
    text all go through it."""
    text = unicodedata.normalize("NFC", value)
    text = "".join(
        " " if unicodedata.category(ch)[0] == "C" and ch not in _KEEP else ch for ch in text
    )
    text = " ".join(text.split())
    return text if limit is None else cut(text, limit)


def _attaches(char: str) -> bool:
    """Belongs to the character before it: a combining mark, a variation selector, a joiner, an
    emoji skin tone."""
    return (
        unicodedata.category(char) in ("Mn", "Me")
        or char == "\u200d"
        or "\U0001f3fb" <= char <= "\U0001f3ff"
    )


def cut(text: str, limit: int) -> str:
    """At most `limit` characters, never splitting a letter from its accent or an emoji
    sequence, and without a dangling joiner or space at the end."""
    if len(text) <= limit:
        return text
    end = limit
    while end > 0 and _attaches(text[end]):
        end -= 1
    while end > 0 and text[end - 1] in "\u200c\u200d ":
        end -= 1
    return text[:end]


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, **values: str) -> str:
    """{name} placeholders filled in; unknown ones and stray braces stay as written (a
    marketer's typo shows, it never crashes)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


class Content(BaseModel):
    """All valid content of one content folder, cross-checked; what every later stage receives."""

    model_config = ConfigDict(frozen=True)

    profiles: tuple[Profile, ...]  # sorted by `order`
    questions: tuple[Question, ...]  # in the order they are asked
    tips: dict[TipCategory, tuple[Tip, ...]]  # per category, in file order
    site: SiteTexts
    group: GroupTexts  # texts/group.yaml
    version: str = ""  # fingerprint of the files it came from; changes when any file changes

    def profile(self, profile_id: str) -> Profile:
        for profile in self.profiles:
            if profile.id == profile_id:
                return profile
        raise KeyError(profile_id)

    def find_profile(self, value: str) -> Profile | None:
        """A profile by id or by its Dutch or English name, ignoring case and accents."""
        wanted = slugify(value)
        for profile in self.profiles:
            if wanted in {profile.id, slugify(profile.name.nl), slugify(profile.name.get("en"))}:
                return profile
        return None

    def tips_for(self, profile_id: str, category: TipCategory | str) -> list[Tip]:
        """The tips of one category that serve a profile, most important first (stable)."""
        tips = [t for t in self.tips.get(TipCategory(category), ()) if profile_id in t.profiles]
        return sorted(tips, key=lambda t: t.priority)

    def tip(self, tip_id: str) -> Tip:
        return self.tip_with_category(tip_id)[1]

    def tip_with_category(self, tip_id: str) -> tuple[TipCategory, Tip]:
        for category, tips in self.tips.items():
            for tip in tips:
                if tip.id == tip_id:
                    return category, tip
        raise KeyError(tip_id)
