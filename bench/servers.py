"""A `streamlit run` process for the load benchmark: start, wait until healthy, read its memory
and CPU time from /proc, profile it with py-spy, stop it."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 90
# Frames where a thread waits rather than works: left out of the profile's "self" list.
WAITING = re.compile(r"select|sleep|wait|acquire|_worker \(|epoll|poll \(|recv|accept")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


class AppServer:
    """`with AppServer(script, folder, database_url, options) as server:` — a fresh server on a
    free loopback port, run from the repository (so it reads .streamlit/config.toml)."""

    def __init__(
        self, script: Path, folder: Path, database_url: str, options: dict[str, str]
    ) -> None:
        self.script, self.folder = script, folder
        self.database_url, self.options = database_url, options
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.profiler: subprocess.Popen | None = None

    def __enter__(self) -> AppServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("WERKSTIJL_")}
        env["WERKSTIJL_DATABASE_URL"] = self.database_url
        command = [
            sys.executable, "-m", "streamlit", "run", str(self.script),
            "--server.headless=true", f"--server.port={self.port}",
            "--server.address=127.0.0.1", "--browser.gatherUsageStats=false",
            "--server.fileWatcherType=none",
            *(f"--{key}={value}" for key, value in self.options.items()),
        ]  # fmt: skip
        self.log = self.folder / "streamlit.log"
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        self._wait_healthy()
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise SystemExit(f"{self.script.name} did not start:\n{self.log.read_text()[-2000:]}")

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status)[1]) / 1024

    def cpu_s(self) -> float:
        """User + system CPU seconds of the server process, all threads."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def start_profile(self, out: Path) -> None:
        command = ["py-spy", "record", "-p", str(self.process.pid), "-r", "50", "-f", "raw",
                   "-o", str(out), "--nonblocking"]  # fmt: skip
        self.profiler = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def stop_profile(self) -> None:
        if self.profiler is not None:
            self.profiler.send_signal(signal.SIGINT)  # py-spy writes its file on Ctrl-C
            try:
                self.profiler.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.profiler.kill()
            self.profiler = None

    def __exit__(self, *exc: object) -> None:
        self.stop_profile()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _short(frame: str) -> str:
    return re.sub(r" \(/.*?/(site-packages/|lib/python3\.\d+/|werkstijl/)", r" (\1", frame)


def profile_summary(path: Path, top: int = 15) -> str:
    """Where the app's time went: working frames by own samples, and our own code (werkstijl/,
    quiz_app.py) by inclusive samples, from py-spy's raw (collapsed) output."""
    if not path.exists():
        return f"(no profile written to {path})"
    own, ours, total = Counter(), Counter(), 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n, frames = int(count), stack.split(";")
        total += n
        if not WAITING.search(frames[-1]):
            own[_short(frames[-1])] += n
        for frame in {f for f in frames if "werkstijl/" in f or "quiz_app.py" in f}:
            ours[_short(frame)] += n
    lines = [f"Profile of the app ({total} samples, {path}); busiest frames (own samples):"]
    lines += [f"  {n / total:6.1%}  {frame}" for frame, n in own.most_common(top)]
    lines.append("Our code (inclusive samples):")
    lines += [f"  {n / total:6.1%}  {frame}" for frame, n in ours.most_common(top)]
    return "\n".join(lines)
