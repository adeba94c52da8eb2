"""Sending one message over SMTP, and telling what a failure means for the mail.

Four kinds of failure, each handled differently by the outbox:
- temporary: unreachable, timed out before the message went out, 4xx: try again later;
- permanent: the server refuses this recipient or this message with 5xx: give up on it;
- setup: the configuration cannot work (no TLS where it is required, login refused, sender
  refused): not this mail's fault, so it waits without using up its attempts until the set-up is
  fixed (`python -m werkstijl mail-check` and the staff outbox say what is wrong);
- unknown: the whole message went out but no reply came: the server may have accepted it, so it
  must not be sent again straight away.

Security (`WERKSTIJL_SMTP_STARTTLS`): `auto` upgrades with STARTTLS when the server offers it and
refuses to log in over a plain line; `true` requires STARTTLS; `false` never uses it; `_SSL`
means implicit TLS (port 465). Certificates are always verified.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from email.message import EmailMessage
from email.utils import parseaddr
from enum import StrEnum
from typing import Protocol

from .privacy import scrub_addresses
from .reasons import english


class SmtpSettings(Protocol):
    smtp_host: str | None
    smtp_port: int
    smtp_user: str | None
    smtp_password: str | None
    smtp_starttls: str  # "auto" | "true" | "false" (werkstijl.settings.StartTls)
    smtp_ssl: bool
    smtp_timeout: float


class Problem(StrEnum):
    """Why mail cannot be delivered with this configuration; words in content/wording.py."""

    not_configured = "not_configured"
    bad_sender = "bad_sender"  # WERKSTIJL_MAIL_FROM is not an address
    unreachable = "unreachable"
    timeout = "timeout"
    tls_missing = "tls_missing"  # STARTTLS required (true) but the server does not offer it
    plain_login = "plain_login"  # auto, a user is set, but the server offers no STARTTLS
    tls_failed = "tls_failed"  # the TLS handshake failed (certificate, protocol)
    auth_missing = "auth_missing"  # a user is set but the server offers no login
    login_refused = "login_refused"
    sender_refused = "sender_refused"
    server_refused = "server_refused"  # e.g. 554 at the greeting


class SendError(Exception):
    """A failed send. `temporary`: trying again later may work. `setup`: the configuration is
    wrong (see `problem`), not the mail. `unknown`: the server may have accepted the message."""

    def __init__(
        self,
        reason: str,
        *,
        temporary: bool,
        problem: Problem | None = None,
        unknown: bool = False,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.temporary = temporary
        self.problem = problem
        self.unknown = unknown

    @property
    def setup(self) -> bool:
        return self.problem is not None and self.problem not in (
            Problem.unreachable,
            Problem.timeout,
        )


class MailNotConfigured(RuntimeError):
    """No SMTP host is set: nothing is sent (and nothing pretends to be)."""


class _Tracking:
    """Remembers when the whole message (ending in CRLF.CRLF) has gone out in DATA: from then on
    a missing reply means the outcome is unknown, not that the mail failed."""

    body_sent = False

    def send(self, s: str | bytes) -> None:
        super().send(s)  # type: ignore[misc]
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
            self.body_sent = True


class _Plain(_Tracking, smtplib.SMTP):
    pass


class _Ssl(_Tracking, smtplib.SMTP_SSL):
    pass


def _reply(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return scrub_addresses(f"{code} {text}".strip())


def _where(settings: SmtpSettings) -> str:
    return f"{settings.smtp_host}:{settings.smtp_port}"


def _fail(problem: Problem, reason: str, *, temporary: bool = True) -> SendError:
    return SendError(scrub_addresses(reason), temporary=temporary, problem=problem)


def _open(settings: SmtpSettings) -> smtplib.SMTP:
    host, port, timeout = settings.smtp_host or "", settings.smtp_port, settings.smtp_timeout
    try:
        if settings.smtp_ssl:
            return _Ssl(host, port, timeout=timeout, context=ssl.create_default_context())
        return _Plain(host, port, timeout=timeout)
    except ssl.SSLError as exc:
        raise _fail(
            Problem.tls_failed, english("reason.tls_failed", where=_where(settings), detail=exc)
        ) from exc
    except TimeoutError as exc:
        raise _fail(Problem.timeout, english("reason.timeout", where=_where(settings))) from exc
    except smtplib.SMTPConnectError as exc:
        reply = _reply(exc.smtp_code, exc.smtp_error)
        raise _fail(
            Problem.server_refused,
            english("reason.refused_us", where=_where(settings), detail=reply),
        ) from exc
    except (OSError, smtplib.SMTPException) as exc:
        name = type(exc).__name__
        raise _fail(
            Problem.unreachable,
            english("reason.unreachable", where=_where(settings), detail=f"{name}: {exc}"),
        ) from exc


def _greet(client: smtplib.SMTP, settings: SmtpSettings) -> None:
    try:
        client.ehlo_or_helo_if_needed()
    except smtplib.SMTPResponseException as exc:
        reply = _reply(exc.smtp_code, exc.smtp_error)
        raise _fail(
            Problem.server_refused,
            english("reason.refused_us", where=_where(settings), detail=reply),
        ) from exc


def _secure(client: smtplib.SMTP, settings: SmtpSettings) -> str:
    """STARTTLS as WERKSTIJL_SMTP_STARTTLS says (see the module docstring); returns the
    protection the line now has: 'ssl', 'starttls' or 'plain'."""
    mode = str(settings.smtp_starttls)
    if settings.smtp_ssl:
        return "ssl"
    if mode == "false":
        return "plain"
    client.ehlo_or_helo_if_needed()
    if not client.has_extn("starttls"):
        if mode == "true":
            raise _fail(Problem.tls_missing, english("reason.no_starttls", where=_where(settings)))
        if settings.smtp_user:
            raise _fail(Problem.plain_login, english("reason.plain_login", where=_where(settings)))
        return "plain"  # auto, no login: a plain relay (e.g. on the same machine)
    try:
        client.starttls(context=ssl.create_default_context())
        client.ehlo()
    except (ssl.SSLError, ssl.CertificateError, smtplib.SMTPResponseException) as exc:
        raise _fail(
            Problem.tls_failed,
            english("reason.starttls_failed", where=_where(settings), detail=exc),
        ) from exc
    return "starttls"


def _login(client: smtplib.SMTP, settings: SmtpSettings) -> None:
    if not settings.smtp_user:
        return
    try:
        client.login(settings.smtp_user, settings.smtp_password or "")
    except smtplib.SMTPNotSupportedError as exc:
        raise _fail(
            Problem.auth_missing, english("reason.no_auth", where=_where(settings))
        ) from exc
    except smtplib.SMTPAuthenticationError as exc:
        reply = _reply(exc.smtp_code, exc.smtp_error)
        raise _fail(Problem.login_refused, english("reason.login_refused", detail=reply)) from exc
    except smtplib.SMTPException as exc:  # e.g. no mechanism in common
        raise _fail(Problem.login_refused, english("reason.login_failed", detail=exc)) from exc


@contextmanager
def _session(settings: SmtpSettings) -> Iterator[tuple[smtplib.SMTP, str]]:
    """A connected, secured and logged-in client and its protection (see `_secure`); closed
    afterwards (errors at QUIT are ignored: what happened before it is what counts)."""
    if not settings.smtp_host:
        raise MailNotConfigured("no SMTP host configured (WERKSTIJL_SMTP_HOST)")
    client = _open(settings)
    try:
        try:
            _greet(client, settings)
            security = _secure(client, settings)
            _login(client, settings)
        except SendError:
            raise
        except (OSError, smtplib.SMTPException) as exc:  # e.g. the line dropped meanwhile
            raise classify(exc) from exc
        yield client, security
        with suppress(OSError, smtplib.SMTPException):
            client.quit()
    finally:
        client.close()


def classify(exc: BaseException, *, body_sent: bool = False) -> SendError:
    """Maps an smtplib/socket exception while sending to a SendError free of addresses."""
    if isinstance(exc, SendError):
        return exc
    if body_sent and isinstance(exc, OSError | smtplib.SMTPServerDisconnected):
        return SendError(english("reason.no_reply"), temporary=True, unknown=True)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        replies = [_reply(code, text) for code, text in exc.recipients.values()]
        permanent = all(code >= 500 for code, _ in exc.recipients.values())
        refused = english("reason.recipient_refused", detail="; ".join(replies))
        return SendError(refused, temporary=not permanent)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        reply = _reply(exc.smtp_code, exc.smtp_error)
        if exc.smtp_code >= 500:
            return _fail(Problem.sender_refused, english("reason.sender_refused", detail=reply))
        return SendError(english("reason.sender_busy", detail=reply), temporary=True)
    if isinstance(exc, smtplib.SMTPResponseException):
        reply = _reply(exc.smtp_code, exc.smtp_error)
        refused = english("reason.server_refused", detail=reply)
        return SendError(refused, temporary=not 500 <= exc.smtp_code < 600)
    if isinstance(exc, smtplib.SMTPNotSupportedError):  # e.g. SMTPUTF8 needed and not offered
        return SendError(english("reason.feature", detail=exc), temporary=False)
    if isinstance(exc, TimeoutError):
        return SendError(english("reason.timed_out"), temporary=True)
    if isinstance(exc, OSError | smtplib.SMTPException):
        # Refused/reset connections, DNS failures, TLS errors, dropped lines.
        name = type(exc).__name__
        return SendError(scrub_addresses(f"{name}: {exc}" if str(exc) else name), temporary=True)
    return SendError(scrub_addresses(f"{type(exc).__name__}: {exc}"), temporary=False)


def send_message(msg: EmailMessage, settings: SmtpSettings) -> None:
    """Sends one message; raises SendError (see the module docstring) or MailNotConfigured."""
    with _session(settings) as (client, _):
        try:
            client.send_message(msg)
        except (OSError, smtplib.SMTPException) as exc:
            raise classify(exc, body_sent=getattr(client, "body_sent", False)) from exc


def check_connection(settings: SmtpSettings, mail_from: str) -> str:
    """Connects, secures, logs in and asks whether the sender is accepted (MAIL FROM, then RSET):
    everything sending needs, without sending anything. Returns the line's protection ('ssl',
    'starttls' or 'plain'); raises SendError or MailNotConfigured."""
    sender = parseaddr(mail_from or "")[1]
    with _session(settings) as (client, security):
        try:
            code, reply = client.mail(sender)
            if code >= 400:
                raise smtplib.SMTPSenderRefused(code, reply, sender)
            client.rset()
        except (OSError, smtplib.SMTPException) as exc:
            raise classify(exc) from exc
    return security


__all__ = [
    "MailNotConfigured",
    "Problem",
    "SendError",
    "check_connection",
    "classify",
    "send_message",
]
