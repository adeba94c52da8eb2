"""`python -m werkstijl bulk` as a trainer runs it: exit codes, stdout, stderr, files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
    assert "2 of 2 PDFs and the group report" in done.stdout
    assert len(done.stdout.strip().splitlines()) == 1
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
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "001-anna.ics",
        "001-anna.pdf",
        "errors.csv",
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
        "line 2 (data row 1)": write(
            tmp_path, "naam;profiel\nJosé;operator\n".encode("latin-1"), "b.csv"
        ),
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
