"""Staff login: the password check behind a lockout per client and a global slow-down.

The counting happens in the database (werkstijl/storage/throttle.py), before the slow hash, so
simultaneous guesses cannot all be checked and every replica enforces the same lock. Streamlit
pages call `attempt_login`; werkstijl/ui/staff/auth.py is only its shell.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Literal

from werkstijl.passwords import password_matches, setting_problem
from werkstijl.settings import Settings
from werkstijl.storage import Store, ThrottlePolicy

POLICY = ThrottlePolicy()


@dataclass(frozen=True)
class LoginOutcome:
    state: Literal["ok", "wrong", "locked", "busy", "closed"]
    wait_s: float = 0.0  # how long the client must wait before the next attempt


def client_key(address: str | None, settings: Settings) -> str:
    """A keyed hash of the client's address, so the database never holds an IP address.

    The key is the configured password setting, which every replica shares; a changed password
    simply starts every client afresh.
    """
    secret = (settings.staff_password_hash or settings.staff_password or "").encode("utf-8")
    message = (address or "local").encode("utf-8")
    return "c:" + hmac.new(secret, message, hashlib.sha256).hexdigest()[:40]


def attempt_login(
    store: Store,
    settings: Settings,
    address: str | None,
    given: str,
    policy: ThrottlePolicy = POLICY,
) -> LoginOutcome:
    """One login attempt from the client at `address`: counted first, then checked."""
    if not settings.staff_open or setting_problem(settings) is not None:
        return LoginOutcome("closed")
    key = client_key(address, settings)
    gate = store.reserve_login(key, policy)
    if not gate.allowed:
        return LoginOutcome(gate.state, gate.wait_s)
    if password_matches(given, settings):
        store.login_succeeded(key)
        return LoginOutcome("ok")
    return LoginOutcome("wrong", store.login_lock(key).wait_s)


def lock_remaining(store: Store, settings: Settings, address: str | None) -> float:
    """Seconds the client at `address` must still wait (0 when it may try)."""
    return store.login_lock(client_key(address, settings)).wait_s
