"""One customer's file, read at once: their enquiries, bids and orders with every revision,
review and decision; the communication log of all their orders; their feedback and complaints;
the property we hold for them (``held``). And the customers whose file holds some words (for the
customer picker and ``qms-review customer list``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, String, and_, func, or_, select
from sqlalchemy.orm import Session

from qms_review.core.customers import rules
from qms_review.core.customers.custody import Held, property_of
from qms_review.core.customers.feedback import FeedbackEntry, feedback_of
from qms_review.core.messages import QmsError
from qms_review.core.store.models import (
    Communication,
    Customer,
    CustomerFeedback,
    CustomerProperty,
    Order,
    OrderRevision,
    PropertyIncident,
    Review,
)
from qms_review.core.store.vocabulary import (
    CommunicationKind,
    Decision,
    FeedbackKind,
    FeedbackStatus,
    OrderKind,
    OrderStatus,
    ReviewState,
)


@dataclass(frozen=True)
class ReviewEntry:
    id: int
    state: ReviewState
    decision: Decision | None
    conditions: str | None
    started_at: datetime
    decided_at: datetime | None
    waived: bool


@dataclass(frozen=True)
class RevisionEntry:
    number: int
    received_at: datetime
    order_date: date | None
    line_count: int
    verbal: bool
    reviews: tuple[ReviewEntry, ...]


@dataclass(frozen=True)
class OrderEntry:
    id: int
    kind: OrderKind
    number: str
    status: OrderStatus
    revisions: tuple[RevisionEntry, ...]

    @property
    def latest(self) -> RevisionEntry | None:
        return self.revisions[-1] if self.revisions else None


@dataclass(frozen=True)
class LogEntry:
    """One entry of the communication log of one of the customer's orders."""

    order_id: int
    order_number: str
    occurred_on: date
    kind: CommunicationKind
    incoming: bool
    channel: str | None
    contact: str | None
    summary: str
    recorded_by: str


@dataclass(frozen=True)
class CustomerFile:
    id: int
    code: str | None
    name: str
    country: str | None
    orders: tuple[OrderEntry, ...]
    communications: tuple[LogEntry, ...]
    feedback: tuple[FeedbackEntry, ...]
    held: tuple[Held, ...]

    @property
    def open_feedback(self) -> int:
        return sum(1 for f in self.feedback if f.status is FeedbackStatus.OPEN)

    @property
    def complaints(self) -> int:
        return sum(1 for f in self.feedback if f.kind is FeedbackKind.COMPLAINT)


def find_customer(session: Session, code_or_name: str) -> int:
    """The id of the customer whose code, else whose name, is ``code_or_name``."""
    wanted = code_or_name.strip()
    found = session.scalar(select(Customer.id).where(Customer.code == wanted))
    if found is not None:
        return found
    named = session.scalars(select(Customer.id).where(Customer.name == wanted)).all()
    if len(named) == 1:
        return named[0]
    raise QmsError("customer.not_found", customer=wanted)


def customer_of_order(session: Session, order_id: int) -> int:
    """The customer of an order (the register's selected order → its customer's file)."""
    found = session.scalar(select(Order.customer_id).where(Order.id == order_id))
    if found is None:
        raise QmsError("check.no_order", number=f"#{order_id}")
    return found


def _newest_first(orders: Any, revisions: dict[int, list[tuple[int, OrderRevision]]]) -> list[Any]:
    """The orders by their latest revision's receipt, newest first (as the register sorts)."""

    def received(order: Any) -> tuple[float, int]:
        latest = max((r.received_at for _, r in revisions[order.id] if r.received_at), default=None)
        return (latest.timestamp() if latest is not None else 0.0, order.id)

    return sorted(orders, key=received, reverse=True)


