"""Two replicas behind nginx behave as one (deploy/): started from the deployment example's own
files on loopback, with two outbox workers, a fresh PostgreSQL database and an SMTP server.

Visitors go through the proxy and land on both replicas; every result, rating, lead and mail is
stored once and every mail delivered once; a content edit on one replica is served by both; a
client locked out on one replica is locked out on the other; when a replica dies, the health check
names it and new visitors reach the other. The tests run in this order on one stack.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from db_urls import fresh_database, postgres_server_url
from deploy_stack import DEPLOY, Stack, env_example, require_nginx
from smtp_server import SmtpServer, running_server
from sqlalchemy import func, select

from werkstijl.storage import Store
from werkstijl.storage.models import EventRow, LeadRow, OutboxRow, ResultRow, TipRatingRow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from stclient import Session

pytestmark = pytest.mark.slow

VISITORS = 6
PASSWORD = "deploy-test-wachtwoord-2026"
OLD_TITLE = "De drie minuten werkstijltest"
NEW_TITLE = "De drie minuten werkstijltest, campagne-editie"
LOCKED = "Te veel mislukte pogingen"
WRONG = "Dat wachtwoord klopt niet."
SUBMIT = "FormSubmitter:staff_login-Inloggen"


@pytest.fixture(scope="module")
def smtp() -> Iterator[SmtpServer]:
    with running_server() as server:
        yield server


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, smtp: SmtpServer) -> Iterator[Stack]:
    nginx = require_nginx()
    with fresh_database(postgres_server_url()) as url:
        env = {
            key: value
            for key, value in env_example().items()
            if not key.startswith(("WERKSTIJL_SMTP_", "WERKSTIJL_STAFF_"))
        }
        env |= {
            "WERKSTIJL_DATABASE_URL": url,
            "WERKSTIJL_SMTP_HOST": "127.0.0.1",
            "WERKSTIJL_SMTP_PORT": str(smtp.port),
            "WERKSTIJL_SMTP_STARTTLS": "false",
            "WERKSTIJL_MAIL_FROM": "Werkstijltest <noreply@werkstijl.example>",
            "WERKSTIJL_STAFF_PASSWORD": PASSWORD,
        }
        stack = Stack(tmp_path_factory.mktemp("deploy"), env)
        try:
            stack.start(nginx)
            yield stack
        finally:
            stack.stop()


def route_to(stack: Stack, port: int) -> dict[str, str]:
    """A route cookie that nginx maps to the replica on `port` (found by asking)."""
    for n in range(200):
        cookie = f"werkstijl_route=probe-{n}"
        request = urllib.request.Request(f"{stack.proxy_url}/_stcore/health")
        request.add_header("Cookie", cookie)
        with urllib.request.urlopen(request, timeout=10):
            pass
        if stack.upstreams("/_stcore/health")[-1] == port:
            return {"werkstijl_route": f"probe-{n}"}
    raise AssertionError(f"no route key reaches port {port}")


async def visit(stack: Stack, n: int) -> dict[str, object]:
    """One visitor through the proxy: the quiz, a rating, the PDF download, the mail form."""
    session = Session(stack.proxy_url)
    try:
        await session.connect()
        await session.click("ws-start")
        while "ws_download" not in session.widgets:
            options = sorted(k for k in session.widgets if k.startswith("ws-opt-"))
            await session.click(options[n % len(options)])
        rating = sorted(k for k in session.widgets if k.startswith("rating-"))[0]
        await session.set_value(rating, string_value="4")
        await session.set_value("ws_name", string_value=f"Bezoeker {n} <&> Zoë")
        _seconds, pdf = await session.download("ws_download")
        address = f"bezoeker{n}@example.org"
        form = {"ws_email": address, "ws_consent_updates": False}
        await session.click("ws-send", form=form)
        return {"pdf": pdf, "address": address, "texts": list(session.texts)}
    finally:
        await session.close()


async def intro_title(stack: Stack, cookies: dict[str, str]) -> str:
    session = Session(stack.proxy_url, cookies=cookies)
    try:
        await session.connect()
        return next((t for t in session.texts if t.startswith('<h1 class="ws-title"')), "")
    finally:
        await session.close()


async def staff_login(stack: Stack, cookies: dict[str, str], client: str, attempts: int) -> str:
    """`attempts` wrong passwords from the loopback address `client`; what the page then says.
    A forged X-Forwarded-For goes along: nginx appends the real address, the app trusts only that."""
    headers = {"X-Forwarded-For": "192.0.2.1"}
    session = Session(
        stack.proxy_url, page="staff", headers=headers, cookies=cookies, source=client
    )
    try:
        await session.connect()
        for _ in range(attempts):
            form = {"staff_name_input": "Test", "staff_password_input": "niet-het-wachtwoord"}
            await session.click(SUBMIT, form=form)
        return " | ".join(session.texts)
    finally:
        await session.close()


def wait_for(condition, timeout: float, what: str) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"{what}: not within {timeout:.0f} s")
        time.sleep(0.5)
    return time.monotonic() - started


def diagnosis(stack: Stack) -> str:
    """What the database and the replicas' logs say, for a failure message."""
    store = Store(stack.env["WERKSTIJL_DATABASE_URL"])
    try:
        versions = [(v.id, v.source) for v in store.content_versions()]
    finally:
        store.close()
    logs = {
        n: (stack.folder / f"{n}.log").read_text(errors="replace")[-1500:]
        for n in ("app-0", "app-1")
    }
    return f"content versions {versions}; logs {logs}"


