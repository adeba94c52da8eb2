"""The UI string catalogues: one lookup for visitor and staff texts, singulars for a count of 1."""

from __future__ import annotations

from werkstijl.ui.staff.strings import STRINGS
from werkstijl.ui.strings import lookup


def test_a_count_of_one_uses_the_singular_when_the_catalogue_has_it() -> None:
    assert lookup(STRINGS, "check_errors", "nl", count=1) == "1 probleem gevonden"
    assert lookup(STRINGS, "check_errors", "nl", count=2) == "2 problemen gevonden"
    assert lookup(STRINGS, "warnings", "en", count=1) == "1 warning"
    assert lookup(STRINGS, "draft_invalid", "en", count=3).startswith("The draft has 3 problems;")
