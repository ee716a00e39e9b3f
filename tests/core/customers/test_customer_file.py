"""The customer's file: feedback and complaints, customer property, the file itself, its
search, and the audit trail's watch over them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from qms_review.core.customers import custody, feedback, file
from qms_review.core.messages import QmsError
from qms_review.core.store import engines, replay
from qms_review.core.store.database import Store
from qms_review.core.store.models import Customer, CustomerFeedback
from qms_review.core.store.vocabulary import (
    CommunicationKind,
    FeedbackKind,
    FeedbackStatus,
    IncidentKind,
)
from tests.core.helpers import tamper
from tests.helpers import find_person, order_id

NORTHWIND_PO = "PO-1001-260914"  # Northwind's order with no review in the demo
HUAQIANG_PO = "采购-20261011-2"


def _customer(store: Store, code: str) -> int:
    with store.read() as session:
        return file.find_customer(session, code)


def _refused(store: Store, login: str, work) -> str:
    person = find_person(store, login)
    with pytest.raises(QmsError) as caught, store.write(person.actor) as session:
        work(session, person)
    return caught.value.key


def test_feedback_is_recorded_edited_and_closed_only_with_a_note(demo_store: Store):
    store = demo_store
    northwind = _customer(store, "C-1001")
    po = order_id(store, NORTHWIND_PO)
    said = feedback.Said(
        FeedbackKind.COMPLAINT,
        date(2026, 11, 20),
        "Rust on 3 pieces",
        po,
        10,
        "engineering",
        date(2026, 11, 27),
    )
    sales = find_person(store, "sales")
    with store.write(sales.actor) as session:
        new = feedback.add_feedback(session, sales, northwind, said)
    # who may record it
    assert (
        _refused(store, "engineering", lambda s, p: feedback.add_feedback(s, p, northwind, said))
        == "customer.who.feedback"
    )
    # what it may say
    for wrong, key in (
        (feedback.Said(FeedbackKind.FEEDBACK, date(2026, 11, 20), "  "), "customer.needed"),
        (
            feedback.Said(FeedbackKind.FEEDBACK, date(2026, 11, 20), "x", line_no=10),
            "customer.line_without_order",
        ),
        (
            feedback.Said(FeedbackKind.FEEDBACK, date(2026, 11, 20), "x", po, 990),
            "customer.no_line",
        ),
        (
            feedback.Said(
                FeedbackKind.FEEDBACK, date(2026, 11, 20), "x", order_id(store, HUAQIANG_PO)
            ),
            "customer.not_their_order",
        ),
        (
            feedback.Said(FeedbackKind.FEEDBACK, date(2026, 11, 20), "x", owner="nobody"),
            "customer.no_owner",
        ),
        (
            feedback.Said(FeedbackKind.FEEDBACK, date(2026, 11, 20), "x", due_on=date(2026, 11, 1)),
            "customer.due_before_received",
        ),
        (
            feedback.Said(FeedbackKind.FEEDBACK, date(2026, 11, 20), "bad\u202etext"),
            "text.forbidden",
        ),
    ):
        assert (
            _refused(
                store, "sales", lambda s, p, w=wrong: feedback.add_feedback(s, p, northwind, w)
            )
            == key
        )
    # edited while open
    quality = find_person(store, "quality")
    with store.write(quality.actor) as session:
        feedback.edit_feedback(
            session,
            quality,
            new,
            feedback.Said(
                FeedbackKind.COMPLAINT,
                said.received_on,
                "Rust on 4 pieces",
                po,
                10,
                "engineering",
                said.due_on,
            ),
        )
    # closed: by quality, the approver or its owner (engineering here), never without a note
    assert (
        _refused(
            store,
            "finance",
            lambda s, p: feedback.close_feedback(s, p, new, "ok", date(2026, 11, 25)),
        )
        == "customer.who.close"
    )
    assert (
        _refused(
            store,
            "engineering",
            lambda s, p: feedback.close_feedback(s, p, new, " ", date(2026, 11, 25)),
        )
        == "customer.needed"
    )
    engineering = find_person(store, "engineering")
    with store.write(engineering.actor) as session:
        feedback.close_feedback(
            session, engineering, new, "Re-oiled and re-packed; VDA 8D sent", date(2026, 11, 25)
        )
    assert (
        _refused(
            store,
            "quality",
            lambda s, p: feedback.close_feedback(s, p, new, "again", date(2026, 11, 26)),
        )
        == "customer.feedback_closed"
    )
    assert (
        _refused(store, "sales", lambda s, p: feedback.edit_feedback(s, p, new, said))
        == "customer.feedback_closed"
    )
    with store.read() as session:
        entry = next(f for f in feedback.feedback_of(session, northwind) if f.id == new)
    assert (entry.summary, entry.status, entry.closed_by, entry.owner, entry.order_number) == (
        "Rust on 4 pieces",
        FeedbackStatus.CLOSED,
        "engineering",
        "engineering",
        NORTHWIND_PO,
    )
    assert entry.closing_note == "Re-oiled and re-packed; VDA 8D sent"
    assert not entry.overdue(date(2027, 1, 1))


def test_property_is_received_damaged_told_and_returned(demo_store: Store):
    store = demo_store
    meridian = _customer(store, "C-1003")
    received = custody.Received(
        "Packaging trays", date(2026, 11, 2), "New", "Store B-2", "120", "pcs"
    )
    assert (
        _refused(store, "sales", lambda s, p: custody.add_property(s, p, meridian, received))
        == "customer.who.property"
    )
    for bad in ("-1", "abc", "1.0000001"):
        wrong = custody.Received("Trays", date(2026, 11, 2), "New", "B-2", bad)
        assert (
            _refused(
                store, "planning", lambda s, p, w=wrong: custody.add_property(s, p, meridian, w)
            )
            == "customer.bad_quantity"
        )
    keeper = find_person(store, "planning")
    with store.write(keeper.actor) as session:
        held = custody.add_property(session, keeper, meridian, received)
        lost = custody.report_incident(
            session, keeper, held, IncidentKind.LOSS, date(2026, 11, 20), "10 trays missing"
        )
    assert (
        _refused(
            store,
            "planning",
            lambda s, p: custody.report_incident(
                s, p, held, IncidentKind.DAMAGE, date(2026, 11, 1), "x"
            ),
        )
        == "customer.incident_before_received"
    )
    assert (
        _refused(
            store, "planning", lambda s, p: custody.customer_told(s, p, lost, date(2026, 11, 19))
        )
        == "customer.reported_before_incident"
    )
    with store.write(keeper.actor) as session:
        custody.customer_told(session, keeper, lost, date(2026, 11, 21))
        custody.return_property(session, keeper, held, date(2026, 11, 28), "110 trays back")
    assert (
        _refused(
            store, "planning", lambda s, p: custody.customer_told(s, p, lost, date(2026, 11, 22))
        )
        == "customer.incident_reported"
    )
    assert (
        _refused(
            store, "planning", lambda s, p: custody.return_property(s, p, held, date(2026, 11, 29))
        )
        == "customer.property_returned"
    )
    with store.read() as session:
        found = next(p for p in custody.property_of(session, meridian) if p.id == held)
    assert (found.quantity, found.unit, found.returned_on, found.return_note) == (
        Decimal(120),
        "pcs",
        date(2026, 11, 28),
        "110 trays back",
    )
    assert [(i.kind, i.reported_on) for i in found.incidents] == [
        (IncidentKind.LOSS, date(2026, 11, 21))
    ]
    assert found.unreported == 0
    assert store.verify_audit().ok
    with store.engine.connect() as conn:
        assert replay.differences(conn) == []


def test_the_file_holds_every_order_review_and_communication(demo_store: Store):
    store = demo_store
    with store.read() as session:
        found = file.customer_file(session, file.find_customer(session, "Northwind Pumps Ltd"))
    assert found.code == "C-1001"
    numbers = {o.number for o in found.orders}
    # four quotations, three orders of the generated history, and the rush order
    assert {"Q2609-101", "PO-1001-260901", "PO-1001-260927", "PO-1001-RUSH"} <= numbers
    assert len(found.orders) == 8
    amended = next(o for o in found.orders if o.number == "PO-1001-260901")
    assert [r.number for r in amended.revisions] == [1, 2]
    assert amended.revisions[0].reviews[0].state.value == "superseded"
    decided = next(o for o in found.orders if o.number == "PO-1001-260927")
    assert decided.latest is not None
    assert decided.latest.reviews[-1].decision is not None
    # the log of all their orders, not one review's
    assert [(c.order_number, c.kind) for c in found.communications] == [
        ("PO-1001-260901", CommunicationKind.COMPLAINT)
    ]
    assert (found.complaints, found.open_feedback, len(found.held)) == (1, 1, 1)
    assert found.held[0].incidents[0].reported_on == date(2026, 11, 10)
    with pytest.raises(QmsError) as caught, store.read() as session:
        file.find_customer(session, "C-9999")
    assert caught.value.key == "customer.not_found"


#: words → the customers found (code) and where
SEARCHES = {
    "northwind": [("C-1001", "customer")],
    "FLANGE burrs": [("C-1001", "feedback")],  # a complaint's text, any case
    "returnable crates": [("C-1001", "feedback")],  # the text, or its closing note
    "铝棒": [("C-2001", "property")],
    "no-go plug": [("C-1003", "property")],  # a loss report
    "100%": [],  # LIKE's wildcards are plain characters
    "": [("C-1002", "customer"), ("C-1003", "customer")],  # (the first two of all, by name)
}


def test_customers_are_found_by_what_their_file_holds(demo_store: Store):
    with demo_store.read() as session:
        found = {
            words: [(h.code, h.matched) for h in file.customers(session, words)]
            for words in SEARCHES
        }
        everyone = file.customers(session)
    found[""] = found[""][:2]
    assert found == SEARCHES
    northwind = next(h for h in everyone if h.code == "C-1001")
    assert (northwind.orders, northwind.open_feedback, northwind.property_held) == (8, 1, 1)


def test_a_complaint_changed_behind_the_programs_back_is_found(demo_store: Store):
    store = demo_store
    with store.engine.connect() as conn:
        assert replay.differences(conn) == []
    with store.read() as session:
        burrs = session.scalar(
            select(CustomerFeedback.id).where(CustomerFeedback.summary.like("40 pieces%"))
        )
        customer = session.scalar(select(Customer.id).where(Customer.code == "C-2001"))
    path = engines.sqlite_path(store.url)
    assert isinstance(path, Path)
    tamper(
        path,
        f"UPDATE customer_feedback SET status = 'closed', closing_note = 'nothing wrong' "
        f"WHERE id = {burrs}",
        "INSERT INTO customer_feedback (customer_id, kind, received_on, summary, status, "
        f"recorded_by, recorded_at) VALUES ({customer}, 'compliment', '2026-11-01', 'Great', "
        "'open', 'sales', '2026-11-01 00:00:00')",
        "DELETE FROM property_incidents WHERE description LIKE 'Locating pin%'",
    )
    with store.engine.connect() as conn:
        found = [(d.table, d.column, d.audited, d.current) for d in replay.differences(conn)]
    assert ("customer_feedback", "status", "open", "closed") in found
    assert ("customer_feedback", "closing_note", None, "nothing wrong") in found
    assert any(t == "customer_feedback" and c is None and cur is True for t, c, _, cur in found)
    assert any(t == "property_incidents" and c is None and cur is None for t, c, _, cur in found)
    assert len(found) == 4
