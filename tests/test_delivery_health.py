"""Whether mail can be delivered at all, said in one line: `mail-check`, the start-up log and the
staff outbox (issue 10, finding 3). Real SMTP servers on loopback; nothing is ever sent."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from smtp_server import SmtpServer, free_port, running_server

from werkstijl.delivery import Problem, check_mail, describe, last_health, report_at_start
from werkstijl.settings import Settings

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with running_server() as server:
        yield server


def mail_check(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("WERKSTIJL_")}
    clean = {k: v for k, v in clean.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run(
        [sys.executable, "-m", "werkstijl", "mail-check", *args],
        cwd=REPO,
        env=clean | {"LC_MESSAGES": "en_GB.UTF-8"} | env,  # an English reader (else: Dutch)
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_working_setup_is_checked_without_sending_anything(smtp_server):
    health = check_mail(smtp_server.settings(smtp_starttls="auto"))
    assert health.ok and health.security == "plain"
    assert smtp_server.senders == ["noreply@werkstijl.example"]  # MAIL FROM was tried...
    assert smtp_server.received == []  # ...and nothing sent
    line = describe(health, smtp_server.settings())
    assert line.startswith("mail can be delivered") and "not encrypted" in line


def test_starttls_true_against_a_server_without_it_cannot_work(smtp_server):
    health = check_mail(smtp_server.settings(smtp_starttls="true"))
    assert not health.ok and health.problem is Problem.tls_missing
    line = describe(health, smtp_server.settings(), "nl")
    assert "biedt geen STARTTLS" in line and "\n" not in line


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"smtp_host": None}, Problem.not_configured),
        ({"mail_from": "noreply"}, Problem.bad_sender),
        ({"smtp_port": 1}, Problem.unreachable),
        ({"smtp_ssl": True}, Problem.tls_failed),
    ],
)
def test_each_setup_that_cannot_work_is_named(smtp_server, overrides, problem):
    health = check_mail(smtp_server.settings(**overrides))
    assert not health.ok and health.problem is problem
    assert describe(health, smtp_server.settings())  # words for every problem


def test_a_refused_sender_is_found_before_any_mail_is(smtp_server):
    smtp_server.reject_senders.add("noreply@werkstijl.example")
    health = check_mail(smtp_server.settings())
    assert health.problem is Problem.sender_refused and "553" in health.detail


def test_the_start_up_check_logs_an_error_when_mail_cannot_work(smtp_server, caplog):
    caplog.set_level(logging.INFO)
    report_at_start(smtp_server.settings(smtp_starttls="true"))
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "does not offer STARTTLS" in errors[0]
    assert last_health() is not None and not last_health().ok


def test_the_app_checks_mail_at_start_up(smtp_server, tmp_path, monkeypatch):
    from werkstijl.ui.context import get_context

    for key, value in smtp_server.env(WERKSTIJL_SMTP_STARTTLS="true").items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("WERKSTIJL_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    monkeypatch.setenv("WERKSTIJL_OUTBOX_IN_APP", "false")
    get_context.clear()
    try:
        get_context()
        deadline = time.monotonic() + 20
        while last_health() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert last_health() is not None and last_health().problem is Problem.tls_missing
    finally:
        get_context.clear()


def test_mail_check_exits_0_with_one_line_when_mail_works(smtp_server):
    done = mail_check(env=smtp_server.env())
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1 and done.stdout.startswith("mail can be delivered")
    assert smtp_server.received == []


def test_mail_check_exits_1_and_says_why_in_dutch_when_asked(smtp_server):
    done = mail_check("--lang", "nl", env=smtp_server.env(WERKSTIJL_SMTP_STARTTLS="true"))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "biedt geen STARTTLS" in done.stderr
    assert "Traceback" not in done.stderr


def test_mail_check_exits_1_when_mail_is_not_configured():
    done = mail_check(env={})
    assert done.returncode == 1 and "WERKSTIJL_SMTP_HOST" in done.stderr


def test_mail_check_exits_1_when_the_server_is_down():
    env = {"WERKSTIJL_SMTP_HOST": "127.0.0.1", "WERKSTIJL_SMTP_PORT": str(free_port())}
    done = mail_check(env=env)
    assert done.returncode == 1 and "cannot be reached" in done.stderr


def test_settings_offer_the_contracts_default():
    assert Settings().smtp_starttls == "auto"


@pytest.mark.parametrize("problem", list(Problem))
def test_every_problem_has_one_line_of_words_in_both_languages(problem):
    from werkstijl.delivery.health import MailHealth
    from werkstijl.storage import utcnow

    health = MailHealth(False, problem, "550 nope", "", utcnow())
    settings = Settings(smtp_host="mail.example", smtp_port=587)
    english, dutch = describe(health, settings, "en"), describe(health, settings, "nl")
    assert english != dutch and "\n" not in english + dutch
    assert "{" not in english + dutch
