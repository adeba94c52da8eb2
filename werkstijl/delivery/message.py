"""Mail texts and MIME messages: plain text + HTML alternative, the PDF and the calendar file
attached.

Texts are rendered when a mail is queued (so the outbox holds exactly what will be sent); the MIME
message is built when it is sent. Names go into headers only through `Address`, after control
characters are stripped, so a name can never add a header.
"""

from __future__ import annotations

import html
import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from werkstijl.content.models import Lang, SiteTexts, one_line, slugify, strip_tags
from werkstijl.ics import FILE_NAME as CALENDAR_FILE_NAME
from werkstijl.plan import Plan
from werkstijl.storage.records import NewMail

_PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")
_URL_RE = re.compile(r"https?://[^\s<>\"]+")


class _KeepUnknown(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, **values: str) -> str:
    """Fills {placeholders}; unknown ones stay as written, stray braces never crash."""
    try:
        return template.format_map(_KeepUnknown(values))
    except (ValueError, IndexError, KeyError, AttributeError):
        # e.g. "{0}" or a lone "{": fill the known names and leave everything else alone.
        return _PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def text_to_html(text: str) -> str:
    """A simple, friendly HTML version of a plain text: escaped, paragraphs, clickable links."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    parts = []
    for paragraph in paragraphs:
        escaped = html.escape(paragraph).replace("\n", "<br>\n")
        linked = _URL_RE.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
        parts.append(f'<p style="margin:0 0 1em 0">{linked}</p>')
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html><body style="font-family:Helvetica,Arial,sans-serif;font-size:15px;'
        'line-height:1.5;color:#222;max-width:600px;margin:0 auto;padding:16px">\n'
        f"{body}\n</body></html>\n"
    )


def render_pdf_mail(
    site: SiteTexts, lang: Lang, name: str, profile_name: str, first_step: str = ""
) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of the mail that carries the PDF, in the visitor's language;
    `first_step` is the plan's first step as plain text (see `first_step_text`)."""
    values = {"name": name, "profile": profile_name, "first_step": first_step}
    subject = one_line(fill(site.mail_subject.get(lang), **values), 250)
    text = fill(site.mail_body.get(lang), **values)
    return subject, text, text_to_html(text)


def first_step_text(plan: Plan, lang: Lang) -> str:
    """The one first step as plain text for the mail: its title, then what to do."""
    tip = plan.first_step
    return f"{strip_tags(tip.title.get(lang))}\n{strip_tags(tip.text.get(lang))}"


def render_optin_mail(site: SiteTexts, lang: Lang, name: str, link: str) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of the mail asking to confirm the updates opt-in."""
    values = {"name": name, "link": link}
    subject = one_line(fill(site.optin_subject.get(lang), **values), 250)
    text = fill(site.optin_body.get(lang), **values)
    return subject, text, text_to_html(text)


def attachment_filename(profile_id: str, name: str) -> str:
    """'werkstijl-<profile>-<name-slug>.pdf', ASCII only, safe on every file system."""
    name_slug = slugify(name)[:40].strip("-") or "rapport"
    return f"werkstijl-{slugify(profile_id) or 'profiel'}-{name_slug}.pdf"


def make_address(display_name: str, addr_spec: str) -> Address:
    """A header-safe address; ValueError (plain message) when `addr_spec` is not an address."""
    addr_spec = addr_spec.strip()
    if "@" not in addr_spec.strip("@"):
        raise ValueError("not an e-mail address")
    try:
        return Address(display_name=one_line(display_name), addr_spec=addr_spec)
    except Exception as exc:  # the email package raises several unrelated types here
        raise ValueError(f"not an e-mail address ({type(exc).__name__})") from None


def sender_address(mail_from: str) -> Address:
    """The From address of WERKSTIJL_MAIL_FROM ("Name <addr>" or a bare address)."""
    display, addr_spec = parseaddr(mail_from or "")
    return make_address(display, addr_spec)


def build_message(mail: NewMail, mail_from: str) -> EmailMessage:
    """The MIME message for one outbox row (raises ValueError for an unusable address)."""
    sender = sender_address(mail_from)
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = make_address(mail.to_name, mail.to_email)
    msg["Subject"] = one_line(mail.subject, 250)
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = make_msgid(domain=sender.domain or None)
    msg["Content-Language"] = mail.lang
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(mail.body_text)
    msg.add_alternative(mail.body_html, subtype="html")
    if mail.attachment:
        msg.add_attachment(
            mail.attachment,
            maintype="application",
            subtype="pdf",
            filename=mail.attachment_name or "werkstijl.pdf",
        )
    if mail.calendar:
        msg.add_attachment(
            mail.calendar, maintype="text", subtype="calendar", filename=CALENDAR_FILE_NAME
        )
    return msg
