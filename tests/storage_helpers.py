"""Records the storage tests (SQLite and PostgreSQL alike) queue and save."""

from __future__ import annotations

import threading

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


def at_once(count: int, action) -> list:
    """Runs `action(n)` in `count` threads released together; returns what each returned."""
    start, results = threading.Barrier(count), [None] * count

    def run(n: int) -> None:
        start.wait()
        results[n] = action(n)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread hung (lock wait?)"
    return results
