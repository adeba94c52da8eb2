"""The client the mail limits count: the connection's peer, or what trusted proxies forwarded; a
visit from this machine is one client; a proxy nobody told us about makes it count per session
(the staff lockout's own rules are tested in test_passwords.py)."""

from __future__ import annotations

import logging

import pytest

from werkstijl.ui import client
from werkstijl.ui.client import LOCAL, mail_client_from


@pytest.mark.parametrize(
    ("peer", "forwarded", "proxies", "expected"),
    [
        (None, [], 0, LOCAL),  # a visit from this machine, or AppTest
        ("93.184.216.34", [], 0, "93.184.216.34"),  # a direct visit
        ("93.184.216.34", ["6.6.6.6"], 0, "93.184.216.34"),  # a forged header: ignored
        (None, ["6.6.6.6, 203.0.113.7"], 1, "203.0.113.7"),  # behind one trusted proxy
        ("10.0.0.2", ["203.0.113.7", "10.0.0.3"], 2, "203.0.113.7"),  # two proxies, two lines
        (None, ["203.0.113.7"], 0, None),  # a local proxy nobody told us about: per session
        ("10.0.0.2", ["203.0.113.7"], 0, None),  # the same, on the private network
    ],
)
def test_the_client_of_the_mail_limits(peer, forwarded, proxies, expected):
    assert mail_client_from(peer, forwarded, proxies) == expected


def test_an_untrusted_proxy_is_logged_once(caplog, monkeypatch):
    monkeypatch.setattr(client, "_warned", [])
    caplog.set_level(logging.WARNING)
    for _ in range(3):
        assert mail_client_from(None, ["203.0.113.7"], 0) is None
    warnings = [r for r in caplog.records if "WERKSTIJL_TRUSTED_PROXIES" in r.getMessage()]
    assert len(warnings) == 1
