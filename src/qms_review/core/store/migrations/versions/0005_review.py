"""review: packs, waiver, supersession, functions, answer dispositions, evidence, notices

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 22:40:00

Columns are added to reviews and review_answers (neither is append-only); the new tables are
created whole.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "review_functions",
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("function", sa.String(length=24), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_review_functions_review_id_reviews")
        ),
        sa.PrimaryKeyConstraint("review_id", "function", name=op.f("pk_review_functions")),
    )
    op.create_table(
        "answer_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by_id"], ["users.id"], name=op.f("fk_answer_evidence_added_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["review_answers.id"],
            name=op.f("fk_answer_evidence_answer_id_review_answers"),
        ),
        sa.ForeignKeyConstraint(
            ["file_id"], ["stored_files.id"], name=op.f("fk_answer_evidence_file_id_stored_files")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer_evidence")),
    )
    with op.batch_alter_table("answer_evidence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_answer_evidence_answer_id"), ["answer_id"], unique=False
        )
    op.create_table(
        "review_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("function", sa.String(length=24), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("informed_at", sa.DateTime(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_review_notices_review_id_reviews")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_review_notices_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_notices")),
    )
    with op.batch_alter_table("review_notices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_notices_review_id"), ["review_id"], unique=False
        )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("packs", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(
            sa.Column("waived", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("waiver_note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("waiver_evidence_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("superseded_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("superseded_at", sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_reviews_waiver_evidence_id_stored_files"),
            "stored_files",
            ["waiver_evidence_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_reviews_superseded_by_id_reviews"),
            "reviews",
            ["superseded_by_id"],
            ["id"],
        )
    with op.batch_alter_table("review_answers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("disposition", sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column("disposition_note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("review_answers", schema=None) as batch_op:
        batch_op.drop_column("disposition_note")
        batch_op.drop_column("disposition")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_reviews_superseded_by_id_reviews"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_reviews_waiver_evidence_id_stored_files"), type_="foreignkey"
        )
        for name in (
            "superseded_at",
            "superseded_by_id",
            "waiver_evidence_id",
            "waiver_note",
            "waived",
            "packs",
        ):
            batch_op.drop_column(name)
    with op.batch_alter_table("review_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_notices_review_id"))
    op.drop_table("review_notices")
    with op.batch_alter_table("answer_evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_answer_evidence_answer_id"))
    op.drop_table("answer_evidence")
    op.drop_table("review_functions")
