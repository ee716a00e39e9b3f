"""presence: who has a review open now (a heartbeat per open review window)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 05:30:00

A plain new table (no batch migration: the FTS triggers of 0009 stay). Its rows are not
audited: they record who is looking, not a change.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from qms_review.core.store.columns import UTCDateTime

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "presence",
        sa.Column("token", sa.String(length=36), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_presence")),
    )
    op.create_index(op.f("ix_presence_review_id"), "presence", ["review_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_presence_review_id"), table_name="presence")
    op.drop_table("presence")
