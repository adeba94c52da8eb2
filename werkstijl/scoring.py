"""Scoring: answers in, a profile out. Pure functions over validated content.

Rules (also in the README):
- Each answer adds its option's points per profile; percentages are each profile's share of all
  points, rounded by the largest-remainder method so they always add up to 100.
- Ties are broken deterministically and fairly: among tied profiles, the one that the *latest*
  answer separating them favoured wins (recent answers reflect the visitor's settled view);
  if no answer separates them, the profile listed first (lowest `order`) wins.
- The runner-up is the best of the rest by the same rule; the result is "close" when the runner-up
  is within CLOSE_POINTS percentage points, so the report can say "with a strong Operator side".
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cmp_to_key

from werkstijl.content.models import Content, Question
from werkstijl.content.wording import say
from werkstijl.content.yamlsrc import Problem

CLOSE_POINTS = 10
QUOTE_MAX = 40  # characters of a bad answer list quoted back in a message
BALANCE_SAMPLES = 20_000
BALANCE_SEED = 20261123
BALANCE_BOUNDS = (0.75, 1.26)  # of a fair share: with three profiles, 25% to 42%


class AnswerError(ValueError):
    """Answers that cannot be scored; the message says what is wrong in plain words."""


@dataclass(frozen=True)
class Result:
    profile: str
    runner_up: str
    scores: dict[str, float]
    percentages: dict[str, int]
    close: bool

    def as_dict(self) -> dict:
        return {
            "profile": self.profile,
            "runner_up": self.runner_up,
            "scores": self.scores,
            "percentages": self.percentages,
        }


def parse_answers(text: str) -> list[int]:
    """'1,3,2' -> [1, 3, 2]; spaces are tolerated, anything else is an AnswerError."""
    parts = [p.strip() for p in text.replace(";", ",").split(",")]
    try:
        return [int(p) for p in parts]
    except ValueError:
        found = text.strip()  # cut: a pasted megabyte must not come back as a megabyte of error
        found = found if len(found) <= QUOTE_MAX else found[:QUOTE_MAX] + "…"
        raise AnswerError(
            f"answers must be option numbers separated by commas, like 1,3,2; found '{found}'"
        ) from None


def validate_answers(questions: Sequence[Question], answers: Sequence[int]) -> None:
    if len(answers) != len(questions):
        raise AnswerError(
            f"expected {len(questions)} answers (one per question), found {len(answers)}"
        )
    for number, (question, answer) in enumerate(zip(questions, answers, strict=True), start=1):
        if not 1 <= answer <= len(question.options):
            raise AnswerError(
                f"answer {number} is {answer}, but question {number} "
                f"('{question.id}') has options 1 to {len(question.options)}"
            )


def _weights(questions: Sequence[Question], answers: Sequence[int]) -> list[dict[str, float]]:
    return [q.options[a - 1].scores for q, a in zip(questions, answers, strict=True)]


def percentages(scores: dict[str, float], ranking: Sequence[str] = ()) -> dict[str, int]:
    """Shares of the total that sum to exactly 100 (largest remainder).

    Equal remainders go to the better-ranked profile first (else in listed order), so a tie
    won on the tie-break never shows the winner with the lower percentage.
    """
    total = sum(scores.values())
    if total <= 0:
        raw = {k: 100 / len(scores) for k in scores}
    else:
        raw = {k: v * 100 / total for k, v in scores.items()}
    floors = {k: int(v) for k, v in raw.items()}
    left = 100 - sum(floors.values())
    position = {k: i for i, k in enumerate(ranking or scores)}
    by_remainder = sorted(raw, key=lambda k: (floors[k] - raw[k], position.get(k, len(position))))
    for key in by_remainder[:left]:
        floors[key] += 1
    return floors


def rank(content: Content, weights: list[dict[str, float]]) -> list[str]:
    """Profile ids from best to worst, with the documented tie-break."""
    totals = {p.id: sum(w.get(p.id, 0.0) for w in weights) for p in content.profiles}
    order = {p.id: p.order for p in content.profiles}

    def compare(a: str, b: str) -> int:
        if totals[a] != totals[b]:
            return -1 if totals[a] > totals[b] else 1
        for w in reversed(weights):
            if w.get(a, 0.0) != w.get(b, 0.0):
                return -1 if w.get(a, 0.0) > w.get(b, 0.0) else 1
        return order[a] - order[b]

    return sorted(totals, key=cmp_to_key(compare))


def score(content: Content, answers: Sequence[int]) -> Result:
    validate_answers(content.questions, answers)
    weights = _weights(content.questions, answers)
    ranked = rank(content, weights)
    scores = {p.id: round(sum(w.get(p.id, 0.0) for w in weights), 2) for p in content.profiles}
    shares = percentages(scores, ranked)
    first, second = ranked[0], ranked[1]
    return Result(first, second, scores, shares, shares[first] - shares[second] <= CLOSE_POINTS)


def random_visitor_shares(
    content: Content, samples: int = BALANCE_SAMPLES, seed: int = BALANCE_SEED
) -> dict[str, float]:
    """How often each profile wins when visitors click at random (fixed seed: repeatable)."""
    rng = random.Random(seed)
    wins = dict.fromkeys((p.id for p in content.profiles), 0)
    ids = list(wins)
    for _ in range(samples):
        answers = [rng.randint(1, len(q.options)) for q in content.questions]
        weights = _weights(content.questions, answers)
        totals = [sum(w.get(i, 0.0) for w in weights) for i in ids]
        best = max(totals)
        if totals.count(best) == 1:  # fast path: the tie-break is only needed for ties
            wins[ids[totals.index(best)]] += 1
        else:
            wins[rank(content, weights)[0]] += 1
    return {k: v / samples for k, v in wins.items()}


def balance_warnings(content: Content, where: Problem) -> list[Problem]:
    """A warning when random clicking favours a profile: no profile should win by default."""
    shares = random_visitor_shares(content)
    fair = 1 / len(shares)
    low, high = (bound * fair for bound in BALANCE_BOUNDS)
    off = {k: v for k, v in shares.items() if not low <= v <= high}
    if not off:
        return []
    summary = ", ".join(f"{k} {v:.0%}" for k, v in shares.items())
    return [
        Problem(
            where.path,
            where.line,
            where.column,
            say("balance.unbalanced", summary=summary, low=low, high=high),
        )
    ]
