"""Staff password checks: a PBKDF2 hash (preferred) or a plain password, compared in constant time.

Make a hash with `python -m werkstijl hash-password` and set WERKSTIJL_STAFF_PASSWORD_HASH.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from werkstijl.settings import Settings

SCHEME = "pbkdf2_sha256"
ITERATIONS = 600_000  # OWASP's 2023 advice for PBKDF2-HMAC-SHA256


class HashFormatError(ValueError):
    """WERKSTIJL_STAFF_PASSWORD_HASH is not 'pbkdf2_sha256$iterations$salt_hex$hash_hex'."""


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


def password_matches(given: str, settings: Settings) -> bool:
    """Constant-time check against the hash (preferred) or the plain password."""
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
