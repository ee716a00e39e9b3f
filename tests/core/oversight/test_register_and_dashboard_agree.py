"""The register and the dashboard tell a manager the same thing: the orders the register's
filter shows "overdue" are as many as the dashboard's Overdue, and a quotation (ours, not
reviewed) is never due nor overdue in either — found by a newcomer who could not reconcile red
quotation rows with the dashboard's count."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from qms_review.core.oversight import register, stats
from qms_review.core.store.database import Store
from qms_review.core.store.models import Order
from qms_review.core.store.vocabulary import OrderKind


@pytest.fixture
def demo_year(demo_history, store: Store) -> Store:
    from qms_review.core import demo

    demo.load(store, "tester")
    return store


def test_overdue_in_the_register_is_overdue_on_the_dashboard(demo_year: Store):
    with demo_year.read() as session:
        shown = register.count_matching(session, "overdue")
        counted = stats.figures(session, stats.Scope()).overdue
    assert shown > 0
    assert shown == counted


def test_a_quotation_is_never_due(demo_year: Store):
    today = date.today()
    with demo_year.read() as session:
        quotations = session.scalars(
            select(Order.id).where(Order.kind == OrderKind.QUOTATION)
        ).all()
        assert quotations
        rows = register.rows(session, list(quotations))
        assert session.scalars(
            select(Order.due_on).where(Order.kind == OrderKind.QUOTATION)
        ).all() == [None] * len(quotations)
    assert [r.due for r in rows if r.review is None] == [None] * sum(r.review is None for r in rows)
    assert not [r.number for r in rows if r.overdue(today)]
