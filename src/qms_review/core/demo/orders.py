"""The demo's customers, parts catalogue, quotations and orders (several amended), made from
a fixed seed; two orders carry the problems reviewers meet most."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from qms_review.core.intake.importer import record_differences
from qms_review.core.orders.revisions import RevisionContent, add_revision, find_or_create_customer
from qms_review.core.store.models import CatalogueItem
from qms_review.core.store.vocabulary import (
    OrderKind,
    OrderStatus,
    PartStatus,
)

CUSTOMERS = (
    ("C-1001", "Northwind Pumps Ltd", "United Kingdom"),
    ("C-1002", "Alder & Finch Aerospace", "United States"),
    ("C-1003", "Meridian Medical Devices GmbH", "Germany"),
    ("C-2001", "深圳华强精密机械有限公司", "中国"),
    ("C-2002", "苏州新材料科技股份有限公司", "中国"),
    ("C-2003", "宁波海天液压件厂", "中国"),
)


# part number, revision, status, description, lead time (days), min lot, max lot, weekly capacity,
# processes, unit price
PARTS: tuple[tuple[str, str, PartStatus, str, int, int, int, int, str, str], ...] = (
    (
        "HB-1020",
        "C",
        PartStatus.RELEASED,
        "Hydraulic block, 6061-T6",
        28,
        10,
        500,
        120,
        "CNC milling, anodising",
        "86.40",
    ),
    (
        "HB-1020",
        "B",
        PartStatus.OBSOLETE,
        "Hydraulic block, 6061-T6",
        28,
        10,
        500,
        120,
        "CNC milling, anodising",
        "84.00",
    ),
    (
        "SH-2210",
        "A",
        PartStatus.RELEASED,
        "Drive shaft Ø32, 42CrMo4",
        35,
        20,
        2000,
        400,
        "Turning, induction hardening, grinding",
        "42.15",
    ),
    (
        "FL-3305",
        "D",
        PartStatus.RELEASED,
        "Flange DN50 PN16",
        21,
        50,
        5000,
        800,
        "Turning, drilling",
        "18.90",
    ),
    (
        "BR-4410",
        "B",
        PartStatus.RELEASED,
        "Bracket, laser-cut S355",
        14,
        100,
        10000,
        2500,
        "Laser cutting, bending, powder coating",
        "6.35",
    ),
    (
        "VH-5520",
        "A",
        PartStatus.RELEASED,
        "Valve housing, CF8M casting",
        56,
        5,
        300,
        60,
        "Casting (outsourced), CNC, pressure test",
        "212.00",
    ),
    (
        "IM-6001",
        "E",
        PartStatus.RELEASED,
        "Implant tray, PEEK",
        42,
        25,
        1000,
        150,
        "CNC milling, cleanroom packaging",
        "128.50",
    ),
    (
        "PN-7103",
        "A",
        PartStatus.RELEASED,
        "Pin Ø8 h6, 1.4305",
        10,
        500,
        50000,
        20000,
        "Turning, centreless grinding",
        "0.84",
    ),
    (
        "GB-8200",
        "C",
        PartStatus.RELEASED,
        "Gearbox cover, EN-GJS-400",
        49,
        10,
        800,
        100,
        "Casting (outsourced), CNC",
        "95.00",
    ),
    (
        "CN-9001",
        "A",
        PartStatus.RELEASED,
        "Connector body, CuZn39Pb3",
        21,
        200,
        20000,
        5000,
        "Swiss turning, nickel plating",
        "3.72",
    ),
)


PAYMENT = ("30 days net", "60 days end of month", "月结60天", "L/C at sight")


INCOTERMS = ("FCA Suzhou", "DAP Bremen", "EXW", "FOB Shanghai", "DDP Birmingham")


UNITS = ("pcs", "pcs", "pcs", "件", "set")


REMARKS = (
    None,
    None,
    None,
    None,
    "Certificate 3.1 required",
    "需提供材质证明",
    "Pack 10 per box",
    "每箱20件",
    "Delivery ASAP",
    "交期尽快",
)


def add_catalogue(session: Session) -> None:
    for number, rev, status, text, lead, low, high, weekly, processes, _ in PARTS:
        session.add(
            CatalogueItem(
                part_number=number,
                revision=rev,
                status=status,
                description=text,
                lead_time_days=lead,
                min_lot=Decimal(low),
                max_lot=Decimal(high),
                weekly_capacity=Decimal(weekly),
                processes=processes,
            )
        )


def _lines(rng: random.Random, order_date: date, count: int) -> list[dict[str, Any]]:
    released = [p for p in PARTS if p[2] is PartStatus.RELEASED]
    lines = []
    for index, part in enumerate(rng.sample(released, k=min(count, len(released))), start=1):
        number, rev, _, text, lead, low, high, *_rest, price = part
        quantity = Decimal(rng.choice([low, low * 2, low * 5, min(high, low * 10)]))
        unit_price = Decimal(price)
        lines.append(
            {
                "line_no": index * 10,
                "part_number": number,
                "part_revision": rev,
                "description": text,
                "quantity": quantity,
                "unit": rng.choice(UNITS),
                "unit_price": unit_price,
                "amount": (quantity * unit_price).quantize(Decimal("0.01")),
                "delivery_date": order_date + timedelta(days=lead + rng.randint(3, 30)),
                "drawing_number": f"DWG-{number}",
                "remarks": rng.choice(REMARKS),
            }
        )
    return lines


def _terms(content: RevisionContent) -> dict[str, Any]:
    return {
        "currency": content.currency,
        "payment_terms": content.payment_terms,
        "delivery_terms": content.delivery_terms,
    }


def _received(day: date, rng: random.Random) -> datetime:
    return datetime.combine(
        day + timedelta(days=1), time(rng.randint(1, 9), rng.randint(0, 59)), UTC
    )


def add_orders(session: Session, actor: str) -> int:
    rng = random.Random(8_2_3)
    start = date(2026, 9, 1)
    created = 0
    for c_index, (code, name, country) in enumerate(CUSTOMERS):
        customer = find_or_create_customer(session, name, code, country)
        currency = "CNY" if country == "中国" else ("EUR" if country == "Germany" else "USD")
        for o_index in range(4):
            order_date = start + timedelta(days=c_index * 9 + o_index * 13)
            lines = _lines(rng, order_date, rng.randint(3, 8))
            base = RevisionContent(
                order_date=order_date - timedelta(days=10),
                received_at=_received(order_date - timedelta(days=10), rng),
                buyer=rng.choice(("J. Carter", "M. Okafor", "王丽", "李强", "S. Weber")),
                currency=currency,
                payment_terms=rng.choice(PAYMENT),
                delivery_terms=rng.choice(INCOTERMS),
                lines=lines,
            )
            q_number = f"Q{order_date:%y%m}-{c_index + 1}{o_index + 1:02d}"
            # Our quotation carries no remarks; the customer's order adds them.
            offer = replace(base, lines=[{**line, "remarks": None} for line in lines])
            quotation = add_revision(session, customer, OrderKind.QUOTATION, q_number, offer, actor)
            created += 1
            if o_index == 3:
                continue  # a quotation still waiting for the customer's order
            po = replace(
                base,
                order_date=order_date,
                received_at=_received(order_date, rng),
                quotation_ref=q_number,
                quotation_revision_id=quotation.id,
                verbal=(c_index, o_index) == (2, 2),
            )
            if o_index == 1:  # the customer asks for more at a lower price than quoted
                first = dict(lines[0])
                first["quantity"] = first["quantity"] * 2
                first["unit_price"] = (first["unit_price"] * Decimal("0.92")).quantize(
                    Decimal("0.01")
                )
                first["amount"] = (first["quantity"] * first["unit_price"]).quantize(
                    Decimal("0.01")
                )
                po = replace(po, lines=[first, *lines[1:]])
            kind = OrderKind.CONTRACT if c_index == 1 and o_index == 0 else OrderKind.ORDER
            number = (
                f"PO-{code[2:]}-{order_date:%y%m%d}"
                if c_index < 3
                else f"采购-{order_date:%Y%m%d}-{o_index + 1}"
            )
            revision = add_revision(session, customer, kind, number, po, actor)
            record_differences(session, revision.id, _terms(po), po.lines, None, quotation)
            created += 1
            if o_index == 0:  # an amendment: a date moved in, one line added
                amended = [dict(line) for line in po.lines]
                amended[0]["delivery_date"] = amended[0]["delivery_date"] - timedelta(days=7)
                amended.append(
                    {**amended[-1], "line_no": (len(amended) + 1) * 10, "quantity": Decimal(50)}
                )
                amended[-1]["amount"] = amended[-1]["quantity"] * amended[-1]["unit_price"]
                later = _received(order_date + timedelta(days=6), rng)
                amendment = replace(po, lines=amended, received_at=later)
                second = add_revision(session, customer, kind, number, amendment, actor)
                record_differences(
                    session, second.id, _terms(amendment), amended, revision, quotation
                )
            order = revision.order
            # Accepted orders (their load counts against capacity); the verbal one waits.
            order.status = (
                OrderStatus.ACCEPTED
                if o_index == 2 and c_index % 2 == 0 and not po.verbal
                else OrderStatus.RECEIVED
            )
    return created


def _line(
    no: int,
    part: str,
    rev: str | None,
    qty: str | None,
    unit: str | None,
    price: str | None,
    due: date | None,
    **more: Any,
) -> dict[str, Any]:
    known = {p[0]: p[3] for p in PARTS}
    more.setdefault("description", known.get(part))
    quantity = Decimal(qty) if qty is not None else None
    unit_price = Decimal(price) if price is not None else None
    amount = (quantity * unit_price).quantize(Decimal("0.01")) if quantity and unit_price else None
    return {
        "line_no": no,
        "part_number": part,
        "part_revision": rev,
        "quantity": quantity,
        "unit": unit,
        "unit_price": unit_price,
        "amount": amount,
        "delivery_date": due,
        "drawing_number": f"DWG-{part}",
        **more,
    }


def add_problem_orders(session: Session, actor: str) -> int:
    """Two orders with the problems reviewers meet most, as a careful reviewer would list them:
    an English rush order and a Chinese order with vague and contradictory lines."""
    rush_date = date(2026, 11, 2)
    northwind = find_or_create_customer(session, "Northwind Pumps Ltd", "C-1001", "United Kingdom")
    rush = RevisionContent(
        order_date=rush_date,
        received_at=_received(rush_date, random.Random(1)),
        buyer="J. Carter",
        currency="USD",
        payment_terms="30 days net",
        delivery_terms=None,
        lines=[
            _line(10, "HB-1020", "B", "40", "pcs", "86.40", rush_date + timedelta(days=35)),
            _line(20, "VH-5520", "A", "12", "pcs", "212.00", rush_date + timedelta(days=20)),
            _line(30, "PN-7103", "A", "200", "pcs", "0.84", rush_date + timedelta(days=30)),
            _line(
                40,
                "SH-2210",
                "A",
                None,
                "pcs",
                "42.15",
                rush_date + timedelta(days=49),
                extra={"_unparsed": {"quantity": "approx. 500"}},
            ),
            _line(
                50,
                "XV-9000",
                None,
                "10",
                "pcs",
                "55.00",
                rush_date + timedelta(days=60),
                description="Valve, similar to XV-8000",
            ),
        ],
    )
    add_revision(session, northwind, OrderKind.ORDER, "PO-1001-RUSH", rush, actor)
    cn_date = date(2026, 11, 9)
    haitian = find_or_create_customer(session, "宁波海天液压件厂", "C-2003", "中国")
    vague = RevisionContent(
        order_date=cn_date,
        received_at=_received(cn_date, random.Random(2)),
        buyer="王丽",
        currency="CNY",
        payment_terms="月结60天",
        delivery_terms="FOB Shanghai",
        lines=[
            _line(
                10,
                "FL-3305",
                "D",
                "400",
                "件",
                "18.90",
                None,
                extra={"_unparsed": {"delivery_date": "尽快"}},
            ),
            _line(20, "FL-3305", "D", "300", "件", "17.50", cn_date + timedelta(days=40)),
            _line(
                30,
                "CN-9001",
                "A",
                "2000",
                "件",
                "3.72",
                cn_date + timedelta(days=35),
                remarks="包装参照上次订单",
            ),
            _line(
                40,
                "BR-4410",
                "B",
                "500",
                "件",
                "6.35",
                cn_date + timedelta(days=30),
                currency="USD",
            ),
            {
                **_line(50, "GB-8200", "C", "20", "件", "95.00", cn_date + timedelta(days=60)),
                "amount": Decimal("1950.00"),
            },
        ],
    )
    add_revision(session, haitian, OrderKind.ORDER, "采购-20261109-7", vague, actor)
    return 2
