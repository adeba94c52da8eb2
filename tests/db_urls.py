"""A real PostgreSQL for the storage tests: one fresh, uniquely named database per test.

The server comes from WERKSTIJL_TEST_POSTGRES_URL (`eval "$(bash .ci/postgres.sh)"` starts one).
Without it the PostgreSQL tests skip on a developer machine and fail in CI (env CI set).
"""

from __future__ import annotations

import importlib.util
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

POSTGRES_ENV = "WERKSTIJL_TEST_POSTGRES_URL"


def postgres_server_url() -> str:
    """The test server's URL; skips (or, in CI, fails) when there is no server or driver."""
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        reason = f'{POSTGRES_ENV} is not set (start one with: eval "$(bash .ci/postgres.sh)")'
    elif importlib.util.find_spec("psycopg") is None:
        reason = 'the PostgreSQL driver is missing (pip install "psycopg[binary]>=3.2,<4")'
    else:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the PostgreSQL tests, but {reason}")
    pytest.skip(reason)


@contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """Creates an empty database, yields its URL, then drops it (closing leftover connections).

    A database per test, rather than a schema, also proves the real first start on an empty one.
    """
    # CREATE/DROP DATABASE cannot run inside a transaction; NullPool leaves no idle connection.
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    name = f"werkstijl_t_{secrets.token_hex(6)}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
