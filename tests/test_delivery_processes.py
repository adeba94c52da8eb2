"""The `outbox` command as real processes, on SQLite and on PostgreSQL: two `--once` workers at
the same time, and a worker killed (kill -9) while the server holds the message (issue 10,
finding 6). Each test gets its own database; set WERKSTIJL_TEST_POSTGRES_URL for PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from smtp_server import SmtpServer, running_server
from sqlalchemy import select, update

from werkstijl.storage import NewMail, Store, utcnow
from werkstijl.storage.models import OutboxRow

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(db_store: Store) -> Store:
    return db_store


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with running_server() as server:
        yield server


def queue(store: Store, count: int) -> None:
    for i in range(count):
        mail = NewMail("pdf", f"p{i}@example.com", f"P{i}", "nl", f"Mail {i}", "t", "<p>t</p>")
        store.queue_mail(mail)


def outbox(db_url: str, smtp: SmtpServer, *args: str, timeout: str = "5") -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WERKSTIJL_")}
    env |= smtp.env(WERKSTIJL_SMTP_TIMEOUT=timeout) | {"WERKSTIJL_DATABASE_URL": db_url}
    return subprocess.Popen(
        [sys.executable, "-m", "werkstijl", "outbox", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> tuple[int, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out + err


def test_two_once_workers_both_exit_0_and_send_each_mail_once(db_url, store, smtp_server):
    queue(store, 40)
    workers = [outbox(db_url, smtp_server, "--once") for _ in range(2)]
    results = [finish(w) for w in workers]
    assert [code for code, _ in results] == [0, 0], results
    subjects = Counter(m["Subject"] for m in smtp_server.messages)
    assert len(subjects) == 40 and set(subjects.values()) == {1}
    assert store.outbox_counts().sent == 40


def test_a_worker_killed_mid_send_is_not_followed_by_a_blind_resend(db_url, store, smtp_server):
    queue(store, 1)
    smtp_server.reply_delay = 60.0  # the server has the message but has not answered yet
    worker = outbox(db_url, smtp_server, "--once", timeout="120")
    deadline = time.monotonic() + 60
    while not smtp_server.messages and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(smtp_server.messages) == 1
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    smtp_server.reply_delay = 0
    with store.session() as s:
        (row,) = s.scalars(select(OutboxRow))
        assert row.status == "sending"
        first_id = row.message_id
    for args in (("--once",), ("--once", "--retry-now")):
        finish(outbox(db_url, smtp_server, *args))
    with store.session() as s:  # past the old 15-minute stale window, still within the hour
        s.execute(update(OutboxRow).values(claimed_at=utcnow() - timedelta(minutes=20)))
    finish(outbox(db_url, smtp_server, "--once", "--retry-now"))
    assert len(smtp_server.messages) == 1  # not within the hour
    with store.session() as s:  # an hour and a bit later
        s.execute(update(OutboxRow).values(claimed_at=utcnow() - timedelta(minutes=61)))
    code, output = finish(outbox(db_url, smtp_server, "--once"))
    assert code == 0, output
    first, second = smtp_server.messages
    assert first["Message-ID"] == second["Message-ID"] == first_id  # receivers can drop it
