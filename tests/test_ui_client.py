"""The client's address for the mail limits: the connection's peer, or what a trusted proxy
forwarded; a header from anyone else is not believed."""

from __future__ import annotations

import logging

import pytest

from werkstijl.settings import Settings
from werkstijl.ui import client
from werkstijl.ui.client import resolve

LOCAL = ["127.0.0.0/8", "::1"]  # the default: a proxy on this machine


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        (None, [], LOCAL, "127.0.0.1"),  # a direct local visit
        ("203.0.113.7", [], LOCAL, "203.0.113.7"),  # a direct visit
        (None, ["203.0.113.7"], LOCAL, "203.0.113.7"),  # behind a local nginx
        (None, ["6.6.6.6, 203.0.113.7"], LOCAL, "203.0.113.7"),  # a forged entry on the left
        ("203.0.113.7", ["6.6.6.6"], LOCAL, "203.0.113.7"),  # forged, not via our proxy
        ("10.0.0.2", ["6.6.6.6, 203.0.113.7, 10.0.0.3"], [*LOCAL, "10.0.0.0/8"], "203.0.113.7"),
        (None, ["203.0.113.7", "10.0.0.3"], [*LOCAL, "10.0.0.0/8"], "203.0.113.7"),  # 2 headers
        (None, ["[2001:db8::1]:443"], LOCAL, "2001:db8::1"),
        (None, ["203.0.113.7:5123"], LOCAL, "203.0.113.7"),
        (None, ["not-an-address"], LOCAL, None),
    ],
)
def test_the_client_is_the_first_untrusted_address_from_the_right(
    peer, forwarded, trusted, expected
):
    assert resolve(peer, forwarded, trusted) == expected


def test_a_header_from_an_untrusted_proxy_is_logged_once(caplog, monkeypatch):
    monkeypatch.setattr(client, "_warned", [])
    caplog.set_level(logging.WARNING)
    for _ in range(3):
        assert resolve("10.0.0.2", ["203.0.113.7"], LOCAL) == "10.0.0.2"
    warnings = [r for r in caplog.records if "WERKSTIJL_TRUSTED_PROXIES" in r.getMessage()]
    assert len(warnings) == 1


def test_trusted_proxies_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("WERKSTIJL_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.1")
    assert Settings().trusted_proxies == ["10.0.0.0/8", "192.0.2.1"]
    assert Settings(trusted_proxies=[]).trusted_proxies == []
    monkeypatch.setenv("WERKSTIJL_TRUSTED_PROXIES", "nginx")
    with pytest.raises(ValueError, match="not an IP address or network"):
        Settings()
