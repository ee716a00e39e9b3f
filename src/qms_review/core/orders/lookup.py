"""Finding an order or one of its revisions by number, and a revision's lines."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.messages import QmsError
from qms_review.core.orders.revisions import LINE_FIELDS
from qms_review.core.store.columns import is_row_id
from qms_review.core.store.models import Customer, Order, OrderLine, OrderRevision
from qms_review.core.store.vocabulary import OrderKind


def lines_of(session: Session, revision_id: int) -> list[dict[str, Any]]:
    columns = [getattr(OrderLine, name) for name in LINE_FIELDS]
    rows = session.execute(
        select(*columns).where(OrderLine.revision_id == revision_id).order_by(OrderLine.line_no)
    )
    return [dict(zip(LINE_FIELDS, row, strict=True)) for row in rows]


def revision_id_of(session: Session, order_id: int, number: int | None = None) -> int:
    """The id of revision ``number`` of the order (its latest when None)."""
    if number is not None and not is_row_id(number):
        raise QmsError("check.no_such_revision", revision=number)
    query = select(OrderRevision.id).where(OrderRevision.order_id == order_id)
    query = (
        query.where(OrderRevision.number == number)
        if number is not None
        else query.order_by(OrderRevision.number.desc()).limit(1)
    )
    found = session.scalar(query)
    if found is None:
        raise QmsError("check.no_such_revision", revision=number or "—")
    return found


def order_by_number(
    session: Session, number: str, customer: str | None = None, kind: str | None = None
) -> tuple[int, str, OrderKind]:
    """The one order numbered ``number`` (of that customer, name or code, and kind if given)."""
    query = (
        select(Order.id, Order.number, Order.kind, Customer.name)
        .join(Customer)
        .where(Order.number == number)
    )
    if customer:
        query = query.where((Customer.name == customer) | (Customer.code == customer))
    if kind:
        query = query.where(Order.kind == OrderKind(kind))
    found = session.execute(query).all()
    if not found:
        raise QmsError("check.no_order", number=number)
    if len(found) > 1:
        which = "; ".join(f"{row[3]}, {row[2].value}" for row in found)
        raise QmsError("check.ambiguous_order", count=len(found), number=number, which=which)
    return found[0][0], found[0][1], found[0][2]


def revision_number(session: Session, revision_id: int) -> int:
    return session.scalar(select(OrderRevision.number).where(OrderRevision.id == revision_id)) or 0
