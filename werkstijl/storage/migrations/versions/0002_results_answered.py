"""results.answered: how many questions were answered (fewer when the quiz ended early)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 14:40:45.602100
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("results", schema=None) as batch_op:
        batch_op.add_column(sa.Column("answered", sa.Integer(), nullable=True))
    # Results stored before the early end hold every answer given in `answers` ("1,3,2"): count
    # them, so the median number of questions includes them (same SQL on SQLite and PostgreSQL).
    op.execute(
        "UPDATE results SET answered = length(answers) - length(replace(answers, ',', '')) + 1 "
        "WHERE answers <> ''"
    )


def downgrade() -> None:
    with op.batch_alter_table("results", schema=None) as batch_op:
        batch_op.drop_column("answered")
