"""How many visitors at once does one app process hold? Concurrent visitors, at human pace.

Run from the repository root:  python bench/load_bench.py [--levels 50,150,300] [--more]

Each level starts a fresh `streamlit run quiz_app.py` on loopback (its own SQLite file) and sends
N visitors through the whole quiz over Streamlit's own websocket protocol (bench/stclient.py):
the intro, the answers (a favourite option with jitter, until the result appears: the quiz may
end early), the name, a star rating for half of them, and the PDF download. They arrive spread
over --ramp seconds and think --think seconds (±50 %) before each click, so all N are on the
site at once. Afterwards each stays connected, idle, as a browser tab would.

The peer is a bare Streamlit page (a title, a line of text, one button) under the same load in
the same run: the machine is shared, so absolute times are pessimistic and the ratio is the
figure to compare. Per level it prints clicks per second, click → updated page (p50/p95/p99),
errors, the server's CPU time per click, and its memory growth per visitor; then the memory per
idle session (--idle sessions that only opened the intro). --profile DIR records the app
process with py-spy during the largest level and prints where its time went.
Goal: 300 visitors with p95 < 300 ms and no errors; 1,000 idle sessions in 2 GB.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import AppServer, load_average, profile_summary
from stclient import Session, VisitError

REPO = Path(__file__).resolve().parents[1]
P95_GOAL_MS = 300
IDLE_BUDGET_MB = 2048 / 1000  # 1,000 sessions in 2 GB
MAX_CLICKS = 40  # a visitor gives up after this many (the quiz has 13 questions)
PEER_APP = """import streamlit as st

st.title("Hello")
st.write("A bare Streamlit page: the peer of the load benchmark.")
if st.button("Next", key="next"):
    st.session_state["n"] = st.session_state.get("n", 0) + 1
