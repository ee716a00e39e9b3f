"""The customer's file lists their orders newest first, by the latest revision's receipt, as
the register does (a newcomer found PO-1001-RUSH of 3 November after older orders)."""

from __future__ import annotations

from qms_review.core.customers.file import customer_file, find_customer
from qms_review.core.store.database import Store


def test_orders_newest_first(demo_history, demo_store: Store):
    with demo_store.read() as session:
        found = customer_file(session, find_customer(session, "C-1001"))
    latest = [max(r.received_at for r in o.revisions) for o in found.orders]
    assert len(latest) > 5
    assert latest == sorted(latest, reverse=True)
