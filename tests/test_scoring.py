"""Scoring: sums, percentages, the documented tie-break, clear errors, balance."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from minicontent import write_mini_content

from werkstijl.content import Content, load_content
from werkstijl.scoring import AnswerError, parse_answers, percentages, random_visitor_shares, score

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Content:
    return load_content(write_mini_content(tmp_path_factory.mktemp("mini"))).content


@pytest.fixture(scope="module")
def shipped() -> Content:
    result = load_content(REPO)
    assert result.valid, [str(e) for e in result.errors]
    return result.content


def test_answers_add_the_points_of_the_chosen_options(mini: Content) -> None:
    result = score(mini, [1, 3])  # alpha + alpha
    assert result.scores == {"alpha": 2, "beta": 0, "gamma": 0}
    assert result.percentages == {"alpha": 100, "beta": 0, "gamma": 0}
    assert result.profile == "alpha" and not result.close


def test_a_tie_goes_to_the_profile_favoured_by_the_latest_answer(mini: Content) -> None:
    # q1 option 1 -> alpha, q2 option 1 -> beta: tied 1-1; the latest answer favoured beta.
    result = score(mini, [1, 1])
    assert (result.profile, result.runner_up) == ("beta", "alpha")
    assert result.close
    assert score(mini, [2, 3]).profile == "alpha"  # beta then alpha: alpha was latest


def test_a_tie_no_answer_separates_goes_to_the_first_listed_profile(mini: Content) -> None:
    # gamma and beta both score 0 behind alpha: runner-up by profile order.
    assert score(mini, [1, 3]).runner_up == "beta"


def test_percentages_use_largest_remainder_and_sum_to_100() -> None:
    assert percentages({"a": 1, "b": 1, "c": 1}) == {"a": 34, "b": 33, "c": 33}
    assert percentages({"a": 0, "b": 0}) == {"a": 50, "b": 50}


@given(st.dictionaries(st.sampled_from("abcdef"), st.floats(0, 1000), min_size=1))
def test_percentages_always_sum_to_100(scores: dict[str, float]) -> None:
    shares = percentages(scores)
    assert sum(shares.values()) == 100 and all(v >= 0 for v in shares.values())


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (
            [1],
            "the answers stop after question 1, before the profile is decided: "
            "the answer to question 2 (the last) is missing",
        ),
        ([], "expected 2 answers (one per question), found 0"),
        ([1, 2, 3], "expected 2 answers (one per question), found 3"),
        ([1, 4], "answer 2 is 4, but question 2 ('q-two') has options 1 to 3"),
        ([0, 1], "answer 1 is 0, but question 1 ('q-one') has options 1 to 3"),
    ],
)
def test_wrong_answers_raise_a_clear_error(mini: Content, answers, message) -> None:
    with pytest.raises(AnswerError, match=rf"^{message.replace('(', '[(]').replace(')', '[)]')}$"):
        score(mini, answers)


def test_parse_answers_rejects_non_numbers() -> None:
    assert parse_answers(" 1, 2 ,3\n") == [1, 2, 3]
    with pytest.raises(AnswerError, match="like 1,3,2"):
        parse_answers("1,b,3")


def _answers(content: Content):
    return st.tuples(*(st.integers(1, len(q.options)) for q in content.questions)).map(list)


def test_shipped_percentages_sum_to_100_and_the_winner_scores_highest(shipped: Content) -> None:
    @settings(max_examples=300, deadline=None)
    @given(_answers(shipped))
    def check(answers: list[int]) -> None:
        result = score(shipped, answers)
        assert sum(result.percentages.values()) == 100
        assert result.scores[result.profile] == max(result.scores.values())
        assert result.runner_up != result.profile
        assert score(shipped, answers) == result  # deterministic

    check()


def test_every_shipped_profile_is_reachable(shipped: Content) -> None:
    for profile in shipped.profiles:
        answers = [
            1
            + max(
                range(len(q.options)),
                key=lambda i: (
                    q.options[i].scores.get(profile.id, 0) - sum(q.options[i].scores.values()) / 100
                ),
            )
            for q in shipped.questions
        ]
        assert score(shipped, answers).profile == profile.id


def test_random_visitors_come_out_as_each_profile_about_a_third_of_the_time(shipped) -> None:
    shares = random_visitor_shares(shipped, samples=20_000, seed=7)
    assert set(shares) == {p.id for p in shipped.profiles}
    assert all(0.25 <= share <= 0.42 for share in shares.values()), shares


def test_a_tie_won_on_the_tie_break_never_shows_the_winner_lower(shipped: Content) -> None:
    @settings(max_examples=300, deadline=None)
    @given(_answers(shipped))
    def check(answers: list[int]) -> None:
        result = score(shipped, answers)
        assert result.percentages[result.profile] == max(result.percentages.values())
        assert result.percentages[result.runner_up] >= min(result.percentages.values())

    check()
    tied = score(shipped, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3])
    assert tied.percentages[tied.profile] >= tied.percentages[tied.runner_up]
