"""acknowledgements: the order acknowledgement confirmed to the customer, kept with the review

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 06:00:00

A new append-only table: each acknowledgement names its review, its PDF and workbook (stored
files) and the communication log's entry. No existing table is altered.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from qms_review.core.store import append_only
from qms_review.core.store.columns import UTCDateTime

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "acknowledgements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=120), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("pdf_file_id", sa.Integer(), nullable=False),
        sa.Column("xlsx_file_id", sa.Integer(), nullable=False),
        sa.Column("communication_id", sa.Integer(), nullable=False),
        sa.Column("made_by", sa.String(length=80), nullable=False),
        sa.Column("made_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_acknowledgements_review_id_reviews")
        ),
        sa.ForeignKeyConstraint(
            ["pdf_file_id"],
            ["stored_files.id"],
            name=op.f("fk_acknowledgements_pdf_file_id_stored_files"),
        ),
        sa.ForeignKeyConstraint(
            ["xlsx_file_id"],
            ["stored_files.id"],
            name=op.f("fk_acknowledgements_xlsx_file_id_stored_files"),
        ),
        sa.ForeignKeyConstraint(
            ["communication_id"],
            ["communications.id"],
            name=op.f("fk_acknowledgements_communication_id_communications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acknowledgements")),
    )
    op.create_index(
        op.f("ix_acknowledgements_review_id"), "acknowledgements", ["review_id"], unique=False
    )
    append_only.create(op.get_bind(), ["acknowledgements"])


def downgrade() -> None:
    append_only.drop(op.get_bind(), ["acknowledgements"])
    op.drop_index(op.f("ix_acknowledgements_review_id"), table_name="acknowledgements")
    op.drop_table("acknowledgements")
