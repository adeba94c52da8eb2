"""How long does the YAML reader take to refuse hostile files, next to reading a real one?

Run from the repository root:  python bench/yaml_guard_bench.py [--repeat 5]

Prints the median time to read the shipped tips file (the peer), and to refuse an alias bomb
(9**9 values when expanded), 200 levels of nesting and a file just over the size limit, each
with its ratio to the peer. Goal: every refusal well within 2 s (issue 10: `check` on an alias
bomb ends within 2 s); before the guard the bomb ran past 60 s or died of MemoryError.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from werkstijl.yamlsrc import parse_text  # noqa: E402
from werkstijl.yamlsrc.guard import MAX_CHARS  # noqa: E402


def alias_bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def median_seconds(text: str, repeat: int) -> tuple[float, int]:
    times, problems = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        _, found = parse_text("bench.yaml", text)
        times.append(time.perf_counter() - started)
        problems = len(found)
    return statistics.median(times), problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cases = {
        "shipped tips/email.yaml (peer)": (ROOT / "tips" / "email.yaml").read_text("utf-8"),
        "alias bomb (9**9 values)": alias_bomb(),
        "nesting 200 deep": "a: " + "[" * 200 + "]" * 200 + "\n",
        "just over the size limit": "a: " + "x" * MAX_CHARS + "\n",
    }
    peer = None
    print(f"{'file':34} {'median ms':>10} {'ratio':>8} {'problems':>9}")
    for name, text in cases.items():
        seconds, problems = median_seconds(text, args.repeat)
        peer = peer or seconds
        print(f"{name:34} {seconds * 1000:10.1f} {seconds / peer:8.2f} {problems:9d}")


if __name__ == "__main__":
    main()
