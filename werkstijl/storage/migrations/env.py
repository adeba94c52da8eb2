"""Alembic environment: migrations always run on a connection the store hands in (see
`werkstijl.storage.migrate`), never from an alembic.ini, so the app, the CLI and tests share them."""

from __future__ import annotations

from alembic import context

from werkstijl.storage.models import Base

connection = context.config.attributes["connection"]
# render_as_batch: SQLite cannot ALTER most constraints; batch mode copies the table instead.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
