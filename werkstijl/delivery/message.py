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
from dataclasses import dataclass
from datetime import date
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from email_validator import EmailNotValidError, validate_email

from werkstijl.content.markup import strip_tags
from werkstijl.content.models import FILE_PREFIX, Lang, SiteTexts, Text, one_line, slugify
from werkstijl.content.rhythm import format_date
from werkstijl.ics import file_name as calendar_file_name
from werkstijl.plan import Plan, week_start
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
    return f'<a href="{url}" style="{_STYLE["link"]}">{url}</a>'


# The look of every HTML mail: inline styles only (mail clients drop <style> blocks), one
# column, system fonts, text contrast well above WCAG AA, and nothing that hides text when a
# client ignores styles.
_STYLE = {
    "body": "margin:0;padding:0;background:#FFFFFF;color:#1F2933;"
    "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;font-size:16px;"
    "line-height:1.55",
    "page": "max-width:600px;margin:0 auto;padding:24px 20px",
    "h1": "margin:0 0 20px 0;font-size:22px;line-height:1.3;color:#1F4E8C",
    "p": "margin:0 0 16px 0",
    "block": "margin:8px 0 24px 0;padding:16px 18px;background:#EEF3FA;"
    "border-left:4px solid #1F4E8C;border-radius:4px",
    "h2": "margin:0 0 8px 0;font-size:18px;line-height:1.35;color:#1F2933",
    "block_p": "margin:0",
    "link": "color:#1F4E8C;text-decoration:underline",
}


@dataclass(frozen=True)
class StepText:
    """The one first step as the mail says it: the Monday it starts, its title, what to do."""

    title: str
    text: str
    start: str  # 'maandag 7 december' (rhythm.format_date of the plan's week 1)

    def plain(self) -> str:
        return f"{self.title}\n{self.text}"


def first_step_text(plan: Plan, lang: Lang, today: date) -> StepText:
    """The plan's first step for the mail, starting on the plan's week 1 (plan.week_start), the
    same Monday the page, the PDF and the calendar file name."""
    tip = plan.first_step
    return StepText(
        title=strip_tags(tip.title.get(lang)),
        text=strip_tags(tip.text.get(lang)),
        start=format_date(week_start(today, 1), lang),
    )


def _fill_values(template: str, values: dict[str, str]) -> str:
    """`fill`, where an empty {name} takes the space before it along ("Hoi {name}," -> "Hoi,"):
    a name is optional."""
    if not values.get("name"):
        template = re.sub(r"[ \t]*\{name\}", "", template)
    return fill(template, **values)


def text_to_html(
    text: str,
    values: dict[str, str] | None = None,
    links: tuple[str, ...] = (),
    *,
    lang: str = "nl",
    title: str = "",
    step: StepText | None = None,
) -> str:
    """The HTML version of a plain text template: a heading (`title`), its paragraphs escaped,
    its own links clickable, and a paragraph that is just {first_step} as a highlighted block
    with the step's title as a heading. `values` fill its {placeholders} as plain text (never a
    link), except the ones named in `links` (our own URLs, e.g. the opt-in link)."""
    values = dict(values or {})
    if not values.get("name"):
        text = re.sub(r"[ \t]*\{name\}", "", text)
    marks = {f"{_MARK}{i}{_MARK}": key for i, key in enumerate(values)}
    marked = fill(text, **{key: mark for mark, key in marks.items()})
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", marked.strip()) if p.strip()]
    parts = [f'<h1 style="{_STYLE["h1"]}">{html.escape(title)}</h1>'] if title else []
    for paragraph in paragraphs:
        if step is not None and marks.get(paragraph) == "first_step":
            parts.append(_step_block(step))
            continue
        escaped = html.escape(paragraph)
        linked = _URL_RE.sub(lambda m: _link(m.group(0)), escaped)
        for mark, key in marks.items():
            value = html.escape(values[key])
            linked = linked.replace(mark, _link(value) if key in links else value)
        linked = linked.replace("\n", "<br />\n")
        parts.append(f'<p style="{_STYLE["p"]}">{linked}</p>')
    body = "\n".join(parts)
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        f"<title>{html.escape(title)}</title>\n</head>\n"
        f'<body style="{_STYLE["body"]}">\n<div style="{_STYLE["page"]}">\n{body}\n</div>\n'
        "</body>\n</html>\n"
    )


def _step_block(step: StepText) -> str:
    text = html.escape(step.text).replace("\n", "<br />\n")
    return (
        f'<div style="{_STYLE["block"]}">\n'
        f'<h2 style="{_STYLE["h2"]}">{html.escape(step.title)}</h2>\n'
        f'<p style="{_STYLE["block_p"]}">{text}</p>\n</div>'
    )


def render_pdf_mail(
    site: SiteTexts,
    lang: Lang,
    name: str,
    profile_name: str,
    step: StepText | None = None,
    training: str | None = None,
) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of the mail that carries the PDF, in the visitor's language;
    `step` is the plan's first step (see `first_step_text`): {first_step} and {start}.

    `training` None: the visitor's own mail (mail_subject, mail_body). A string: a trainer's
    bulk mail (training_mail), its {title} the training's title; "" has no title, and then the
    untitled texts are used."""
    values = {"name": name, "profile": profile_name}
    if step is not None:
        values |= {"first_step": step.plain(), "start": step.start}
    subject_text, body_text = _pdf_mail_texts(site, training)
    if training:
        values["title"] = one_line(training, 200)
    subject = one_line(_fill_values(subject_text.get(lang), values), 250)
    body = body_text.get(lang)
    html_body = text_to_html(body, values, lang=lang, title=subject, step=step)
    return subject, _fill_values(body, values), html_body


def _pdf_mail_texts(site: SiteTexts, training: str | None) -> tuple[Text, Text]:
    """The subject and body templates: the visitor's mail, or the trainer's (titled or not)."""
    if training is None:
        return site.mail_subject, site.mail_body
    mail = site.training_mail
    if training.strip():
        return mail.subject, mail.body
    return mail.subject_untitled, mail.body_untitled


def render_optin_mail(site: SiteTexts, lang: Lang, name: str, link: str) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of the mail asking to confirm the updates opt-in."""
    values = {"name": name, "link": link}
    subject = one_line(_fill_values(site.optin_subject.get(lang), values), 250)
    body = site.optin_body.get(lang)
    html_body = text_to_html(body, values, links=("link",), lang=lang, title=subject)
    return subject, _fill_values(body, values), html_body


def attachment_filename(profile_name: str, name: str = "", lang: str = "nl") -> str:
    """'werkstijl-<profile>-<name>.pdf' (without a name: 'werkstijl-<profile>.pdf'; in English
    'work-style-…'), the profile as the visitor's language names it; ASCII only, safe on every
    file system. The download and the mail's attachment are both named this way."""
    profile_slug = slugify(profile_name)[:40].strip("-") or "profiel"
    name_slug = slugify(name)[:40].strip("-")
    prefix = FILE_PREFIX.get(lang, FILE_PREFIX["nl"])
    return f"{prefix}-{profile_slug}{'-' + name_slug if name_slug else ''}.pdf"


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
            mail.calendar,
            maintype="text",
            subtype="calendar",
            filename=calendar_file_name(mail.lang),
        )
    return msg
