"""Records the storage tests (SQLite and PostgreSQL alike) queue and save."""

from __future__ import annotations

from werkstijl.storage import NewLead, NewMail


def lead(email: str = "jan@example.com", name: str = "Jan", updates: bool = False) -> NewLead:
    return NewLead(name, email, "nl", "alpha", True, updates, "v1")


def mail(email: str = "jan@example.com", kind: str = "pdf", session: str | None = None) -> NewMail:
    return NewMail(
        kind,
        email,
        "Jan",
        "nl",
        "Onderwerp",
        "Tekst",
        "<p>Tekst</p>",
        b"%PDF-1.4 fake" if kind == "pdf" else None,
        "werkstijl-alpha-jan.pdf" if kind == "pdf" else None,
        session,
    )
