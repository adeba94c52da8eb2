"""The HTTP side of the app: who may show it inside a frame (embedding on a blog).

`quiz_app.py` serves Streamlit as an `st.App` with `FramingHeaders` in front, so every response
says which sites may frame it: `Content-Security-Policy: frame-ancestors 'self' <origins>` with
the origins from WERKSTIJL_EMBED_ORIGINS. Unset, only the app itself may (and `X-Frame-Options:
SAMEORIGIN` tells older browsers the same), so no other site can put the quiz or the staff pages
in a frame to trick someone into clicking.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_ORIGIN = re.compile(r"https?://(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9-]+)*(:\d{1,5})?")
_SEPARATORS = re.compile(r"[\s,]+")


def parse_origins(value: str) -> tuple[list[str], list[str]]:
    """(usable origins, values that are not an origin) from a space- or comma-separated list.

    An origin is `https://host`, optionally with a port or a `*.` wildcard for subdomains
    (`https://*.example.nl`); a path, a trailing slash or a bare host is not one. `*` allows any
    site (documented as unsafe, but a deliberate choice).
    """
    good, bad = [], []
    for item in _SEPARATORS.split(value.strip()):
        if not item:
            continue
        origin = item.lower().removesuffix("/") if item.count("/") == 3 else item.lower()
        if origin == "*" or _ORIGIN.fullmatch(origin):
            good.append(origin)
        else:
            bad.append(item)
    return good, bad


def framing_headers(origins: list[str]) -> list[tuple[bytes, bytes]]:
    """The response headers that allow framing by the app itself and `origins` only."""
    policy = " ".join(["frame-ancestors 'self'", *origins])
    headers = [(b"content-security-policy", policy.encode("ascii"))]
    if not origins:  # browsers without CSP level 2 understand this one
        headers.append((b"x-frame-options", b"SAMEORIGIN"))
    return headers


def configured_headers() -> list[tuple[bytes, bytes]]:
    """The framing headers for WERKSTIJL_EMBED_ORIGINS (from the environment or secrets)."""
    from werkstijl.settings import get_settings, secrets_to_env

    secrets_to_env()
    get_settings.cache_clear()
    origins, bad = parse_origins(get_settings().embed_origins)
    if bad:
        log.error(
            "WERKSTIJL_EMBED_ORIGINS: ignored %s (write each as https://host, e.g. "
            "https://blog.example.nl or https://*.example.nl)",
            ", ".join(bad),
        )
    return framing_headers(origins)


class FramingHeaders:
    """ASGI middleware adding the framing headers to every HTTP response."""

    def __init__(
        self, app: ASGIApp, headers: Callable[[], list[tuple[bytes, bytes]]] = configured_headers
    ) -> None:
        self.app = app
        self._make_headers = headers
        self._headers: list[tuple[bytes, bytes]] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._headers is None:  # read once, on the first request (settings and secrets)
            self._headers = self._make_headers()
        extra = self._headers

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in extra}
                kept = [(n, v) for n, v in message.get("headers", []) if n.lower() not in names]
                message["headers"] = kept + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)
