"""The outbox worker: claim a queued mail, send it, record the outcome, back off on failures.

Every sender (the `outbox` command, several of them, and the app's `send_soon`) claims a row
before sending it, so one request is mailed once even with many workers on one database.
Without SMTP configured nothing is claimed: mails wait, visibly pending.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from sqlalchemy.exc import OperationalError

from werkstijl.settings import Settings
from werkstijl.storage import ClaimedMail, Store, utcnow

from .message import build_message, sender_address
from .privacy import mask_email, scrub_addresses
from .smtp import MailNotConfigured, SendError, send_message

log = logging.getLogger(__name__)

BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=6)
LOOP_SLEEP_S = 5.0


class Outcome(StrEnum):
    sent = "sent"
    retry = "retry"  # temporary failure: pending again, after a backoff
    failed = "failed"  # permanent failure, or out of attempts
    skipped = "skipped"  # not tried (no SMTP configured)


@dataclass
class PassStats:
    sent: int = 0
    retried: int = 0
    failed: int = 0

    def add(self, outcome: Outcome) -> None:
        if outcome is Outcome.sent:
            self.sent += 1
        elif outcome is Outcome.retry:
            self.retried += 1
        elif outcome is Outcome.failed:
            self.failed += 1


def new_worker_id() -> str:
    """Unique per worker instance (host, process, random), recorded in `claimed_by`."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


def backoff(attempts: int) -> timedelta:
    """Wait before the next try: 1 min × 2^(attempts-1), capped at 6 hours."""
    return min(BACKOFF_BASE * 2 ** min(max(attempts - 1, 0), 20), BACKOFF_CAP)


def _record(action: Callable[[], bool]) -> bool:
    # The mail may already be out: retry a briefly locked database rather than leave the row
    # 'sending' (which would make it claimable again once stale, i.e. sent twice).
    for wait in (0.2, 0.5, 1.0, 2.0, None):
        try:
            return action()
        except OperationalError:
            if wait is None:
                raise
            time.sleep(wait)
    return False


def deliver(store: Store, settings: Settings, claim: ClaimedMail) -> Outcome:
    """Sends one claimed mail and records what happened."""
    who = mask_email(claim.mail.to_email)
    try:
        sender_address(settings.mail_from)
    except ValueError:
        # A configuration mistake, not this mail's fault: leave it queued for after the fix.
        _record(lambda: store.release_mail(claim))
        log.error("outbox: WERKSTIJL_MAIL_FROM is not a valid address; mail %s waits", claim.id)
        return Outcome.skipped
    try:
        send_message(build_message(claim.mail, settings.mail_from), settings)
    except MailNotConfigured:
        _record(lambda: store.release_mail(claim))
        return Outcome.skipped
    except SendError as err:
        return _failed(store, settings, claim, err.reason, temporary=err.temporary)
    except (ValueError, TypeError) as exc:  # the message cannot be built (e.g. a broken address)
        return _failed(store, settings, claim, f"unusable message: {exc}", temporary=False)
    _record(lambda: store.mark_sent(claim))
    log.info("outbox: sent mail %s (%s) to %s", claim.id, claim.mail.kind, who)
    return Outcome.sent


def _failed(
    store: Store, settings: Settings, claim: ClaimedMail, reason: str, *, temporary: bool
) -> Outcome:
    reason, who = scrub_addresses(reason), mask_email(claim.mail.to_email)
    if temporary and claim.attempts < settings.outbox_max_attempts:
        wait = backoff(claim.attempts)
        _record(lambda: store.mark_retry(claim, reason, utcnow() + wait))
        log.warning(
            "outbox: mail %s to %s failed (attempt %d, retry in %s): %s",
            claim.id,
            who,
            claim.attempts,
            wait,
            reason,
        )
        return Outcome.retry
    if temporary:
        reason = f"gave up after {claim.attempts} attempts: {reason}"
    _record(lambda: store.mark_failed(claim, reason))
    log.error("outbox: mail %s to %s failed for good: %s", claim.id, who, reason)
    return Outcome.failed


def run_pass(
    store: Store, settings: Settings, *, retry_now: bool = False, worker: str | None = None
) -> PassStats:
    """Sends every mail that is due now, each at most once per pass."""
    worker = worker or new_worker_id()
    stats, tried = PassStats(), set[int]()
    while claim := store.claim_mail(worker, retry_now=retry_now, exclude=tried):
        tried.add(claim.id)
        stats.add(deliver(store, settings, claim))
    return stats


def _exit_code(store: Store, failed_now: int) -> int:
    counts = store.outbox_counts()
    return 1 if failed_now or counts.pending or counts.sending else 0


def run_outbox(
    store: Store,
    settings: Settings,
    *,
    once: bool,
    retry_now: bool,
    sleep_s: float = LOOP_SLEEP_S,
    stop: threading.Event | None = None,
    report: Callable[[str], None] | None = None,
) -> int:
    """The `outbox` command. Exit 0 when nothing is left pending or failed for good, 1 otherwise.

    Texts were rendered when each mail was queued, so what is sent is what the visitor asked for.
    Without `once` it loops (a short sleep between passes) until interrupted or `stop` is set.
    `report` receives one-line summaries.
    """
    say = report or log.info
    if not settings.smtp_configured:
        pending = store.outbox_counts().pending
        say(f"mail is off (no SMTP host): {pending} mail(s) wait in the outbox")
        return 1 if pending else 0
    worker, stop = new_worker_id(), stop or threading.Event()
    failed = 0
    try:
        while True:
            stats = run_pass(store, settings, retry_now=retry_now, worker=worker)
            failed += stats.failed
            if once or stats.sent or stats.retried or stats.failed:
                counts = store.outbox_counts()
                say(
                    f"sent {stats.sent}, retry later {stats.retried}, failed {stats.failed}; "
                    f"pending {counts.pending}"
                )
            if once or stop.wait(sleep_s):
                break
            retry_now = False  # --retry-now is about the backlog at start, not every later pass
    except KeyboardInterrupt:
        say("stopped")
    return _exit_code(store, failed)


def start_background_worker(
    store: Store, settings: Settings, interval_s: float = LOOP_SLEEP_S
) -> threading.Event | None:
    """Runs the outbox loop in a daemon thread of this process (the app's own worker), so mail
    that failed or was queued while the server was down goes out without a separate service.
    Returns the event that stops it; None when SMTP is not configured."""
    if not settings.smtp_configured:
        return None
    stop = threading.Event()
    kwargs = {"once": False, "retry_now": False, "sleep_s": interval_s, "stop": stop}
    threading.Thread(
        target=run_outbox, args=(store, settings), kwargs=kwargs, name="outbox", daemon=True
    ).start()
    return stop


def send_soon(
    store: Store, settings: Settings, outbox_ids: Iterable[int]
) -> threading.Thread | None:
    """Sends the given queued mails now in a background thread (claimed like any worker);
    None when SMTP is not configured (the mails stay pending for a worker)."""
    if not settings.smtp_configured:
        return None
    ids = list(outbox_ids)
    thread = threading.Thread(target=_send_ids, args=(store, settings, ids), daemon=True)
    thread.start()
    return thread


def _send_ids(store: Store, settings: Settings, ids: list[int]) -> None:
    worker = new_worker_id()
    for outbox_id in ids:
        try:
            claim = store.claim_mail(worker, outbox_id=outbox_id)
            if claim is not None:  # else another worker has it, or it is not due
                deliver(store, settings, claim)
        except Exception as exc:  # a background thread must not die noisily; the worker retries
            log.error("outbox: sending mail %s failed: %s", outbox_id, scrub_addresses(str(exc)))
