"""The client's address as the app can know it: the connection's peer, or, behind trusted
reverse proxies (WERKSTIJL_TRUSTED_PROXIES), the address the outermost of them saw.

Used for limits per client (the staff lockout); never stored in plain text.
"""

from __future__ import annotations

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
