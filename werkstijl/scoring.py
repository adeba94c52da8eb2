"""Scoring: answers in, a profile out. Pure functions over validated content.

Rules (also in the README):
- Each answer adds its option's points per profile; percentages are each profile's share of all
  points, rounded by the largest-remainder method so they always add up to 100.
- Ties are broken deterministically and fairly: among tied profiles, the one that the *latest*
  answer separating them favoured wins (recent answers reflect the visitor's settled view);
  if no answer separates them, the profile listed first (lowest `order`) wins.
- The runner-up is the best of the rest by the same rule; the result is "close" when the runner-up
  is within CLOSE_POINTS percentage points, so the report can say "with a strong Operator side".
- Points are added exactly as written (0.1 + 0.2 ties with 0.3): decimal weights are scaled to
  whole numbers once per content (`_Table`), so sums and ties never depend on float rounding.
- The quiz may end early: an answer list that stops before the last question is valid once it
  *settles* the profile, i.e. no answers to the remaining questions could make another profile
  win, tie rule included (`settled_profile`, exact; see `_surely_above`). Percentages, runner-up
  and "close" then come from the answers given.
"""

from __future__ import annotations

import math
import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from werkstijl.content.models import Content, Question
from werkstijl.content.wording import say
from werkstijl.yamlsrc import Problem

CLOSE_POINTS = 10
QUOTE_MAX = 40  # characters of a bad answer list quoted back in a message
BALANCE_SAMPLES = 20_000
BALANCE_SEED = 20261123
BALANCE_BOUNDS = (0.75, 1.26)  # of a fair share: with three profiles, 25% to 42%


class AnswerError(ValueError):
    """Answers that cannot be scored; the message says what is wrong in plain words, in the
    current message language (`message_language`: the CLI's --lang, the staff language)."""


class UndecidedError(AnswerError):
    """An answer list that stops before the profile is settled."""

    def __init__(self, given: int, total: int) -> None:
        self.given, self.total = given, total
        self.missing = total - given
        if self.missing == 1:
            missing = say("answers.last_missing", total=total)
        else:
            missing = say("answers.some_missing", missing=self.missing, total=total, next=given + 1)
        super().__init__(say("answers.undecided", given=given, missing=missing))


@dataclass(frozen=True)
class Result:
    profile: str
    runner_up: str
    scores: dict[str, float]
    percentages: dict[str, int]
    close: bool
    answered: int = 0  # how many answers the result is based on
    ended_early: bool = False  # fewer answers than questions: the rest could not change the profile

    @property
    def side(self) -> str | None:
        """The runner-up of a close result ("with a strong Operator side"), else None."""
        return self.runner_up if self.close and self.runner_up != self.profile else None

    def as_dict(self) -> dict:
        return {
            "profile": self.profile,
            "runner_up": self.runner_up,
            "scores": self.scores,
            "percentages": self.percentages,
            "answered": self.answered,
        }


def parse_answers(text: str) -> list[int]:
    """'1,3,2' -> [1, 3, 2]; spaces are tolerated, anything else is an AnswerError."""
    parts = [p.strip() for p in text.replace(";", ",").split(",")]
    try:
        return [int(p) for p in parts]
    except ValueError:
        found = text.strip()  # cut: a pasted megabyte must not come back as a megabyte of error
        found = found if len(found) <= QUOTE_MAX else found[:QUOTE_MAX] + "…"
        raise AnswerError(say("answers.not_numbers", found=found)) from None


def validate_answers(questions: Sequence[Question], answers: Sequence[int]) -> None:
    """Each answer an option of its question, and no more answers than questions. Fewer are
    fine here; `score` decides whether they settle the profile."""
    if len(answers) > len(questions) or not answers:
        raise AnswerError(say("answers.count", expected=len(questions), found=len(answers)))
    for number, (question, answer) in enumerate(zip(questions, answers, strict=False), start=1):
        if not 1 <= answer <= len(question.options):
            raise AnswerError(
                say(
                    "answers.range",
                    number=number,
                    answer=answer,
                    id=question.id,
                    count=len(question.options),
                )
            )


