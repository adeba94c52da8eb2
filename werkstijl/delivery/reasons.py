"""Why a mail was not sent: stored in English, shown in the reader's language.

The delivery code words a reason with `english(key, ...)`, a `reason.*` wording of
werkstijl/content/wording.py, so the log and the database (`outbox.last_error`, the mail health's
detail) hold one language. `reason_words` reads such a text back and says it in the current
message language (the staff page's, the CLI's --lang); the mail server's own words inside it
({detail}) stay as the server wrote them. A text that is none of ours (a row from an older
version) is shown as it is.
"""

from __future__ import annotations

import re
import string
from functools import cache

from werkstijl.content.wording import CATALOGUE, message_language, say

PREFIX = "reason."


def english(key: str, /, **values: object) -> str:
    """The reason `key` in English, as it is logged and stored."""
    with message_language("en"):
        return say(key, **values)


def _pattern(template: str) -> re.Pattern[str]:
    """A regular expression matching `template` filled in with any values, capturing them."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name:
            parts.append(f"(?P<{name}>.+?)")
    return re.compile("".join(parts), re.DOTALL)


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    # Longest template first: "sender refused for now: …" before "sender refused: …".
    keys = sorted(
        (k for k in CATALOGUE if k.startswith(PREFIX)), key=lambda k: -len(CATALOGUE[k]["en"])
    )
    return tuple((key, _pattern(CATALOGUE[key]["en"])) for key in keys)


def reason_words(text: str) -> str:
    """A stored reason in the current message language (unknown texts unchanged)."""
    for key, pattern in _patterns():
        if found := pattern.fullmatch(text):
            values = {
                name: reason_words(value) if name == "reason" else value
                for name, value in found.groupdict().items()
            }
            return say(key, **values)
    return text
