"""Why signatures never need to lapse: no flow changes what a signature in force covers. An
amendment carries over only the sections it does not touch, and their content (order number and
kind, template, answers) is the same in the new review, so the carried signatures still match."""

from __future__ import annotations

from sqlalchemy import select

from qms_review.core.review import progress, signatures
from qms_review.core.store.database import Store
from qms_review.core.store.models import Order, Signature


def test_signatures_carried_over_by_an_amendment_still_match_their_content(
    store: Store, demo_store
):
    with store.read() as session:
        order = session.scalar(select(Order.id).where(Order.number == "PO-1001-260901"))
        assert order is not None
        review = progress.review_of(session, order)
        assert review is not None
        carried = session.scalars(
            select(Signature.id).where(Signature.review_id == review, Signature.lapsed_at.is_(None))
        ).all()
        assert carried
        for signature in carried:
            assert signatures.check(session, signature).content_matches
