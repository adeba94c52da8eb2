"""outbox: Message-ID, idempotency key, unsure outcomes; mail_requests for abuse limits

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 16:11:57.641253
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address_key", sa.String(length=64), nullable=False),
        sa.Column("client_key", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("mail_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_mail_requests_address", ["address_key", "created_at"], unique=False
        )
        batch_op.create_index("ix_mail_requests_client", ["client_key", "created_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_mail_requests_created_at"), ["created_at"], unique=False
        )

    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_id", sa.String(length=250), nullable=True))
        batch_op.add_column(sa.Column("idempotency_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("unsure_since", sa.DateTime(), nullable=True))
        batch_op.create_unique_constraint("uq_outbox_idempotency_key", ["idempotency_key"])


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_constraint("uq_outbox_idempotency_key", type_="unique")
        batch_op.drop_column("unsure_since")
        batch_op.drop_column("idempotency_key")
        batch_op.drop_column("message_id")

    with op.batch_alter_table("mail_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_requests_created_at"))
        batch_op.drop_index("ix_mail_requests_client")
        batch_op.drop_index("ix_mail_requests_address")

    op.drop_table("mail_requests")