def customer_file(session: Session, customer_id: int) -> CustomerFile:
    customer = rules.customer_row(session, customer_id)
    orders = session.execute(
        select(Order.id, Order.kind, Order.number, Order.status)
        .where(Order.customer_id == customer_id)
        .order_by(Order.created_at.desc(), Order.id.desc())
    ).all()
    ids = [o.id for o in orders]
    revisions: dict[int, list[tuple[int, OrderRevision]]] = {i: [] for i in ids}
    for r in session.scalars(
        select(OrderRevision)
        .where(OrderRevision.order_id.in_(ids))
        .order_by(OrderRevision.order_id, OrderRevision.number)
    ):
        revisions[r.order_id].append((r.id, r))
    reviews: dict[int, list[ReviewEntry]] = {}
    revision_ids = [rid for rows in revisions.values() for rid, _ in rows]
    for v in session.scalars(
        select(Review).where(Review.revision_id.in_(revision_ids)).order_by(Review.id)
    ):
        reviews.setdefault(v.revision_id, []).append(
            ReviewEntry(
                v.id, v.state, v.decision, v.conditions, v.started_at, v.decided_at, v.waived
            )
        )
    entries = tuple(
        OrderEntry(
            o.id,
            o.kind,
            o.number,
            o.status,
            tuple(
                RevisionEntry(
                    r.number,
                    r.received_at,
                    r.order_date,
                    r.line_count,
                    r.verbal,
                    tuple(reviews.get(rid, ())),
                )
                for rid, r in revisions[o.id]
            ),
        )
        for o in _newest_first(orders, revisions)
    )
    log = tuple(
        LogEntry(
            c.order_id,
            number,
            c.occurred_on,
            c.kind,
            c.incoming,
            c.channel,
            c.contact,
            c.summary,
            c.recorded_by,
        )
        for c, number in session.execute(
            select(Communication, Order.number)
            .join(Order, Communication.order_id == Order.id)
            .where(Order.customer_id == customer_id)
            .order_by(Communication.occurred_on.desc(), Communication.id.desc())
        )
    )
    return CustomerFile(
        customer.id,
        customer.code,
        customer.name,
        customer.country,
        entries,
        log,
        tuple(feedback_of(session, customer_id)),
        tuple(property_of(session, customer_id)),
    )


@dataclass(frozen=True)
class CustomerHit:
    """A customer in the picker: how much their file holds, and where the words were found."""

    id: int
    code: str | None
    name: str
    orders: int
    open_feedback: int
    property_held: int
    #: "customer" (name or code), "feedback" or "property": where the words matched.
    matched: str


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _all_words(columns: list[Any], words: list[str]) -> ColumnElement[bool]:
    """Every word found in one of the columns (case folded as the database folds it)."""
    return and_(
        *(
            or_(*(func.lower(c).like(f"%{_escape(w.lower())}%", escape="\\") for c in columns))
            for w in words
        )
    )


def customers(session: Session, needle: str = "", limit: int = 500) -> list[CustomerHit]:
    """Customers whose name or code holds every word of ``needle``, or whose feedback and
    complaints (text, closing note) or property (item, condition, place, loss or damage) do;
    by name."""
    words = needle.split()
    orders = (
        select(func.count())
        .select_from(Order)
        .where(Order.customer_id == Customer.id)
        .scalar_subquery()
    )
    open_feedback = (
        select(func.count())
        .select_from(CustomerFeedback)
        .where(
            CustomerFeedback.customer_id == Customer.id,
            CustomerFeedback.status == FeedbackStatus.OPEN,
        )
        .scalar_subquery()
    )
    held = (
        select(func.count())
        .select_from(CustomerProperty)
        .where(CustomerProperty.customer_id == Customer.id, CustomerProperty.returned_on.is_(None))
        .scalar_subquery()
    )
    query = select(Customer.id, Customer.code, Customer.name, orders, open_feedback, held)
    named = _all_words([Customer.name, Customer.code], words) if words else None
    in_feedback = in_property = None
    if words:
        in_feedback = (
            select(CustomerFeedback.id)
            .where(
                CustomerFeedback.customer_id == Customer.id,
                _all_words([CustomerFeedback.summary, CustomerFeedback.closing_note], words),
            )
            .exists()
        )
        in_property = (
            select(CustomerProperty.id)
            .outerjoin(PropertyIncident, PropertyIncident.property_id == CustomerProperty.id)
            .where(
                CustomerProperty.customer_id == Customer.id,
                _all_words(
                    [
                        CustomerProperty.item,
                        CustomerProperty.condition,
                        CustomerProperty.location,
                        PropertyIncident.description.cast(String),
                    ],
                    words,
                ),
            )
            .exists()
        )
        assert named is not None
        query = query.add_columns(named, in_feedback).where(or_(named, in_feedback, in_property))
    found = []
    for row in session.execute(query.order_by(Customer.name, Customer.id).limit(limit)):
        matched = "customer"
        if words:
            matched = "customer" if row[6] else "feedback" if row[7] else "property"
        found.append(CustomerHit(row[0], row[1], row[2], row[3], row[4], row[5], matched))
    return found
