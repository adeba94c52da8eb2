"""Sources (utm_*, src) in storage, on SQLite and PostgreSQL: with events and leads only,
counted per source in insights, and in the leads export."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
from sqlalchemy import inspect
from storage_helpers import lead

from werkstijl.attribution import Attribution
from werkstijl.storage import Store

BLOG = Attribution(src="blog-ps")
LETTER = Attribution(utm_source="nieuwsbrief", utm_medium="email", utm_campaign="okt")


@pytest.fixture
def store(db_store: Store) -> Store:
    """Every test here runs on SQLite and on PostgreSQL (conftest's db_url)."""
    return db_store


def visit(store: Store, session: str, source: Attribution, *steps: str) -> None:
    store.log_event(session, "started", source=source)
    store.log_event(session, "answered", 0, source)
    for kind in steps:
        store.log_event(session, kind, source=source)


def test_insights_count_two_sources_separately(store: Store) -> None:
    visit(store, "a1", BLOG, "completed", "pdf_downloaded")
    visit(store, "a2", BLOG, "completed")
    visit(store, "a3", BLOG)
    visit(store, "b1", LETTER, "completed")
    store.save_lead_with_mail(replace(lead("b1@example.com"), source=LETTER), None, session_id="b1")
    visit(store, "c1", Attribution(), "completed")
    visit(store, "a1", BLOG, "pdf_downloaded")  # a second download counts the session once
    counts = {c.source: c for c in store.source_counts()}
    assert set(counts) == {BLOG, LETTER, Attribution()}
    blog, letter = counts[BLOG], counts[LETTER]
    assert (blog.started, blog.completed, blog.pdf_downloaded, blog.form_sent) == (3, 2, 1, 0)
    assert (letter.started, letter.completed, letter.pdf_downloaded, letter.form_sent) == (
        1, 1, 0, 1)  # fmt: skip
    assert store.source_counts()[0].source == BLOG  # most starts first


def test_the_source_is_stored_with_the_lead_and_exported(store: Store) -> None:
    store.save_lead_with_mail(replace(lead(), source=LETTER), None, session_id="s1")
    [saved] = store.leads()
    assert saved.source == LETTER
    rows = list(csv.DictReader(io.StringIO(store.export_leads_csv()), delimiter=";"))
    assert {k: rows[0][k] for k in ("src", "utm_source", "utm_medium", "utm_campaign")} == {
        "src": "",
        "utm_source": "nieuwsbrief",
        "utm_medium": "email",
        "utm_campaign": "okt",
    }


def test_only_events_and_leads_have_source_columns(store: Store) -> None:
    tables = inspect(store.engine)
    for table in tables.get_table_names():
        names = {c["name"] for c in tables.get_columns(table)}
        has = {"src", "utm_source", "utm_medium", "utm_campaign"} <= names
        assert has == (table in ("events", "leads")), table
