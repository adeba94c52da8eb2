"""Mail texts and MIME messages: languages, HTML escaping, attachment, header safety, privacy."""

from __future__ import annotations

import dataclasses
from email import message_from_bytes, policy
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from delivery_helpers import site_texts, tiny_pdf

from werkstijl.content import load_content
from werkstijl.delivery import (
    attachment_filename,
    build_message,
    fill,
    mask_email,
    render_optin_mail,
    render_pdf_mail,
    scrub_addresses,
    text_to_html,
)
from werkstijl.delivery.message import StepText
from werkstijl.storage import NewMail


def parsed(mail: NewMail):
    raw = build_message(mail, "Werkstijltest <noreply@werkstijl.example>").as_bytes()
    return message_from_bytes(raw, policy=policy.default), raw


def a_mail(name: str = "Jan", text: str = "Hoi Jan", pdf: bytes | None = b"%PDF-1.4") -> NewMail:
    return NewMail(
        "pdf",
        "jan@example.com",
        name,
        "nl",
        "Jouw werkstijl",
        text,
        text_to_html(text),
        pdf,
        attachment_filename("alpha", name),
    )


def test_fill_leaves_unknown_placeholders_and_stray_braces_alone():
    assert fill("Hoi {name}, {unknown}", name="Jan") == "Hoi Jan, {unknown}"
    assert fill("{0} en {name} {", name="Jan") == "{0} en Jan {"
    assert fill("{name}", name="{profile}") == "{profile}"  # values are not filled again


def test_pdf_mail_is_rendered_in_the_visitors_language():
    subject, text, html = render_pdf_mail(site_texts(), "en", "Jan", "Visionary")
    assert subject == "Your work style: Visionary"
    assert text.startswith("Hi Jan,") and "{unknown} stays." in text
    assert "<p" in html and "You are a Visionary." in html
    assert render_pdf_mail(site_texts(), "nl", "Jan", "Visionair")[0] == "Jouw werkstijl: Visionair"


def test_html_is_escaped_from_the_plain_text_and_links_are_clickable():
    _, text, html = render_optin_mail(
        site_texts(), "nl", "<b>Eve</b> & co", "https://x.example/?optin=abc"
    )
    assert "<b>Eve</b>" in text
    assert "&lt;b&gt;Eve&lt;/b&gt; &amp; co" in html and "<b>" not in html
    assert '<a href="https://x.example/?optin=abc"' in html


def test_message_has_text_html_and_the_pdf_attached():
    pdf = tiny_pdf()
    msg, _ = parsed(a_mail("Zoë Ångström", "Hoi Zoë", pdf))
    assert msg.get_body(("plain",)).get_content().strip() == "Hoi Zoë"
    assert "Hoi Zoë" in msg.get_body(("html",)).get_content()
    (attachment,) = list(msg.iter_attachments())
    assert attachment.get_filename() == "werkstijl-alpha-zoe-angstrom.pdf"
    assert attachment.get_content() == pdf
    assert str(msg["To"]) == "Zoë Ångström <jan@example.com>"
    assert msg["From"].addresses[0].addr_spec == "noreply@werkstijl.example"


def test_attachment_filename_is_ascii_and_never_empty():
    assert attachment_filename("alpha", "Jan de Vries") == "werkstijl-alpha-jan-de-vries.pdf"
    assert attachment_filename("alpha", "😀 ../..") == "werkstijl-alpha.pdf"
    assert attachment_filename("alpha", "Łukasz Żółć").isascii()


def test_files_are_named_after_the_profile_in_the_visitors_language():
    # Finding (visitor try, 8): the English download was 'werkstijl-visionair.pdf'.
    assert attachment_filename("Visionary", lang="en") == "work-style-visionary.pdf"
    assert attachment_filename("Visionair", "Zoë", "nl") == "werkstijl-visionair-zoe.pdf"


def test_a_name_with_crlf_never_adds_a_header():
    msg, raw = parsed(a_mail("Eve\r\nBcc: x@evil.example"))
    assert msg["Bcc"] is None
    assert b"\nBcc:" not in raw and b"\rBcc:" not in raw
    assert msg["To"].addresses[0].addr_spec == "jan@example.com"
    assert len(msg["To"].addresses) == 1


def test_mask_email_and_scrub_hide_addresses():
    assert mask_email("jan.jansen@example.com") == "j***@e***.com"
    assert mask_email("not an address") == "***"
    scrubbed = scrub_addresses("550 5.1.1 <jan.jansen@example.com>: rejected")
    assert "jan.jansen" not in scrubbed and "j***@e***.com" in scrubbed


