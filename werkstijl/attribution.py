"""Where a visit came from: `utm_source`, `utm_medium`, `utm_campaign` and our own short `src=`.

The values ride along in the visit's URL (so a reload, a resumed visit and the result link keep
them) and are stored with the funnel events and the lead, nowhere else. Only short slugs are
kept: a value that could carry personal data (an e-mail address, free text, a long number such
as a phone or subscriber number) is dropped, not stored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass

PARAMS = ("src", "utm_source", "utm_medium", "utm_campaign")
MAX_LENGTH = 60
_SLUG = re.compile(r"[a-z0-9][a-z0-9._-]*")
_LONG_NUMBER = re.compile(r"\d{7,}")
_SPACES = re.compile(r"[\s+]+")


def clean_value(raw: object) -> str | None:
    """A lower-case slug ('Nieuwsbrief Okt' -> 'nieuwsbrief-okt'), or None when unusable."""
    if not isinstance(raw, str):
        return None
    value = _SPACES.sub("-", raw.strip().lower())
    if not value or len(value) > MAX_LENGTH or not _SLUG.fullmatch(value):
        return None
    return None if _LONG_NUMBER.search(value) else value


@dataclass(frozen=True)
class Attribution:
    src: str | None = None  # our own short label, e.g. the embed snippet's source label
    utm_source: str | None = None
    utm_medium: str | None = None
    utm_campaign: str | None = None

    @classmethod
    def from_query(cls, query: Mapping[str, object]) -> Attribution:
        """The usable values among a URL's query parameters; the rest are ignored."""
        return cls(**{name: clean_value(query.get(name)) for name in PARAMS})

    def as_query(self) -> dict[str, str]:
        """The set values as query parameters, in a fixed order."""
        return {name: value for name, value in asdict(self).items() if value}

    def columns(self) -> dict[str, str | None]:
        """The values for the database columns of the same names."""
        return asdict(self)

    def __bool__(self) -> bool:
        return any(asdict(self).values())
