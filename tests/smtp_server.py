"""A real SMTP server on loopback (aiosmtpd) for delivery tests: collects what it receives, can
refuse chosen recipients, and can be stopped and restarted on the same port (an outage)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.server.reject:
            return f"550 5.1.1 <{address}>: Recipient address rejected"
        if address in self.server.tempfail:
            return f"451 4.3.0 <{address}>: try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        msg = message_from_bytes(
            envelope.original_content or envelope.content, policy=policy.default
        )
        with self.server.lock:
            self.server.received.append((list(envelope.rcpt_tos), msg))
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.received: list[tuple[list[str], EmailMessage]] = []
        self.reject: set[str] = set()
        self.tempfail: set[str] = set()
        self.lock = threading.Lock()
        self._controller: Controller | None = None

    @property
    def messages(self) -> list[EmailMessage]:
        with self.lock:
            return [msg for _, msg in self.received]

    def start(self) -> None:
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def settings(self, **overrides: object):
        """Settings pointing at this server: plain SMTP on loopback, short timeout."""
        from werkstijl.settings import Settings

        values: dict[str, object] = {
            "smtp_host": "127.0.0.1",
            "smtp_port": self.port,
            "smtp_starttls": False,
            "smtp_ssl": False,
            "smtp_timeout": 5.0,
            "mail_from": "Werkstijltest <noreply@werkstijl.example>",
            "public_url": "https://werkstijl.example",
        }
        values.update(overrides)
        return Settings(**values)


@contextmanager
def running_server() -> Iterator[SmtpServer]:
    """A started server, stopped afterwards; wrap it in a fixture in each test module."""
    server = SmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
