"""Staff password checks: a PBKDF2 hash (preferred) or a plain password, compared in constant time.

Make a hash with `python -m werkstijl hash-password` and set WERKSTIJL_STAFF_PASSWORD_HASH.
A weak setting (a password shorter than MIN_LENGTH, a hash with fewer than MIN_ITERATIONS) is
refused: the staff pages stay closed and say how to make a good one (`setting_problem`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Literal

from werkstijl.settings import Settings

SCHEME = "pbkdf2_sha256"
ITERATIONS = 600_000  # OWASP's 2023 advice for PBKDF2-HMAC-SHA256
MIN_ITERATIONS = ITERATIONS  # anything below is refused: a leaked hash would be cheap to crack
MIN_LENGTH = 12  # characters; four plain words easily pass, a dictionary word does not


class HashFormatError(ValueError):
    """WERKSTIJL_STAFF_PASSWORD_HASH is not 'pbkdf2_sha256$iterations$salt_hex$hash_hex'."""


@dataclass(frozen=True)
class SettingProblem:
    """Why the configured staff password cannot be used; `code` names a staff UI string."""

    code: Literal["bad_hash", "weak_hash", "short_password"]
    values: dict[str, int]


def make_password_hash(
    password: str, *, iterations: int = ITERATIONS, salt: bytes | None = None
) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def parse_hash(stored: str) -> tuple[int, bytes, bytes]:
    try:
        scheme, iterations, salt, digest = stored.strip().split("$")
        if scheme != SCHEME or int(iterations) < 1:
            raise ValueError
        return int(iterations), bytes.fromhex(salt), bytes.fromhex(digest)
    except ValueError:
        raise HashFormatError(stored[:20]) from None


def password_too_short(password: str) -> bool:
    return len(password.strip()) < MIN_LENGTH


def setting_problem(settings: Settings) -> SettingProblem | None:
    """What is wrong with the configured password or hash (None when it is good or unset)."""
    if settings.staff_password_hash:
        try:
            iterations, _salt, _digest = parse_hash(settings.staff_password_hash)
        except HashFormatError:
            return SettingProblem("bad_hash", {})
        if iterations < MIN_ITERATIONS:
            return SettingProblem(
                "weak_hash", {"iterations": iterations, "minimum": MIN_ITERATIONS}
            )
        return None
    if settings.staff_password and password_too_short(settings.staff_password):
        return SettingProblem("short_password", {"minimum": MIN_LENGTH})
    return None


def password_matches(given: str, settings: Settings) -> bool:
    """Constant-time check against the hash (preferred) or the plain password; never True for
    a setting that `setting_problem` refuses."""
    if setting_problem(settings) is not None:
        return False
    if settings.staff_password_hash:
        iterations, salt, expected = parse_hash(settings.staff_password_hash)
        actual = hashlib.pbkdf2_hmac("sha256", given.encode("utf-8"), salt, iterations)
        return hmac.compare_digest(actual, expected)
    if settings.staff_password:
        # Hash both sides first so the comparison time does not depend on the lengths either.
        given_digest = hashlib.sha256(given.encode("utf-8")).digest()
        expected = hashlib.sha256(settings.staff_password.encode("utf-8")).digest()
        return hmac.compare_digest(given_digest, expected)
    return False
