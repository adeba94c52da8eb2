"""Shared bits for the delivery tests: site texts, a tiny real PDF, a store on a temp file."""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas

from werkstijl.content.models import CalendarTexts, SiteTexts, Text, TrainingMail
from werkstijl.delivery import MailRequest, request_pdf_mail
from werkstijl.settings import Settings
from werkstijl.storage import Store


def site_texts() -> SiteTexts:
    def t(nl: str, en: str) -> Text:
        return Text(nl=nl, en=en)

    return SiteTexts(
        title=t("Werkstijltest", "Work style test"),
        intro=t("Intro", "Intro"),
        privacy=t("Privacy", "Privacy"),
        consent_pdf=t("Stuur mij de PDF", "Send me the PDF"),
        consent_updates=t("Houd mij op de hoogte", "Keep me posted"),
        consent_version="2026-11",
        mail_subject=t("Jouw werkstijl: {profile}", "Your work style: {profile}"),
        mail_body=t(
            "Hoi {name},\n\nJe bent een {profile}. Je eerste stap:\n\n{first_step}\n\n"
            "{unknown} blijft.",
            "Hi {name},\n\nYou are a {profile}. Your first step:\n\n{first_step}\n\n"
            "{unknown} stays.",
        ),
        training_mail=TrainingMail(
            subject=t("Werkboek {title}: {profile}", "Workbook {title}: {profile}"),
            body=t(
                "Hoi {name},\n\nDe trainer van {title} stuurt je dit. Je bent een {profile}.\n\n"
                "{first_step}\n\nJe doet mee aan {title}.",
                "Hi {name},\n\nThe trainer of {title} sends this. You are a {profile}.\n\n"
                "{first_step}\n\nYou take part in {title}.",
            ),
            subject_untitled=t("Werkboek: {profile}", "Workbook: {profile}"),
            body_untitled=t(
                "Hoi {name},\n\nJe trainer stuurt je dit.\n\n{first_step}\n\n"
                "Je doet mee aan een training.",
                "Hi {name},\n\nYour trainer sends this.\n\n{first_step}\n\n"
                "You take part in a training.",
            ),
        ),
        optin_subject=t("Bevestig je aanmelding", "Confirm your sign-up"),
        optin_body=t(
            "Hoi {name},\n\nKlik om te bevestigen:\n{link}", "Hi {name},\n\nClick:\n{link}"
        ),
        site_url="https://werkstijltest.nl",
        calendar=CalendarTexts(
            name=t("Week van {profile}", "Week of {profile}"),
            new_habit=t("Week {week}: {title}", "Week {week}: {title}"),
            footer=t("Zie {link}", "See {link}"),
        ),
    )


def tiny_pdf(text: str = "Hallo Jan") -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, text)
    pdf.save()
    return buffer.getvalue()


def ask(store: Store, settings: Settings, email: str = "jan@example.com", **kw) -> MailRequest:
    """The mail form as Jan fills it in (override any field); asserts it was queued."""
    values = dict(
        name="Jan Jansen",
        email=email,
        lang="nl",
        profile_id="alpha",
        profile_name="Alpha",
        pdf=tiny_pdf("Hallo Jan"),
        session_id="s1",
    )
    values.update(kw)
    result = request_pdf_mail(store, settings, site_texts(), **values)
    assert result.queued, result
    return result
