"""Bulk throughput: 1,000 participants, PDFs + group report + zip, with 1 and with 2 workers.

Run from the repository root:  python bench/bulk_bench.py [--rows 1000] [--jobs 1,2]
Prints wall time and PDFs per second for each worker count, and the speed-up over one worker.
Target on a 2-core machine: 1,000 PDFs + group report + zip in under 30 s, near-linear speed-up.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from werkstijl.bulk import run_bulk  # noqa: E402
from werkstijl.content import load_content  # noqa: E402
from werkstijl.content.models import Content  # noqa: E402
from werkstijl.settings import Settings  # noqa: E402

FIRST = [
    "Zoë",
    "Anaïs",
    "Jürgen",
    "Renée",
    "Chloë",
    "Noël",
    "Inès",
    "Daniël",
    "Björn",
    "Mila",
    "Sanne",
    "Bram",
    "Fleur",
    "Joëlle",
    "Thijs",
    "Eva",
    "Łukasz",
    "Ayşe",
    "Jérôme",
    "Niels",
]
LAST = [
    "de Vries",
    "van den Berg",
    "Jansen",
    "Bakker",
    "Müller",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Dekker",
    "van Dijk",
    "Brouwer",
    "Peeters",
    "Çelik",
    "van 't Hof",
]


def write_csv(path: Path, rows: int, content: Content, seed: int = 7) -> None:
    """Half the rows give a profile (by name, as trainers type it), half give answers."""
    rng = random.Random(seed)
    questions = content.questions
    header = ["Naam", "E-mail", "Profiel", *(f"v{n}" for n in range(1, len(questions) + 1))]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        for n in range(rows):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            email = f"deelnemer{n}@example.com"
            if n % 2:
                profile = rng.choice(content.profiles).name.nl
                writer.writerow([name, email, profile, *([""] * len(questions))])
            else:
                answers = [rng.randint(1, len(q.options)) for q in questions]
                writer.writerow([name, email, "", *answers])


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the pool's workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run(csv_path: Path, out: Path, jobs: int, content: Content, settings: Settings) -> float:
    cpu, start = cpu_seconds(), time.perf_counter()
    outcome = run_bulk(
        csv_path,
        out,
        content=content,
        settings=settings,
        lang="nl",
        template="default",
        jobs=jobs,
        make_zip=True,
        send=False,
        progress=False,
    )
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    if outcome.exit_code != 0:
        raise SystemExit(f"bulk run failed: {outcome.message}")
    zip_mb = outcome.zip_path.stat().st_size / 1e6 if outcome.zip_path else 0
    print(
        f"--jobs {jobs}: {len(outcome.pdfs)} PDFs + group report + zip ({zip_mb:.1f} MB) "
        f"in {elapsed:.2f} s = {len(outcome.pdfs) / elapsed:.1f} PDFs/s "
        f"(CPU {cpu:.1f} s, {cpu / len(outcome.pdfs) * 1000:.0f} ms per PDF)"
    )
    return elapsed


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def machine_scaling(workers: int, n: int = 4_000_000) -> float:
    """How well `workers` processes of pure CPU work scale on this machine right now (a shared
    machine scales worse than its core count says; read the bulk speed-up against this)."""
    start = time.perf_counter()
    for _ in range(workers):
        _spin(n)
    alone = time.perf_counter() - start
    with ProcessPoolExecutor(workers) as pool:
        start = time.perf_counter()
        list(pool.map(_spin, [n] * workers))
        together = time.perf_counter() - start
    return alone / together


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--jobs", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--repeat", type=int, default=1, help="runs per worker count (best kept)")
    args = parser.parse_args()
    loaded = load_content(REPO)
    if loaded.content is None:
        raise SystemExit("the repository content is not valid: run `python -m werkstijl check`")
    settings = Settings()
    load = os.getloadavg()[0]
    print(
        f"{os.cpu_count()} cores; load average before the run {load:.2f}"
        + (" (busy machine: wall times and the speed-up are pessimistic)" if load > 0.5 else "")
    )
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "deelnemers.csv"
        write_csv(csv_path, args.rows, loaded.content)
        times = {}
        for jobs in (int(j) for j in args.jobs.split(",")):
            out = Path(tmp) / f"out-{jobs}"
            times[jobs] = min(
                run(csv_path, out, jobs, loaded.content, settings) for _ in range(args.repeat)
            )
    base = times.get(1)
    for jobs, elapsed in times.items():
        if base and jobs != 1:
            print(
                f"speed-up --jobs {jobs} over --jobs 1: {base / elapsed:.2f}x (ideal {jobs}.00x; "
                f"pure CPU work scales {machine_scaling(jobs):.2f}x on this machine right now)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
