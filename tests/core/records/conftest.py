"""Fixtures of the record tests."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from qms_review.core.store.database import Store
from qms_review.core.store.models import Order, OrderRevision, Review


@pytest.fixture
def decided(store: Store, demo_store) -> int:
    """The demo loaded; the id of its decided review of order PO-1001-260927."""
    with store.read() as session:
        found = session.scalar(
            select(Review.id)
            .join(OrderRevision, OrderRevision.id == Review.revision_id)
            .join(Order)
            .where(Order.number == "PO-1001-260927")
        )
    assert found is not None
    return found
