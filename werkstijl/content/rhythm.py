"""Clock times and days in words: how a rhythm block is written, and how to find one in a text.

A profile's week rhythm is the only place where clock times and days live. Texts refer to its
blocks with a placeholder (`{mail}` is the block with id `mail`), which is filled in as its days
and times ("di en do 09:00–11:00", "Tue and Thu 09:00–11:00"). `check` uses `mentions` to find
times and days that a text writes itself, so it can report any that the rhythm does not have.

Writing and finding share one vocabulary (below), so whatever is written can be found again:
that is what lets the tests compare every time and day in a PDF with the calendar file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
ALL_DAYS = (*WEEKDAYS, "sat", "sun")

# The day words of each language; the checker and the writer both use exactly these.
DAY_NAMES: dict[str, dict[str, str]] = {
    "nl": {
        "mon": "maandag",
        "tue": "dinsdag",
        "wed": "woensdag",
        "thu": "donderdag",
        "fri": "vrijdag",
        "sat": "zaterdag",
        "sun": "zondag",
    },
    "en": {
        "mon": "Monday",
        "tue": "Tuesday",
        "wed": "Wednesday",
        "thu": "Thursday",
        "fri": "Friday",
        "sat": "Saturday",
        "sun": "Sunday",
    },
}
DAY_SHORT: dict[str, dict[str, str]] = {
    "nl": {
        "mon": "ma",
        "tue": "di",
        "wed": "wo",
        "thu": "do",
        "fri": "vr",
        "sat": "za",
        "sun": "zo",
    },
    "en": {
        "mon": "Mon",
        "tue": "Tue",
        "wed": "Wed",
        "thu": "Thu",
        "fri": "Fri",
        "sat": "Sat",
        "sun": "Sun",
    },
}
MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip
# How a list, a run and every weekday are written.
# (No-break spaces keep a day phrase on one line; `mentions` reads them as spaces.)
WORDS: dict[str, dict[str, str]] = {
    "nl": {"and": "\u00a0en\u00a0", "through": "\u00a0t/m\u00a0", "weekdays": "elke\u00a0werkdag"},
    "en": {"and": "\u00a0and\u00a0", "through": "–", "weekdays": "every\u00a0weekday"},
}
# Phrases that mean "every weekday".
_EVERY_DAY = {
    "nl": r"\b(?:elke|iedere) (?:werk)?dag\b|\bdagelijks\b|\b(?:elke|iedere) (?:ochtend|middag)\b|"
    r"\balle werkdagen\b",
    "en": r"\bevery (?:weekday|working day|day|morning|afternoon)\b|\beach day\b|\bdaily\b|"
    r"\bon weekdays\b",
}
# Words between two days that make a list, or a run from the first to the last.
_LIST_JOIN = r"\s*(?:,|&|\ben\b|\band\b|\bof\b|\bor\b)\s*"
_RUN_JOIN = r"\s*(?:t/m|tot en met|\btot\b|\bto\b|\bthrough\b|\buntil\b|–|—|-)\s*"

_CLOCK = r"(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?!\d|:\d)"
_RANGE_RE = re.compile(_CLOCK + r"\s*(?:–|—|-|\btot\b|\bto\b|\buntil\b|\btill\b)\s*" + _CLOCK)
_CLOCK_RE = re.compile(_CLOCK)
PLACEHOLDER_RE = re.compile(r"\{([a-z0-9]+(?:-[a-z0-9]+)*)\}")


def _day_pattern(lang: str) -> re.Pattern[str]:
    """One day word of a language: a full name (also inside 'maandagochtend' or 'Mondays'), or a
    weekday's short name as written (Dutch 'do', English 'Thu'; weekend short names are common
    words, like Dutch 'zo', so only their full names count)."""
    full = "|".join(DAY_NAMES[lang].values())
    short = "|".join(DAY_SHORT[lang][d] for d in WEEKDAYS)
    suffix = "(?:ochtend|middag|avond|morgen|namiddag)?" if lang == "nl" else "s?"
    return re.compile(rf"\b(?:(?i:{full}){suffix}|(?:{short})\.?)(?![\w/])")


_DAY_RE = {lang: _day_pattern(lang) for lang in DAY_NAMES}
# A date as `format_date` writes it ('maandag 7 december'): one day, not a day of the week.
_DATE_RE = {
    lang: re.compile(
        rf"\b(?i:{'|'.join(DAY_NAMES[lang].values())})\s+\d{{1,2}}\s+"
        rf"(?i:{'|'.join(MONTH_NAMES[lang])})\b"
    )
    for lang in DAY_NAMES
}


def _day_of(word: str) -> str:
    low = word.lower().rstrip(".")
    for names in DAY_NAMES.values():  # full names first: 'donderdag' is not 'do'
        for day, name in names.items():
            if low.startswith(name.lower()):
                return day
    for names in DAY_SHORT.values():
        for day, name in names.items():
            if low == name.lower():
                return day
    raise ValueError(word)


def _clock(hours: str, minutes: str) -> str:
    return f"{int(hours):02d}:{minutes}"


@dataclass(frozen=True)
class Mentions:
    """The times and days a text writes: (start, end) ranges, lone clock times, sets of days."""

    ranges: tuple[tuple[str, str], ...]
    times: tuple[str, ...]
    day_sets: tuple[frozenset[str], ...]
    # The words as written, in the same order, for messages.
    range_words: tuple[str, ...] = ()
    day_words: tuple[str, ...] = ()


def mentions(text: str, lang: str) -> Mentions:
    """Every time range, lone clock time and set of days written in `text` (in language `lang`);
    a date ('maandag 7 december') names no day of the week."""
    text = PLACEHOLDER_RE.sub(" ", text)
    text = _DATE_RE[lang if lang in DAY_NAMES else "nl"].sub(" ", text)
    ranges, range_words, covered = [], [], []
    for match in _RANGE_RE.finditer(text):
        ranges.append((_clock(*match.group(1, 2)), _clock(*match.group(3, 4))))
        range_words.append(match.group(0))
        covered.append(match.span())
    times = [
        _clock(*m.groups())
        for m in _CLOCK_RE.finditer(text)
        if not any(a <= m.start() < b for a, b in covered)
    ]
    sets, words = _day_sets(text, lang if lang in DAY_NAMES else "nl")
    return Mentions(tuple(ranges), tuple(times), tuple(sets), tuple(range_words), tuple(words))


def _day_sets(text: str, lang: str) -> tuple[list[frozenset[str]], list[str]]:
    sets: list[frozenset[str]] = []
    words: list[str] = []
    for match in re.finditer(_EVERY_DAY[lang], text, re.IGNORECASE):
        sets.append(frozenset(WEEKDAYS))
        words.append(match.group(0))
    found = list(_DAY_RE[lang].finditer(text))
    i = 0
    while i < len(found):
        days = [_day_of(found[i].group(0))]
        start, end = found[i].start(), found[i].end()
        while i + 1 < len(found):
            between = text[end : found[i + 1].start()]
            nxt = _day_of(found[i + 1].group(0))
            if re.fullmatch(_RUN_JOIN, between):
                a, b = ALL_DAYS.index(days[-1]), ALL_DAYS.index(nxt)
                days += list(ALL_DAYS[a + 1 : b + 1]) if b > a else [nxt]
            elif re.fullmatch(_LIST_JOIN, between):
                days.append(nxt)
            else:
                break
            i += 1
            end = found[i].end()
        sets.append(frozenset(days))
        words.append(text[start:end])
        i += 1
    return sets, words


def format_days(days: Sequence[str], lang: str) -> str:
    """Days as people write them: 'elke werkdag', 'ma t/m do', 'di en do', 'vrijdag'."""
    lang = lang if lang in DAY_NAMES else "nl"
    ordered = [d for d in ALL_DAYS if d in set(days)]
    words = WORDS[lang]
    if tuple(ordered) == WEEKDAYS:
        return words["weekdays"]
    if len(ordered) == 1:
        return DAY_NAMES[lang][ordered[0]]
    short = [DAY_SHORT[lang][d] for d in ordered]
    indexes = [ALL_DAYS.index(d) for d in ordered]
    if len(ordered) >= 3 and indexes == list(range(indexes[0], indexes[0] + len(indexes))):
        return short[0] + words["through"] + short[-1]
    return ",\u00a0".join(short[:-1]) + words["and"] + short[-1]


def format_date(day: date, lang: str) -> str:
    """A day as the plan names it: 'maandag 7 december', 'Monday 7 December' (the page, the mail
    and the PDF write a week's start this way)."""
    lang = lang if lang in DAY_NAMES else "nl"
    weekday = DAY_NAMES[lang][ALL_DAYS[day.weekday()]]
    return f"{weekday} {day.day} {MONTH_NAMES[lang][day.month - 1]}"


def format_time_range(start: str, end: str) -> str:
    return f"{start}–{end}"


def format_slot(days: Sequence[str], start: str, end: str, lang: str) -> str:
    """A block's days and times in one phrase: 'di en do 09:00–11:00' (kept on one line)."""
    return f"{format_days(days, lang)}\u00a0{format_time_range(start, end)}"


def placeholders(text: str) -> list[str]:
    """The block ids a text refers to, in order of appearance, each once."""
    return list(dict.fromkeys(PLACEHOLDER_RE.findall(text)))


# A block's days, start and end ("HH:MM"), as `fill_placeholders` asks for them.
SlotParts = tuple[Sequence[str], str, str]
# Two references joined by 'and' ('{mail} en {mail-middag}'): written once when on the same days.
_PAIR_RE = re.compile(
    PLACEHOLDER_RE.pattern + r"(\s+(?:en|and)\s+)" + PLACEHOLDER_RE.pattern, re.IGNORECASE
)


def fill_placeholders(text: str, block: Callable[[str], SlotParts | None], lang: str) -> str:
    """Each `{block-id}` replaced by its days and times (`block(id)`; unknown ones stay as
    written). Two blocks on the same days joined by 'en'/'and' name their days once:
    'elke werkdag 10:30–11:00 en 16:30–17:00', not 'elke werkdag … en elke werkdag …'."""

    def one(block_id: str) -> str | None:
        parts = block(block_id)
        return None if parts is None else format_slot(*parts, lang)

    def pair(match: re.Match[str]) -> str:
        first, join, second = block(match.group(1)), match.group(2), block(match.group(3))
        if first is None or second is None or set(first[0]) != set(second[0]):
            return match.group(0)  # filled one by one below
        ranges = format_time_range(*first[1:]), format_time_range(*second[1:])
        return f"{format_days(first[0], lang)}\u00a0{ranges[0]}{join}{ranges[1]}"

    text = _PAIR_RE.sub(pair, text)
    return PLACEHOLDER_RE.sub(lambda m: one(m.group(1)) or m.group(0), text)


def slots_by_id(blocks: Sequence, lang: str) -> Mapping[str, str]:
    """{block id: its days and times} for a sequence of RhythmBlock-like objects."""
    return {b.id: format_slot([str(d) for d in b.days], b.start, b.end, lang) for b in blocks}
