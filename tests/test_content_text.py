"""The one set of text functions for a person's name, shared by the form, the mail and the PDF."""

from __future__ import annotations

import pytest

from tests.pdf_fixtures import make_content
from werkstijl.content.models import NAME_MAX, Text, cut, one_line
from werkstijl.delivery.message import render_pdf_mail


def test_joiners_and_direction_marks_stay_other_controls_become_spaces():
    persian = "مهدی\u200cزاده"  # the non-joiner is part of how this name is written
    family = "👩\u200d👩\u200d👧"  # an emoji sequence held together by zero-width joiners
    assert one_line(persian) == persian
    assert one_line(family) == family
    assert one_line("Sara\u200f כהן") == "Sara\u200f כהן"  # a right-to-left mark
    assert one_line("a\u202eb\u2066c\ufeffd\x00e") == "a b c d e"  # overrides, isolates, BOM


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Zoe\u0308 de Vries", 3, "Zo"),  # never a letter without its accent... (NFD input)
        ("Ann 👩\u200d👩\u200d👧", 6, "Ann 👩"),  # ...nor half a joined emoji with a joiner
        ("Ann 👍\U0001f3fd", 5, "Ann"),  # nor a thumb without its skin tone
        ("Anna de Vries", 5, "Anna"),  # no trailing space
        ("Anna", 10, "Anna"),
    ],
)
def test_cut_keeps_characters_whole(text, limit, expected):
    assert cut(text, limit) == expected


def test_a_long_name_is_cut_at_the_limit_for_form_mail_and_pdf_alike():
    name = "x" * (NAME_MAX + 50)
    assert one_line(name, NAME_MAX) == "x" * NAME_MAX


def test_the_mail_keeps_a_right_to_left_name_as_typed():
    site = make_content().site.model_copy(update={"mail_subject": Text(nl="Voor {name}")})
    name = "مهدی\u200cزاده"
    subject, text, html = render_pdf_mail(site, "nl", name, "Visionair")
    assert subject == f"Voor {name}"  # the subject is cleaned by one_line: the joiner stays
    assert name in text and name in html