def _weights(questions: Sequence[Question], answers: Sequence[int]) -> list[dict[str, float]]:
    return [q.options[a - 1].scores for q, a in zip(questions, answers, strict=False)]


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


Points = tuple[int, ...]  # one answer's points per profile (in `Content.profiles` order)


@dataclass(frozen=True)
class _Table:
    """The content's points as whole numbers, and per pair of profiles what is still to gain.

    `gain[p][q][j]`: the most one answer to question j can move profile q ahead of profile p;
    `gain_from[p][q][k]`: the sum of those from question k on (what q can still make up);
    `last_gain[p][q]`: (question, sign) of the last question whose best answer for q does not
    leave p and q level, which decides a tie reached with every remaining answer at its best.
    """

    ids: tuple[str, ...]
    orders: tuple[int, ...]  # each profile's `order`: the last tie-break
    options: tuple[tuple[Points, ...], ...]  # [question][option]
    gain_from: tuple[tuple[tuple[int, ...], ...], ...]
    last_gain: tuple[tuple[tuple[int, int] | None, ...], ...]


def _exact(value: float) -> Fraction:
    return Fraction(repr(value))  # the number as written in the YAML, not its binary neighbour


def _build_table(content: Content) -> _Table:
    ids = tuple(p.id for p in content.profiles)
    exact = [
        [[_exact(o.scores.get(i, 0.0)) for i in ids] for o in q.options] for q in content.questions
    ]
    scale = math.lcm(1, *(v.denominator for q in exact for o in q for v in o))
    options = tuple(tuple(tuple(int(v * scale) for v in o) for o in q) for q in exact)
    size = range(len(ids))
    gain = [[[max(o[b] - o[a] for o in q) for q in options] for b in size] for a in size]
    gain_from = tuple(
        tuple(tuple(sum(gain[a][b][j:]) for j in range(len(options) + 1)) for b in size)
        for a in size
    )
    last_gain = tuple(
        tuple(
            next(((j, g) for j, g in reversed(list(enumerate(gain[a][b]))) if g), None)
            for b in size
        )
        for a in size
    )
    orders = tuple(p.order for p in content.profiles)
    return _Table(ids, orders, options, gain_from, last_gain)


_TABLES: dict[int, tuple[Content, _Table]] = {}
_TABLES_KEPT = 8  # a few content versions per process (tests and the studio preview make more)
_TABLES_LOCK = threading.Lock()  # Streamlit runs sessions in threads


def _table(content: Content) -> _Table:
    """The table of `content`, built once: the app checks it on every click."""
    with _TABLES_LOCK:
        hit = _TABLES.get(id(content))
        if hit is not None and hit[0] is content:  # the reference kept makes `id` safe to reuse
            return hit[1]
        table = _build_table(content)
        if len(_TABLES) >= _TABLES_KEPT:
            del _TABLES[next(iter(_TABLES))]
        _TABLES[id(content)] = (content, table)
        return table


def _rows(table: _Table, answers: Sequence[int]) -> list[Points]:
    return [options[a - 1] for options, a in zip(table.options, answers, strict=False)]


def _ranking(table: _Table, rows: Sequence[Points]) -> list[int]:
    """Profile positions from best to worst: most points; among equals the one the latest
    answer separating them favoured (comparing the answers from the last one back is exactly
    comparing these tuples); then the lowest `order`."""

    def key(i: int) -> tuple:
        return (sum(r[i] for r in rows), tuple(r[i] for r in reversed(rows)), -table.orders[i])

    return sorted(range(len(table.ids)), key=key, reverse=True)


