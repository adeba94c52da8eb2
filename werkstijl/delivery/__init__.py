"""Delivery: the visitor's PDF by e-mail through an outbox table (retries, nothing lost or doubled).

Flow: `request_pdf_mail` (guards + one transaction: lead and mail rows) → `send_soon` (the app)
or `run_outbox` (the `outbox` command, any number of workers) → SMTP. Addresses are never logged
in plain text: use `mask_email`.
"""

from __future__ import annotations

from .limits import (
    InvalidAddress,
    Refusal,
    check_limits,
    honeypot_tripped,
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
from .smtp import MailNotConfigured, SendError, send_message

__all__ = [
    "InvalidAddress",
    "MailNotConfigured",
    "MailRequest",
    "PassStats",
    "Refusal",
    "SendError",
    "attachment_filename",
    "backoff",
    "build_message",
    "check_limits",
    "deliver",
    "fill",
    "honeypot_tripped",
    "mask_email",
    "normalise_address",
    "optin_link",
    "queue_bulk_mail",
    "render_optin_mail",
    "render_pdf_mail",
    "request_pdf_mail",
    "run_outbox",
    "run_pass",
    "scrub_addresses",
    "send_message",
    "send_soon",
    "start_background_worker",
    "text_to_html",
]
