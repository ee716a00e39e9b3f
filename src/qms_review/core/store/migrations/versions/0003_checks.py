"""checks: template kinds and sources, special processes, cleared findings

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:10:00

Checklist templates become append-only (a new version is a new row). Columns are added with
plain ALTER TABLE (no table is recreated, so no trigger is lost).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from qms_review.core.store import append_only

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("catalogue_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("special_processes", sa.Text(), nullable=True))
    with op.batch_alter_table("checklist_templates", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), nullable=False, server_default="template")
        )
        batch_op.add_column(sa.Column("extends", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("source", sa.String(length=260), nullable=True))
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cleared_at", sa.DateTime(), nullable=True))
    append_only.create(op.get_bind(), ["checklist_templates"])


def downgrade() -> None:
    append_only.drop(op.get_bind(), ["checklist_templates"])
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_column("cleared_at")
    with op.batch_alter_table("checklist_templates", schema=None) as batch_op:
        batch_op.drop_column("source")
        batch_op.drop_column("extends")
        batch_op.drop_column("kind")
    with op.batch_alter_table("catalogue_items", schema=None) as batch_op:
        batch_op.drop_column("special_processes")
