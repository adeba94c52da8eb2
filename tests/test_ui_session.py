"""The visit in the URL: the browser's language, and the URL <-> visit mapping that Back, Forward
and reload rely on (the browser itself is driven in test_browser_a11y.py)."""

from __future__ import annotations

import pytest
from minicontent import write_mini_content
from test_app_quiz import QUESTIONS

from werkstijl.content import load_content
from werkstijl.ui.session import Visit, apply_url, pick_lang, url_query


@pytest.mark.parametrize(
    ("accept", "lang"),
    [
        ("en-US,en;q=0.9", "en"),
        ("nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7", "nl"),
        ("nl-BE", "nl"),
        ("en_GB", "en"),
        ("de-DE,de;q=0.9,en;q=0.8", "en"),  # German first, but English is the best we have
        ("de-DE,de;q=0.9,nl;q=0.3,en;q=0.2", "nl"),
        ("en;q=0.5,nl;q=0.5", "en"),  # a tie goes to the one listed first
        ("nl;q=0.2,en;q=0.8", "en"),  # quality counts, not the order
        ("en;q=0,nl;q=0.1", "nl"),  # q=0 means "not this one"
        ("en;q=abc", None),
        ("de-DE", None),
        ("fr-FR,*;q=0.5", None),
        ("", None),
        (None, None),
    ],
)
def test_the_browsers_preferred_supported_language_is_picked(accept, lang):
    assert pick_lang(accept) == lang


def test_a_huge_accept_language_header_is_read_only_in_part():
    assert pick_lang("de," * 10_000 + "en") is None


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    root = write_mini_content(tmp_path_factory.mktemp("content"))
    (root / "questions" / "questions.yaml").write_text(QUESTIONS)
    return load_content(root).content


def visit_from(content, browser_lang="nl", **query) -> Visit | None:
    visit = Visit(browser_lang=browser_lang)
    return visit if apply_url(visit, content, query) else None


@pytest.mark.parametrize(
    ("query", "phase", "step", "answers"),
    [
        ({}, "intro", 0, []),
        ({"q": "1"}, "quiz", 0, []),
        ({"a": "21", "q": "3"}, "quiz", 2, [2, 1]),
        ({"a": "21", "q": "2"}, "quiz", 1, [2, 1]),  # an answered question, shown again
        ({"a": "21", "q": "0"}, "intro", 0, [2, 1]),
        ({"a": "21"}, "quiz", 2, [2, 1]),  # a link without a question resumes at the next
        ({"a": "2131"}, "result", 3, [2, 1, 3, 1]),
        ({"a": "2131", "q": "4"}, "quiz", 3, [2, 1, 3, 1]),  # back from the result
        ({"a": "2", "q": "4"}, "quiz", 1, [2]),  # never past the first unanswered question
        ({"a": "2", "q": "x"}, "quiz", 1, [2]),
    ],
)
def test_the_url_says_where_the_visitor_is(content, query, phase, step, answers):
    visit = visit_from(content, **query)
    assert (visit.phase, visit.step, visit.answers, visit.lang) == (phase, step, answers, "nl")


@pytest.mark.parametrize("bad", ["9", "12345", "1x", "0"])
def test_answers_that_do_not_fit_are_refused(content, bad):
    assert visit_from(content, a=bad) is None


def test_every_screen_writes_a_url_that_brings_it_back(content):
    screens = [
        ("intro", 0, []),
        ("intro", 0, [1]),
        ("quiz", 0, []),
        ("quiz", 1, [3]),
        ("quiz", 0, [3, 2]),
        ("result", 3, [1, 2, 3, 1]),
    ]
    for browser_lang in ("nl", "en"):
        for lang in ("nl", "en"):
            for phase, step, answers in screens:
                visit = Visit(lang=lang, browser_lang=browser_lang, phase=phase, step=step)
                visit.answers = list(answers)
                query = url_query(visit)
                assert ("lang" in query) == (lang != browser_lang)  # only when it differs
                back = visit_from(content, browser_lang, **query)
                assert (back.phase, back.step, back.answers, back.lang) == (
                    phase,
                    step,
                    answers,
                    lang,
                ), query
