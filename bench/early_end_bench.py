"""How many questions does a visitor answer now that the quiz ends once the profile is settled?

Run from the repository root:  python bench/early_end_bench.py [--visitors 5000] [--seed 16]

Simulated visitors on the shipped content (or --content DIR), with its quiz settings (early end,
minimum number of questions):
- random: every answer a uniformly random option;
- 70/80/90% consistent: a visitor with a true profile (each equally often) picks the option giving
  that profile the most points that share of the time, otherwise one of the other options.
Prints the mean and median number of questions asked per group (against all questions: the
peer), checks that no early result differs from the full result's profile, and times the check
made on every click against scoring the answers (the work a click already did).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from werkstijl.content import Content, load_content  # noqa: E402
from werkstijl.scoring import ends_after, quiz_ends, score  # noqa: E402

CONSISTENCY = (0.7, 0.8, 0.9)


def random_visitor(content: Content, rng: random.Random) -> list[int]:
    return [rng.randint(1, len(q.options)) for q in content.questions]


def consistent_visitor(content: Content, share: float, rng: random.Random) -> list[int]:
    profile = rng.choice(content.profiles).id
    answers = []
    for q in content.questions:
        best = max(range(len(q.options)), key=lambda i: q.options[i].scores.get(profile, 0))
        others = [i for i in range(len(q.options)) if i != best]
        answers.append(1 + (best if rng.random() < share else rng.choice(others)))
    return answers


def simulate(content: Content, make, visitors: int) -> tuple[list[int], int]:
    """Questions asked per visitor, and how many early results differ from the full result."""
    asked, wrong = [], 0
    for _ in range(visitors):
        answers = make()
        k = ends_after(content, answers)
        asked.append(k)
        if (
            k < len(answers)
            and score(content, answers[:k]).profile != score(content, answers).profile
        ):
            wrong += 1
    return asked, wrong


def per_click_us(content: Content, rng: random.Random, clicks: int = 2000) -> tuple[float, float]:
    """Median microseconds of the early-end check after a click, and of scoring all answers."""
    checks, scores = [], []
    for _ in range(clicks):
        answers = random_visitor(content, rng)
        k = rng.randint(1, len(answers))
        started = time.perf_counter()
        quiz_ends(content, answers[:k])
        checks.append(time.perf_counter() - started)
        started = time.perf_counter()
        score(content, answers)
        scores.append(time.perf_counter() - started)
    return statistics.median(checks) * 1e6, statistics.median(scores) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=5000, help="per group")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--content", type=Path, default=REPO)
    args = parser.parse_args()
    loaded = load_content(args.content)
    if loaded.content is None:
        raise SystemExit("the content has errors: run `python -m werkstijl check`")
    content, rng = loaded.content, random.Random(args.seed)
    n, rule = len(content.questions), content.site.quiz
    print(
        f"{n} questions; early end {'on' if rule.early_end else 'off'}, "
        f"minimum {rule.min_questions}; {args.visitors} simulated visitors per group"
    )
    groups = [("random", lambda: random_visitor(content, rng))]
    groups += [
        (f"{share:.0%} consistent", lambda s=share: consistent_visitor(content, s, rng))
        for share in CONSISTENCY
    ]
    for label, make in groups:
        asked, wrong = simulate(content, make, args.visitors)
        mean = statistics.fmean(asked)
        early = sum(k < n for k in asked) / len(asked)
        print(
            f"{label:>15}: mean {mean:.2f}, median {statistics.median(asked):g} of {n} "
            f"questions ({1 - mean / n:.0%} fewer); {early:.0%} end early; "
            f"profile differs from all answers' profile: {wrong}"
        )
    check, full = per_click_us(content, rng)
    print(
        f"per click: early-end check median {check:.1f} µs, scoring all answers {full:.1f} µs "
        f"(check/score {check / full:.2f}×)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
