"""Shared bits for the delivery tests: site texts, a tiny real PDF, a store on a temp file."""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas

from werkstijl.content.models import SiteTexts, Text


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
            "Hoi {name},\n\nJe bent een {profile}. De tips zitten erbij.\n\n{unknown} blijft.",
            "Hi {name},\n\nYou are a {profile}. The tips are attached.\n\n{unknown} stays.",
        ),
        optin_subject=t("Bevestig je aanmelding", "Confirm your sign-up"),
        optin_body=t(
            "Hoi {name},\n\nKlik om te bevestigen:\n{link}", "Hi {name},\n\nClick:\n{link}"
        ),
    )


def tiny_pdf(text: str = "Hallo Jan") -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, text)
    pdf.save()
    return buffer.getvalue()
