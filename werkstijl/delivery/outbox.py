"""The outbox worker: claim a queued mail, send it, record the outcome, back off on failures.

Every sender (the `outbox` command, several of them, and the app's `send_soon`) claims a row
before sending it, so one request is mailed once even with many workers on one database.
Without SMTP configured nothing is claimed: mails wait, visibly pending. When the configuration
cannot work (no TLS, login refused...), mails wait without using up attempts, the log says what
to fix, and `python -m werkstijl mail-check` and the staff outbox say so too. A send whose outcome
is unknown is not repeated within the hour (see werkstijl.storage.outbox).
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

from werkstijl.content.wording import say
from werkstijl.settings import Settings
from werkstijl.storage import UNSURE_WAIT, ClaimedMail, Store, utcnow

from .health import MailHealth, describe, last_health, note_problem, note_sent
from .message import build_message, sender_address
from .privacy import mask_email, scrub_addresses
from .reasons import english
from .smtp import MailNotConfigured, Problem, SendError, send_message

log = logging.getLogger(__name__)

BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=6)
LOOP_SLEEP_S = 5.0
IDLE_LOOKS, IDLE_SLEEP_S = 20, 0.05  # a pass looks again for rows another claim held locked


class Outcome(StrEnum):
    sent = "sent"
    retry = "retry"  # temporary failure: pending again, after a backoff
    unsure = "unsure"  # no reply after the message went out: pending, not before an hour
    failed = "failed"  # permanent failure, or out of attempts
    setup = "setup"  # the configuration cannot work: the mail waits, untried, for the fix
    skipped = "skipped"  # not tried (no SMTP configured)


@dataclass
class PassStats:
    sent: int = 0
    retried: int = 0
    unsure: int = 0
    failed: int = 0
    setup_problem: str | None = None  # why this pass stopped: the set-up cannot work

    def add(self, outcome: Outcome) -> None:
        if outcome is Outcome.sent:
            self.sent += 1
        elif outcome is Outcome.retry:
            self.retried += 1
        elif outcome is Outcome.unsure:
            self.unsure += 1
        elif outcome is Outcome.failed:
            self.failed += 1

    @property
    def clean(self) -> bool:
        """Nothing this pass handled is left failed, waiting for a retry or in doubt."""
        return not (self.retried or self.unsure or self.failed or self.setup_problem)


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
    if problem := _sender_problem(settings):
        return _wait_for_setup(
            store, claim, SendError(problem, temporary=True, problem=Problem.bad_sender), settings
        )
    try:
        message = build_message(claim.mail, settings.mail_from)
    except (ValueError, TypeError) as exc:  # the message cannot be built (e.g. a broken address)
        unusable = english("reason.unusable", detail=exc)
        return _failed(store, settings, claim, unusable, temporary=False)
    try:
        send_message(message, settings)
    except MailNotConfigured:
        _record(lambda: store.release_mail(claim))
        return Outcome.skipped
    except SendError as err:
        if err.unknown:
            return _unsure(store, claim, err.reason)
        if err.setup:
            return _wait_for_setup(store, claim, err, settings)
        return _failed(store, settings, claim, err.reason, temporary=err.temporary)
    _record(lambda: store.mark_sent(claim))
    note_sent()
    log.info("outbox: sent mail %s (%s) to %s", claim.id, claim.mail.kind, who)
    return Outcome.sent


def _wait_for_setup(
    store: Store, claim: ClaimedMail, err: SendError, settings: Settings
) -> Outcome:
    """Not this mail's fault: it waits, without using up an attempt, until the set-up is fixed."""
    reason = english("reason.setup_wait", reason=err.reason)
    _record(lambda: store.release_mail(claim, reason))
    note_problem(err)
    log.error("outbox: mail %s waits: %s", claim.id, describe_problem(err, settings))
    return Outcome.setup


def describe_problem(err: SendError, settings: Settings) -> str:
    """The log line for a set-up problem met while sending (English, like the rest of the log)."""
    return describe(MailHealth(False, err.problem, err.reason, "", utcnow()), settings, "en")


def _unsure(store: Store, claim: ClaimedMail, reason: str) -> Outcome:
    _record(lambda: store.mark_unsure(claim, reason))
    log.warning(
        "outbox: mail %s to %s may have been delivered (%s); not tried again before %s",
        claim.id,
        mask_email(claim.mail.to_email),
        reason,
        UNSURE_WAIT,
    )
    return Outcome.unsure


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
        reason = english("reason.gave_up", attempts=claim.attempts, reason=reason)
    # After temporary failures the PDF is kept, so staff can send it again once fixed.
    _record(lambda: store.mark_failed(claim, reason, keep_content=temporary))
    log.error("outbox: mail %s to %s failed for good: %s", claim.id, who, reason)
    return Outcome.failed


