"""Planning a big participant list: 100,000 rows read, checked and scored, nothing rendered.

Run from the repository root:  python bench/plan_bench.py [--rows 100000] [--repo OTHER_CHECKOUT]
Prints the time `read_participants` takes for the list (half the rows give a profile by name,
half give answers; every row has an address), against a peer measured in the same run: merely
decoding and splitting the same bytes with the csv module, the floor any plan must pay.
Times are CPU seconds of this process (the machine is shared: wall time would measure the
neighbours too).
`--repo` measures another checkout of the project (e.g. an older commit) with the same list,
so a before/after is taken on the same machine in the same minute.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def floor_seconds(data: bytes) -> float:
    """The peer: decode and split into rows, nothing checked."""
    start = time.process_time()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs (the median is reported)")
    parser.add_argument("--repo", type=Path, default=REPO, help="the checkout to measure")
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo.resolve()))
    from werkstijl.bulk import read_participants  # from the checkout measured
    from werkstijl.content import load_content

    sys.path.insert(0, str(REPO / "bench"))
    from bulk_bench import write_csv  # the same kind of list as the bulk benchmark

    assert Path(sys.modules["werkstijl"].__file__).is_relative_to(args.repo.resolve())

    content = load_content(args.repo).content
    if content is None:
        raise SystemExit(f"the content in {args.repo} is not valid")
    print(f"{os.cpu_count()} cores; load average before the run {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "deelnemers.csv"
        write_csv(path, args.rows, content)
        data = path.read_bytes()
    plans, floors = [], []
    for _ in range(args.repeat):
        floors.append(floor_seconds(data))
        start = time.process_time()
        plan = read_participants(data, content)
        plans.append(time.process_time() - start)
    planned, floor = statistics.median(plans), statistics.median(floors)
    print(
        f"{args.repo}: {len(plan.participants):,} rows ({len(data) / 1e6:.1f} MB) planned in "
        f"{planned:.2f} s = {len(plan.participants) / planned:,.0f} rows/s; "
        f"csv.reader alone {floor:.2f} s: planning costs {planned / floor:.1f}x the floor"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
