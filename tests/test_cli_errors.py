"""Every command turns expected problems into one plain line and exit 2 or 1, never a traceback:
a bad or unreachable database, a locked or damaged SQLite file, invalid settings, bad arguments.
Real processes, as cron or a person runs them."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy.exc
from storage_helpers import lead, mail

from werkstijl import cli
from werkstijl.storage import Store

REPO = Path(__file__).resolve().parents[1]
DB_COMMANDS = {
    "forget": ["forget", "jan@example.com"],
    "export": ["export", "jan@example.com"],
    "purge": ["purge"],
    "outbox": ["outbox", "--once"],
}
SMTP = {"WERKSTIJL_SMTP_HOST": "127.0.0.1", "WERKSTIJL_SMTP_PORT": "1"}  # outbox needs mail on


def start(args: list[str], stdin: int = subprocess.DEVNULL, **env: str) -> subprocess.Popen[str]:
    """The CLI in its own process: no WERKSTIJL_* settings but `env`, an English reader's locale
    (without one it speaks Dutch)."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WERKSTIJL_") and k not in ("LC_ALL", "LC_MESSAGES", "LANG")
    }
    return subprocess.Popen(
        [sys.executable, "-m", "werkstijl", *args],
        cwd=REPO,
        env=clean | {"LC_MESSAGES": "en_GB.UTF-8"} | env,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def run_all(cases: dict[str, list[str]], **env: str) -> dict[str, tuple[int, str, str]]:
    """Several commands at once (they are independent): (exit code, stdout, stderr) per name."""
    started = {name: start(args, **env) for name, args in cases.items()}
    return {name: finish(process) for name, process in started.items()}


def assert_one_plain_line(result: tuple[int, str, str], code: int, *words: str) -> None:
    returncode, _, err = result
    assert returncode == code, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert err.startswith("error: ")
    for word in words:
        assert word in err, err


def store_with_one_lead(path: Path) -> str:
    url = f"sqlite:///{path}"
    store = Store(url)
    store.save_lead_with_mail(lead(), mail())
    store.close()
    return url


@pytest.mark.parametrize(
    ("url", "code", "words"),
    [
        ("notaurl", 2, ["WERKSTIJL_DATABASE_URL is not a database URL: 'notaurl'"]),
        ("nosuchdb://host/x", 2, ["WERKSTIJL_DATABASE_URL", "cannot be used here"]),
        (
            "postgresql+psycopg://werkstijl:geheim@127.0.0.1:1/werkstijl",
            1,
            ["cannot reach the database postgresql+psycopg://werkstijl:***@127.0.0.1:1/werkstijl"],
        ),
    ],
    ids=["not-a-url", "unknown-kind", "unreachable"],
)
def test_a_bad_or_unreachable_database_is_one_line_for_every_command(url, code, words) -> None:
    for name, result in run_all(DB_COMMANDS, WERKSTIJL_DATABASE_URL=url, **SMTP).items():
        assert_one_plain_line(result, code, *words)
        assert "geheim" not in result[2], name  # the password is never printed


def test_a_damaged_or_unopenable_sqlite_file_is_one_line_exit_1(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"this is not a database " * 400)
    for name, result in run_all(
        DB_COMMANDS, WERKSTIJL_DATABASE_URL=f"sqlite:///{damaged}", **SMTP
    ).items():
        assert_one_plain_line(result, 1, "is damaged or not a database", str(damaged))
        assert name and damaged.read_bytes().startswith(b"this is not")  # left as it was
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    for result in run_all(
        DB_COMMANDS, WERKSTIJL_DATABASE_URL=f"sqlite:///{folder}", **SMTP
    ).values():
        assert_one_plain_line(result, 1, "cannot open the database file")


def test_a_locked_sqlite_file_is_one_line_exit_1_and_nothing_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "werkstijl.db"
    url = store_with_one_lead(path)
    holder = sqlite3.connect(path, isolation_level=None)  # another program holding the file
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        results = run_all(DB_COMMANDS, WERKSTIJL_DATABASE_URL=url, **SMTP)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    for result in results.values():
        assert_one_plain_line(result, 1, f"the database {url} is locked by another program")
    assert Store(url).person_export("jan@example.com")["leads"]  # forget did not half-run


# Every command that reads the settings (schema and hash-password need none).
INVALID_SETTINGS = ["check", "score --answers 1", "pdf --profile operator --name X -o {tmp}/x.pdf",
                    "bulk {tmp}/nope.csv --out {tmp}/out", "outbox --once", "export a@b.nl",
                    "forget a@b.nl", "purge"]  # fmt: skip


def test_invalid_settings_are_one_line_exit_2_for_every_command(tmp_path: Path) -> None:
    cases = {args: args.format(tmp=tmp_path).split() for args in INVALID_SETTINGS}
    env = {
        "WERKSTIJL_DATABASE_URL": f"sqlite:///{tmp_path / 'w.db'}",
        "WERKSTIJL_LEAD_RETENTION_DAYS": "0",
        "WERKSTIJL_SMTP_PASSWORD": "hunter2",
    }
    for args, result in run_all(cases, **env).items():
        (
            assert_one_plain_line(
                result, 2, "WERKSTIJL_LEAD_RETENTION_DAYS must be at least 1, found '0'"
            ),
            args,
        )
        assert "hunter2" not in result[2]
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing written, no database
    two = finish(start(["purge"], WERKSTIJL_SMTP_PORT="abc", WERKSTIJL_LEAD_RETENTION_DAYS="9e9"))
    assert_one_plain_line(
        two,
        2,
        "WERKSTIJL_SMTP_PORT must be a whole number, found 'abc'; "
        "WERKSTIJL_LEAD_RETENTION_DAYS must be a whole number, found '9e9'",
    )


def test_purge_days_must_be_at_least_one_and_erases_nothing_otherwise(tmp_path: Path) -> None:
    url = store_with_one_lead(tmp_path / "w.db")
    cases = {days: ["purge", "--days", days] for days in ("-1", "0", "99999999", "a year")}
    cases["huge setting"] = ["purge"]
    results = run_all(cases, WERKSTIJL_DATABASE_URL=url)
    for days, result in results.items():
        if days != "huge setting":
            assert_one_plain_line(result, 2, "--days: must be a whole number of days from 1 to")
    assert Store(url).person_export("jan@example.com")["leads"]  # today's lead is still there
    huge = finish(
        start(["purge"], WERKSTIJL_DATABASE_URL=url, WERKSTIJL_LEAD_RETENTION_DAYS="99999999")
    )
    assert_one_plain_line(huge, 2, "WERKSTIJL_LEAD_RETENTION_DAYS must be at most 36500")
    kept = finish(start(["purge", "--days", "1"], WERKSTIJL_DATABASE_URL=url))
    assert kept[0] == 0 and kept[1].strip() == (
        "older than 1 days: leads: 0, outbox: 0, attachments: 0"
    )


def test_bad_arguments_are_one_line_exit_2_in_the_chosen_language() -> None:
    results = run_all(
        {
            "unknown option": ["purge", "--nope"],
            "no command": [],
            "missing value": ["pdf", "--profile", "operator", "-o", "x.pdf"],
            "dutch": ["purge", "--days", "-1", "--lang", "nl"],
        }
    )
    assert_one_plain_line(results["unknown option"], 2, "unrecognized arguments: --nope")
    assert_one_plain_line(results["no command"], 2, "python -m werkstijl --help")
    assert_one_plain_line(results["missing value"], 2, "--name", "python -m werkstijl pdf --help")
    code, _, err = results["dutch"]
    assert code == 2 and err.startswith("fout: ") and "moet een heel aantal dagen zijn" in err
    assert "zie `python -m werkstijl purge --help`" in err


def test_main_words_expected_errors_and_lets_bugs_through(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In-process: what a command raises decides between a message and a traceback."""

    def locked(_args: object) -> int:
        """Stands in for `schema`."""
        raise sqlalchemy.exc.OperationalError(
            "DELETE …", {}, sqlite3.OperationalError("database is locked")
        )

    def bug(_args: object) -> int:
        """Stands in for `schema`."""
        raise RuntimeError("a real bug")

    monkeypatch.setattr(cli, "cmd_schema", locked)
    assert cli.main(["schema"]) == 1
    assert "is locked by another program" in capsys.readouterr().err
    monkeypatch.setattr(cli, "cmd_schema", bug)
    with pytest.raises(RuntimeError, match="a real bug"):
        cli.main(["schema"])


def test_score_from_stdin_cuts_a_huge_bad_line_instead_of_echoing_it() -> None:
    from werkstijl.content import load_content

    count = len(load_content(REPO).content.questions)
    good = ",".join(["1"] * count)
    huge = "x" * 3_000_000
    process = start(["score", "-"], stdin=subprocess.PIPE)
    out, err = process.communicate(f"{huge}\n{good}\n", timeout=120)
    assert process.returncode == 2
    assert len(err) < 300 and err.startswith("line 1: ") and "xxx…'" in err, err[:300]
    assert len(out.splitlines()) == 1  # the good line after it was still scored


def test_file_and_system_errors_are_worded_and_other_errors_are_bugs() -> None:
    from werkstijl.cli_errors import explain

    assert str(explain(PermissionError(13, "Permission denied", "/srv/x.pdf"))) == (
        "cannot use /srv/x.pdf: Permission denied"
    )
    full = explain(OSError(28, "No space left on device"))
    assert full is not None and full.code == 1 and "No space left on device" in str(full)
    assert explain(ModuleNotFoundError("No module named 'psycopg2'", name="psycopg2")) is not None
    assert explain(ModuleNotFoundError("No module named 'reportlab'", name="reportlab")) is None
    assert explain(KeyError("x")) is None and explain(ValueError("x")) is None


def test_a_content_folder_that_does_not_exist_is_one_message_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nonexist"
    (tmp_path / "list.csv").write_text("naam;profiel\nAnna;operator\n", encoding="utf-8")
    content = ["--content", str(missing)]
    results = run_all(
        {
            "check": ["check", *content],
            "check json": ["check", "--json", *content],
            "pdf": ["pdf", *content, "--profile", "operator", "--name", "An", "-o", "x.pdf"],
            "bulk": ["bulk", str(tmp_path / "list.csv"), "--out", str(tmp_path / "o"), *content],
            "env": ["check"],
        },
        WERKSTIJL_CONTENT_DIR=str(missing),
    )
    for name, result in results.items():
        assert_one_plain_line(
            result, 2, f"the content folder {missing} does not exist", "--content"
        )
        assert "profiles/:" not in result[2], name  # not one "missing" problem per content part
    assert not (tmp_path / "o").exists() and not (REPO / "x.pdf").exists()
    code, _, err = finish(start(["check", "--lang", "nl", *content]))
    assert (
        code == 2
        and err
        == f"fout: de contentmap {missing} bestaat niet: geef de map met "
        "profiles/, questions/ en tips/ op met --content MAP (of zet WERKSTIJL_CONTENT_DIR)\n"
    )
