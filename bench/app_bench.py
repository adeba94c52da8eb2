"""How fast does the quiz answer a click, on the server and in a real browser?

Run from the repository root:  python bench/app_bench.py [--clicks 30] [--browser-runs 5]

1. Server side: the time of one answer click as an AppTest rerun (median over --clicks clicks),
   and the click that completes the quiz (score, save, render the result).
2. In Chromium: the time from the last answer click to the profile on screen (median of
   --browser-runs runs against `streamlit run quiz_app.py`). Skipped without /usr/bin/chromium.
Targets: < 50 ms per rerun, < 1 s from the last click to the result.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from werkstijl.content import load_content  # noqa: E402
from werkstijl.scoring import ends_after  # noqa: E402

APP = REPO / "quiz_app.py"
CHROMIUM = Path("/usr/bin/chromium")
RERUN_TARGET_MS = 50
RESULT_TARGET_S = 1.0


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def server_side(clicks: int, db_dir: Path) -> tuple[list[float], list[float]]:
    """Times of ordinary answer clicks and of completing clicks, through AppTest."""
    from streamlit.testing.v1 import AppTest

    from werkstijl.ui.context import get_context

    os.environ["WERKSTIJL_DATABASE_URL"] = f"sqlite:///{db_dir / 'bench.db'}"
    get_context.clear()
    content = load_content(REPO).content
    answers = [1 + i % len(q.options) for i, q in enumerate(content.questions)]
    n = ends_after(content, answers)  # the click that shows the result (maybe an early end)
    answer_times: list[float] = []
    finish_times: list[float] = []
    while len(answer_times) < clicks:
        at = AppTest.from_file(str(APP), default_timeout=30)
        at.run()
        at.button(key="ws-start").click().run()
        for i in range(n):
            button = at.button(key=f"ws-opt-{i}-{answers[i]}")
            started = time.perf_counter()
            button.click().run()
            (finish_times if i == n - 1 else answer_times).append(time.perf_counter() - started)
            assert not at.exception, at.exception
    return answer_times[:clicks], finish_times


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db_dir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, WERKSTIJL_DATABASE_URL=f"sqlite:///{db_dir / 'browser.db'}")
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("streamlit did not start")


def browser_side(runs: int, db_dir: Path) -> list[float]:
    """Last answer click -> profile name visible, in headless Chromium."""
    from playwright.sync_api import sync_playwright

    content = load_content(REPO).content
    process, url = start_server(db_dir)
    times = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for run in range(runs + 1):  # the first run warms up the server; not counted
                page = browser.new_page()
                page.goto(url)
                page.locator(".st-key-ws-start button").click(timeout=20_000)
                answers = [1 + (i + run) % len(q.options) for i, q in enumerate(content.questions)]
                n = ends_after(content, answers)  # the click that shows the result
                for i in range(n - 1):
                    page.locator(f".st-key-ws-opt-{i}-{answers[i]} button").click()
                last = page.locator(f".st-key-ws-opt-{n - 1}-{answers[n - 1]} button")
                last.wait_for()
                page.wait_for_timeout(400)  # past the double-tap guard, as a reading person is
                started = time.perf_counter()
                last.click()
                page.locator(".ws-profile").wait_for(state="visible", timeout=20_000)
                if run:
                    times.append(time.perf_counter() - started)
                page.close()
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=30)
    parser.add_argument("--browser-runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        answers, finishes = server_side(args.clicks, Path(tmp))
        rerun = statistics.median(answers)
        print(
            f"answer click (AppTest rerun): median {ms(rerun)} over {len(answers)} clicks, "
            f"max {ms(max(answers))}; target < {RERUN_TARGET_MS} ms: "
            f"{'OK' if rerun * 1000 < RERUN_TARGET_MS else 'MISSED'}"
        )
        print(
            f"completing click (score, save, result): median {ms(statistics.median(finishes))} "
            f"over {len(finishes)}"
        )
        if not CHROMIUM.exists():
            print(f"browser: skipped ({CHROMIUM} is missing)")
            return 0
        times = browser_side(args.browser_runs, Path(tmp))
        to_result = statistics.median(times)
        print(
            f"last click -> result on screen (Chromium): median {ms(to_result)} over "
            f"{len(times)} runs, max {ms(max(times))}; target < {RESULT_TARGET_S:.0f} s: "
            f"{'OK' if to_result < RESULT_TARGET_S else 'MISSED'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
