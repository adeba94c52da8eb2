"""Baseline: the schema as it was before migrations existed (release of 23 November 2026).

A database made by that release has these tables and no alembic_version table; the store stamps
it with this revision and upgrades it from here.

Revision ID: 0001
Revises:
Create Date: 2026-12-01 14:18:49.689442
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("question", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_kind_created", ["kind", "created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_session_id"), ["session_id"], unique=False)

    op.create_table(
        "leads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("profile", sa.String(length=60), nullable=False),
        sa.Column("consent_pdf", sa.Boolean(), nullable=False),
        sa.Column("consent_updates_requested", sa.Boolean(), nullable=False),
        sa.Column("updates_confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("optin_token_hash", sa.String(length=64), nullable=True),
        sa.Column("consent_version", sa.String(length=60), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("leads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_leads_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_leads_email"), ["email"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_leads_optin_token_hash"), ["optin_token_hash"], unique=False
        )

    op.create_table(
        "results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column("answers", sa.String(length=200), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("profile", sa.String(length=60), nullable=False),
        sa.Column("runner_up", sa.String(length=60), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("results", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_results_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_results_profile"), ["profile"], unique=False)
        batch_op.create_index(batch_op.f("ix_results_session_id"), ["session_id"], unique=False)

    op.create_table(
        "tip_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column("tip_id", sa.String(length=60), nullable=False),
        sa.Column("stars", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "tip_id", name="uq_tip_rating_session_tip"),
    )
    with op.batch_alter_table("tip_ratings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tip_ratings_tip_id"), ["tip_id"], unique=False)

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("to_email", sa.String(length=320), nullable=False),
        sa.Column("to_name", sa.String(length=200), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("attachment", sa.LargeBinary(), nullable=True),
        sa.Column("attachment_name", sa.String(length=200), nullable=True),
        sa.Column("session_id", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_by", sa.String(length=100), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["lead_id"], ["leads.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_session_id"), ["session_id"], unique=False)
        batch_op.create_index("ix_outbox_status_next", ["status", "next_attempt_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_to_email"), ["to_email"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_to_email"))
        batch_op.drop_index("ix_outbox_status_next")
        batch_op.drop_index(batch_op.f("ix_outbox_session_id"))
        batch_op.drop_index(batch_op.f("ix_outbox_created_at"))

    op.drop_table("outbox")
    with op.batch_alter_table("tip_ratings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tip_ratings_tip_id"))

    op.drop_table("tip_ratings")
    with op.batch_alter_table("results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_results_session_id"))
        batch_op.drop_index(batch_op.f("ix_results_profile"))
        batch_op.drop_index(batch_op.f("ix_results_created_at"))

    op.drop_table("results")
    with op.batch_alter_table("leads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_leads_optin_token_hash"))
        batch_op.drop_index(batch_op.f("ix_leads_email"))
        batch_op.drop_index(batch_op.f("ix_leads_created_at"))

    op.drop_table("leads")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_session_id"))
        batch_op.drop_index("ix_events_kind_created")

    op.drop_table("events")
