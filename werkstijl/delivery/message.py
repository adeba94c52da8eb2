"""Mail texts and MIME messages: plain text + HTML alternative, the PDF and the calendar file
attached.

Texts are rendered when a mail is queued (so the outbox holds exactly what will be sent); the MIME
message is built when it is sent. Names go into headers only through `Address`, after control
characters are stripped, so a name can never add a header. Filled-in values (the visitor's name)
are plain text in the HTML as well: only links written in the content's own template become
clickable, so nobody can make our mail carry their link. The Message-ID is fixed when a mail is
first claimed and kept across retries, so a receiver can drop a duplicate.
"""

from __future__ import annotations

import html
import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from email_validator import EmailNotValidError, validate_email

from werkstijl.content.markup import strip_tags
from werkstijl.content.models import Lang, SiteTexts, one_line, slugify
from werkstijl.ics import FILE_NAME as CALENDAR_FILE_NAME
from werkstijl.plan import Plan
from werkstijl.storage.records import NewMail

_PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")
_MARK = "\ue000"  # private-use character: marks where a value goes, never in a template
_URL_RE = re.compile(r"https?://[^\s<>\"\ue000]+")


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


def _link(url: str) -> str:
    return f'<a href="{url}">{url}</a>'


def text_to_html(
    text: str, values: dict[str, str] | None = None, links: tuple[str, ...] = ()
) -> str:
    """A simple, friendly HTML version of a plain text template: escaped, paragraphs, its own
    links clickable. `values` fill its {placeholders} as plain text (never a link), except the
    ones named in `links` (our own URLs, e.g. the opt-in link)."""
    values = values or {}
    marks = {f"{_MARK}{i}{_MARK}": key for i, key in enumerate(values)}
    marked = fill(text, **{key: mark for mark, key in marks.items()})
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", marked.strip()) if p.strip()]
    parts = []
    for paragraph in paragraphs:
        escaped = html.escape(paragraph).replace("\n", "<br>\n")
        linked = _URL_RE.sub(lambda m: _link(m.group(0)), escaped)
        for mark, key in marks.items():
            value = html.escape(values[key])
            linked = linked.replace(mark, _link(value) if key in links else value)
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
    body = site.mail_body.get(lang)
    return subject, fill(body, **values), text_to_html(body, values)


def first_step_text(plan: Plan, lang: Lang) -> str:
    """The one first step as plain text for the mail: its title, then what to do."""
    tip = plan.first_step
    return f"{strip_tags(tip.title.get(lang))}\n{strip_tags(tip.text.get(lang))}"


def render_optin_mail(site: SiteTexts, lang: Lang, name: str, link: str) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of the mail asking to confirm the updates opt-in."""
    values = {"name": name, "link": link}
    subject = one_line(fill(site.optin_subject.get(lang), **values), 250)
    body = site.optin_body.get(lang)
    return subject, fill(body, **values), text_to_html(body, values, links=("link",))


def attachment_filename(profile_id: str, name: str) -> str:
    """'werkstijl-<profile>-<name-slug>.pdf', ASCII only, safe on every file system."""
    name_slug = slugify(name)[:40].strip("-") or "rapport"
    return f"werkstijl-{slugify(profile_id) or 'profiel'}-{name_slug}.pdf"


def ascii_address(addr_spec: str) -> str:
    """The address with its domain in ASCII (IDNA: jan@bücher.de -> jan@xn--bcher-kva.de), as
    every SMTP server accepts it; an address with a non-ASCII local part stays as it is."""
    addr_spec = addr_spec.strip()
    if addr_spec.isascii():
        return addr_spec
    try:
        return validate_email(addr_spec, check_deliverability=False).ascii_email or addr_spec
    except EmailNotValidError:
        return addr_spec


def make_address(display_name: str, addr_spec: str) -> Address:
    """A header-safe address; ValueError (plain message) when `addr_spec` is not an address."""
    addr_spec = ascii_address(addr_spec)
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
    msg["Message-ID"] = mail.message_id or make_msgid(domain=sender.domain or None)
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
