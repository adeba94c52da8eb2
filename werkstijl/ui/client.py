"""The client's address as the app can know it: the connection's peer, or, behind trusted
reverse proxies (WERKSTIJL_TRUSTED_PROXIES), the address the outermost of them saw.

Used for limits per client (the staff lockout, the mail form); never stored in plain text.
"""

from __future__ import annotations

import ipaddress
import logging

import streamlit as st

from werkstijl.settings import Settings

log = logging.getLogger(__name__)


def address_from(peer: str | None, forwarded_for: list[str], trusted_proxies: int) -> str | None:
    """The client address given the peer and the X-Forwarded-For header line(s).

    Each trusted proxy appends the address it received the request from, so the client is the
    entry `trusted_proxies` places from the right; anything further left was written by the
    client itself and may be forged.
    """
    if trusted_proxies <= 0:
        return peer
    hops = [hop.strip() for line in forwarded_for for hop in line.split(",") if hop.strip()]
    if not hops:
        return peer
    return hops[-trusted_proxies] if len(hops) >= trusted_proxies else hops[0]


def client_address(settings: Settings) -> str | None:
    """This session's client address; None on loopback without a proxy (local use, tests)."""
    try:
        peer = st.context.ip_address
        forwarded = (
            st.context.headers.get_all("X-Forwarded-For") if settings.trusted_proxies else []
        )
    except Exception:  # no browser context (bare mode, tests): one shared "local" client
        log.debug("no client address available", exc_info=True)
        return None
    peer = peer if isinstance(peer, str) else None  # AppTest has no real connection
    forwarded = [line for line in forwarded if isinstance(line, str)]
    return address_from(peer, forwarded, settings.trusted_proxies)


# The mail form's per-client limit (werkstijl/delivery/limits.py) asks one thing more: a visit
# from this machine is one client ("local"), and a request that came through a proxy nobody told
# us about counts per browser session (else every visitor would be that proxy, and one limit
# would hold for all of them), with a warning in the log.

LOCAL = "127.0.0.1"  # the client of a visit from this machine (local use, tests)


def mail_client_from(
    peer: str | None, forwarded_for: list[str], trusted_proxies: int
) -> str | None:
    """The address the mail limits count (see above); None when it cannot be told."""
    hops = [hop for line in forwarded_for for hop in line.split(",") if hop.strip()]
    if not trusted_proxies and hops and _internal(peer):
        _warn_untrusted_proxy()
        return None
    return address_from(peer, forwarded_for, trusted_proxies) or LOCAL


def mail_client(settings: Settings) -> str | None:
    """This session's client for the mail limits (see `mail_client_from`)."""
    try:
        peer = st.context.ip_address
        forwarded = st.context.headers.get_all("X-Forwarded-For")
    except Exception:  # no browser context: this machine
        return LOCAL
    peer = peer if isinstance(peer, str) else None  # AppTest has no real connection
    forwarded = [line for line in forwarded if isinstance(line, str)]
    return mail_client_from(peer, forwarded, settings.trusted_proxies)


def _internal(peer: str | None) -> bool:
    """Loopback (None) or a private address: where a reverse proxy connects from. A client on
    the internet that writes X-Forwarded-For itself is simply counted by its own address."""
    if peer is None:
        return True
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    return address.is_loopback or address.is_private


_warned: list[bool] = []


def _warn_untrusted_proxy() -> None:
    if not _warned:  # once per process: the log should help, not flood
        _warned.append(True)
        log.warning(
            "requests come through a reverse proxy (X-Forwarded-For) but "
            "WERKSTIJL_TRUSTED_PROXIES is 0: the mail limits count per browser session until it "
            "is set to the number of proxies in front of the app"
        )
