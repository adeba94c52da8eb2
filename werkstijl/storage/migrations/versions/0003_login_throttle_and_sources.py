"""The staff login throttle (lockout per client, shared by replicas); where visits came from
(src, utm_source, utm_medium, utm_campaign) on funnel events and leads.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 15:07:28.482333
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("lockouts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("login_throttle", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_login_throttle_updated_at"), ["updated_at"], unique=False
        )

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("src", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("utm_source", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("utm_medium", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("utm_campaign", sa.String(length=60), nullable=True))

    with op.batch_alter_table("leads", schema=None) as batch_op:
        batch_op.add_column(sa.Column("src", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("utm_source", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("utm_medium", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("utm_campaign", sa.String(length=60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("leads", schema=None) as batch_op:
        batch_op.drop_column("utm_campaign")
        batch_op.drop_column("utm_medium")
        batch_op.drop_column("utm_source")
        batch_op.drop_column("src")

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("utm_campaign")
        batch_op.drop_column("utm_medium")
        batch_op.drop_column("utm_source")
        batch_op.drop_column("src")

    with op.batch_alter_table("login_throttle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_throttle_updated_at"))

    op.drop_table("login_throttle")