st.write(f"Clicked {st.session_state.get('n', 0)} times")
"""


@dataclass
class Level:
    name: str
    visitors: int
    clicks: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)
    downloads: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    first_click: float = float("inf")
    last_click: float = 0.0
    cpu_s: float = 0.0
    rss_base_mb: float = 0.0
    rss_after_mb: float = 0.0
    finished: int = 0

    by_kind: dict[str, list[float]] = field(default_factory=dict)

    def click(self, seconds: float, kind: str = "click") -> None:
        now = time.monotonic()
        self.first_click, self.last_click = min(self.first_click, now), max(self.last_click, now)
        self.clicks.append(seconds)
        self.by_kind.setdefault(kind, []).append(seconds)

    def error(self, exc: BaseException) -> None:
        self.errors[re.sub(r"[0-9a-f]{8,}|\d+", "N", str(exc))[:90] or type(exc).__name__] += 1


@dataclass
class Pace:
    think_s: float
    ramp_s: float
    rng: random.Random

    async def think(self, factor: float = 1.0) -> None:
        await asyncio.sleep(self.think_s * factor * self.rng.uniform(0.5, 1.5))


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


# --- visitors ---


async def quiz_visitor(url: str, pace: Pace, level: Level, hold: asyncio.Event) -> None:
    rng = random.Random(pace.rng.random())
    session = Session(url)
    try:
        await asyncio.sleep(rng.uniform(0, pace.ramp_s))
        level.loads.append(await session.connect())
        await pace.think(1.5)  # reading the intro
        level.click(await session.click("ws-start"), "start")
        favourite = rng.randint(1, 3)
        for _ in range(MAX_CLICKS):
            if "ws_download" in session.widgets:
                break
            options = sorted(k for k in session.widgets if k.startswith("ws-opt-"))
            if not options:
                raise VisitError("neither a question nor the result on the page")
            pick = favourite if rng.random() < 0.75 else rng.randint(1, len(options))
            await pace.think()
            seconds = await session.click(options[min(pick, len(options)) - 1])
            level.click(seconds, "result" if "ws_download" in session.widgets else "answer")
        else:
            raise VisitError(f"no result after {MAX_CLICKS} clicks")
        await pace.think(2)  # reading the result
        ratings = [k for k in session.widgets if k.startswith("rating-")]
        if ratings and rng.random() < 0.5:
            level.click(await session.set_value(rng.choice(ratings), string_value="3"), "rating")
            await pace.think(0.5)
        name = await session.set_value("ws_name", string_value="Zoë de Vries-Ünal")
        level.click(name, "name")
        seconds, pdf = await session.download("ws_download")
        if not pdf.startswith(b"%PDF"):
            raise VisitError("download: not a PDF")
        level.downloads.append(seconds)
        level.finished += 1
        await hold.wait()  # an idle tab until the level ends
    except (TimeoutError, VisitError, OSError) as exc:
        level.error(exc)
    finally:
        await session.close()


async def peer_visitor(
    url: str, pace: Pace, level: Level, hold: asyncio.Event, clicks: int
) -> None:
    session = Session(url)
    try:
        await asyncio.sleep(pace.rng.uniform(0, pace.ramp_s))
        level.loads.append(await session.connect())
        await pace.think(1.5)
        for _ in range(clicks):
            level.click(await session.click("next"))
            await pace.think()
        level.finished += 1
        await hold.wait()
    except (TimeoutError, VisitError, OSError) as exc:
        level.error(exc)
    finally:
        await session.close()


async def run_level(server: AppServer, level: Level, pace: Pace, peer_clicks: int) -> None:
    hold = asyncio.Event()
    level.rss_base_mb = server.rss_mb()
    cpu_before = server.cpu_s()

    def visitor():
        if peer_clicks:
            return peer_visitor(server.url, pace, level, hold, peer_clicks)
        return quiz_visitor(server.url, pace, level, hold)

    jobs = [asyncio.create_task(visitor()) for _ in range(level.visitors)]
    deadline = time.monotonic() + pace.ramp_s + pace.think_s * 1.5 * (MAX_CLICKS + 5) + 60
    while level.finished + sum(j.done() for j in jobs) < level.visitors:
        if time.monotonic() > deadline:  # bounded in time, whatever happens
            for job in jobs:
                if not job.done():
                    job.cancel()
                    level.errors["level deadline"] += 1
            break
        await asyncio.sleep(0.5)
    level.cpu_s = server.cpu_s() - cpu_before
    await asyncio.sleep(2)  # let the last downloads and rows settle before reading memory
    level.rss_after_mb = server.rss_mb()
    hold.set()
    await asyncio.gather(*jobs, return_exceptions=True)


async def warm_up(url: str, quiz: bool) -> None:
    """One visitor first, so imports, content and fonts are loaded before the baseline."""
    level = Level("warm-up", 1)
    pace = Pace(0.0, 0.0, random.Random(1))
    hold = asyncio.Event()
    hold.set()
    if quiz:
        await quiz_visitor(url, pace, level, hold)
    else:
        await peer_visitor(url, pace, level, hold, 3)
    if level.errors:
        raise SystemExit(f"warm-up failed: {dict(level.errors)}")


async def idle_sessions(server: AppServer, count: int) -> float:
    """MB of server memory per session that only opened the page."""
    base = server.rss_mb()
    limit = asyncio.Semaphore(25)
    sessions: list[Session] = []
    failures = 0

    async def open_one() -> None:
        nonlocal failures
        async with limit:
            session = Session(server.url)
            sessions.append(session)
            try:
                await session.connect(load_page=False)
            except VisitError:
                failures += 1

    await asyncio.gather(*(open_one() for _ in range(count)))
    await asyncio.sleep(2)
    grown = server.rss_mb() - base
    await asyncio.gather(*(s.close() for s in sessions))
    if failures:
        print(f"  ({failures} of {count} idle sessions failed to open)")
    return grown / count


# --- the run ---


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="50,150,300", help="visitor counts, in order")
    parser.add_argument("--more", action="store_true", help="then +150 while the goal holds")
    parser.add_argument("--max-visitors", type=int, default=900, help="upper bound for --more")
    parser.add_argument("--think", type=float, default=5.0, help="mean seconds between clicks")
    parser.add_argument("--ramp", type=float, default=10.0, help="arrivals spread over seconds")
    parser.add_argument("--idle", type=int, default=1000, help="idle sessions (0: skip)")
    parser.add_argument("--no-peer", action="store_true", help="skip the bare Streamlit peer")
    parser.add_argument("--database", help="SQLAlchemy URL (default: a fresh SQLite file)")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                        help="extra Streamlit config for the app, e.g. runner.postScriptGC=true")  # fmt: skip
    parser.add_argument("--profile", type=Path, metavar="DIR", help="py-spy the largest level")
    parser.add_argument("--max-seconds", type=float, default=3600, help="stop after this long")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep server logs and databases")
    parser.add_argument("--seed", type=int, default=15)
    return parser.parse_args()


def row(level: Level) -> str:
    span = max(level.last_click - level.first_click, 1e-9)
    errors = sum(level.errors.values())
    cpu_ms = level.cpu_s * 1000 / max(len(level.clicks), 1)
    per_visitor = (level.rss_after_mb - level.rss_base_mb) / level.visitors
    downloads = f"{pct(level.downloads, 0.95):7.0f}" if level.downloads else "      -"
    return (
        f"{level.visitors:8d}  {level.name:4}  {len(level.clicks):6d}  {len(level.clicks) / span:8.1f}"
        f"  {pct(level.clicks, 0.5):6.0f}  {pct(level.clicks, 0.95):6.0f}"
        f"  {pct(level.clicks, 0.99):6.0f}  {errors:6d}  {cpu_ms:9.1f}  {downloads}"
        f"  {pct(level.loads, 0.95):7.0f}  {per_visitor:9.2f}"
    )


HEADER = (
    "visitors  page  clicks  clicks/s  p50 ms  p95 ms  p99 ms  errors  CPU ms/ck"
    "  PDF p95  load p95  MB/visitor"
)


async def measure(args: argparse.Namespace, workdir: Path) -> int:
    started = time.monotonic()
    rng = random.Random(args.seed)
    levels = [int(n) for n in args.levels.split(",")]
    peer_dir = workdir / "peer"
    peer_dir.mkdir()
    (peer_dir / "hello.py").write_text(PEER_APP)
    options = dict(opt.split("=", 1) for opt in args.option)
    print(f"2 CPU cores shared with other work: load average {load_average()} at the start.")
    print(f"Think time {args.think:.1f} s ± 50 % per click, arrivals over {args.ramp:.0f} s.")
    print(HEADER)
    results: list[tuple[Level, Level | None]] = []
    profiled = False
    index = 0
    while index < len(levels) and time.monotonic() - started < args.max_seconds:
        n = levels[index]
        profile_dir = args.profile if args.profile and n == max(levels) and not profiled else None
        app = await one_level(args, workdir, n, rng, options, profile_dir)
        profiled = profiled or profile_dir is not None
        peer = None
        if not args.no_peer:
            clicks = max(1, round(len(app.clicks) / max(app.visitors, 1)))
            peer = await one_level(args, workdir, n, rng, {}, None, peer_dir / "hello.py", clicks)
        results.append((app, peer))
        print(row(app))
        print("          p95 by click: " + ", ".join(
            f"{kind} {pct(times, 0.95):.0f} ms" for kind, times in app.by_kind.items()))  # fmt: skip
        if peer:
            print(row(peer))
        holds = pct(app.clicks, 0.95) < P95_GOAL_MS and not app.errors
        if args.more and index == len(levels) - 1 and holds and n + 150 <= args.max_visitors:
            levels.append(n + 150)
        index += 1
    print_ratios(results)
    if args.idle:
        await idle_figures(args, workdir, options, peer_dir)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        f"Load average {load_average()} at the end; {time.monotonic() - started:.0f} s in all; "
        f"the load client itself used {usage.ru_utime + usage.ru_stime:.0f} CPU-s."
    )
    if args.profile and profiled:
        print(profile_summary(args.profile / "app.txt"))
    worst = results[-1][0] if results else None
    return 0 if worst and not worst.errors else 1


async def one_level(
    args: argparse.Namespace,
    workdir: Path,
    n: int,
    rng: random.Random,
    options: dict[str, str],
    profile_dir: Path | None,
    script: Path | None = None,
    peer_clicks: int = 0,
) -> Level:
    level = Level("peer" if script else "app", n)
    pace = Pace(args.think, args.ramp, random.Random(rng.random()))
    folder = workdir / f"{level.name}-{n}"
    database = args.database or f"sqlite:///{folder / 'quiz.db'}"
    with AppServer(script or REPO / "quiz_app.py", folder, database, options) as server:
        await warm_up(server.url, quiz=script is None)
        if profile_dir is not None:
            server.start_profile(profile_dir / "app.txt")
        await run_level(server, level, pace, peer_clicks)
        server.stop_profile()
    return level


def print_ratios(results: list[tuple[Level, Level | None]]) -> None:
    for app, peer in results:
        if peer is None or not peer.clicks or not app.clicks:
            continue
        p95 = pct(app.clicks, 0.95) / pct(peer.clicks, 0.95)
        cpu = (app.cpu_s / len(app.clicks)) / max(peer.cpu_s / len(peer.clicks), 1e-9)
        print(f"{app.visitors} visitors: app/peer p95 {p95:.1f}×, server CPU per click {cpu:.1f}×")
    for app, _ in results:
        if app.errors:
            print(f"{app.visitors} visitors, app errors: {dict(app.errors)}")


async def idle_figures(
    args: argparse.Namespace, workdir: Path, options: dict[str, str], peer_dir: Path
) -> None:
    figures = []
    for name, script, opts in (("app", REPO / "quiz_app.py", options),
                               ("peer", peer_dir / "hello.py", {})):  # fmt: skip
        if name == "peer" and args.no_peer:
            continue
        folder = workdir / f"idle-{name}"
        database = args.database or f"sqlite:///{folder / 'quiz.db'}"
        with AppServer(script, folder, database, opts) as server:
            await warm_up(server.url, quiz=name == "app")
            base = server.rss_mb()
            per = await idle_sessions(server, args.idle)
        figures.append((name, per, base))
    for name, per, base in figures:
        verdict = "within" if per <= IDLE_BUDGET_MB else "over"
        print(
            f"{args.idle} idle sessions, {name}: {per:.2f} MB each (process {base:.0f} MB "
            f"before); 1,000 sessions ≈ {base + per * 1000:.0f} MB: {verdict} 2 GB"
        )


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # rows appear as levels finish, also in a file
    args = parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(soft, 8192), hard), hard))
    if args.profile:
        if not shutil.which("py-spy"):
            raise SystemExit("--profile needs py-spy (pip install -r bench/requirements.txt)")
        args.profile.mkdir(parents=True, exist_ok=True)
    if args.keep:
        shutil.rmtree(args.keep, ignore_errors=True)
        args.keep.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="werkstijl-load-") as tmp:
        try:
            return asyncio.run(measure(args, args.keep or Path(tmp)))
        except KeyboardInterrupt:
            return 130


if __name__ == "__main__":
    sys.exit(main())
