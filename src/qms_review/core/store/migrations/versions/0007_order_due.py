"""order due: when an order's review is due, kept on the order from its import

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 02:00:00

The register shows every order's due date, sorts and filters by it in SQL, also before a review
has started; the order keeps the date its review would have (its latest revision's receipt plus
the working days the settings give). Existing orders get the default of three working days after
their latest revision's receipt (the settings are the data folder's, not the database's).
"""

from collections.abc import Sequence
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from alembic import op

from qms_review.core.store.columns import UTCDateTime

#: The ``review.due_working_days`` setting's default.
DUE_WORKING_DAYS = 3

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("orders", sa.Column("due_on", sa.Date(), nullable=True))
    bind = op.get_bind()
    orders = sa.table("orders", sa.column("id"), sa.column("due_on", sa.Date()))
    found = bind.execute(
        sa.text(
            "SELECT o.id, r.received_at FROM orders o JOIN order_revisions r"
            " ON r.order_id = o.id AND r.number = o.revision_count"
        ).columns(sa.column("id", sa.Integer()), sa.column("received_at", UTCDateTime()))
    ).all()
    updates = [
        {"order_id": order_id, "due": _due(received)}
        for order_id, received in found
        if received is not None
    ]
    if updates:
        bind.execute(
            orders.update()
            .where(orders.c.id == sa.bindparam("order_id"))
            .values(due_on=sa.bindparam("due")),
            updates,
        )


def _due(received: datetime) -> date:
    """As ``orders.revisions.due_date`` does (a migration keeps its own copy of the rule)."""
    current, days = received.astimezone().date(), DUE_WORKING_DAYS
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def downgrade() -> None:
    op.drop_column("orders", "due_on")
