"""Order lines: the SQLite fast path stores exactly what SQLAlchemy's own path stores."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, insert, select

from qms_review.core.orders.revisions import (
    LINE_FIELDS,
    RevisionContent,
    add_revision,
    find_or_create_customer,
    stored_form,
)
from qms_review.core.store.database import Store
from qms_review.core.store.models import AuditEvent, OrderLine
from qms_review.core.store.vocabulary import OrderKind

LINES = [
    {
        "line_no": 10,
        "part_number": "HB-1020",
        "part_revision": "C",
        "description": "液压块",
        "quantity": Decimal("1200"),
        "unit": "件",
        "unit_price": Decimal("86.405"),
        "amount": Decimal("103686.000001"),
        "currency": "CNY",
        "delivery_date": date(2027, 1, 15),
        "drawing_number": "DWG-1",
        "remarks": "需提供材质证明",
        "extra": {"客户料号": "K-1", "n": 3},
    },
    {"line_no": 20, "part_number": "SH-2210", "quantity": Decimal("-0.5")},
    {"part_number": None, "description": "Setup charge", "extra": None},
]


def _stored(store: Store, revision_id: int) -> list[dict]:
    with store.read() as session:
        lines = session.scalars(
            select(OrderLine)
            .where(OrderLine.revision_id == revision_id)
            .order_by(OrderLine.line_no)
        )
        return [{name: getattr(line, name) for name in LINE_FIELDS} for line in lines]


def test_fast_path_equals_core_path(store: Store):
    with store.write("t") as session:
        customer = find_or_create_customer(session, "深圳华强精密机械有限公司", "C-2001")
        fast = add_revision(
            session, customer, OrderKind.ORDER, "PO-1", RevisionContent(lines=LINES), "t"
        )
        core = add_revision(session, customer, OrderKind.ORDER, "PO-2", RevisionContent(), "t")
        rows = [{"revision_id": core.id, **{n: line.get(n) for n in LINE_FIELDS}} for line in LINES]
        rows[2]["line_no"] = 3
        session.execute(insert(cast(Table, OrderLine.__table__)), rows)
    assert _stored(store, fast.id) == _stored(store, core.id)
    stored = _stored(store, fast.id)
    assert [line["line_no"] for line in stored] == [3, 10, 20]  # a missing number: its position
    assert stored[1]["amount"] == Decimal("103686.000001")
    assert stored[1]["extra"] == {"客户料号": "K-1", "n": 3}
    assert stored[1]["delivery_date"] == date(2027, 1, 15)
    assert store.verify_audit().ok


def test_many_lines_are_stored_in_their_order_with_the_digest_of_their_stored_form(
    store: Store,
):
    """More lines than one INSERT statement (500 rows) and one block of the digest (10,000)
    hold: stored as SQLAlchemy's own path stores them, in the order given, and the audit
    event holds the SHA-256 of ``repr(stored_form(lines))``, the form records verify."""
    count = 10_777
    lines = [
        {**LINES[n % 3], "line_no": None if n % 3 == 2 else n + 1, "part_number": f"P-{n}"}
        for n in range(count)
    ]
    with store.write("t") as session:
        customer = find_or_create_customer(session, "深圳华强精密机械有限公司", "C-2001")
        fast = add_revision(
            session, customer, OrderKind.ORDER, "PO-1", RevisionContent(lines=lines), "t"
        )
        core = add_revision(session, customer, OrderKind.ORDER, "PO-2", RevisionContent(), "t")
        rows = [
            {"revision_id": core.id, **{n: line.get(n) for n in LINE_FIELDS}, "line_no": at + 1}
            for at, line in enumerate(lines)
        ]
        session.execute(insert(cast(Table, OrderLine.__table__)), rows)
    assert _stored(store, fast.id) == _stored(store, core.id)
    with store.read() as session:
        numbers = session.scalars(
            select(OrderLine.line_no).where(OrderLine.revision_id == fast.id).order_by(OrderLine.id)
        ).all()
        changes = session.scalars(
            select(AuditEvent.changes).where(
                AuditEvent.entity == "order_lines", AuditEvent.entity_id == f"revision/{fast.id}"
            )
        ).one()
    assert numbers == list(range(1, count + 1))
    digest = hashlib.sha256(repr(stored_form(lines)).encode("utf-8")).hexdigest()
    assert json.loads(changes) == {"count": count, "sha256": digest}
    assert store.verify_audit().ok
