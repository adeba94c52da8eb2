"""Schema upgrades on SQLite and a real PostgreSQL: no database loses data when the code moves on.

The test that guards every future change: running all migrations from nothing must give exactly
the schema the models describe, so a model change without its migration fails here.
"""

from __future__ import annotations

import multiprocessing

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from werkstijl.storage import Store
from werkstijl.storage.migrate import BASELINE, alembic_config, current_revision, head
from werkstijl.storage.models import Base


@pytest.fixture
def url(db_url: str) -> str:
    return db_url


def run_migrations(url: str, target: str) -> None:
    """Upgrade with Alembic alone (not the store's create-all shortcut for empty databases)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), target)
    engine.dispose()


def revision_of(url: str) -> str | None:
    engine = create_engine(url)
    with engine.connect() as connection:
        revision = current_revision(connection)
    engine.dispose()
    return revision


def test_migrations_from_nothing_give_exactly_the_models_schema(url):
    run_migrations(url, "head")
    engine = create_engine(url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == [], (
        "a model changed without a migration (alembic revision --autogenerate)"
    )


def test_an_empty_database_is_created_at_the_newest_revision(url):
    Store(url).close()
    assert revision_of(url) == head()


def test_a_database_from_before_migrations_is_upgraded_and_keeps_its_rows(url):
    run_migrations(url, BASELINE)  # exactly the tables the release before migrations created
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))  # that release had no such table
        connection.execute(
            text(
                "INSERT INTO results (session_id, answers, scores, profile, runner_up, lang,"
                " created_at) VALUES ('s1', '1,2,3', '{\"alpha\": 2}', 'alpha', 'beta', 'nl',"
                " CURRENT_TIMESTAMP)"
            )
        )
    engine.dispose()

    store = Store(url)  # upgrades; the new schema then takes new rows beside the old ones
    store.save_result("s2", [1, 1, 1], {"alpha": 3.0}, "alpha", "beta", "en")
    store.close()

    assert revision_of(url) == head()
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT session_id, profile FROM results")).all()
        tables = set(inspect(connection).get_table_names())
    engine.dispose()
    assert sorted(tuple(r) for r in rows) == [("s1", "alpha"), ("s2", "alpha")]
    assert set(Base.metadata.tables) <= tables


def _open_store(url: str) -> None:
    Store(url).close()


def test_processes_starting_at_once_on_an_empty_database_all_succeed(url):
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_open_store, args=(url,)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0, 0, 0, 0]
    assert revision_of(url) == head()


def test_results_from_before_the_early_end_count_their_answers(url):
    run_migrations(url, "0001")
    engine = create_engine(url)
    with engine.begin() as connection:
        for session, answers in (("s1", "1,2,3,1,2,3,1,2,3,1,2,3,1"), ("s2", "2,2,2,2,2,2,2,2")):
            connection.execute(
                text(
                    "INSERT INTO results (session_id, answers, scores, profile, runner_up, lang,"
                    " created_at) VALUES (:s, :a, '{}', 'alpha', 'beta', 'nl', CURRENT_TIMESTAMP)"
                ),
                {"s": session, "a": answers},
            )
    engine.dispose()
    store = Store(url)  # upgrades to the newest revision
    assert store.questions_answered() == {8: 1, 13: 1}
    store.close()