def test_a_name_is_never_a_link_in_the_html_but_the_templates_own_links_are():
    # Finding 4: "Hoi Win a prize at <a href=…>" came from linking the whole filled-in text.
    name = "Win a prize at https://evil.example/x"
    _, text, html = render_pdf_mail(site_texts(), "nl", name, "Alpha")
    assert name in text  # the plain text is the same as before
    assert "<a" not in html and "Win a prize at https://evil.example/x" in html
    _, _, optin_html = render_optin_mail(site_texts(), "nl", name, "https://w.example/?optin=t")
    assert optin_html.count("<a ") == 1
    assert '<a href="https://w.example/?optin=t"' in optin_html


def test_a_link_written_in_the_template_itself_stays_clickable():
    html = text_to_html("Tips op https://werkstijl.example/tips voor {name}", {"name": "www.x.nl"})
    assert '<a href="https://werkstijl.example/tips"' in html
    assert "voor www.x.nl" in html and html.count("<a ") == 1


def test_the_message_id_given_is_used_so_every_retry_carries_the_same():
    fixed = dataclasses.replace(a_mail(), message_id="<abc@w.example>")
    first, _ = parsed(fixed)
    second, _ = parsed(fixed)
    assert first["Message-ID"] == second["Message-ID"] == "<abc@w.example>"


STEP = StepText(
    "Plan je mailmomenten", "Kijk om {10:30} en 16:30 in je mail.", "maandag 7 december"
)


def test_the_html_mail_has_a_language_a_heading_and_the_first_step_as_its_own_block():
    # Finding (visitor try, 6): the step's title ran into its text inside one <p>, unstyled.
    subject, text, html = render_pdf_mail(site_texts(), "nl", "Zoë <b>", "Visionair", STEP)
    tree = ElementTree.fromstring(html.split("\n", 1)[1])  # well-formed, after the doctype
    assert tree.get("lang") == "nl"
    body = tree.find("body")
    assert body.get("style") and "font-family" in body.get("style")  # styled inline
    assert [h.text for h in body.iter("h1")] == [subject]
    block = next(d for d in body.iter("div") if d.find("h2") is not None)
    assert block.find("h2").text == STEP.title and block.find("p").text == STEP.text
    assert "background" in block.get("style")  # highlighted
    assert "Zoë &lt;b&gt;" in html and "<b>" not in html  # the name stays plain text
    assert f"{STEP.title}\n{STEP.text}" in text  # the plain text keeps title and text apart


def test_without_a_name_the_greeting_still_reads_well():
    _, text, html = render_pdf_mail(site_texts(), "nl", "", "Visionair", STEP)
    assert text.startswith("Hoi,\n") and "Hoi ," not in html and ">Hoi,<" in html
    _, optin_text, _ = render_optin_mail(site_texts(), "en", "", "https://w.example/?optin=t")
    assert optin_text.startswith("Hi,\n")


def test_the_calendar_file_is_named_in_the_language_of_the_mail():
    # Finding (visitor try, 7): the English mail carried 'werkstijl-week.ics'.
    names = {}
    for lang in ("nl", "en"):
        mail = dataclasses.replace(a_mail(), lang=lang, calendar=b"BEGIN:VCALENDAR\r\n")
        msg, _ = parsed(mail)
        names[lang] = [a.get_filename() for a in msg.iter_attachments()][-1]
    assert names == {"nl": "werkstijl-week.ics", "en": "work-style-week.ics"}


class _Visible(HTMLParser):
    """The words a reader of the HTML sees in its body, after the heading (the subject)."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("head", "h1")

    def handle_endtag(self, tag):
        self.skip -= tag in ("head", "h1")

    def handle_data(self, data):
        if not self.skip:
            self.words += data.split()


def test_the_plain_text_says_what_the_html_says_in_both_languages():
    # Finding (visitor try, 5): the HTML part is what most people read; the plain part must match.
    site = load_content(Path(__file__).resolve().parents[1]).content.site
    for lang in ("nl", "en"):
        _, text, html = render_pdf_mail(site, lang, "Zoë & <co>", "Visionair", STEP)
        seen = _Visible()
        seen.feed(html)
        assert seen.words == text.split()
        assert STEP.start in text and STEP.title in text and ".ics" in text
