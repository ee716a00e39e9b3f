"""Findings in the database and on the command line: stored per revision, idempotent re-runs
that keep dispositions, cleared (not deleted) when no longer found; the catalogue's import and
edits; the load of accepted orders."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from qms_review import cli
from qms_review.core import demo
from qms_review.core.checks import findings
from qms_review.core.intake import catalogue_import
from qms_review.core.orders import catalogue, lookup
from qms_review.core.orders.revisions import RevisionContent, add_revision, find_or_create_customer
from qms_review.core.store.database import Store
from qms_review.core.store.models import (
    CatalogueItem,
    Disposition,
    Finding,
    Order,
    OrderKind,
    OrderStatus,
    PartStatus,
)
from tests.core.helpers import counts

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


def _part(store: Store, **values) -> int:
    with store.write("quality") as session:
        return catalogue.save(
            session, None, {"part_number": "P-1", "revision": "A", "lead_time_days": 10, **values}
        )


def _rules(store: Store, revision_id: int, *, cleared: bool = False) -> list[str]:
    with store.read() as session:
        return [f.rule for f in findings.of_revision(session, revision_id, cleared=cleared)]


def test_rerun_is_idempotent_keeps_dispositions_and_clears_what_is_gone(store: Store):
    _part(store, part_number="OTHER")  # a catalogue without P-1
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
    part = _part(store)  # the part is now in the catalogue: the finding is cleared, not deleted
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
    _part(store, weekly_capacity="100", lead_time_days=5)
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
    from tests import corpus

    result = importer.commit(store, analyse(corpus.messy(tmp_path / "po.xlsx")), "tester")
    assert result.findings > 0
    with store.read() as session:
        assert findings.open_counts(session, [result.revision_id]) == {
            result.revision_id: result.findings
        }


def _catalogue_file(path: Path, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Parts"
    sheet.append(["Capability catalogue", None, None])
    sheet.append(
        [
            "物料编码",
            "版本",
            "状态",
            "描述",
            "生产周期(天)",
            "最小批量",
            "最大批量",
            "周产能",
            "工艺",
        ]
    )
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_catalogue_import_adds_and_updates_and_refuses_bad_files_whole(
    store: Store, tmp_path: Path
):
    good = _catalogue_file(
        tmp_path / "parts.xlsx",
        [
            ["HB-1020", "C", "发布", "液压块", 28, 10, 500, 120, "CNC"],
            ["HB-1020", "B", "作废", "液压块", 28, 10, 500, 120, "CNC"],
            ["SH-2210", "A", "", "Shaft", "35", "20", "2,000", 400, "Turning"],
        ],
    )
    plan = catalogue_import.analyse(good)
    assert plan.ok
    assert plan.sheet == "Parts"
    with store.write("quality") as session:
        assert catalogue_import.commit(session, plan) == catalogue_import.Summary(3, 0, 0)
    with store.read() as session:
        items = {(i.part_number, i.revision): i for i in session.scalars(select(CatalogueItem))}
    assert items[("HB-1020", "B")].status is PartStatus.OBSOLETE
    assert items[("SH-2210", "A")].max_lot == Decimal(2000)

    bad = _catalogue_file(
        tmp_path / "bad.xlsx",
        [
            ["HB-1020", "C", "released", "", 21, 10, 500, 120, ""],
            ["FL-3305", "D", "maybe", "", 21, 50, 10, 800, ""],
            ["PN-7103", "A", "", "", "ten", 1, 2, 3, ""],
            ["HB-1020", "C", "", "", 1, 1, 2, 3, ""],
        ],
    )
    before = counts(tmp_path / "data" / "qms-review.sqlite3")
    plan = catalogue_import.analyse(bad)
    assert [(i.row, i.header, i.code) for i in plan.issues] == [
        (4, "状态", "cat_status"),
        (5, "生产周期(天)", "not_number"),
        (6, None, "cat_duplicate"),
    ]
    assert "row 4, column C (状态): “maybe”" in plan.issues[0].message("en")
    with pytest.raises(catalogue_import.CatalogueRefused), store.write("quality") as session:
        catalogue_import.commit(session, plan)
    assert counts(tmp_path / "data" / "qms-review.sqlite3") == before

    update = _catalogue_file(
        tmp_path / "update.xlsx", [["HB-1020", "C", "发布", "液压块", 21, 10, 500, 120, "CNC"]]
    )
    with store.write("quality") as session:
        assert catalogue_import.commit(
            session, catalogue_import.analyse(update)
        ) == catalogue_import.Summary(0, 1, 0)


def test_catalogue_edits_are_validated(store: Store):
    part = _part(store)
    with pytest.raises(catalogue.Invalid) as caught, store.write("q") as session:
        catalogue.save(session, part, {"part_number": "P-1", "min_lot": "10", "max_lot": "5"})
    assert caught.value.field == "max_lot"
    with pytest.raises(catalogue.Invalid, match="already in the catalogue"), store.write("q") as s:
        catalogue.save(s, None, {"part_number": "P-1", "revision": "A"})
    with pytest.raises(catalogue.Invalid, match="negative"), store.write("q") as s:
        catalogue.save(s, part, {"part_number": "P-1", "revision": "A", "lead_time_days": "-3"})


def test_cli_check_template_and_catalogue(capsys, folder: Path, tmp_path: Path):
    assert cli.main(["demo"]) == 0
    capsys.readouterr()
    assert cli.main(["check", "PO-1001-RUSH"]) == 0
    out = capsys.readouterr().out
    assert "PO-1001-RUSH revision 1: 8 open finding(s) of 8" in out
    assert "HB-1020 revision B is obsolete" in out
    assert cli.main(["check", "采购-20261109-7", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in data["findings"]} == {
        "clarity.mixed_currencies",
        "clarity.vague",
        "clarity.two_prices",
        "clarity.amount_mismatch",
    }
    assert all(f["message"]["zh"] for f in data["findings"])
    assert cli.main(["check", "NOPE"]) == 1
    assert "No order or quotation numbered NOPE" in capsys.readouterr().err
    assert cli.main(["check", "PO-1001-RUSH", "--revision", "9"]) == 1
    assert cli.main(["template", "list"]) == 0
    assert "iso9001" in capsys.readouterr().out
    assert cli.main(["template", "show", "iatf16949"]) == 0
    assert "IATF 16949 8.2.3.1.1" in capsys.readouterr().out
    broken = tmp_path / "broken.toml"
    broken.write_text('key = "x"\nversion = "1"\n', encoding="utf-8")
    assert cli.main(["template", "import", str(broken)]) == 1
    assert "broken.toml" in capsys.readouterr().err
    parts = _catalogue_file(tmp_path / "parts.xlsx", [["NEW-1", "A", "", "New", 5, 1, 10, 5, ""]])
    assert cli.main(["catalogue", "import", str(parts), "--dry-run"]) == 0
    assert cli.main(["catalogue", "import", str(parts)]) == 0
    assert "1 part(s) added" in capsys.readouterr().out
    assert cli.main(["catalogue", "list"]) == 0
    assert "NEW-1" in capsys.readouterr().out


def test_demo_findings_are_what_a_reviewer_would_write(store: Store):
    demo.load(store, "tester")
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
