"""Staff password settings: weak ones are refused (and never checked), good ones work."""

from __future__ import annotations

import pytest

from werkstijl.passwords import (
    MIN_ITERATIONS,
    make_password_hash,
    password_matches,
    setting_problem,
)
from werkstijl.settings import Settings
from werkstijl.ui.client import address_from

GOOD = "vier losse woorden hier"


@pytest.fixture(scope="module")
def good_hash() -> str:
    return make_password_hash(GOOD)


def test_a_short_plain_password_is_refused_even_when_typed_right() -> None:
    settings = Settings(staff_password="a")
    problem = setting_problem(settings)
    assert problem is not None and problem.code == "short_password"
    assert problem.values == {"minimum": 12}
    assert not password_matches("a", settings)
    assert setting_problem(Settings(staff_password="elf tekens!")) is not None  # 11
    assert setting_problem(Settings(staff_password="twaalf teken")) is None  # 12


def test_a_hash_with_too_few_rounds_is_refused_even_when_typed_right() -> None:
    settings = Settings(staff_password_hash=make_password_hash(GOOD, iterations=1))
    problem = setting_problem(settings)
    assert problem is not None and problem.code == "weak_hash"
    assert problem.values == {"iterations": 1, "minimum": MIN_ITERATIONS}
    assert not password_matches(GOOD, settings)


def test_a_malformed_hash_is_refused() -> None:
    problem = setting_problem(Settings(staff_password_hash="pbkdf2_sha256$abc"))
    assert problem is not None and problem.code == "bad_hash"


def test_a_good_hash_opens_with_its_password_only(good_hash: str) -> None:
    settings = Settings(staff_password_hash=good_hash, staff_password="kort")
    assert setting_problem(settings) is None  # the hash is used; the plain one is ignored
    assert password_matches(GOOD, settings)
    assert not password_matches(GOOD + " ", settings)


@pytest.mark.parametrize(
    ("peer", "forwarded", "proxies", "expected"),
    [
        ("203.0.113.5", ["198.51.100.1"], 0, "203.0.113.5"),  # no proxy trusted: the peer
        (None, ["198.51.100.1"], 1, "198.51.100.1"),  # one proxy appended the client
        (None, ["6.6.6.6, 198.51.100.1"], 1, "198.51.100.1"),  # a forged entry is skipped
        (None, ["6.6.6.6, 198.51.100.1, 10.0.0.2"], 2, "198.51.100.1"),  # CDN + nginx
        (None, ["6.6.6.6", "198.51.100.1"], 1, "198.51.100.1"),  # repeated header lines
        ("203.0.113.5", [], 1, "203.0.113.5"),  # the proxy sent no header: the peer
    ],
)
def test_the_client_address_trusts_only_the_configured_proxies(
    peer, forwarded, proxies, expected
) -> None:
    assert address_from(peer, forwarded, proxies) == expected
