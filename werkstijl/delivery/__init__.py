"""Delivery: the visitor's PDF by e-mail through an outbox table (retries, nothing lost or doubled).

Flow: `request_pdf_mail` (guards + one transaction: lead and mail rows) → `send_soon` (the app)
or `run_outbox` (the `outbox` command, any number of workers) → SMTP. `check_mail` tells whether
the configuration can deliver at all. Addresses are never logged in plain text: use `mask_email`.
"""

from __future__ import annotations

from .health import MailHealth, check_mail, describe, last_health, report_at_start, start_report
from .limits import (
    InvalidAddress,
    Refusal,
    UnicodeLocalPart,
    check_limits,
    client_key,
    honeypot_tripped,
    name_has_link,
    normalise_address,
)
from .message import (
    attachment_filename,
    build_message,
    fill,
    render_optin_mail,
    render_pdf_mail,
    text_to_html,
)
from .outbox import (
    PassStats,
    backoff,
    deliver,
    run_outbox,
    run_pass,
    send_soon,
    start_background_worker,
)
from .privacy import mask_email, scrub_addresses
from .request import MailRequest, optin_link, queue_bulk_mail, request_pdf_mail
from .smtp import MailNotConfigured, Problem, SendError, check_connection, send_message

__all__ = [
    "InvalidAddress",
    "MailHealth",
    "MailNotConfigured",
    "MailRequest",
    "PassStats",
    "Problem",
    "Refusal",
    "SendError",
    "UnicodeLocalPart",
    "attachment_filename",
    "backoff",
    "build_message",
    "check_connection",
    "check_limits",
    "check_mail",
    "client_key",
    "deliver",
    "describe",
    "fill",
    "honeypot_tripped",
    "last_health",
    "mask_email",
    "name_has_link",
    "normalise_address",
    "optin_link",
    "queue_bulk_mail",
    "render_optin_mail",
    "render_pdf_mail",
    "report_at_start",
    "request_pdf_mail",
    "run_outbox",
    "run_pass",
    "scrub_addresses",
    "send_message",
    "send_soon",
    "start_background_worker",
    "start_report",
    "text_to_html",
]
