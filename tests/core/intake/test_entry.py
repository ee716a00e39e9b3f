"""Orders typed in by hand or taken by phone, and edits of an order as new revisions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from qms_review.core.intake import entry
from qms_review.core.messages import QmsError
from qms_review.core.review import actions, amendments, clarifications, progress
from qms_review.core.review.workflow import decision_blockers
from qms_review.core.store.database import Store
from qms_review.core.store.models import (
    AuditEvent,
    Finding,
    Order,
    OrderRevision,
    Review,
    RevisionChange,
)
from qms_review.core.store.vocabulary import (
    CommunicationKind,
    Decision,
    OrderKind,
    ReviewState,
)
from tests.helpers import find_person

FIELDS = {
    "kind": "order",
    "number": "PH-7001",
    "customer": "Harbour Pumps Ltd",
    "order_date": "2026-11-02",
    "currency": "eur",
    "delivery_terms": "FCA Hamburg",
}
LINES = [
    {"part_number": "HP-100", "description": "Pump housing", "quantity": "120", "unit": "pcs",
     "unit_price": "12.50", "delivery_date": "2027-01-15"},
    {"part_number": "", "description": "", "quantity": ""},  # a blank row is left out
    {"part_number": "HP-200", "description": "Impeller", "quantity": "1,000", "unit": "pcs",
     "unit_price": "3.2", "delivery_date": "15.02.2027"},
]  # fmt: skip


def _count(store: Store, model: type) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_typed_order_is_stored_as_revision_1_with_its_checks(store: Store):
    typed = entry.read(FIELDS, LINES, verbal=True)
    assert typed.header["currency"] == "EUR"
    assert [line["quantity"] for line in typed.lines] == [Decimal(120), Decimal(1000)]
    assert typed.lines[1]["delivery_date"] == date(2027, 2, 15)
    events = _count(store, AuditEvent)
    result = amendments.save_entry(store, typed, "clerk")
    assert (result.number, result.revision, result.lines) == ("PH-7001", 1, 2)
    assert result.customer_created
    with store.read() as session:
        revision = session.get(OrderRevision, result.revision_id)
        assert revision is not None
        assert revision.verbal
        assert revision.source_file_id is None
        assert revision.delivery_terms == "FCA Hamburg"
        # the checks ran: with no catalogue, capability cannot be checked
        rules = set(session.scalars(select(Finding.rule).where(Finding.revision_id == revision.id)))
    assert "capability.no_catalogue" in rules
    assert _count(store, AuditEvent) > events  # audited
    with pytest.raises(QmsError) as again:
        amendments.save_entry(store, typed, "clerk")
    assert "Harbour Pumps Ltd already has Order PH-7001: edit it" in again.value.message("en")


@pytest.mark.parametrize(
    ("fields", "lines", "message"),
    [
        ({**FIELDS, "number": " "}, LINES, "The order number is missing"),
        ({**FIELDS, "kind": "invoice"}, LINES, "“invoice” is not a kind of order"),
        ({**FIELDS, "currency": "Euro"}, LINES, "currency “EURO” is not a three-letter code"),
        ({**FIELDS, "order_date": "next week"}, LINES, "order date “next week” is not a date"),
        (FIELDS, [{"part_number": "A", "quantity": "12 pcs"}], "Line 1: the quantity “12 pcs”"),
        (FIELDS, [LINES[0], {"part_number": "B", "unit_price": "€"}],
         "Line 2: the unit price “€” is not a number"),
        (FIELDS, [{"line_no": 30, "part_number": "A", "quantity": "1e20"}],
         "Line 30: the quantity “1e20” is not a number"),
        (FIELDS, [{"part_number": "A", "quantity": "1", "delivery_date": "03/04/2027"}],
         "Line 1: the delivery date “03/04/2027” could be"),
        (FIELDS, [{"part_number": "A\x1b[2J", "quantity": "1"}], "Line 1: the part number holds"),
        (FIELDS, [{"part_number": "A" * 81, "quantity": "1"}], "longer than 80 characters"),
        (FIELDS, [{"description": "", "quantity": ""}], "PH-7001 has no lines"),
    ],
)  # fmt: skip
def test_what_was_typed_wrong_is_named_and_nothing_is_written(
    store: Store, fields: dict[str, str], lines: list[dict[str, str]], message: str
):
    before = _count(store, Order)
    with pytest.raises(QmsError) as refused:
        amendments.save_entry(store, entry.read(fields, lines, False), "clerk")
    assert message in refused.value.message("en")
    assert refused.value.message("zh_CN") != refused.value.message("en")
    assert _count(store, Order) == before


def test_an_edit_is_a_new_revision_and_carries_the_open_review_over(demo_store: Store):
    store = demo_store
    with store.read() as session:
        order_id, review_id = session.execute(
            select(OrderRevision.order_id, Review.id)
            .join(Review, Review.revision_id == OrderRevision.id)
            .join(Order, Order.id == OrderRevision.order_id)
            .where(Review.state == ReviewState.IN_REVIEW, Order.kind == OrderKind.ORDER)
            .order_by(Review.id)
            .limit(1)
        ).one()
    now = entry.current(store, order_id)
    revisions, events = _count(store, OrderRevision), _count(store, AuditEvent)
    with pytest.raises(QmsError) as same:
        amendments.save_entry(store, now, "clerk", order_id)
    assert same.value.message("en").startswith("Nothing changed")
    assert "没有任何更改" in same.value.message("zh_CN")
    assert (_count(store, OrderRevision), _count(store, AuditEvent)) == (revisions, events)
    with store.read() as session:
        latest = session.scalar(
            select(func.max(OrderRevision.number)).where(OrderRevision.order_id == order_id)
        )
    lines = [dict(line) for line in now.lines]
    lines[0]["quantity"] = lines[0]["quantity"] * 2
    lines[0]["amount"] = None
    edited = entry.Entry(
        now.kind, now.number, now.customer, now.customer_code, now.header, lines, now.verbal
    )
    result = amendments.save_entry(store, edited, "clerk", order_id)
    assert result.order_id == order_id
    assert result.revision == (latest or 0) + 1
    changes = result.changes["previous"]
    assert [(c.change, c.field) for c in changes] == [("changed", "quantity")]
    assert result.amendment is not None
    assert result.amendment.superseded == review_id
    assert "quantity" in result.amendment.touched
    with store.read() as session:
        old = session.get(Review, review_id)
        assert old is not None
        assert old.state == ReviewState.SUPERSEDED
        stored = session.scalars(
            select(RevisionChange.field).where(RevisionChange.revision_id == result.revision_id)
        ).all()
    assert "quantity" in stored
    with pytest.raises(QmsError, match="keeps its kind, number and customer"):
        amendments.save_entry(
            store,
            entry.Entry(now.kind, "OTHER-1", now.customer, None, now.header, lines),
            "clerk",
            order_id,
        )


def test_a_verbal_order_typed_in_waits_for_its_written_confirmation(demo_store: Store):
    store = demo_store
    result = amendments.save_entry(store, entry.read(FIELDS, LINES, verbal=True), "sales")
    approver = find_person(store, "approver")
    with store.write(approver.actor) as session:
        review = actions.start(session, approver, result.order_id)
    with store.read() as session:
        snap = progress.snapshot(session, review)
    assert snap.verbal
    assert not snap.verbal_confirmed
    assert "verbal" in [b.kind for b in decision_blockers(snap, Decision.ACCEPTED, None)]
    with store.write(approver.actor) as session:
        clarifications.record_communication(
            session,
            approver,
            result.order_id,
            CommunicationKind.CONFIRMATION,
            False,
            date(2026, 11, 3),
            "Order confirmed by e-mail",
        )
    with store.read() as session:
        snap = progress.snapshot(session, review)
    assert snap.verbal_confirmed
    assert "verbal" not in [b.kind for b in decision_blockers(snap, Decision.ACCEPTED, None)]


def test_a_delivery_date_said_in_words_is_kept_for_the_checks(store: Store):
    """A phone customer says "ASAP": the form keeps it as an import keeps a date it cannot
    read, and the checks name it, rather than refusing the order (newcomer trial)."""
    lines = [{**LINES[0], "delivery_date": "ASAP"}]
    typed = entry.read(FIELDS, lines, verbal=True)
    assert typed.lines[0]["delivery_date"] is None
    result = amendments.save_entry(store, typed, "clerk")
    with store.read() as session:
        found = session.execute(
            select(Finding.rule, Finding.field, Finding.messages).where(
                Finding.revision_id == result.revision_id
            )
        ).all()
    vague = [m["en"] for rule, field, m in found if rule == "clarity.vague"]
    assert [m for m in vague if "ASAP" in m], found


@pytest.mark.parametrize("typed", ["2027-13-01", "2027-02-30", "31.02.2027", "31 Feb 2027"])
def test_a_delivery_date_with_no_such_day_is_refused(typed: str):
    """A date written as one but not on the calendar is a slip to correct, not words for the
    checks: the order form (and ``--lines-from``) refuse it, naming the line and the value."""
    lines = [LINES[0], {**LINES[0], "delivery_date": typed}]
    with pytest.raises(QmsError) as refused:
        entry.read(FIELDS, lines, verbal=False)
    assert refused.value.message("en") == (
        f"Line 2: the delivery date “{typed}” is no day of the calendar (write it as 2026-12-31)."
    )
