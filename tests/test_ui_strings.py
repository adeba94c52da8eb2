"""The UI-string catalogues (visitor and staff): every text in Dutch and English, one lookup,
singulars for a count of 1."""

from __future__ import annotations

import re

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


@pytest.mark.parametrize("catalogue", [VISITOR, STAFF], ids=["visitor", "staff"])
def test_no_ui_string_writes_a_plural_as_s_or_en_in_brackets(catalogue) -> None:
    for key, wording in catalogue.items():
        for text in wording.values():
            assert not re.search(r"\w\((s|en|'s)\)", text), (key, text)


@pytest.mark.parametrize(
    ("key", "lang", "one", "two"),
    [
        ("rows_ok", "nl", "1 rij wordt gebruikt", "2 rijen worden gebruikt"),
        ("rows_ok", "en", "1 row will be used", "2 rows will be used"),
        ("rows_bad", "nl", "1 rij wordt niet gebruikt", "2 rijen worden niet gebruikt"),
        ("rows_bad", "en", "1 row will not be used", "2 rows will not be used"),
        ("ratings_n", "nl", "1 beoordeling", "2 beoordelingen"),
        ("ratings_n", "en", "1 rating", "2 ratings"),
        ("n_mails", "nl", "1 mail", "2 mails"),
        ("n_pdfs", "nl", "1 PDF", "2 PDF's"),
        ("n_pdfs", "en", "1 PDF", "2 PDFs"),
    ],
)
def test_staff_counts_read_as_singular_for_one_and_plural_for_two(key, lang, one, two) -> None:
    assert lookup(STAFF, key, lang, count=1) == one
    assert lookup(STAFF, key, lang, count=2) == two


def test_outbox_results_count_the_mails_asked_for() -> None:
    assert lookup(STAFF, "outbox_cancelled", "en", done=1, count=1) == (
        "1 of 1 mail cancelled; it will not be sent."
    )
    assert lookup(STAFF, "outbox_retried", "nl", done=1, count=2) == (
        "1 van 2 mails opnieuw in de wachtrij gezet."
    )
