"""`python -m werkstijl bulk` as a trainer runs it: exit codes, stdout, stderr, files."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WERKSTIJL_")}
    env["WERKSTIJL_DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.db'}"
    return subprocess.run(
        [sys.executable, "-m", "werkstijl", "bulk", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def write(tmp_path: Path, data: str | bytes, name: str = "deelnemers.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def test_a_clean_list_exits_0_with_zip_and_no_progress_bar_off_a_terminal(tmp_path):
    source = write(
        tmp_path,
        "\ufeffNaam;E-mail;Profiel\nZoë;zoe@example.com;visionair\n"
        "Bram;bram@example.com;operator\n",
    )
    done = run(tmp_path, source, "--out", str(tmp_path / "training"), "--zip", "--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # stderr is a pipe here: no progress bar
    # One fact per line: what was made, then where the zip is.
    made, zipped = done.stdout.strip().splitlines()
    assert made.startswith("2 of 2 PDFs and the group report written to ")
    assert zipped == f"Zip: {tmp_path / 'training.zip'}"
    with zipfile.ZipFile(tmp_path / "training.zip") as archive:
        assert sorted(archive.namelist()) == [
            "001-zoe.ics",
            "001-zoe.pdf",
            "002-bram.ics",
            "002-bram.pdf",
            "group-report.pdf",
            "summary.json",
        ]
    summary = json.loads((tmp_path / "training" / "summary.json").read_text())
    assert (summary["rows"], summary["pdfs"], summary["errors"]) == (2, 2, 0)


def test_a_failed_row_exits_1_and_the_rest_is_written(tmp_path):
    source = write(tmp_path, "name,profile\nAnna,operator\nPiet,paars\n")
    done = run(tmp_path, source, "--out", str(tmp_path / "out"), "--jobs", "1")
    assert done.returncode == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.name[0] != ".") == [
        "001-anna.ics",
        "001-anna.pdf",
        "errors.csv",
        "errors.xlsx",
        "group-report.pdf",
        "summary.json",
    ]
    assert "unknown profile 'paars'" in (tmp_path / "out" / "errors.csv").read_text()


def test_send_without_smtp_queues_and_says_so(tmp_path):
    source = write(tmp_path, "name,email,profile\nAnna,anna@example.com,operator\n")
    done = run(tmp_path, source, "--out", str(tmp_path / "out"), "--jobs", "1", "--send")
    assert done.returncode == 0, done.stderr
    assert "1 mail queued" in done.stdout
    assert "python -m werkstijl outbox" in done.stdout


def test_unusable_input_exits_2_with_one_message(tmp_path):
    cases = {
        "no such file": str(tmp_path / "nope.csv"),
        "no name column": write(tmp_path, "email;profiel\na@example.com;operator\n", "a.csv"),
        "line 2 is not text": write(tmp_path, b"naam;profiel\nJos\x81;operator\n", "b.csv"),
        "empty": write(tmp_path, b"", "c.csv"),
    }
    for expected, source in cases.items():
        done = run(tmp_path, source, "--out", str(tmp_path / "out"), "--jobs", "1")
        assert done.returncode == 2, (expected, done.stderr)
        assert done.stderr.startswith("error: ") and expected in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        assert "Traceback" not in done.stderr


def test_a_progress_bar_goes_to_stderr_on_a_terminal(tmp_path):
    source = write(tmp_path, "name,profile\nAnna,operator\nKees,visionair\n")
    leader, follower = os.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("WERKSTIJL_")}
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "werkstijl",
                "bulk",
                source,
                "--out",
                str(tmp_path / "out"),
                "--jobs",
                "1",
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=follower,
            text=True,
            timeout=120,
        )
        os.close(follower)
        shown = os.read(leader, 65536).decode()
    finally:
        os.close(leader)
    assert done.returncode == 0
    assert "3/3 PDFs" in shown and "#" in shown
    assert "\r" not in done.stdout and "#" not in done.stdout  # the bar never goes to stdout


def test_title_names_the_group_report(tmp_path):
    from pypdf import PdfReader

    source = write(tmp_path, "naam,profiel\nAnna,operator\n")
    done = run(tmp_path, source, "--out", str(tmp_path / "out"), "--jobs", "1",
               "--title", "Training Slim Mailen & Plannen")  # fmt: skip
    assert done.returncode == 0, done.stderr
    cover = PdfReader(tmp_path / "out" / "group-report.pdf").pages[0].extract_text()
    assert "Training Slim Mailen & Plannen" in " ".join(cover.split())
    assert "1 deelnemer\n" in cover


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (from /proc: Linux, as CI)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its new parent to reap it counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_kill_9_leaves_no_orphan_workers_and_the_next_run_cleans_up(tmp_path):
    big = write(
        tmp_path, "naam;profiel\n" + "".join(f"Deelnemer {n};operator\n" for n in range(400))
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("WERKSTIJL_")}
    out = tmp_path / "training"
    bulk = subprocess.Popen(
        [sys.executable, "-m", "werkstijl", "bulk", big, "--out", str(out), "--jobs", "2", "--zip"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    try:
        assert _wait_for(lambda: len(list(out.glob("*.pdf"))) >= 5, 120), "no PDFs appeared"
        workers = _children(bulk.pid)
        assert len(workers) == 2
        os.kill(bulk.pid, signal.SIGKILL)
        bulk.wait(timeout=10)
        orphans_gone = _wait_for(lambda: not any(map(_alive, workers)), 10)
    finally:
        for pid in workers:  # never leave them behind, also when the test fails
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    assert orphans_gone, "the pool workers outlived their killed parent"
    assert (tmp_path / "training.zip.part").exists()  # what the killed run left behind

    small = write(tmp_path, "naam;profiel\nAnna;operator\nKees;visionair\n", "klein.csv")
    done = run(tmp_path, small, "--out", str(out), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir() if p.name[0] != ".") == [
        "001-anna.ics",
        "001-anna.pdf",
        "002-kees.ics",
        "002-kees.pdf",
        "group-report.pdf",
        "summary.json",
    ]
    assert json.loads((out / "summary.json").read_text())["pdfs"] == 2
    assert not list(tmp_path.rglob("*.part")) and not (tmp_path / "training.zip").exists()


def test_a_run_replaces_the_previous_runs_files_and_only_those(tmp_path):
    out = tmp_path / "training"
    first = write(tmp_path, "naam;profiel\nAnna;operator\nBram;visionair\nPiet;paars\n")
    assert run(tmp_path, first, "--out", str(out), "--jobs", "1", "--zip").returncode == 1
    (out / "notities.txt").write_text("mijn aantekeningen")
    (out / "009-mijn-eigen.pdf").write_bytes(b"%PDF mine")  # looks like ours, but is not
    second = write(tmp_path, "naam;profiel\nKees;processor\n", "tweede.csv")
    done = run(tmp_path, second, "--out", str(out), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir() if p.name[0] != ".") == [
        "001-kees.ics",
        "001-kees.pdf",
        "009-mijn-eigen.pdf",
        "group-report.pdf",
        "notities.txt",
        "summary.json",
    ]
    assert (out / "009-mijn-eigen.pdf").read_bytes() == b"%PDF mine"
    assert not (tmp_path / "training.zip").exists()  # the old zip held the old PDFs
    assert json.loads((out / "summary.json").read_text())["pdfs"] == 1


def test_send_again_after_a_crash_queues_only_what_is_missing(tmp_path):
    # Finding 7: a second run (after a crash or an exit-1 run) mailed everybody twice.
    import sqlite3

    source = write(tmp_path, "name,email,profile\nAnna,anna@example.com,operator\n"
                             "Kees,kees@example.com,visionair\n")  # fmt: skip
    out = str(tmp_path / "out")
    assert "2 mails queued" in run(tmp_path, source, "--out", out, "--jobs", "1", "--send").stdout
    with sqlite3.connect(tmp_path / "cli.db") as conn:  # as if the run died before Kees
        conn.execute("DELETE FROM outbox WHERE to_email = 'kees@example.com'")
    again = run(tmp_path, source, "--out", out, "--jobs", "1", "--send")
    assert again.returncode == 0, again.stderr
    assert "1 mail queued" in again.stdout
    assert "1 mail already queued by an earlier run (not sent twice)" in again.stdout
    with sqlite3.connect(tmp_path / "cli.db") as conn:
        queued = sorted(r[0] for r in conn.execute("SELECT to_email FROM outbox"))
    assert queued == ["anna@example.com", "kees@example.com"]


def test_the_session_date_sets_the_date_and_week_1_is_the_monday_after_it(tmp_path):
    from pypdf import PdfReader

    source = write(tmp_path, "name,profile\nAnna,operator\n")
    out = tmp_path / "out"
    done = run(tmp_path, source, "--out", str(out), "--jobs", "1", "--date", "2026-03-12")
    assert done.returncode == 0, done.stderr
    group = " ".join(PdfReader(out / "group-report.pdf").pages[0].extract_text().split())
    assert "12 maart 2026" in group
    own = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(out / "001-anna.pdf").pages
    )
    assert "12 maart 2026" in own  # the cover: the day of the session
    assert "16 maart 2026" in own and "23 maart 2026" in own  # weeks 1 and 2 start on Mondays
    assert "DTSTART;TZID=Europe/Amsterdam:202603" in (out / "001-anna.ics").read_text()
    assert "20260316T" in (out / "001-anna.ics").read_text()


def test_a_session_date_that_is_not_a_date_is_refused_with_the_form_to_use(tmp_path):
    source = write(tmp_path, "name,profile\nAnna,operator\n")
    done = run(tmp_path, source, "--out", str(tmp_path / "out"), "--date", "12-03-2026")
    assert done.returncode == 2
    assert "YYYY-MM-DD" in done.stderr and "'12-03-2026'" in done.stderr
    assert "Traceback" not in done.stderr
