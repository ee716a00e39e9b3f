"""Findings in the database: stored per revision, idempotent re-runs that keep dispositions,
cleared (not deleted) when no longer found; the load of accepted orders. (The catalogue's import
and edits are in ``intake/test_catalogue_import.py`` and ``orders/test_catalogue.py``, the
``check`` command in ``cli/test_cli_checks.py``.)"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from qms_review.core.checks import findings
from qms_review.core.orders import catalogue, lookup
from qms_review.core.orders.revisions import RevisionContent, add_revision, find_or_create_customer
from qms_review.core.store.database import Store
from qms_review.core.store.models import Finding, Order
from qms_review.core.store.vocabulary import Disposition, OrderKind, OrderStatus
from tests.core.helpers import add_part

DAY = date(2026, 10, 1)


def _order(store: Store, number: str, lines: list[dict], status: OrderStatus | None = None) -> int:
    with store.write("tester") as session:
        customer = find_or_create_customer(session, "Acme", "A1", None)
        content = RevisionContent(
            order_date=DAY,
            received_at=datetime(2026, 10, 1, 9, tzinfo=UTC),
            currency="USD",
            payment_terms="30 days",
            delivery_terms="EXW",
            lines=lines,
        )
        revision = add_revision(session, customer, OrderKind.ORDER, number, content, "tester")
        if status is not None:
            revision.order.status = status
        return revision.id


def _line(no: int, part: str, qty: int, due: date, rev: str = "A") -> dict:
    return {
        "line_no": no,
        "part_number": part,
        "part_revision": rev,
        "quantity": Decimal(qty),
        "unit": "pcs",
        "unit_price": Decimal(10),
        "amount": Decimal(qty * 10),
        "delivery_date": due,
    }


def _rules(store: Store, revision_id: int, *, cleared: bool = False) -> list[str]:
    with store.read() as session:
        return [f.rule for f in findings.of_revision(session, revision_id, cleared=cleared)]


def test_rerun_is_idempotent_keeps_dispositions_and_clears_what_is_gone(store: Store):
    add_part(store, part_number="OTHER")  # a catalogue without P-1
    revision = _order(store, "PO-1", [_line(10, "P-1", 5, date(2026, 11, 30))])
    with store.write("checker") as session:
        first = findings.run(session, revision)
    assert (first.added, _rules(store, revision)) == (1, ["capability.unknown_part"])
    with store.write("sales") as session:
        row = session.scalars(select(Finding)).one()
        row.disposition, row.disposition_note = Disposition.CLARIFIED, "Customer confirmed"
    with store.write("checker") as session:
        again = findings.run(session, revision)
    assert (again.added, again.cleared) == (0, 0)
    with store.read() as session:
        kept = session.scalars(select(Finding)).one()
        assert (kept.disposition, kept.cleared_at) == (Disposition.CLARIFIED, None)
    part = add_part(store)  # the part is now in the catalogue: the finding is cleared, not deleted
    with store.write("checker") as session:
        assert findings.run(session, revision).cleared == 1
    assert _rules(store, revision) == []
    assert _rules(store, revision, cleared=True) == ["capability.unknown_part"]
    with store.write("quality") as session:
        catalogue.delete(session, part)
    with store.write("checker") as session:
        assert findings.run(session, revision).reopened == 1
    with store.read() as session:
        back = session.scalars(select(Finding)).one()
        assert (back.disposition, back.cleared_at) == (Disposition.CLARIFIED, None)
    assert store.verify_audit().ok


def test_capacity_counts_the_load_of_accepted_orders_only(store: Store):
    add_part(store, weekly_capacity="100", lead_time_days=5)
    due = date(2026, 10, 29)  # four weeks: capacity 400
    _order(store, "PO-A", [_line(10, "P-1", 250, due)], OrderStatus.ACCEPTED)
    _order(store, "PO-B", [_line(10, "P-1", 250, due)], OrderStatus.RECEIVED)
    revision = _order(store, "PO-C", [_line(10, "P-1", 100, due)])
    with store.write("checker") as session:
        findings.run(session, revision)
    assert _rules(store, revision) == []  # 100 + 250 accepted ≤ 400
    late = _order(store, "PO-D", [_line(10, "P-1", 200, due)])
    with store.write("checker") as session:
        findings.run(session, late)
    assert _rules(store, late) == ["capability.capacity"]  # 200 + 250 > 400
    with store.read() as session:
        (row,) = findings.of_revision(session, late)
        assert "450" in row.messages["en"]
        assert "400" in row.messages["en"]


def test_import_runs_the_checks(store: Store, tmp_path: Path):
    from qms_review.core.intake import importer
    from qms_review.core.intake.analysis import analyse
    from qms_review.core.oversight import register
    from tests import corpus

    result = importer.commit(store, analyse(corpus.messy(tmp_path / "po.xlsx")), "tester")
    assert result.findings > 0
    with store.read() as session:
        (row,) = register.rows(session, [result.order_id])  # as the register shows it
        assert row.findings == result.findings


def test_demo_findings_are_what_a_reviewer_would_write(store: Store, demo_store):
    with store.read() as session:
        order_id = session.scalar(select(Order.id).where(Order.number == "PO-1001-RUSH"))
        assert order_id is not None
        revision = lookup.revision_id_of(session, order_id)
        found = {(f.rule, f.line_no) for f in findings.of_revision(session, revision)}
    assert found == {
        ("clarity.header_missing", None),
        ("clarity.vague", 40),
        ("clarity.vague", 50),
        ("clarity.drawing_without_revision", 50),
        ("capability.obsolete", 10),
        ("capability.unknown_part", 50),
        ("capability.lead_time", 20),
        ("capability.below_min_lot", 30),
    }