def _surely_above(table: _Table, rows: Sequence[Points], p: int, q: int) -> bool:
    """Whether p ranks above q whatever the remaining questions are answered.

    q's best final margin over p is its margin so far plus the most each remaining answer can
    add (`gain_from`). Below zero, q stays behind; above zero, q can pass. At exactly zero, q can
    only draw level by taking every remaining answer at its best, so the tie rule applies to that
    one case: the last remaining question whose best answer separates them decides, else the
    latest given answer that separated them, else `order`.
    """
    k = len(rows)
    margin = sum(r[q] - r[p] for r in rows) + table.gain_from[p][q][k]
    if margin:
        return margin < 0
    last = table.last_gain[p][q]
    if last is not None and last[0] >= k:
        return last[1] < 0
    for r in reversed(rows):
        if r[p] != r[q]:
            return r[p] > r[q]
    return table.orders[p] < table.orders[q]


def _settled(table: _Table, rows: Sequence[Points]) -> int | None:
    """The profile that wins after every way of answering the rest, or None while none does.

    The winner after all answers beats every other profile, so a profile is settled exactly
    when, for each other profile, no completion ranks that one above it: one question per pair.
    """
    size = range(len(table.ids))
    for p in size:
        if all(_surely_above(table, rows, p, q) for q in size if q != p):
            return p
    return None


def settled_profile(content: Content, answers: Sequence[int]) -> str | None:
    """The profile these (valid) answers give whatever the remaining questions are answered,
    or None while the remaining answers could still change it."""
    table = _table(content)
    winner = _settled(table, _rows(table, answers))
    return None if winner is None else table.ids[winner]


def quiz_ends(content: Content, answers: Sequence[int]) -> bool:
    """Whether the quiz asks nothing more after these answers: all questions answered, or the
    content allows an early end, at least its minimum is answered and the profile is settled."""
    if len(answers) >= len(content.questions):
        return True
    rule = content.site.quiz
    if not rule.early_end or len(answers) < rule.min_questions:
        return False
    return settled_profile(content, answers) is not None


def ends_after(content: Content, answers: Sequence[int]) -> int:
    """How many of these full answers the quiz asks before it ends (by `quiz_ends`)."""
    return next(k for k in range(1, len(answers) + 1) if quiz_ends(content, answers[:k]))


def score(content: Content, answers: Sequence[int]) -> Result:
    """The result of a full answer list, or of a shorter one that settles the profile."""
    validate_answers(content.questions, answers)
    table = _table(content)
    rows = _rows(table, answers)
    winner = _settled(table, rows)
    if winner is None:
        raise UndecidedError(len(answers), len(content.questions))
    order = _ranking(table, rows)
    order.remove(winner)  # after all answers the settled profile is first anyway; on a prefix
    ranked = [table.ids[i] for i in (winner, *order)]  # it is first by definition
    weights = _weights(content.questions, answers)
    scores = {p.id: round(sum(w.get(p.id, 0.0) for w in weights), 2) for p in content.profiles}
    shares = percentages(scores, ranked)
    first, second = ranked[0], ranked[1]
    return Result(
        first,
        second,
        scores,
        shares,
        shares[first] - shares[second] <= CLOSE_POINTS,
        answered=len(answers),
        ended_early=len(answers) < len(content.questions),
    )


def random_visitor_shares(
    content: Content, samples: int = BALANCE_SAMPLES, seed: int = BALANCE_SEED
) -> dict[str, float]:
    """How often each profile wins when visitors click at random (fixed seed: repeatable)."""
    rng = random.Random(seed)
    table = _table(content)
    wins = dict.fromkeys(table.ids, 0)
    size = range(len(table.ids))
    for _ in range(samples):
        rows = [options[rng.randint(1, len(options)) - 1] for options in table.options]
        totals = [sum(r[i] for r in rows) for i in size]
        best = max(totals)
        if totals.count(best) == 1:  # fast path: the tie-break is only needed for ties
            wins[table.ids[totals.index(best)]] += 1
        else:
            wins[table.ids[_ranking(table, rows)[0]]] += 1
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