def count(store: Store, column) -> int:
    with store.session() as s:
        return s.scalar(select(func.count(column)))


def test_visitors_through_the_proxy_reach_both_replicas_and_everything_is_stored_once(
    stack: Stack, smtp: SmtpServer
) -> None:
    async def all_visitors():
        return await asyncio.gather(*(visit(stack, n) for n in range(VISITORS)))

    visits = asyncio.run(all_visitors())
    served = Counter(stack.upstreams("/_stcore/stream"))
    assert set(served) == set(stack.app_ports), served  # both replicas held quiz sessions
    assert all(v["pdf"].startswith(b"%PDF") for v in visits)  # downloads stayed sticky
    addresses = sorted(str(v["address"]) for v in visits)

    def delivered() -> list[str]:
        return sorted(to for tos, _msg in smtp.received for to in tos)

    wait_for(lambda: len(delivered()) >= VISITORS, 60, "every mail delivered")
    time.sleep(6)  # an outbox worker pass (5 s) that would send a mail twice
    assert delivered() == addresses  # each exactly once
    store = Store(stack.env["WERKSTIJL_DATABASE_URL"])
    try:
        assert count(store, ResultRow.id) == VISITORS
        assert count(store, TipRatingRow.id) == VISITORS
        assert count(store, LeadRow.id) == VISITORS
        with store.session() as s:
            statuses = Counter(s.scalars(select(OutboxRow.status)))
            completed = s.scalar(
                select(func.count(EventRow.id)).where(EventRow.kind == "completed")
            )
        assert statuses == {"sent": VISITORS}
        assert completed == VISITORS
    finally:
        store.close()


def test_a_content_edit_on_one_replica_is_served_by_both(stack: Stack) -> None:
    first, second = (route_to(stack, port) for port in stack.app_ports)
    assert OLD_TITLE in asyncio.run(intro_title(stack, second))
    site = stack.content_dir(0) / "texts" / "site.yaml"  # the first replica's own folder
    text = site.read_text(encoding="utf-8")
    assert f"nl: {OLD_TITLE}" in text
    site.write_text(text.replace(f"nl: {OLD_TITLE}", f"nl: {NEW_TITLE}", 1), encoding="utf-8")
    for cookies in (first, second):
        try:
            wait_for(lambda c=cookies: NEW_TITLE in asyncio.run(intro_title(stack, c)), 30, "")
        except AssertionError:
            pytest.fail(f"the edit was not served within 30 s via {cookies}; {diagnosis(stack)}")
    assert f"nl: {OLD_TITLE}" in (stack.content_dir(1) / "texts" / "site.yaml").read_text()


def test_a_client_locked_out_on_one_replica_is_locked_out_on_the_other(stack: Stack) -> None:
    first, second = (route_to(stack, port) for port in stack.app_ports)
    guesser, colleague = "127.0.0.7", "127.0.0.8"  # two machines, as nginx sees them
    assert LOCKED in asyncio.run(staff_login(stack, first, guesser, attempts=5))
    elsewhere = asyncio.run(staff_login(stack, second, guesser, attempts=0))
    assert LOCKED in elsewhere  # shown as soon as the other replica's login page opens
    other_client = asyncio.run(staff_login(stack, second, colleague, attempts=1))
    assert WRONG in other_client and LOCKED not in other_client


def healthcheck(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(DEPLOY / "healthcheck.py"), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_when_a_replica_dies_the_health_check_names_it_and_visitors_reach_the_other(
    stack: Stack,
) -> None:
    ports = [str(p) for p in stack.app_ports]
    healthy = healthcheck("--proxy", stack.proxy_url, "--replica", ports[0], "--replica", ports[1])
    assert healthy.returncode == 0, healthy.stdout
    assert healthy.stdout.count(": ok") == 3
    name, process = next((n, p) for n, p in stack.processes if n == "app-1")
    process.terminate()
    process.wait(timeout=20)
    down = healthcheck("--proxy", stack.proxy_url, "--replica", ports[0], "--replica", ports[1])
    assert down.returncode == 1
    assert f"replica {ports[1]}: http://127.0.0.1:{ports[1]}/_stcore/health did not answer" in (
        down.stdout
    )
    assert f"replica {ports[0]}: ok" in down.stdout
    titles = [asyncio.run(intro_title(stack, {})) for _ in range(4)]  # new browsers, any route
    assert all(NEW_TITLE in title for title in titles), (name, titles)
