"""Who records the customer's answer to a question, and when."""

from __future__ import annotations

from datetime import date

import pytest

from qms_review.core.messages import QmsError
from qms_review.core.review import clarifications, progress
from qms_review.core.store.database import Store
from tests.helpers import find_person, order_id

ORDER = "PO-1002-260910"  # the demo's review just started by sales


def _ask(store: Store, login: str) -> tuple[int, int]:
    person = find_person(store, login)
    with store.write(person.actor) as session:
        review = progress.review_of(session, order_id(store, ORDER))
        assert review is not None
        asked = clarifications.raise_clarification(session, person, review, "Which revision?")
    return review, asked


def _answer(store: Store, login: str, asked: int) -> None:
    person = find_person(store, login)
    with store.write(person.actor) as session:
        clarifications.close_clarification(
            session, person, asked, "Rev C", date(2026, 11, 3), "e-mail", "M. Weber"
        )


def test_sales_the_approver_or_the_one_who_asked_records_the_answer(demo_store: Store):
    review, by_engineering = _ask(demo_store, "engineering")
    with pytest.raises(QmsError) as refused:
        _answer(demo_store, "quality", by_engineering)
    assert refused.value.message("en") == (
        f"The customer's answer to question #{by_engineering} is recorded by sales, the approver "
        "or the person who asked."
    )
    with demo_store.read() as session:
        assert progress.snapshot(session, review).open_clarifications == (by_engineering,)

    _answer(demo_store, "engineering", by_engineering)
    _review, by_quality = _ask(demo_store, "quality")
    _answer(demo_store, "sales", by_quality)
    _review, again = _ask(demo_store, "quality")
    _answer(demo_store, "approver", again)
    with demo_store.read() as session:
        assert progress.snapshot(session, review).open_clarifications == ()
