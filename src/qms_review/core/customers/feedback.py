"""Customer feedback and complaints (ISO 9001 8.2.1 c): recorded with the date received, the
order (and line) it is about if any, an owner and a due date; edited while open; closed with a
note saying how it was dealt with — never without one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.customers import rules
from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError
from qms_review.core.store.columns import row_of
from qms_review.core.store.models import CustomerFeedback, Order, User
from qms_review.core.store.vocabulary import FeedbackKind, FeedbackStatus


@dataclass(frozen=True)
class Said:
    """What the customer said, and what we know about it, as the face needs it."""

    kind: FeedbackKind
    received_on: date
    summary: str
    order_id: int | None = None
    line_no: int | None = None
    owner: str | None = None  # the owner's login
    due_on: date | None = None


@dataclass(frozen=True)
class FeedbackEntry:
    id: int
    kind: FeedbackKind
    received_on: date
    summary: str
    order_id: int | None
    order_number: str | None
    line_no: int | None
    owner: str | None  # login
    owner_name: str | None
    due_on: date | None
    status: FeedbackStatus
    closing_note: str | None
    closed_on: date | None
    closed_by: str | None
    recorded_by: str

    def overdue(self, today: date) -> bool:
        return (
            self.status is FeedbackStatus.OPEN and self.due_on is not None and self.due_on < today
        )


def _apply(session: Session, row: CustomerFeedback, said: Said) -> None:
    customer = rules.customer_row(session, row.customer_id)
    row.kind = FeedbackKind(said.kind)
    row.received_on = said.received_on
    row.summary = rules.text_needed(said.summary, "summary")
    row.order_id = rules.order_of(session, customer, said.order_id)
    row.line_no = rules.line_of(session, row.order_id, said.line_no)
    row.owner_id = rules.user_id_of(session, said.owner)
    rules.not_before(said.due_on, said.received_on, "customer.due_before_received")
    row.due_on = said.due_on


def add_feedback(session: Session, person: Person, customer_id: int, said: Said) -> int:
    """Record feedback or a complaint from the customer; its id."""
    rules.require(person, rules.FEEDBACK_RECORDERS, "feedback")
    rules.customer_row(session, customer_id)
    row = CustomerFeedback(
        customer_id=customer_id, status=FeedbackStatus.OPEN, recorded_by=person.login
    )
    _apply(session, row, said)
    session.add(row)
    session.flush()
    return row.id


def _open_row(session: Session, feedback_id: int) -> CustomerFeedback:
    row = row_of(session, CustomerFeedback, feedback_id)
    if row is None:
        raise QmsError("customer.no_feedback", id=feedback_id)
    if row.status is FeedbackStatus.CLOSED:
        raise QmsError("customer.feedback_closed", id=feedback_id)
    return row


def edit_feedback(session: Session, person: Person, feedback_id: int, said: Said) -> None:
    """Change what an open entry says (kind, date, text, order, line, owner, due date)."""
    rules.require(person, rules.FEEDBACK_RECORDERS, "feedback")
    row = _open_row(session, feedback_id)
    _apply(session, row, said)


def may_close(person: Person, owner: str | None) -> bool:
    """Whether ``person`` may close an entry whose owner is ``owner`` (a login): quality, the
    approver or its owner."""
    return any(person.holds(f) for f in rules.FEEDBACK_CLOSERS) or (
        owner is not None and owner == person.login
    )


def closable(session: Session, person: Person, feedback_id: int) -> CustomerFeedback:
    """The open entry ``person`` may close: quality, the approver or its owner."""
    row = _open_row(session, feedback_id)
    if not (
        any(person.holds(f) for f in rules.FEEDBACK_CLOSERS)
        or (row.owner_id is not None and row.owner_id == person.id)
    ):
        raise QmsError("customer.who.close", id=feedback_id)
    return row


def close_feedback(
    session: Session, person: Person, feedback_id: int, note: str, closed_on: date
) -> None:
    """Close an open entry with a note on how it was dealt with: by quality, the approver or
    its owner."""
    row = closable(session, person, feedback_id)
    row.closing_note = rules.text_needed(note, "closing_note")
    rules.not_before(closed_on, row.received_on, "customer.closed_before_received")
    row.closed_on = closed_on
    row.closed_by = person.login
    row.status = FeedbackStatus.CLOSED


def feedback_of(session: Session, customer_id: int) -> list[FeedbackEntry]:
    """The customer's feedback and complaints, newest first."""
    query = (
        select(CustomerFeedback, Order.number, User.login, User.display_name)
        .outerjoin(Order, CustomerFeedback.order_id == Order.id)
        .outerjoin(User, CustomerFeedback.owner_id == User.id)
        .where(CustomerFeedback.customer_id == customer_id)
        .order_by(CustomerFeedback.received_on.desc(), CustomerFeedback.id.desc())
    )
    return [
        FeedbackEntry(
            r.id,
            r.kind,
            r.received_on,
            r.summary,
            r.order_id,
            number,
            r.line_no,
            login,
            name,
            r.due_on,
            r.status,
            r.closing_note,
            r.closed_on,
            r.closed_by,
            r.recorded_by,
        )
        for r, number, login, name in session.execute(query)
    ]
