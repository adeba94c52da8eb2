"""Whether mail can be delivered with this configuration, and the words for it.

`check_mail` connects like a send would (TLS, login, sender) without sending anything; the
`mail-check` command, the app's start-up and the staff outbox use it. Each process also keeps the
last state it saw (from a check, or from a real send), so the staff page can show it at once.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime

from werkstijl.content.wording import current_language, message_language, say
from werkstijl.storage import utcnow

from .message import sender_address
from .reasons import reason_words
from .smtp import MailNotConfigured, Problem, SendError, SmtpSettings, check_connection

log = logging.getLogger(__name__)


class MailSettings(SmtpSettings):
    mail_from: str

    @property
    def smtp_configured(self) -> bool: ...


@dataclass(frozen=True)
class MailHealth:
    ok: bool
    problem: Problem | None  # None when ok
    detail: str  # the server's words or our reason, English, free of addresses
    security: str  # 'ssl', 'starttls', 'plain' or '' (unknown)
    at: datetime


_lock = threading.Lock()
_last: MailHealth | None = None


def _record(health: MailHealth) -> MailHealth:
    global _last
    with _lock:
        _last = health
    return health


def last_health() -> MailHealth | None:
    """What this process last learned about mail delivery (None: nothing yet)."""
    with _lock:
        return _last


def forget_health() -> None:
    """Tests and a changed configuration start from not knowing."""
    global _last
    with _lock:
        _last = None


def note_problem(err: SendError) -> None:
    """A real send ran into a set-up problem."""
    _record(MailHealth(False, err.problem, err.reason, "", utcnow()))


def note_sent() -> None:
    """A real send worked: whatever was wrong before is fixed."""
    known = last_health()
    if known is None or not known.ok:
        security = known.security if known else ""
        _record(MailHealth(True, None, "", security, utcnow()))


def check_mail(settings: MailSettings) -> MailHealth:
    """Connects (TLS, login, MAIL FROM, RSET: nothing is sent) and records the outcome."""
    now = utcnow()
    if not settings.smtp_configured:
        return _record(MailHealth(False, Problem.not_configured, "", "", now))
    try:
        sender_address(settings.mail_from)
    except ValueError:
        return _record(MailHealth(False, Problem.bad_sender, "", "", now))
    try:
        security = check_connection(settings, settings.mail_from)
    except MailNotConfigured:
        return _record(MailHealth(False, Problem.not_configured, "", "", now))
    except SendError as err:
        problem = err.problem or Problem.unreachable
        return _record(MailHealth(False, problem, err.reason, "", now))
    return _record(MailHealth(True, None, "", security, now))


def describe(health: MailHealth, settings: SmtpSettings, lang: str | None = None) -> str:
    """One line saying whether mail can be delivered and, if not, what to change, in `lang`
    (default: the current message language)."""
    where = f"{settings.smtp_host}:{settings.smtp_port}"
    with message_language(lang or current_language()):
        if health.ok:
            security = say(f"mail.security.{health.security}") if health.security else "?"
            return say("mail.ok", where=where, security=security)
        problem = health.problem or Problem.unreachable
        detail = reason_words(health.detail) if health.detail else "?"
        return say(f"mail.{problem.value}", where=where, detail=detail)


def report_at_start(settings: MailSettings) -> MailHealth:
    """Checks the mail set-up once and says so in the log: an error when it cannot work."""
    health = check_mail(settings)
    line = describe(health, settings)
    if health.ok:
        log.info("mail: %s", line)
    elif health.problem is Problem.not_configured:
        log.warning("mail: %s", line)
    else:
        log.error("mail: %s", line)
    return health


def start_report(settings: MailSettings) -> threading.Thread:
    """`report_at_start` in a background thread, so a slow mail server never delays start-up."""
    thread = threading.Thread(
        target=report_at_start, args=(settings,), name="mail-check", daemon=True
    )
    thread.start()
    return thread


__all__ = [
    "MailHealth",
    "check_mail",
    "describe",
    "forget_health",
    "last_health",
    "note_problem",
    "note_sent",
    "report_at_start",
    "start_report",
]
