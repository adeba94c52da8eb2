"""Funnel events, written on nearly every click, in a group commit that does not wait for the disk
(Database.add_soon, relaxed_connection), on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from db_urls import fresh_database, postgres_server_url
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from werkstijl.storage import Store
from werkstijl.storage.models import EventRow

THREADS, EACH = 16, 40


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'events.db'}"
    else:
        with fresh_database(postgres_server_url()) as pg_url:
            # The test server runs without synchronous commits; production ones commit durably.
            engine = create_engine(pg_url, poolclass=NullPool)
            with engine.begin() as conn:
                name = make_url(pg_url).database
                conn.exec_driver_sql(f'ALTER DATABASE "{name}" SET synchronous_commit = on')
            engine.dispose()
            yield pg_url


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    store = Store(url)
    yield store
    store.close()


def stored_events(url: str) -> list[tuple[str, str, int | None]]:
    """What another process would read: a second store on the same database."""
    other = Store(url)
    try:
        with other.session() as s:
            rows = s.execute(select(EventRow.session_id, EventRow.kind, EventRow.question))
            return sorted((sid, kind, q) for sid, kind, q in rows)
    finally:
        other.close()


def test_a_click_finds_its_event_stored_when_log_event_returns(store: Store, url: str) -> None:
    store.log_event("s1", "started")
    store.log_event("s1", "answered", 0)
    assert stored_events(url) == [("s1", "answered", 0), ("s1", "started", None)]


def test_many_visitors_clicking_at_once_store_every_event_once_in_fewer_commits(
    store: Store, url: str
) -> None:
    commits = []
    event.listen(store._relaxed_engine, "commit", lambda _conn: commits.append(1))
    start = threading.Barrier(THREADS)

    def visitor(n: int) -> None:
        start.wait()
        for question in range(EACH):
            store.log_event(f"visitor-{n}", "answered", question)

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    expected = sorted((f"visitor-{n}", "answered", q) for n in range(THREADS) for q in range(EACH))
    assert stored_events(url) == expected
    assert 0 < len(commits) < THREADS * EACH  # grouped: not one commit per click


def test_event_commits_do_not_wait_for_the_disk_while_results_and_leads_do(store: Store) -> None:
    with store.relaxed_connection() as connection, store.session() as session:
        if store.is_sqlite:  # 1 = NORMAL (WAL: no fsync per commit), 2 = FULL
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1
            assert session.execute(text("PRAGMA synchronous")).scalar() == 2
        else:
            assert connection.exec_driver_sql("SHOW synchronous_commit").scalar() == "off"
            assert session.execute(text("SHOW synchronous_commit")).scalar() == "on"


def test_events_that_could_not_be_written_go_with_the_next_click(
    store: Store, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    working = store.relaxed_connection

    def unreachable():
        raise OperationalError("INSERT", {}, Exception("the database is unreachable"))

    monkeypatch.setattr(store, "relaxed_connection", unreachable)
    with pytest.raises(OperationalError):
        store.log_event("s1", "started")
    monkeypatch.setattr(store, "relaxed_connection", working)
    store.log_event("s1", "answered", 0)
    assert stored_events(url) == [("s1", "answered", 0), ("s1", "started", None)]


def test_an_unknown_event_kind_is_refused_before_anything_is_queued(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown event kind"):
        store.log_event("s1", "clicked")
    store.log_event("s1", "started")
    with store.session() as s:
        assert s.scalar(select(func.count(EventRow.id))) == 1
