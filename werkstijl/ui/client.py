"""The client's IP address as Streamlit sees it, for limits that must survive a reload.

Streamlit gives the address of the connection's other end (`st.context.ip_address`; None when
that is this machine). Behind a reverse proxy that end is the proxy, so the proxy's
X-Forwarded-For header is believed, but only from the proxies in WERKSTIJL_TRUSTED_PROXIES
(default: loopback, i.e. a proxy on the same machine). The list is walked from the right, as
nginx's real_ip_recursive does: the first address that is not a trusted proxy is the client.
Anyone can write an X-Forwarded-For header; only a trusted proxy's last entries count.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Iterable, Sequence

import streamlit as st

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"  # what st.context.ip_address's None stands for on a running server
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def networks(trusted: Iterable[str]) -> list[Network]:
    return [ipaddress.ip_network(entry, strict=False) for entry in trusted]


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip().strip('"')
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:4711"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:4711"
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def resolve(peer: str | None, forwarded_for: Sequence[str], trusted: Iterable[str]) -> str | None:
    """The client's address from the connection's peer (None: loopback) and the
    X-Forwarded-For header values, believing only trusted proxies; None when it cannot be told."""
    nets = networks(trusted)
    chain = [part for value in forwarded_for for part in value.split(",") if part.strip()]
    current = _parse(peer or LOOPBACK)
    if current is None:
        return None
    if chain and not any(current in net for net in nets):
        _warn_untrusted_proxy()
    while chain and any(current in net for net in nets):
        previous = _parse(chain.pop())
        if previous is None:  # a garbled entry: nothing to its left can be believed
            return None
        current = previous
    return str(current)


_warned: list[bool] = []


def _warn_untrusted_proxy() -> None:
    if not _warned:  # once per process: the log should help, not flood
        _warned.append(True)
        log.warning(
            "a request carries X-Forwarded-For from a proxy that is not trusted, so every visitor "
            "behind it counts as one client for the mail limits; if that proxy is yours, add its "
            "address to WERKSTIJL_TRUSTED_PROXIES"
        )


def client_ip(trusted: Iterable[str]) -> str | None:
    """This session's client address (see the module docstring); None outside a session."""
    try:
        peer = st.context.ip_address
        forwarded = st.context.headers.get_all("X-Forwarded-For")
    except Exception:  # no script run context (e.g. a background thread): unknown
        return None
    # Not a string: no real connection (Streamlit's AppTest), i.e. this machine.
    return resolve(peer if isinstance(peer, str) else None, forwarded, trusted)
