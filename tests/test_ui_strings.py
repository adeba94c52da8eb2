"""The UI-string catalogues (visitor and staff): every text in Dutch and English, one lookup,
singulars for a count of 1."""

from __future__ import annotations

import pytest

from werkstijl.content.wording import placeholders
from werkstijl.ui.staff.strings import STRINGS as STAFF
from werkstijl.ui.strings import STRINGS as VISITOR
from werkstijl.ui.strings import lookup


@pytest.mark.parametrize("catalogue", [VISITOR, STAFF], ids=["visitor", "staff"])
def test_every_ui_string_has_dutch_and_english_with_the_same_placeholders(catalogue) -> None:
    for key, wording in catalogue.items():
        assert set(wording) == {"nl", "en"}, key
        assert all(text.strip() for text in wording.values()), key
        assert placeholders(wording["nl"]) == placeholders(wording["en"]), key


def test_every_leads_export_column_has_a_header_in_both_languages() -> None:
    from werkstijl.storage.leads import CSV_COLUMNS

    for column in (*CSV_COLUMNS, "yes", "no"):
        assert set(STAFF[f"csv_{column}"]) == {"nl", "en"}, column


def test_a_count_of_one_uses_the_singular_when_the_catalogue_has_it() -> None:
    assert lookup(STAFF, "check_errors", "nl", count=1) == "1 probleem gevonden"
    assert lookup(STAFF, "check_errors", "nl", count=2) == "2 problemen gevonden"
    assert lookup(STAFF, "warnings", "en", count=1) == "1 warning"
    assert lookup(STAFF, "draft_invalid", "en", count=3).startswith("The draft has 3 problems;")
