"""signed heads: each signature keeps the audit head it was made at; signed rows frozen

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 03:00:00

Every e-signature now covers the audit chain's head at signing time (its key signs the content
hash together with the head), so that ``audit verify`` can tell, without trusting the audit
key, whether history before a signature was rewritten. Signatures become append-only, and a
decided, signed review's decision, conditions and answers are frozen by triggers. Signatures
made before keep no head (NULL) and are checked as before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from qms_review.core.store import append_only

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("signatures", sa.Column("audit_head_seq", sa.Integer(), nullable=True))
    op.add_column("signatures", sa.Column("audit_head_mac", sa.String(length=64), nullable=True))
    bind = op.get_bind()
    append_only.create(bind, ["signatures"])
    append_only.create_guards(bind)


def downgrade() -> None:
    bind = op.get_bind()
    append_only.drop_guards(bind)
    append_only.drop(bind, ["signatures"])
    op.drop_column("signatures", "audit_head_mac")
    op.drop_column("signatures", "audit_head_seq")
