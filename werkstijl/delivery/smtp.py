"""Sending one message over SMTP and telling temporary failures from permanent ones.

Temporary: the server is unreachable, times out, drops the line, answers 4xx, or refuses our
login/sender (a configuration problem that someone can fix, after which the mail should still go).
Permanent: the server refuses this recipient or this message with 5xx (e.g. 550 no such user).
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from typing import Protocol

from .privacy import scrub_addresses


class SmtpSettings(Protocol):
    smtp_host: str | None
    smtp_port: int
    smtp_user: str | None
    smtp_password: str | None
    smtp_starttls: bool
    smtp_ssl: bool
    smtp_timeout: float


class SendError(Exception):
    """A failed send; `temporary` says whether trying again later may work."""

    def __init__(self, reason: str, *, temporary: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.temporary = temporary


class MailNotConfigured(RuntimeError):
    """No SMTP host is set: nothing is sent (and nothing pretends to be)."""


def _reply(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return scrub_addresses(f"{code} {text}".strip())


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    host, port, timeout = settings.smtp_host or "", settings.smtp_port, settings.smtp_timeout
    context = ssl.create_default_context()
    if settings.smtp_ssl:
        return smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    client = smtplib.SMTP(host, port, timeout=timeout)
    if settings.smtp_starttls:
        client.starttls(context=context)
    return client


def _deliver(msg: EmailMessage, settings: SmtpSettings) -> None:
    with _connect(settings) as client:
        if settings.smtp_user:
            client.login(settings.smtp_user, settings.smtp_password or "")
        client.send_message(msg)


def classify(exc: BaseException) -> SendError:
    """Maps an smtplib/socket exception to a SendError with a reason free of addresses."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        replies = [_reply(code, text) for code, text in exc.recipients.values()]
        permanent = all(code >= 500 for code, _ in exc.recipients.values())
        return SendError("recipient refused: " + "; ".join(replies), temporary=not permanent)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return SendError("login refused: " + _reply(exc.smtp_code, exc.smtp_error), temporary=True)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return SendError("sender refused: " + _reply(exc.smtp_code, exc.smtp_error), temporary=True)
    if isinstance(exc, smtplib.SMTPResponseException):
        reply = _reply(exc.smtp_code, exc.smtp_error)
        return SendError("server refused: " + reply, temporary=not 500 <= exc.smtp_code < 600)
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return SendError(f"server lacks a needed feature: {exc}", temporary=True)
    if isinstance(exc, TimeoutError):
        return SendError("timed out", temporary=True)
    if isinstance(exc, OSError | smtplib.SMTPException):
        # Refused/reset connections, DNS failures, TLS errors, dropped lines.
        name = type(exc).__name__
        return SendError(scrub_addresses(f"{name}: {exc}" if str(exc) else name), temporary=True)
    return SendError(scrub_addresses(f"{type(exc).__name__}: {exc}"), temporary=False)


def send_message(msg: EmailMessage, settings: SmtpSettings) -> None:
    """Sends one message; raises SendError (temporary or permanent) or MailNotConfigured."""
    if not settings.smtp_host:
        raise MailNotConfigured("no SMTP host configured (WERKSTIJL_SMTP_HOST)")
    try:
        _deliver(msg, settings)
    except (OSError, smtplib.SMTPException) as exc:
        raise classify(exc) from exc
