"""The register's filter finds a customer's orders by what their file holds: a word of a
complaint, or of the property we hold for them (issue 15: "in the register's search")."""

from __future__ import annotations

from sqlalchemy import func, select

from qms_review.core.oversight import register
from qms_review.core.store.database import Store
from qms_review.core.store.models import Customer, Order


def test_a_complaint_or_property_word_finds_the_customer_s_orders(demo_store: Store):
    with demo_store.read() as session:
        northwind = session.scalar(
            select(func.count()).select_from(Order).join(Customer).where(Customer.code == "C-1001")
        )
        assert northwind
        assert register.count_matching(session, "burrs") == northwind  # their complaint
        assert register.count_matching(session, "NW-FX-7") == northwind  # the fixture we hold
        assert register.count_matching(session, "镀锌层") > 0  # 华强's complaint, in Chinese
        assert register.count_matching(session, "no complaint says this") == 0
