"""The customer's voice for the management review (ISO 9001 §9.3.2 c 1, customer satisfaction
and feedback from relevant interested parties; §8.5.3, the customer's property): the feedback
and complaints received in the period, how many are still open and late, how long closing took,
and the losses and damages of customer property and whether the customer was told.

*Received* counts follow the period (by the day it was received) and the customer filter; the
*open*, *late* and *not told* counts are as of ``today``, whenever received. The order-kind
filter does not apply: feedback belongs to a customer, not to a kind of order.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from qms_review.core.store.models import (
    Customer,
    CustomerFeedback,
    CustomerProperty,
    Order,
    PropertyIncident,
)
from qms_review.core.store.vocabulary import FeedbackKind, FeedbackStatus, IncidentKind

#: At most this many complaints are listed (the newest); the counts hold them all.
LISTED = 25


@dataclass(frozen=True)
class Said:
    """One piece of feedback or a complaint received in the period."""

    customer: str
    kind: FeedbackKind
    received_on: date
    summary: str
    order: str | None
    status: FeedbackStatus
    due_on: date | None
    closed_on: date | None

    def late(self, today: date) -> bool:
        return (
            self.status is FeedbackStatus.OPEN and self.due_on is not None and self.due_on < today
        )


@dataclass
class Voice:
    """What customers told us in the period, and what happened to what they left with us."""

    received: dict[FeedbackKind, int] = field(default_factory=dict)
    open: int = 0
    late: int = 0
    median_days_to_close: float | None = None
    said: list[Said] = field(default_factory=list)  # complaints first, newest first
    incidents: dict[IncidentKind, int] = field(default_factory=dict)
    not_told: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "received": {k.value: n for k, n in self.received.items()},
            "open": self.open,
            "late": self.late,
            "median_days_to_close": self.median_days_to_close,
            "listed": [
                {
                    "customer": s.customer,
                    "kind": s.kind.value,
                    "received_on": s.received_on.isoformat(),
                    "summary": s.summary,
                    "order": s.order,
                    "status": s.status.value,
                    "due_on": s.due_on.isoformat() if s.due_on else None,
                    "closed_on": s.closed_on.isoformat() if s.closed_on else None,
                }
                for s in self.said
            ],
            "property_incidents": {k.value: n for k, n in self.incidents.items()},
            "property_incidents_not_told": self.not_told,
        }


def customer_voice(
    session: Session, start: date | None, end: date | None, customer: str | None, today: date
) -> Voice:
    """The feedback received from ``start`` to ``end`` (inclusive; None: open-ended) from
    customers whose name or code contains ``customer``; open and late ones as of ``today``."""
    found = Voice()
    whose = _customer(customer)
    period = [*whose, *_between(CustomerFeedback.received_on, start, end)]
    counted = session.execute(
        select(CustomerFeedback.kind, func.count())
        .join(Customer, Customer.id == CustomerFeedback.customer_id)
        .where(*period)
        .group_by(CustomerFeedback.kind)
    ).all()
    found.received = {kind: n for kind, n in sorted(counted, key=lambda r: _rank(r[0]))}
    still_open = session.execute(
        select(CustomerFeedback.due_on)
        .join(Customer, Customer.id == CustomerFeedback.customer_id)
        .where(*whose, CustomerFeedback.status == FeedbackStatus.OPEN)
    ).scalars()
    dues = list(still_open)
    found.open = len(dues)
    found.late = sum(1 for due in dues if due is not None and due < today)
    closed = session.execute(
        select(CustomerFeedback.received_on, CustomerFeedback.closed_on)
        .join(Customer, Customer.id == CustomerFeedback.customer_id)
        .where(*period, CustomerFeedback.closed_on.is_not(None))
    ).all()
    days = [(shut - got).days for got, shut in closed if shut is not None]
    found.median_days_to_close = float(statistics.median(days)) if days else None
    rows = session.execute(
        select(
            Customer.name,
            CustomerFeedback.kind,
            CustomerFeedback.received_on,
            CustomerFeedback.summary,
            Order.number,
            CustomerFeedback.status,
            CustomerFeedback.due_on,
            CustomerFeedback.closed_on,
        )
        .join(Customer, Customer.id == CustomerFeedback.customer_id)
        .outerjoin(Order, Order.id == CustomerFeedback.order_id)
        .where(*period)
        .order_by(CustomerFeedback.received_on.desc(), CustomerFeedback.id.desc())
    ).all()
    said = [Said(*row) for row in rows]
    said.sort(key=lambda s: _rank(s.kind))  # stable: complaints first, each kind newest first
    found.said = said[:LISTED]
    incidents = session.execute(
        select(PropertyIncident.kind, PropertyIncident.reported_on)
        .join(CustomerProperty, CustomerProperty.id == PropertyIncident.property_id)
        .join(Customer, Customer.id == CustomerProperty.customer_id)
        .where(*whose, *_between(PropertyIncident.occurred_on, start, end))
    ).all()
    for kind, _reported in incidents:
        found.incidents[kind] = found.incidents.get(kind, 0) + 1
    found.not_told = sum(1 for _kind, reported in incidents if reported is None)
    return found


def _rank(kind: FeedbackKind) -> int:
    return list(FeedbackKind).index(kind)


def _customer(needle: str | None) -> list[ColumnElement[bool]]:
    if not needle:
        return []
    pattern = f"%{needle}%"
    return [or_(Customer.name.ilike(pattern), Customer.code.ilike(pattern))]


def _between(day: Any, start: date | None, end: date | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if start is not None:
        conditions.append(day >= start)
    if end is not None:
        conditions.append(day <= end)
    return conditions
