"""Schema upgrades: every process brings its database to the newest schema when it starts.

Alembic owns the schema history (`migrations/versions/`). Three kinds of database arrive here:
- empty: the tables are created from the models in one go and stamped with the newest revision;
- made by the release before migrations existed (tables, but no `alembic_version`): stamped with
  the baseline revision, then upgraded, so its data is kept;
- migrated before: upgraded from its revision.
Several processes (app replicas, outbox workers, the CLI) may start at once, so the upgrade runs
under a lock: a PostgreSQL advisory lock, or a lock file beside a SQLite database.
"""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, inspect, text

from .models import Base

log = logging.getLogger(__name__)

BASELINE = "0001"
MIGRATIONS = Path(__file__).with_name("migrations")
# Any fixed 64-bit number: the key of the advisory lock that serialises upgrades on PostgreSQL.
PG_LOCK_KEY = 0x57E4_5715_0001


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision in `migrations/versions/`."""
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert revision is not None, "migrations/versions/ holds no revision"
    return revision


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, sqlite_file: Path | None) -> None:
    """Bring the database behind `engine` to the newest revision (see the module docstring)."""
    with _file_lock(sqlite_file), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})
        config = alembic_config(connection)
        revision = current_revision(connection)
        if revision is None and not _has_our_tables(connection):
            Base.metadata.create_all(connection)
            command.stamp(config, "head")
            return
        if revision is None:
            log.info("database made before migrations existed: stamping it %s", BASELINE)
            command.stamp(config, BASELINE)
            revision = BASELINE
        if revision != head():
            log.info("upgrading the database schema from %s to %s", revision, head())
            command.upgrade(config, "head")


def _has_our_tables(connection: Connection) -> bool:
    existing = set(inspect(connection).get_table_names())
    return bool(existing & set(Base.metadata.tables))


@contextmanager
def _file_lock(sqlite_file: Path | None) -> Iterator[None]:
    """An exclusive lock beside a SQLite file: SQLite has no advisory locks of its own, and a
    transaction alone would let two processes both see "no tables" and both create them."""
    if sqlite_file is None:
        yield
        return
    lock_path = sqlite_file.with_name(sqlite_file.name + ".migrate-lock")
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def new_revision(message: str) -> None:
    """Write the migration for what changed in models.py (for developers; see the README)."""
    engine = create_engine("sqlite://")  # an empty database, brought to head, then compared
    with engine.begin() as connection:
        config = alembic_config(connection)
        # The written file comes out in the project's style (Alembic's post-write hook).
        config.set_section_option("post_write_hooks", "hooks", "ruff")
        config.set_section_option("post_write_hooks", "ruff.type", "exec")
        config.set_section_option("post_write_hooks", "ruff.executable", "ruff")
        config.set_section_option(
            "post_write_hooks", "ruff.options", "format REVISION_SCRIPT_FILENAME"
        )
        command.upgrade(config, "head")
        number = f"{int(head()) + 1:04d}"  # sequential ids: two branches adding one collide visibly
        command.revision(config, message=message, autogenerate=True, rev_id=number)
