"""Engine and session handling shared by the store's parts."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Engine, create_engine, event, func
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from . import migrate

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000


def _sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL, or None for in-memory and other databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (staff pages) run while a worker writes; busy_timeout makes concurrent
    # writers (app + outbox workers) wait for the lock instead of failing with "database is locked".
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()
    # SQLite's own lower() folds ASCII only; addresses are matched case-insensitively with lower(),
    # so 'JÖRG@…' must match 'jörg@…' here as it does on PostgreSQL (forget, limits, search).
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
    # PostgreSQL has translate(); SQLite gets the same, so `folded` is one expression for both.
    dbapi_connection.create_function("translate", 3, _translate, deterministic=True)


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _accent_table() -> tuple[str, str]:
    """Latin letters with accents (upper and lower case) and the plain lower-case letter each
    stands for: 'É' -> 'e', 'ç' -> 'c', 'ø' -> 'o'. One-to-one, as SQL translate() needs."""
    extra = {"Ø": "o", "ø": "o", "Đ": "d", "đ": "d", "Ł": "l", "ł": "l", "Ħ": "h", "ħ": "h"}
    source, target = [], []
    for code in range(0xC0, 0x250):
        char = chr(code)
        nfkd = unicodedata.normalize("NFKD", char)
        base = "".join(c for c in nfkd if not unicodedata.combining(c))
        single = len(base) == 1 and base.isascii() and base.isalpha()  # not 'ĳ' -> 'ij'
        plain = extra.get(char) or (base.lower() if single else "")
        if plain and plain != char:
            source.append(char)
            target.append(plain)
    return "".join(source), "".join(target)


FOLD_FROM, FOLD_TO = _accent_table()
_FOLD = str.maketrans(FOLD_FROM, FOLD_TO)


def fold(text: str) -> str:
    """A text as accent- and case-insensitive search compares it ('Émile' -> 'emile')."""
    return text.translate(_FOLD).lower()


def folded(column: ColumnElement[str]) -> ColumnElement[str]:
    """The SQL twin of `fold`, on SQLite and PostgreSQL alike."""
    return func.lower(func.translate(column, FOLD_FROM, FOLD_TO))


@lru_cache(maxsize=8)
def _table(source: str, target: str) -> dict[int, int]:
    return str.maketrans(source, target)


def _translate(value: object, source: object, target: object) -> object:
    if not isinstance(value, str) or not isinstance(source, str) or not isinstance(target, str):
        return value
    return value.translate(_table(source, target[: len(source)]))


def normalise_url(url: str) -> str:
    """Accept the `postgres://` form some hosts hand out; SQLAlchemy only knows `postgresql://`."""
    if url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.removeprefix("postgres://")
    return url


class Database:
    """Owns the engine; each unit of work runs in `with self.session() as s:` (commit/rollback)."""

    def __init__(self, url: str) -> None:
        url = self.url = normalise_url(url)
        db_file = _sqlite_file(url)
        if db_file is not None:
            db_file.parent.mkdir(parents=True, exist_ok=True)
        # hide_parameters: a database error must not put a visitor's name or address in the logs.
        self.engine: Engine = create_engine(
            url, pool_pre_ping=db_file is None, hide_parameters=True
        )
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        if self.is_sqlite:
            event.listen(self.engine, "connect", _tune_sqlite)
        migrate.upgrade(self.engine, db_file)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
