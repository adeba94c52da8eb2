"""Where a visit came from: only short slugs are kept, anything personal is dropped."""

from __future__ import annotations

import pytest

from werkstijl.attribution import Attribution, clean_value


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("nieuwsbrief", "nieuwsbrief"),
        ("Nieuwsbrief Okt", "nieuwsbrief-okt"),  # case and spaces folded
        ("blog+ps", "blog-ps"),  # '+' is a space in a query string
        ("launch_2026.10", "launch_2026.10"),
        ("jan@example.com", None),  # an address is personal data: never stored
        ("0612345678", None),  # a phone or subscriber number too
        ("<script>", None),
        ("a" * 61, None),
        ("", None),
        (None, None),
        (["lijst"], None),
    ],
)
def test_only_short_slugs_are_kept(raw, kept) -> None:
    assert clean_value(raw) == kept


def test_from_query_keeps_the_four_parameters_and_ignores_the_rest() -> None:
    query = {"utm_source": "LinkedIn", "utm_medium": "social", "utm_campaign": "q4",
             "src": "post-12", "utm_term": "planning", "a": "1213", "email": "x@y.nl"}  # fmt: skip
    source = Attribution.from_query(query)
    assert source == Attribution("post-12", "linkedin", "social", "q4")
    assert source.as_query() == {
        "src": "post-12",
        "utm_source": "linkedin",
        "utm_medium": "social",
        "utm_campaign": "q4",
    }
    assert not Attribution.from_query({"utm_source": "jan@example.com"})
