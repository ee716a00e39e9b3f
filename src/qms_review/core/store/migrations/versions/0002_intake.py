"""intake: mapping profiles and revision changes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 20:31:41.619203
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from qms_review.core.store import append_only

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mapping_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_mapping_profiles_customer_id_customers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mapping_profiles")),
        sa.UniqueConstraint(
            "customer_id", "name", name=op.f("uq_mapping_profiles_customer_id_name")
        ),
    )
    op.create_table(
        "revision_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("base_revision_id", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.Column("change", sa.String(length=20), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=True),
        sa.Column("part_number", sa.String(length=80), nullable=True),
        sa.Column("field", sa.String(length=40), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["base_revision_id"],
            ["order_revisions.id"],
            name=op.f("fk_revision_changes_base_revision_id_order_revisions"),
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["order_revisions.id"],
            name=op.f("fk_revision_changes_revision_id_order_revisions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revision_changes")),
    )
    with op.batch_alter_table("revision_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_revision_changes_revision_id"), ["revision_id"], unique=False
        )

    append_only.create(op.get_bind(), ["revision_changes"])


def downgrade() -> None:
    append_only.drop(op.get_bind(), ["revision_changes"])
    with op.batch_alter_table("revision_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_revision_changes_revision_id"))

    op.drop_table("revision_changes")
    op.drop_table("mapping_profiles")
