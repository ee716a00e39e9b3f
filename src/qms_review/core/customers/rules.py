"""Who may do what in a customer's file, and the checks every write shares.

- Feedback and complaints are recorded and edited by **sales** (who hears the customer),
  **quality** (who handles complaints) and the **approver**; they are closed, with a note, by
  quality, the approver, or the person who owns them.
- Customer property is received, reported lost or damaged and returned by **logistics** (who
  stores it), **production** (who uses it), **quality** and the **approver**.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError, labelled
from qms_review.core.store.columns import row_of
from qms_review.core.store.models import Customer, Order, OrderLine, OrderRevision, User
from qms_review.core.store.vocabulary import Function
from qms_review.core.text_fields import checked

FEEDBACK_RECORDERS = (Function.SALES, Function.QUALITY, Function.APPROVER)
FEEDBACK_CLOSERS = (Function.QUALITY, Function.APPROVER)
PROPERTY_KEEPERS = (Function.LOGISTICS, Function.PRODUCTION, Function.QUALITY, Function.APPROVER)


def require(person: Person, functions: Iterable[Function], what: str) -> None:
    """Refuse ``person`` unless they hold one of ``functions`` (the message ``customer.who.*``
    names them)."""
    if not any(person.holds(f) for f in functions):
        raise QmsError(f"customer.who.{what}", login=person.login)


def customer_row(session: Session, customer_id: int) -> Customer:
    found = row_of(session, Customer, customer_id)
    if found is None:
        raise QmsError("customer.not_found", customer=f"#{customer_id}")
    return found


def text_needed(value: str, field: str, lines: bool = True) -> str:
    """``value`` stripped; refused when empty or holding a forbidden character."""
    checked(value, field, lines=lines)
    if not value.strip():
        raise QmsError("customer.needed", field=labelled("field", field))
    return value.strip()


def optional_text(value: str | None, field: str, lines: bool = True) -> str | None:
    if value is None:
        return None
    checked(value, field, lines=lines)
    return value.strip() or None


def order_of(session: Session, customer: Customer, order_id: int | None) -> int | None:
    """``order_id`` when it is one of ``customer``'s orders (None stays None)."""
    if order_id is None:
        return None
    order = row_of(session, Order, order_id)
    if order is None or order.customer_id != customer.id:
        raise QmsError("customer.not_their_order", order=f"#{order_id}", customer=customer.name)
    return order.id


def line_of(session: Session, order_id: int | None, line_no: int | None) -> int | None:
    """``line_no`` when some revision of the order has that line."""
    if line_no is None:
        return None
    if order_id is None:
        raise QmsError("customer.line_without_order", line=line_no)
    found = session.scalar(
        select(OrderLine.id)
        .join(OrderRevision, OrderLine.revision_id == OrderRevision.id)
        .where(OrderRevision.order_id == order_id, OrderLine.line_no == line_no)
        .limit(1)
    )
    if found is None:
        number = session.scalar(select(Order.number).where(Order.id == order_id))
        raise QmsError("customer.no_line", order=number or "", line=line_no)
    return line_no


def user_id_of(session: Session, login: str | None) -> int | None:
    """The id of the active user ``login`` (None: nobody)."""
    if not login:
        return None
    found = session.scalar(select(User).where(User.login == login))
    if found is None or not found.active:
        raise QmsError("customer.no_owner", login=login)
    return found.id


def quantity(value: Decimal | str | None) -> Decimal | None:
    """A positive quantity, normalised as the database gives it back (the audit trail and
    its replay must see the same value)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise QmsError("customer.bad_quantity", value=str(value)) from None
    if not number.is_finite() or number <= 0 or number != number.quantize(Decimal("0.000001")):
        raise QmsError("customer.bad_quantity", value=str(value))
    return number.normalize() + Decimal(0)


def not_before(later: date | None, earlier: date, key: str) -> None:
    if later is not None and later < earlier:
        raise QmsError(key, date=later.isoformat(), earlier=earlier.isoformat())
