"""One order revision as the order view shows it: header, lines and findings, read at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.checks import findings
from qms_review.core.checks.findings import FindingRow
from qms_review.core.messages import QmsError
from qms_review.core.orders import lookup
from qms_review.core.store.models import Order, OrderRevision
from qms_review.core.store.vocabulary import OrderKind, OrderStatus

#: The header fields the view shows, in order.
HEADER_FIELDS = (
    "order_date",
    "buyer",
    "currency",
    "payment_terms",
    "delivery_terms",
    "quotation_ref",
    "notes",
)


@dataclass(frozen=True)
class RevisionView:
    order_id: int
    revision_id: int
    customer: str
    kind: OrderKind
    status: OrderStatus
    number: str
    revision: int
    revisions: list[int]
    received_at: datetime
    verbal: bool
    header: dict[str, str | date | None]
    lines: list[dict[str, Any]]
    findings: list[FindingRow]  # cleared ones too


def load(session: Session, order_id: int, number: int | None = None) -> RevisionView:
    """Revision ``number`` of the order (its latest when None)."""
    order = session.get(Order, order_id)
    if order is None:
        raise QmsError("check.no_order", number=f"#{order_id}")
    revision_id = lookup.revision_id_of(session, order_id, number)
    revision = session.get(OrderRevision, revision_id)
    assert revision is not None
    numbers = list(
        session.scalars(
            select(OrderRevision.number)
            .where(OrderRevision.order_id == order_id)
            .order_by(OrderRevision.number)
        )
    )
    return RevisionView(
        order_id,
        revision_id,
        order.customer.name,
        order.kind,
        order.status,
        order.number,
        revision.number,
        numbers,
        revision.received_at,
        revision.verbal,
        {name: getattr(revision, name) for name in HEADER_FIELDS},
        lookup.lines_of(session, revision_id),
        findings.of_revision(session, revision_id, cleared=True),
    )
