"""Staff login throttling in the database: per-client lockout plus a global slow-down.

An attempt is counted *before* the slow password check: `reserve_login` takes a ticket in one
transaction (the global row is locked first, then the client's row), counting the attempt as a
failure; `login_succeeded` refunds it. So 20 simultaneous guesses cannot all be checked, a
process killed during the check still counts, and every replica on the same database sees the
same counts. On SQLite the transaction's first statement is a write, which takes the database's
write lock at once (no read-then-upgrade race); on PostgreSQL the rows are locked FOR UPDATE.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from .db import Database
from .models import LoginThrottleRow, utcnow

GLOBAL_KEY = "global"
FORGET_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures: int = 5  # per client within `window`, then locked
    window: timedelta = timedelta(minutes=15)
    lock: timedelta = timedelta(minutes=1)  # doubled for each further lockout in a row ...
    max_lock: timedelta = timedelta(hours=1)  # ... up to this
    global_free: int = 10  # failures of all clients within `global_window` before slowing down
    global_window: timedelta = timedelta(minutes=10)
    global_spacing: timedelta = timedelta(seconds=2)  # then one attempt per this, server-wide


@dataclass(frozen=True)
class LoginGate:
    """The outcome of asking to check a password: allowed (a ticket), or refused and for how long."""

    state: Literal["allowed", "locked", "busy"]
    wait_s: float = 0.0

    @property
    def allowed(self) -> bool:
        return self.state == "allowed"


def _insert_ignore(s: Session, key: str, now: datetime) -> None:
    values = {"key": key, "failures": 0, "lockouts": 0, "window_start": now, "updated_at": now}
    insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    s.execute(insert(LoginThrottleRow).values(**values).on_conflict_do_nothing())


def _row(s: Session, key: str, now: datetime) -> LoginThrottleRow:
    """The row for `key`, created if missing and locked for the rest of the transaction."""
    _insert_ignore(s, key, now)
    query = select(LoginThrottleRow).where(LoginThrottleRow.key == key).with_for_update()
    return s.scalars(query.execution_options(populate_existing=True)).one()


def _seconds(until: datetime, now: datetime) -> float:
    return max(0.0, (until - now).total_seconds())


def _lock_length(policy: ThrottlePolicy, lockouts: int) -> timedelta:
    return min(policy.lock * (2 ** min(lockouts, 16)), policy.max_lock)


class ThrottleStore(Database):
    def reserve_login(
        self, client: str, policy: ThrottlePolicy = ThrottlePolicy(), now: datetime | None = None
    ) -> LoginGate:
        """Counts one login attempt of `client` before its password is checked, or refuses it."""
        with self.session() as s:
            glob = _row(s, GLOBAL_KEY, now or utcnow())  # always first: one lock order
            now = now or utcnow()  # read while holding the lock: attempts are timed in order
            row = _row(s, client, now)
            if row.locked_until is not None and row.locked_until > now:
                return LoginGate("locked", _seconds(row.locked_until, now))
            if row.locked_until is not None or row.window_start < now - policy.window:
                row.failures, row.locked_until, row.window_start = 0, None, now  # a fresh window
            if row.updated_at < now - FORGET_AFTER:
                row.lockouts = 0
            if glob.window_start < now - policy.global_window:
                glob.failures, glob.window_start = 0, now
            if glob.failures >= policy.global_free:
                if glob.locked_until is not None and glob.locked_until > now:
                    return LoginGate("busy", _seconds(glob.locked_until, now))
                glob.locked_until = now + policy.global_spacing
            glob.failures += 1
            glob.updated_at = now
            row.failures += 1
            row.updated_at = now
            if row.failures >= policy.max_failures:
                row.locked_until = now + _lock_length(policy, row.lockouts)
                row.lockouts += 1
            s.execute(
                delete(LoginThrottleRow).where(
                    LoginThrottleRow.key != GLOBAL_KEY,
                    LoginThrottleRow.updated_at < now - FORGET_AFTER,
                )
            )
            return LoginGate("allowed")

    def login_succeeded(self, client: str, now: datetime | None = None) -> None:
        """Refunds the attempt `reserve_login` counted, and clears the client's lock."""
        now = now or utcnow()
        with self.session() as s:
            glob = _row(s, GLOBAL_KEY, now)
            glob.failures = max(0, glob.failures - 1)
            row = _row(s, client, now)
            row.failures, row.locked_until, row.lockouts, row.updated_at = 0, None, 0, now

    def login_lock(self, client: str, now: datetime | None = None) -> LoginGate:
        """Whether `client` may try now, without counting anything (for showing the lock)."""
        now = now or utcnow()
        with self.session() as s:
            rows = {
                r.key: r
                for r in s.scalars(
                    select(LoginThrottleRow).where(LoginThrottleRow.key.in_([client, GLOBAL_KEY]))
                )
            }
        row = rows.get(client)
        if row is not None and row.locked_until is not None and row.locked_until > now:
            return LoginGate("locked", _seconds(row.locked_until, now))
        return LoginGate("allowed")
