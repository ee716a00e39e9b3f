"""Not a command: finding the order (and its review) a command names, for ``review``,
``record`` and ``export``."""

from __future__ import annotations

from qms_review.core.messages import QmsError
from qms_review.core.orders import lookup
from qms_review.core.review import progress
from qms_review.core.store.database import Store


def review_of_order(
    store: Store, order: str, customer: str | None, required: bool = True
) -> tuple[int, str, int | None]:
    """(order id, number, review in force) of the order numbered ``order``; the review must
    exist when ``required``."""
    with store.read() as session:
        order_id, number, _kind = lookup.order_by_number(session, order, customer)
        review_id = progress.review_of(session, order_id)
    if required and review_id is None:
        raise QmsError("review.none", order=number)
    return order_id, number, review_id
