"""The demo's customer files: feedback and complaints (open, overdue, closed) and customer
property (held, damaged and told, lost and not yet told, returned), in English and Chinese,
written through the same functions as the program's, so that every entry is audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.customers import custody, feedback
from qms_review.core.identity import users
from qms_review.core.review import clarifications
from qms_review.core.store.models import Customer, Order, OrderLine, OrderRevision
from qms_review.core.store.vocabulary import (
    CommunicationKind,
    FeedbackKind,
    IncidentKind,
    OrderKind,
)


def _customer(session: Session, code: str) -> int:
    found = session.scalar(select(Customer.id).where(Customer.code == code))
    assert found is not None, code
    return found


def _first_order(session: Session, customer_id: int) -> tuple[int, int]:
    """The customer's first order (not a quotation) and its first line's number."""
    order_id = session.scalar(
        select(Order.id)
        .where(Order.customer_id == customer_id, Order.kind != OrderKind.QUOTATION)
        .order_by(Order.id)
        .limit(1)
    )
    assert order_id is not None
    line_no = session.scalar(
        select(OrderLine.line_no)
        .join(OrderRevision, OrderLine.revision_id == OrderRevision.id)
        .where(OrderRevision.order_id == order_id)
        .order_by(OrderLine.line_no)
        .limit(1)
    )
    assert line_no is not None
    return order_id, line_no


def add_customer_files(session: Session) -> None:
    sales, quality = users.find(session, "sales"), users.find(session, "quality")
    keeper = users.find(session, "planning")  # planning and logistics: the stores
    northwind, meridian = _customer(session, "C-1001"), _customer(session, "C-1003")
    huaqiang = _customer(session, "C-2001")
    nw_order, nw_line = _first_order(session, northwind)
    hq_order, hq_line = _first_order(session, huaqiang)

    burrs = feedback.add_feedback(
        session,
        sales,
        northwind,
        feedback.Said(
            FeedbackKind.COMPLAINT,
            date(2026, 11, 12),
            "40 pieces arrived with burrs on the flange face; the customer sorted them at "
            "incoming inspection and asks for a corrective action report.",
            nw_order,
            nw_line,
            "quality",
            date(2026, 11, 26),  # overdue: still open
        ),
    )
    clarifications.record_communication(
        session,
        sales,
        nw_order,
        CommunicationKind.COMPLAINT,
        True,
        date(2026, 11, 12),
        f"Complaint #{burrs}: burrs on the flange face of 40 pieces (photos by e-mail).",
        "e-mail",
        "J. Carter",
    )
    packaging = feedback.add_feedback(
        session,
        sales,
        northwind,
        feedback.Said(
            FeedbackKind.FEEDBACK,
            date(2026, 10, 2),
            "Would prefer the parts in returnable crates instead of cardboard.",
            owner="planning",
            due_on=date(2026, 10, 30),
        ),
    )
    feedback.close_feedback(
        session,
        quality,
        packaging,
        "Returnable crates agreed from the November deliveries; the packaging instruction is "
        "changed.",
        date(2026, 10, 20),
    )
    feedback.add_feedback(
        session,
        quality,
        meridian,
        feedback.Said(
            FeedbackKind.COMPLIMENT,
            date(2026, 11, 3),
            "Audit of our sterile packaging line passed without a finding.",
        ),
    )
    wrong_plating = feedback.add_feedback(
        session,
        sales,
        huaqiang,
        feedback.Said(
            FeedbackKind.COMPLAINT,
            date(2026, 10, 15),
            "第一批零件镀锌层厚度不足（实测 5 µm，要求 8 µm），客户要求返工。",
            hq_order,
            hq_line,
            "quality",
            date(2026, 11, 5),
        ),
    )
    feedback.close_feedback(
        session,
        quality,
        wrong_plating,
        "已返工并重新检验，镀层 9 µm；供应商纠正措施 CAR-2026-031 已关闭。",
        date(2026, 11, 2),
    )
    feedback.add_feedback(
        session,
        sales,
        huaqiang,
        feedback.Said(
            FeedbackKind.SUGGESTION,
            date(2026, 11, 20),
            "建议每批附带材质证明的电子版。",
            owner="sales",
            due_on=date(2026, 12, 18),
        ),
    )

    fixture = custody.add_property(
        session,
        keeper,
        northwind,
        custody.Received(
            "Welding fixture NW-FX-7 (customer-owned)",
            date(2026, 9, 20),
            "Good; calibration label valid to 2027-03",
            "Tool store, rack T-4",
            Decimal(1),
            "pc",
            nw_order,
        ),
    )
    custody.report_incident(
        session,
        keeper,
        fixture,
        IncidentKind.DAMAGE,
        date(2026, 11, 9),
        "Locating pin bent when the fixture was dropped during set-up.",
        date(2026, 11, 10),
    )
    gauges = custody.add_property(
        session,
        keeper,
        meridian,
        custody.Received(
            "Go/no-go gauge set MMD-G-12",
            date(2026, 10, 1),
            "Sealed case, certificate enclosed",
            "Metrology lab, cabinet 2",
            Decimal(1),
            "set",
        ),
    )
    custody.report_incident(
        session,
        quality,
        gauges,
        IncidentKind.LOSS,
        date(2026, 11, 24),
        "The 12.02 mm no-go plug is missing from the case.",
    )  # not yet told: the customer file shows it
    bars = custody.add_property(
        session,
        keeper,
        huaqiang,
        custody.Received(
            "客户提供的 6061-T6 铝棒 Ø40",
            date(2026, 9, 28),
            "完好，附材质证明",
            "原材料仓 A-03",
            Decimal(200),
            "kg",
            hq_order,
        ),
    )
    crates = custody.add_property(
        session,
        keeper,
        huaqiang,
        custody.Received(
            "周转箱", date(2026, 9, 28), "完好", "成品仓 C-01", Decimal(24), "个", hq_order
        ),
    )
    custody.return_property(session, keeper, crates, date(2026, 11, 6), "随第二批货物退回")
    assert bars
