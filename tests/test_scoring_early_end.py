"""The early end is exact: a settled prefix always gives the profile every completion gives, and
a prefix that is not settled has a completion with another profile (so the end is the earliest).

The oracle here is independent of scoring.py: the documented ranking rule written out with
Fractions, and brute force over every completion of a prefix.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from fractions import Fraction
from functools import cmp_to_key
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from minicontent import QUESTIONS, write_mini_content
from pdf_fixtures import make_content

from werkstijl.content import Content, load_content
from werkstijl.content.models import Option, Question, QuizSettings, Text
from werkstijl.scoring import (
    UndecidedError,
    ends_after,
    quiz_ends,
    score,
    settled_profile,
)

REPO = Path(__file__).resolve().parents[1]
BRUTE_LIMIT = 60_000  # completions the oracle enumerates for one prefix


# The oracle ------------------------------------------------------------------------------------


def reference_winner(content: Content, answers: Sequence[int]) -> str:
    """The README's rule, written out: most points; among equals the profile the latest answer
    separating them favoured; then the lowest `order`."""
    chosen = [q.options[a - 1].scores for q, a in zip(content.questions, answers, strict=True)]

    def points(w: dict[str, float], pid: str) -> Fraction:
        return Fraction(repr(w.get(pid, 0.0)))

    def compare(a, b) -> int:
        ta, tb = sum(points(w, a.id) for w in chosen), sum(points(w, b.id) for w in chosen)
        if ta != tb:
            return -1 if ta > tb else 1
        for w in reversed(chosen):
            if points(w, a.id) != points(w, b.id):
                return -1 if points(w, a.id) > points(w, b.id) else 1
        return a.order - b.order

    return sorted(content.profiles, key=cmp_to_key(compare))[0].id


def completions(content: Content, prefix: Sequence[int]):
    rest = content.questions[len(prefix) :]
    for tail in itertools.product(*(range(1, len(q.options) + 1) for q in rest)):
        yield [*prefix, *tail]


def outcomes(content: Content, prefix: Sequence[int]) -> set[str]:
    rest = content.questions[len(prefix) :]
    count = 1
    for q in rest:
        count *= len(q.options)
    assert count <= BRUTE_LIMIT, f"{count} completions: too many for the oracle"
    return {reference_winner(content, full) for full in completions(content, prefix)}


def assert_exact(content: Content, answers: Sequence[int]) -> None:
    """For every prefix of `answers`: settled exactly when all completions agree, on that profile;
    `score` accepts exactly the settled prefixes and names that profile."""
    for k in range(1, len(answers) + 1):
        prefix = list(answers[:k])
        found = outcomes(content, prefix)
        settled = settled_profile(content, prefix)
        assert (settled is not None) == (len(found) == 1), (prefix, settled, found)
        if settled is None:
            with pytest.raises(UndecidedError):
                score(content, prefix)
        else:
            assert found == {settled}
            result = score(content, prefix)
            assert (result.profile, result.answered) == (settled, k)
            assert result.ended_early == (k < len(content.questions))


# Generated small contents with ties --------------------------------------------------------------

# Few, small values make ties (and ties that the latest answer or `order` must break) common;
# decimals check that 0.1 + 0.2 ties with 0.3 as written.
POINTS = st.sampled_from([0, 0, 1, 1, 2, 3, 0.1, 0.2, 0.3, 0.5])


@st.composite
def small_contents(draw) -> Content:
    base = make_content()
    n_profiles = draw(st.integers(2, 4))
    orders = draw(st.permutations(range(1, n_profiles + 1)))
    profiles = tuple(  # not sorted by `order`: the tie rule must read `order`, not positions
        base.profiles[0].model_copy(update={"id": f"p{i}", "order": orders[i]})
        for i in range(n_profiles)
    )
    ids = [p.id for p in profiles]
    questions = []
    for qi in range(draw(st.integers(1, 6))):
        options = []
        for oi in range(draw(st.integers(2, 3))):
            scores = {pid: draw(POINTS) for pid in ids}
            if not any(scores.values()):
                scores[draw(st.sampled_from(ids))] = 1
            top = max(scores, key=lambda pid: scores[pid])
            options.append(Option(text=Text(nl=f"o{oi}"), describes=top, scores=scores))
        questions.append(Question(id=f"q{qi}", text=Text(nl=f"q{qi}"), options=options))
    return base.model_copy(update={"profiles": profiles, "questions": tuple(questions)})


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_on_generated_contents_with_ties_the_early_end_is_exact_and_earliest(data) -> None:
    content = data.draw(small_contents())
    answers = data.draw(st.tuples(*(st.integers(1, len(q.options)) for q in content.questions)))
    assert_exact(content, answers)
    assert score(content, answers).profile == reference_winner(content, answers)


# The real content ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Content:
    result = load_content(REPO)
    assert result.valid, [str(e) for e in result.errors]
    return result.content


def leaning_answers(content: Content, profile_id: str, consistency: float, rng: random.Random):
    """A visitor who picks the option giving `profile_id` the most points `consistency` of the
    time, and any other option otherwise (recomputed from the content, never hard-coded)."""
    answers = []
    for q in content.questions:
        best = max(range(len(q.options)), key=lambda i: q.options[i].scores.get(profile_id, 0))
        others = [i for i in range(len(q.options)) if i != best]
        answers.append(1 + (best if rng.random() < consistency else rng.choice(others)))
    return answers


def real_visitors():
    random_answers = st.lists(st.integers(0, 5), min_size=1, max_size=30)
    leaning = st.tuples(
        st.sampled_from(range(6)), st.sampled_from([0.6, 0.7, 0.8, 0.9, 1.0]), st.randoms()
    )
    return st.one_of(
        random_answers.map(lambda a: ("random", a)), leaning.map(lambda v: ("lean", v))
    )


def test_on_the_real_content_an_early_result_is_the_full_result_for_every_completion(
    shipped: Content,
) -> None:
    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(real_visitors())
    def check(visitor) -> None:
        kind, value = visitor
        if kind == "random":  # the drawn numbers, repeated as needed, within each question
            answers = [
                1 + value[i % len(value)] % len(q.options) for i, q in enumerate(shipped.questions)
            ]
        else:
            index, consistency, rng = value
            pid = shipped.profiles[index % len(shipped.profiles)].id
            answers = leaning_answers(shipped, pid, consistency, rng)
        full = reference_winner(shipped, answers)
        assert score(shipped, answers).profile == full
        k = ends_after(shipped, answers)
        early = score(shipped, answers[:k])
        assert early.profile == full and early.answered == k
        if k < len(shipped.questions):  # every completion of the early prefix agrees
            assert outcomes(shipped, answers[:k]) == {full}
            assert settled_profile(shipped, answers[: k - 1]) is None or (
                k - 1 < shipped.site.quiz.min_questions
            )

    check()


def test_on_the_real_content_an_unsettled_prefix_really_has_two_outcomes(shipped) -> None:
    """Not a guess the other way either: where the quiz goes on, some completion would give
    another profile. Witnesses: for each pair of profiles, the completion that helps the second
    against the first most; brute force where those do not show two outcomes."""
    rng = random.Random(16)
    for _ in range(100):
        pid = rng.choice(shipped.profiles).id
        answers = leaning_answers(shipped, pid, rng.choice([0.7, 0.8, 0.9]), rng)
        for k in range(1, len(answers)):
            if settled_profile(shipped, answers[:k]) is not None:
                continue
            found = {
                reference_winner(shipped, answers[:k] + helping(shipped, k, p.id, q.id))
                for p in shipped.profiles
                for q in shipped.profiles
            }
            if len(found) == 1:
                found = outcomes(shipped, answers[:k])
            assert len(found) > 1, (answers[:k], found)


def helping(content: Content, start: int, against: str, towards: str) -> list[int]:
    def gain(option: Option) -> float:
        return option.scores.get(towards, 0) - option.scores.get(against, 0)

    return [
        1 + max(range(len(q.options)), key=lambda i: gain(q.options[i]))
        for q in content.questions[start:]
    ]


# Hand-made cases: the earliest end, and each branch of the tie rule ------------------------------


def mini_with(tmp_path: Path, questions: str) -> Content:
    root = write_mini_content(tmp_path / "c")
    (root / "questions" / "questions.yaml").write_text(questions)
    result = load_content(root)
    assert result.valid, [str(e) for e in result.errors]
    return result.content


def questions_yaml(*options: list[str]) -> str:
    """One question per argument; each option a scores mapping like '{alpha: 2}'."""
    out = ["questions:"]
    for n, scores in enumerate(options, start=1):
        out += [f"  - id: q{n}", f"    text: {{nl: Vraag {n}}}", "    options:"]
        for s in scores:
            out += [f"      - text: {{nl: '{s}'}}", f"        describes: {_top(s)}"]
            out += [f"        scores: {s}"]
    return "\n".join(out) + "\n"


def _top(scores: str) -> str:
    """The profile with the most points in '{alpha: 2, beta: 1}' (what the option describes)."""
    pairs = [part.split(":") for part in scores.strip("{}").split(",")]
    return max(pairs, key=lambda kv: float(kv[1]))[0].strip()


ONE_EACH = ["{alpha: 2}", "{beta: 2}", "{gamma: 2}"]


def test_a_draw_the_last_answers_could_win_is_not_yet_settled(tmp_path: Path) -> None:
    # Two of four for alpha (4-0): beta can still draw level with two answers, and then the
    # latest answer favours beta, so the tie rule makes 2 answers not enough. After 3 it is.
    content = mini_with(tmp_path, questions_yaml(*[ONE_EACH] * 4))
    assert settled_profile(content, [1, 1]) is None
    assert outcomes(content, [1, 1]) == {"alpha", "beta", "gamma"}
    assert settled_profile(content, [1, 1, 1]) == "alpha"
    assert ends_after(content, [1, 1, 1, 1]) == 4  # the default minimum (6) is above 4
    relaxed = with_rule(content, min_questions=1)
    assert ends_after(relaxed, [1, 1, 1, 1]) == 3


def test_a_draw_the_remaining_answers_cannot_break_falls_to_the_latest_given_answer(tmp_path):
    # Question 3 gives alpha and beta the same in every option, so their 2-2 draw after question
    # 2 stays a draw, which question 2 (beta's) breaks; gamma can reach 1 at most. Settled: beta.
    content = mini_with(
        tmp_path,
        questions_yaml(
            ONE_EACH, ONE_EACH, ["{alpha: 1, beta: 1}", "{alpha: 1, beta: 1, gamma: 1}"]
        ),
    )
    assert settled_profile(content, [1]) is None
    assert settled_profile(content, [1, 2]) == "beta"
    assert outcomes(content, [1, 2]) == {"beta"}
    assert score(content, [1, 2]).runner_up == "alpha"


def test_a_draw_nothing_separates_goes_to_order(tmp_path: Path) -> None:
    # Alpha and beta get the same points from every option: alpha (order 1) wins every draw.
    same = ["{alpha: 1, beta: 1}", "{gamma: 1}"]
    content = mini_with(tmp_path, questions_yaml(same, same, same))
    assert settled_profile(content, [1]) is None  # gamma can still pass with two answers
    assert settled_profile(content, [1, 1]) == "alpha"  # 2-2 with alpha and beta, gamma 1 at most
    assert outcomes(content, [1, 1]) == {"alpha"}


def test_a_question_whose_every_option_favours_one_profile_settles_it_before_it_leads(tmp_path):
    # Question 2 gives alpha 2 more than beta whatever is chosen: after beta's 1-0 start, alpha
    # is already certain to finish ahead, so one answer settles it (the answers given still
    # show beta ahead: percentages come from the answers given).
    content = mini_with(
        tmp_path,
        questions_yaml(["{beta: 1}", "{alpha: 1}"], ["{alpha: 2}", "{alpha: 3, beta: 1}"]),
    )
    assert settled_profile(content, [1]) == "alpha"
    assert outcomes(content, [1]) == {"alpha"}
    result = score(content, [1])
    assert (result.profile, result.scores["beta"], result.answered) == ("alpha", 1, 1)


def test_decimal_points_tie_as_written(tmp_path: Path) -> None:
    content = mini_with(
        tmp_path,
        questions_yaml(["{alpha: 0.1}", "{gamma: 1}"], ["{alpha: 0.2, beta: 0.3}", "{gamma: 1}"]),
    )
    # 0.1 + 0.2 is 0.3 as written (in floats it is a hair more): a draw, which the latest answer
    # breaks for beta (0.3 against 0.2).
    assert score(content, [1, 1]).profile == "beta"
    assert reference_winner(content, [1, 1]) == "beta"


# The marketers' setting --------------------------------------------------------------------------


def with_rule(content: Content, **rule) -> Content:
    site = content.site.model_copy(update={"quiz": QuizSettings(**rule)})
    return content.model_copy(update={"site": site})


def test_the_quiz_ends_early_only_when_allowed_and_after_the_minimum(tmp_path: Path) -> None:
    content = mini_with(tmp_path, questions_yaml(*[ONE_EACH] * 8))
    consistent = [1] * 8
    assert ends_after(with_rule(content, min_questions=1), consistent) == 5  # 10 > 3 x 2
    assert ends_after(with_rule(content, min_questions=6), consistent) == 6
    assert ends_after(with_rule(content, early_end=False, min_questions=1), consistent) == 8
    assert quiz_ends(with_rule(content, early_end=False), consistent)  # all answered
    assert not quiz_ends(with_rule(content, min_questions=1), [1, 1, 1, 1])


def test_too_many_answers_or_none_are_still_refused(tmp_path: Path) -> None:
    content = mini_with(tmp_path, QUESTIONS)
    with pytest.raises(UndecidedError, match=r"^the answers stop after question 1, before"):
        score(content, [1])
    with pytest.raises(Exception, match="expected 2 answers"):
        score(content, [])
