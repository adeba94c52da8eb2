"""Keeping addresses out of logs and stored error texts."""

from __future__ import annotations

import re

_ADDRESS_RE = re.compile(r"[^\s<>()\[\],;:\"']+@[^\s<>()\[\],;:\"']+")


def mask_email(address: str) -> str:
    """'jan.jansen@example.com' -> 'j***@e***.com': enough to recognise, not to contact."""
    local, _, domain = (address or "").strip().rpartition("@")
    if not local:
        return "***"
    host, dot, tld = domain.rpartition(".")
    masked_domain = f"{host[:1]}***{dot}{tld}" if host else f"{domain[:1]}***"
    return f"{local[:1]}***@{masked_domain}"


def scrub_addresses(text: str) -> str:
    """Masks every address in a text, e.g. an SMTP reply that echoes the recipient."""
    return _ADDRESS_RE.sub(lambda m: mask_email(m.group(0)), text)