def _sender_problem(settings: Settings) -> str | None:
    try:
        sender_address(settings.mail_from)
    except ValueError:
        return english("reason.bad_sender")
    return None


def message_domain(settings: Settings) -> str:
    """The domain of new Message-IDs: the sender's."""
    try:
        return sender_address(settings.mail_from).domain
    except ValueError:
        return ""


def run_pass(
    store: Store, settings: Settings, *, retry_now: bool = False, worker: str | None = None
) -> PassStats:
    """Sends every mail that is due now, each at most once per pass. Stops early when the
    set-up cannot work (every other mail would fail the same way)."""
    worker, stats, tried = worker or new_worker_id(), PassStats(), set[int]()
    if problem := _sender_problem(settings):
        log.error("outbox: %s; mail waits until it is fixed", problem)
        note_problem(SendError(problem, temporary=True, problem=Problem.bad_sender))
        stats.setup_problem = problem
        return stats
    domain = message_domain(settings)
    idle = 0
    while True:
        claim = store.claim_mail(worker, retry_now=retry_now, exclude=tried, message_domain=domain)
        if claim is None:
            # Nothing free. On PostgreSQL a due row may just be locked by another worker's claim
            # for a moment: look again before ending the pass, so no due mail is left behind.
            if idle >= IDLE_LOOKS or not store.due_count(retry_now=retry_now, exclude=tried):
                return stats
            idle += 1
            time.sleep(IDLE_SLEEP_S)
            continue
        idle = 0
        tried.add(claim.id)
        outcome = deliver(store, settings, claim)
        stats.add(outcome)
        if outcome is Outcome.setup:
            stats.setup_problem = _last_problem()
            return stats


def _last_problem() -> str | None:
    known = last_health()
    return known.detail if known and not known.ok else None


def _exit_code(store: Store, stats: PassStats) -> int:
    """0 when nothing this worker could claim is left failed, retrying or in doubt, and no mail
    waits; mails another worker is sending right now are that worker's business."""
    return 0 if stats.clean and not store.outbox_counts().pending else 1


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
    """The `outbox` command. Exit 0 when nothing is left pending or failed for good, 1 otherwise
    (see `_exit_code`).

    Texts were rendered when each mail was queued, so what is sent is what the visitor asked for.
    Without `once` it loops (a short sleep between passes) until interrupted or `stop` is set.
    `report` receives one-line summaries.
    """
    tell = report or log.info  # words in the current message language (English in the app)
    if not settings.smtp_configured:
        pending = store.outbox_counts().pending
        tell(say("outbox.mail_off", count=pending))
        return 1 if pending else 0
    worker, stop = new_worker_id(), stop or threading.Event()
    total = PassStats()
    try:
        while True:
            stats = run_pass(store, settings, retry_now=retry_now, worker=worker)
            _add(total, stats)
            if once or not stats.clean or stats.sent:
                tell(_pass_line(store, settings, stats))
            if once or stop.wait(sleep_s):
                break
            retry_now = False  # --retry-now is about the backlog at start, not every later pass
    except KeyboardInterrupt:
        tell(say("outbox.stopped"))
    return _exit_code(store, total)


def _pass_line(store: Store, settings: Settings, stats: PassStats) -> str:
    """One pass in one line: what happened, what still waits, and why mail cannot go out."""
    line = say(
        "outbox.pass",
        sent=stats.sent,
        retried=stats.retried,
        unsure=stats.unsure,
        failed=stats.failed,
        pending=store.outbox_counts().pending,
    )
    if stats.setup_problem:
        health = last_health()
        why = describe(health, settings) if health and not health.ok else stats.setup_problem
        line += f"; {why}"
    return line


def _add(total: PassStats, stats: PassStats) -> None:
    total.sent += stats.sent
    total.retried += stats.retried
    total.unsure += stats.unsure
    total.failed += stats.failed
    total.setup_problem = stats.setup_problem or total.setup_problem


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
    worker, domain = new_worker_id(), message_domain(settings)
    for outbox_id in ids:
        try:
            claim = store.claim_mail(worker, outbox_id=outbox_id, message_domain=domain)
            # None: another worker has it, or it is not due
            if claim is not None and deliver(store, settings, claim) is Outcome.setup:
                return  # the next one would fail the same way; it waits for the fix too
        except Exception as exc:  # a background thread must not die noisily; the worker retries
            log.error("outbox: sending mail %s failed: %s", outbox_id, scrub_addresses(str(exc)))
