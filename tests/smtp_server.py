"""A real SMTP server on loopback (aiosmtpd) for delivery tests: collects what it receives, can
refuse chosen recipients or senders, can be stopped and restarted on the same port (an outage),
and can behave like the servers that trip senders up:

- `SmtpServer(starttls=True)` offers STARTTLS with a self-signed certificate for 127.0.0.1;
  clients trust it through SSL_CERT_FILE (in `env()`, or set it in a test);
- `SmtpServer(login=("user", "secret"))` offers AUTH (also on a plain line, as careless servers
  do) and accepts only that user;
- `server.reply_delay = 3` stores a message, then answers DATA only after that many seconds (a
  client with a shorter timeout cannot know the message arrived).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost: (cert.pem, key.pem)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    names = [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address in self.server.reject_senders:
            return f"553 5.7.1 <{address}>: Sender address rejected"
        with self.server.lock:
            self.server.senders.append(address)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

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
            self.server.tls_used.append(session.ssl is not None)
        if self.server.reply_delay:  # stored, but the "250" comes late
            await asyncio.sleep(self.server.reply_delay)
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(
        self,
        *,
        starttls: bool = False,
        login: tuple[str, str] | None = None,
        cert_dir: Path | None = None,
    ) -> None:
        self.port = free_port()
        self.received: list[tuple[list[str], EmailMessage]] = []
        self.senders: list[str] = []  # MAIL FROM addresses, also of a check that sent nothing
        self.tls_used: list[bool] = []  # per received message: was the line encrypted
        self.reject: set[str] = set()
        self.tempfail: set[str] = set()
        self.reject_senders: set[str] = set()
        self.reply_delay = 0.0
        self.lock = threading.Lock()
        self.login = login
        self.cert: Path | None = None
        self._tls_context: ssl.SSLContext | None = None
        if starttls:
            self.cert, key = make_certificate(cert_dir or _temp_dir())
            self._tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            self._tls_context.load_cert_chain(self.cert, key)
        self._controller: Controller | None = None

    @property
    def messages(self) -> list[EmailMessage]:
        with self.lock:
            return [msg for _, msg in self.received]

    def _authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and self.login is not None
            and (auth_data.login.decode(), auth_data.password.decode()) == self.login
        )
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd replies 535

    def start(self) -> None:
        kwargs: dict[str, object] = {}
        if self._tls_context is not None:
            kwargs["tls_context"] = self._tls_context
        if self.login is not None:
            kwargs |= {"authenticator": self._authenticate, "auth_require_tls": False}
        self._controller = Controller(
            _Handler(self), hostname="127.0.0.1", port=self.port, **kwargs
        )
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
            "smtp_starttls": "false",
            "smtp_ssl": False,
            "smtp_timeout": 5.0,
            "mail_from": "Werkstijltest <noreply@werkstijl.example>",
            "public_url": "https://werkstijl.example",
        }
        values.update(overrides)
        return Settings(**values)

    def env(self, **overrides: str) -> dict[str, str]:
        """The same as WERKSTIJL_* environment variables, for the app and the CLI."""
        values = {
            "WERKSTIJL_SMTP_HOST": "127.0.0.1",
            "WERKSTIJL_SMTP_PORT": str(self.port),
            "WERKSTIJL_SMTP_STARTTLS": "false",
            "WERKSTIJL_SMTP_TIMEOUT": "5",
            "WERKSTIJL_MAIL_FROM": "Werkstijltest <noreply@werkstijl.example>",
        }
        if self.cert is not None:
            values["SSL_CERT_FILE"] = str(self.cert)
        values.update(overrides)
        return values


def _temp_dir() -> Path:
    import tempfile

    return Path(tempfile.mkdtemp(prefix="werkstijl-smtp-"))


@contextmanager
def running_server(**options: object) -> Iterator[SmtpServer]:
    """A started server, stopped afterwards; wrap it in a fixture in each test module."""
    server = SmtpServer(**options)  # type: ignore[arg-type]
    server.start()
    try:
        yield server
    finally:
        server.stop()
