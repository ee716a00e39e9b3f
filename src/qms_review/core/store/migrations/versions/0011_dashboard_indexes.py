"""dashboard indexes: the dashboard's "now" figures read the few open rows, not every row

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 06:20:00

The dashboard counts the reviews open (by state), the orders not yet under review (received,
by status and kind) and the questions still open (not closed): each through an index, so its
cost follows what is open today rather than the years of history behind it. Plain indexes: no
table is rebuilt (the register's search triggers stay).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_reviews_state", "reviews", ["state"])
    op.create_index("ix_orders_status_kind", "orders", ["status", "kind"])
    op.create_index("ix_clarifications_closed_at", "clarifications", ["closed_at"])


def downgrade() -> None:
    op.drop_index("ix_clarifications_closed_at", table_name="clarifications")
    op.drop_index("ix_orders_status_kind", table_name="orders")
    op.drop_index("ix_reviews_state", table_name="reviews")
