"""Questions to the customer and their answers, and the log of communications about an order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError
from qms_review.core.orders.revisions import store_file
from qms_review.core.review.actions import check_action
from qms_review.core.review.progress import review_row
from qms_review.core.review.workflow import Action
from qms_review.core.store.columns import row_of, utcnow
from qms_review.core.store.models import (
    Clarification,
    Communication,
    Finding,
    Order,
    OrderRevision,
)
from qms_review.core.store.vocabulary import CommunicationKind, Function
from qms_review.core.text_fields import checked


def raise_clarification(
    session: Session,
    person: Person,
    review_id: int,
    question: str,
    item_key: str | None = None,
    finding_id: int | None = None,
) -> int:
    """A question to the customer, from an item or a finding; open until answered."""
    review = review_row(session, review_id)
    check_action(review, Action.CLARIFY, person)
    checked(question, "question")
    if not question.strip():
        raise QmsError("review.question_needed")
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    if finding_id is not None:
        finding = row_of(session, Finding, finding_id)
        if finding is None or finding.revision_id != revision.id:
            raise QmsError("review.no_finding", finding=finding_id)
    row = Clarification(
        order_id=revision.order_id,
        review_id=review_id,
        finding_id=finding_id,
        item_key=item_key,
        question=question.strip(),
        raised_by_id=person.id,
    )
    session.add(row)
    session.flush()
    return row.id


def close_clarification(
    session: Session,
    person: Person,
    clarification_id: int,
    answer_text: str,
    answered_on: date,
    channel: str,
    contact: str,
    attachment: Path | None = None,
) -> None:
    """Record the customer's answer (date, channel, contact, summary, attachment) and close it:
    by sales or the approver (who speak with the customer) or the person who asked. (Also after
    a decision: an order referred back with its question open may still get its answer.)"""
    row = row_of(session, Clarification, clarification_id)
    if row is None:
        raise QmsError("review.no_clarification", id=clarification_id)
    if row.closed_at is not None:
        raise QmsError("review.clarification_closed", id=clarification_id)
    if not (
        person.holds(Function.SALES)
        or person.holds(Function.APPROVER)
        or person.id == row.raised_by_id
    ):
        raise QmsError("review.who_answers_questions", id=clarification_id)
    checked(answer_text, "answer")
    checked(channel, "channel", lines=False)
    checked(contact, "contact", lines=False)
    if not answer_text.strip():
        raise QmsError("review.answer_needed")
    if attachment is not None:
        try:
            content = attachment.read_bytes()
        except OSError as exc:
            raise QmsError(
                "review.file_unreadable", file=str(attachment), error=exc.strerror or str(exc)
            ) from exc
        row.attachment_id = store_file(
            session, attachment.name, content, "application/octet-stream"
        ).id
    row.answer, row.answered_on = answer_text.strip(), answered_on
    row.channel, row.contact = channel.strip() or None, contact.strip() or None
    row.closed_at = utcnow()
    session.add(
        Communication(
            order_id=row.order_id,
            kind=CommunicationKind.CLARIFICATION,
            incoming=True,
            occurred_on=answered_on,
            channel=row.channel,
            contact=row.contact,
            summary=row.answer,
            attachment_id=row.attachment_id,
            recorded_by=person.login,
        )
    )


def record_communication(
    session: Session,
    person: Person,
    order_id: int,
    kind: CommunicationKind,
    incoming: bool,
    occurred_on: date,
    summary: str,
    channel: str = "",
    contact: str = "",
) -> int:
    """One entry of the order's communication log (enquiry, order, change, confirmation, …)."""
    checked(summary, "summary")
    checked(channel, "channel", lines=False)
    checked(contact, "contact", lines=False)
    if not summary.strip():
        raise QmsError("review.summary_needed")
    if session.get(Order, order_id) is None:
        raise QmsError("check.no_order", number=f"#{order_id}")
    row = Communication(
        order_id=order_id,
        kind=kind,
        incoming=incoming,
        occurred_on=occurred_on,
        channel=channel.strip() or None,
        contact=contact.strip() or None,
        summary=summary.strip(),
        recorded_by=person.login,
    )
    session.add(row)
    session.flush()
    return row.id


@dataclass(frozen=True)
class Entry:
    """One entry of an order's communication log."""

    occurred_on: date
    kind: CommunicationKind
    incoming: bool
    channel: str | None
    contact: str | None
    summary: str
    recorded_by: str


def communications(session: Session, order_id: int) -> list[Entry]:
    """The order's communication log (ISO 9001 8.2.1), oldest first."""
    rows = session.scalars(
        select(Communication)
        .where(Communication.order_id == order_id)
        .order_by(Communication.occurred_on, Communication.id)
    )
    return [
        Entry(r.occurred_on, r.kind, r.incoming, r.channel, r.contact, r.summary, r.recorded_by)
        for r in rows
    ]
