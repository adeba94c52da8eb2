"""The staff lockout on real SQLite and PostgreSQL: counted before the slow check, per client,
slowed down for everyone under a spread attack, and shared by every Store on one database."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select
from storage_helpers import at_once

from werkstijl import lockout
from werkstijl.passwords import password_matches
from werkstijl.settings import Settings
from werkstijl.storage import Store, ThrottlePolicy, utcnow
from werkstijl.storage.models import LoginThrottleRow

PASSWORD = "paard batterij nietje"
SETTINGS = Settings(staff_password=PASSWORD)
CHECK_S = 0.2  # a slow hash widens the window in which a racing attempt could slip through


@pytest.fixture
def stores(db_url: str) -> Iterator[tuple[Store, Store]]:
    """Two Store instances on one database, as two replicas have."""
    first, second = Store(db_url), Store(db_url)
    yield first, second
    first.close()
    second.close()


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every password actually checked (the slow part), recorded."""
    checked: list[str] = []
    lock = threading.Lock()

    def slow_check(given: str, settings: Settings) -> bool:
        with lock:
            checked.append(given)
        time.sleep(CHECK_S)
        return password_matches(given, settings)

    monkeypatch.setattr(lockout, "password_matches", slow_check)
    return checked


def states(outcomes: list[lockout.LoginOutcome]) -> dict[str, int]:
    counted: dict[str, int] = {}
    for outcome in outcomes:
        counted[outcome.state] = counted.get(outcome.state, 0) + 1
    return counted


def test_twenty_simultaneous_guesses_from_one_client_get_only_five_checks(stores, checks):
    outcomes = at_once(
        20, lambda n: lockout.attempt_login(stores[n % 2], SETTINGS, "203.0.113.7", f"gok {n}")
    )
    assert len(checks) == 5
    assert states(outcomes) == {"wrong": 5, "locked": 15}
    # The right password is refused too while the lock holds, on either replica.
    for store in stores:
        assert lockout.attempt_login(store, SETTINGS, "203.0.113.7", PASSWORD).state == "locked"
    assert len(checks) == 5


def test_a_lock_on_one_replica_holds_on_the_other(stores):
    first, second = stores
    for n in range(5):
        lockout.attempt_login(first, SETTINGS, "198.51.100.1", f"fout {n}")
    wait = lockout.lock_remaining(second, SETTINGS, "198.51.100.1")
    assert 55 < wait <= 60
    assert lockout.attempt_login(second, SETTINGS, "198.51.100.1", PASSWORD).state == "locked"


def test_one_client_locked_out_does_not_lock_out_another(stores):
    store, _ = stores
    for n in range(5):
        lockout.attempt_login(store, SETTINGS, "198.51.100.1", f"fout {n}")
    assert lockout.attempt_login(store, SETTINGS, "198.51.100.1", PASSWORD).state == "locked"
    assert lockout.lock_remaining(store, SETTINGS, "198.51.100.2") == 0
    for n in range(4):  # the other client's own failures are its own
        assert lockout.attempt_login(store, SETTINGS, "198.51.100.2", f"x{n}").state == "wrong"
    assert lockout.attempt_login(store, SETTINGS, "198.51.100.2", PASSWORD).state == "ok"


def test_a_spread_attack_slows_down_every_client(stores, checks):
    store, _ = stores
    outcomes = at_once(
        20, lambda n: lockout.attempt_login(store, SETTINGS, f"192.0.2.{n}", f"gok {n}")
    )
    # Ten failures in the window are free; then one attempt per two seconds, server-wide.
    assert len(checks) == 11
    assert states(outcomes) == {"wrong": 11, "busy": 9}
    busy = next(o for o in outcomes if o.state == "busy")
    assert 0 < busy.wait_s <= 2


def test_the_slow_down_lets_one_attempt_through_per_slot_and_ends_with_the_window(stores):
    store, _ = stores
    policy, now = ThrottlePolicy(), utcnow()
    for n in range(policy.global_free):
        assert store.reserve_login(f"c:{n}", policy, now).allowed
    assert store.reserve_login("c:staff", policy, now).allowed  # takes the next slot
    assert store.reserve_login("c:other", policy, now).state == "busy"
    later = now + policy.global_spacing
    assert store.reserve_login("c:other", policy, later).allowed
    after_window = now + policy.global_window + timedelta(seconds=1)
    assert store.reserve_login("c:next", policy, after_window).allowed
    assert store.reserve_login("c:next2", policy, after_window).allowed


def test_a_lock_expires_and_a_repeated_lockout_lasts_twice_as_long(stores):
    store, _ = stores
    policy, now, client = ThrottlePolicy(), utcnow(), "c:slow"
    for _ in range(policy.max_failures):
        assert store.reserve_login(client, policy, now).allowed
    first = store.reserve_login(client, policy, now)
    assert first.state == "locked" and first.wait_s == policy.lock.total_seconds()
    now += policy.lock
    for _ in range(policy.max_failures):
        assert store.reserve_login(client, policy, now).allowed
    second = store.reserve_login(client, policy, now)
    assert second.state == "locked" and second.wait_s == 2 * policy.lock.total_seconds()


def test_a_right_password_clears_the_client_and_refunds_the_attempt(stores):
    store, _ = stores
    for n in range(4):
        lockout.attempt_login(store, SETTINGS, "198.51.100.9", f"fout {n}")
    assert lockout.attempt_login(store, SETTINGS, "198.51.100.9", PASSWORD).state == "ok"
    for n in range(4):  # four more wrong ones do not lock: the count started again
        assert lockout.attempt_login(store, SETTINGS, "198.51.100.9", f"nee {n}").state == "wrong"


def test_no_address_is_stored_and_old_clients_are_forgotten(stores):
    store, _ = stores
    lockout.attempt_login(store, SETTINGS, "203.0.113.77", "fout")
    with store.session() as s:
        keys = list(s.scalars(select(LoginThrottleRow.key)))
    assert len(keys) == 2 and not any("203.0.113" in key for key in keys)
    store.reserve_login("c:someone-else", now=utcnow() + timedelta(days=2))
    with store.session() as s:
        keys = set(s.scalars(select(LoginThrottleRow.key)))
    assert keys == {"global", "c:someone-else"}


def test_a_refused_setting_is_never_checked(stores, checks):
    store, _ = stores
    weak = Settings(staff_password="kort")
    assert lockout.attempt_login(store, weak, None, "kort").state == "closed"
    assert checks == []
