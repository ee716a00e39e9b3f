"""Importing: all or nothing, revisions instead of overwrites, differences stored, profiles."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from qms_review import cli
from qms_review.core.intake import importer, report
from qms_review.core.intake.analysis import Options, analyse
from qms_review.core.messages import QmsError
from qms_review.core.store.database import Store
from qms_review.core.store.models import Finding, MappingProfile, OrderLine, StoredFile
from qms_review.core.store.vocabulary import OrderKind
from tests import corpus
from tests.core.helpers import counts


def _import(store: Store, path: Path, **options):
    return importer.commit(store, analyse(path, Options(**options)), "tester")


def test_import_stores_everything(store: Store, tmp_path: Path):
    path = corpus.messy(tmp_path / "po.xlsx")
    result = _import(store, path)
    assert (result.number, result.revision, result.lines, result.customer_created) == (
        "PO-88001",
        1,
        3,
        True,
    )
    with store.read() as session:
        lines = session.scalars(select(OrderLine).order_by(OrderLine.line_no)).all()
        assert [line.part_number for line in lines] == ["HB-1020", "SH-2210", "FL-3305"]
        assert lines[1].extra == {"_unparsed": {"delivery_date": "尽快"}, "客户料号": "K-2"}
        stored = session.scalars(select(StoredFile)).one()
        assert stored.content == path.read_bytes()
        import hashlib

        assert stored.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        # The vague date is reported once, by the checks, with the line and field it is in.
        found = session.scalars(select(Finding).where(Finding.line_no == 20)).all()
        vague = [f for f in found if f.field == "delivery_date"]
        assert [f.rule for f in vague] == ["clarity.vague"]
        assert "尽快" in vague[0].messages["zh"]
        assert vague[0].checklist_item_key == "delivery.dates_terms"
        assert not [f for f in found if f.rule.startswith("intake.")]
    assert store.verify_audit().ok


def test_same_file_twice_is_refused(store: Store, tmp_path: Path):
    path = corpus.messy(tmp_path / "po.xlsx")
    _import(store, path)
    with pytest.raises(QmsError, match="imported before"):
        _import(store, path)


def test_changed_file_becomes_revision_two_with_its_differences(store: Store, tmp_path: Path):
    _import(store, corpus.messy(tmp_path / "v1.xlsx"))
    amended = [list(line) for line in corpus.LINES]
    amended[0][4] = 150  # quantity
    amended[0][6] = "82.00"  # price
    amended[2][7] = "2026/12/31"  # date
    amended[1][2] = "B"  # part revision
    amended.append([40, "PN-7103", "A", "销", 5000, "件", 0.84, date(2027, 2, 1), None, None])
    del amended[2:3]  # FL-3305 removed
    header = [list(r) for r in corpus.HEADER_BLOCK]
    header[1][4] = "USD"
    result = _import(store, corpus.messy(tmp_path / "v2.xlsx", amended, header_block=header))
    assert result.revision == 2
    found = {(c.change, c.part_number, c.field, c.old, c.new) for c in result.changes["previous"]}
    assert found == {
        ("header", None, "currency", "CNY", "USD"),
        ("changed", "HB-1020", "quantity", "100", "150"),
        ("changed", "HB-1020", "unit_price", "86.4", "82"),
        ("changed", "SH-2210", "part_revision", "A", "B"),
        ("added", "PN-7103", None, None, "5000"),
        ("removed", "FL-3305", None, "500", None),
    }
    with store.read() as session:
        stored = importer.changes_of(session, result.revision_id, "previous")
        assert len(stored) == len(found)
        revisions = session.scalars(select(OrderLine.revision_id).distinct()).all()
        assert len(revisions) == 2  # revision 1's lines are untouched


def test_order_names_its_quotation(store: Store, tmp_path: Path):
    quote_header = [["客户:", "深圳华强精密机械有限公司"], ["报价单号:", "Q-77"]]
    _import(
        store,
        corpus.messy(tmp_path / "q.xlsx", header_block=quote_header),
        kind=OrderKind.QUOTATION,
    )
    order_header = [*corpus.HEADER_BLOCK, ["参考报价:", "Q-77"]]
    ordered = [list(line) for line in corpus.LINES]
    ordered[2][6] = 17.5  # cheaper than quoted
    result = _import(store, corpus.messy(tmp_path / "o.xlsx", ordered, header_block=order_header))
    assert result.revision == 1
    changes = result.changes["quotation"]
    assert ("changed", "FL-3305", "unit_price", "18.9", "17.5") in {
        (c.change, c.part_number, c.field, c.old, c.new) for c in changes
    }


def test_lines_changed_after_the_analysis_are_stored_as_changed(store: Store, tmp_path: Path):
    """The analysis hands the import its lines' values by field too; a line changed after it
    (by a caller that edits the plan) is stored, and checked, as it now says."""
    plan = analyse(corpus.messy(tmp_path / "po.xlsx"))
    changed = plan.lines[1]
    changed["quantity"], changed["unit"] = Decimal(0), None
    importer.commit(store, plan, "tester")
    with store.read() as session:
        line = session.scalars(
            select(OrderLine).where(OrderLine.part_number == changed["part_number"])
        ).one()
        rules = set(session.scalars(select(Finding.rule).where(Finding.line_no == line.line_no)))
    assert (line.quantity, line.unit) == (Decimal(0), None)
    assert {"clarity.quantity_not_positive", "clarity.no_unit"} <= rules


def test_failed_import_leaves_the_database_as_it_was(store: Store, folder: Path, tmp_path: Path):
    _import(store, corpus.messy(tmp_path / "first.xlsx"))
    path = folder / "qms-review.sqlite3"
    before, head = counts(path), store.verify_audit().head
    broken = [list(line) for line in corpus.LINES]
    broken[1][0] = 10  # duplicate line number
    plan = analyse(corpus.messy(tmp_path / "bad.xlsx", broken))
    assert [i.code for i in plan.errors] == ["duplicate_line"]
    with pytest.raises(importer.ImportRefused):
        importer.commit(store, plan, "tester")
    # and a failure in the middle of writing rolls back too
    good = analyse(
        corpus.messy(
            tmp_path / "good.xlsx", [[50, "X" * 10, "A", "", 1, "件", 1, None, None, None]]
        )
    )
    good.lines.append({"line_no": 60, "part_number": "Y", "quantity": Decimal("0.0000001")})
    with pytest.raises((ValueError, StatementError), match="decimal places"):
        importer.commit(store, good, "tester")
    assert counts(path) == before
    assert store.verify_audit().head == head


def test_mapping_profile_is_saved_and_applied(store: Store, tmp_path: Path):
    first = corpus.unknown_headers(tmp_path / "k1.xlsx")
    plan = analyse(first)
    assert plan.layout is None or not plan.ok  # nothing we know by name
    manual = analyse(
        first,
        Options(
            sheet="Sheet",
            header_row=3,
            mapping={0: "part_number", 1: "quantity", 2: "delivery_date"},
        ),
    )
    assert manual.ok, [i.message() for i in manual.issues]
    importer.commit(store, manual, "tester")
    with store.read() as session:
        saved = session.scalars(select(MappingProfile)).one()
        assert saved.mapping == {
            "Kestrel ref": "part_number",
            "Howmany": "quantity",
            "Wanted by": "delivery_date",
        }
    second = corpus.unknown_headers(tmp_path / "k2.xlsx", "KM-2")
    profile = importer.profile_for(store, "Kestrel Marine", None)
    again = analyse(second, Options(profile=profile))
    assert again.ok
    assert again.lines[0]["quantity"] == Decimal(4)


def test_ambiguous_dates_are_asked_once(store: Store, tmp_path: Path):
    lines = [
        [10, "A", "", "", 1, "件", 1, "03/04/2027", None, None],
        [20, "B", "", "", 1, "件", 1, "05/06/2027", None, None],
    ]
    path = corpus.messy(tmp_path / "dates.xlsx", lines)
    plan = analyse(path)
    assert plan.needs_date_order
    assert [i.code for i in plan.errors] == ["ambiguous_date"]
    settled = analyse(path, Options(date_order="dmy"))
    assert settled.ok
    assert settled.lines[0]["delivery_date"] == date(2027, 4, 3)
    hinted = analyse(
        corpus.messy(
            tmp_path / "hint.xlsx", [*lines, [30, "C", "", "", 1, "", 1, "25/12/2027", None, None]]
        )
    )
    assert hinted.ok
    assert hinted.lines[0]["delivery_date"] == date(2027, 4, 3)


def test_error_report_marks_the_bad_cells(tmp_path: Path):
    path = corpus.messy(tmp_path / "bad.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["G9"] = "#REF!"
    book.save(path)
    plan = analyse(path)
    target = report.save_error_report(plan, tmp_path / "report.xlsx", "zh_CN")
    marked = openpyxl.load_workbook(target)
    data = marked["采购订单"]
    assert data["G9"].fill.start_color.rgb.endswith(report.ERROR_FILL)
    assert "#REF!" in data["G9"].comment.text
    assert data["H9"].fill.start_color.rgb.endswith(report.WARNING_FILL)  # “尽快”
    problems = marked["问题"]
    assert problems["B2"].value == "G9"
    assert problems["B2"].hyperlink is not None


def test_template_imports_as_it_is(store: Store, tmp_path: Path):
    path = report.save_template(tmp_path / "template.xlsx")
    plan = analyse(path)
    assert plan.ok, [i.message() for i in plan.issues]
    assert plan.header["order_number"] == "PO-4500012345"
    assert plan.lines[0]["part_number"] == "HB-1020"
    assert importer.commit(store, plan, "tester").lines == 1
    sheet = openpyxl.load_workbook(path).active
    assert sheet.data_validations.dataValidation  # numbers and dates are checked as typed


# --- command line ----------------------------------------------------------------------------


def test_cli_import_dry_run_and_import(capsys, folder: Path, tmp_path: Path):
    path = corpus.messy(tmp_path / "po.xlsx")
    assert cli.main(["import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr()
    assert "PO-88001" in out.out
    assert "3 lines, 1 warning," in out.out
    assert "尽快" in out.err
    assert "Dry run" in out.out
    assert cli.main(["import", str(path)]) == 0
    assert "Imported as PO-88001 revision 1" in capsys.readouterr().out
    assert cli.main(["import", str(path)]) == 1
    assert "imported before" in capsys.readouterr().err


def test_cli_import_errors(capsys, folder: Path, tmp_path: Path):
    db = folder / "qms-review.sqlite3"
    assert cli.main(["db", "upgrade"]) == 0
    before = counts(db)
    lines = [
        [10, "A", "", "", 1, "件", 1, "03/04/2027", None, None],
        [20, "B", "", "", "#N/A", "", 1, None, None, None],
    ]
    path = corpus.messy(tmp_path / "bad.xlsx", lines)
    book = openpyxl.load_workbook(path)
    book.active["E9"] = "#N/A"
    book.save(path)
    capsys.readouterr()
    assert cli.main(["import", str(path), "--error-report", str(tmp_path / "r.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "row 8, column H (交期)" in err
    assert "#N/A" in err
    assert "--date-order" in err
    assert (tmp_path / "r.xlsx").exists()
    assert counts(db) == before
    assert cli.main(["import", str(tmp_path / "missing.xlsx")]) == 1
    assert "cannot be opened" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["import", str(path), "--kind", "invoice"])


def test_cli_template(capsys, folder: Path, tmp_path: Path):
    assert cli.main(["import-template", str(tmp_path / "t.xlsx")]) == 0
    assert cli.main(["import", str(tmp_path / "t.xlsx"), "--dry-run"]) == 0
    assert cli.main(["import-template", str(tmp_path / "t.xlsx")]) == 1


def test_cli_applies_the_customers_saved_mapping(capsys, folder: Path, tmp_path: Path):
    first = corpus.unknown_headers(tmp_path / "k1.xlsx")
    assert cli.main(["import", str(first)]) == 1  # nothing known by name: no header row
    assert "--header-row" in capsys.readouterr().err
    from qms_review.core.store import engines
    from qms_review.core.store.database import open_store

    store = open_store(engines.sqlite_url(folder / "qms-review.sqlite3"), folder)
    try:
        manual = analyse(
            first,
            Options(header_row=3, mapping={0: "part_number", 1: "quantity", 2: "delivery_date"}),
        )
        importer.commit(store, manual, "tester")
    finally:
        store.close()
    second = corpus.unknown_headers(tmp_path / "k2.xlsx", "KM-2")
    assert cli.main(["import", str(second)]) == 0, capsys.readouterr().err
    assert "Imported as KM-2 revision 1" in capsys.readouterr().out


def test_a_later_revision_without_its_own_quotation_is_still_compared_with_the_quotation(
    store: Store, tmp_path: Path
):
    quote_header = [["客户:", "深圳华强精密机械有限公司"], ["报价单号:", "Q-77"]]
    _import(
        store,
        corpus.messy(tmp_path / "q.xlsx", header_block=quote_header),
        kind=OrderKind.QUOTATION,
    )
    order_header = [*corpus.HEADER_BLOCK, ["参考报价:", "Q-77"]]
    _import(store, corpus.messy(tmp_path / "o1.xlsx", header_block=order_header))
    amended = [list(line) for line in corpus.LINES]
    amended[2][6] = 17.5  # cheaper than quoted; revision 2 names no quotation
    second = _import(store, corpus.messy(tmp_path / "o2.xlsx", amended))
    assert second.revision == 2
    quoted = {(c.change, c.part_number, c.field, c.old, c.new) for c in second.changes["quotation"]}
    assert ("changed", "FL-3305", "unit_price", "18.9", "17.5") in quoted
    # the quotation link is not itself a difference from revision 1
    assert {c.field for c in second.changes["previous"]} == {"unit_price"}
    with store.read() as session:
        from qms_review.core.store.models import OrderRevision

        rev2 = session.get(OrderRevision, second.revision_id)
        assert rev2 is not None
        assert rev2.quotation_ref == "Q-77"
        assert rev2.quotation_revision_id is not None
        # the checks compare revision 2 with the quotation: a change finding names it
        rules = session.scalars(
            select(Finding.rule).where(Finding.revision_id == second.revision_id)
        ).all()
        assert any(rule.startswith("change.") for rule in rules), rules
        bases = session.scalars(
            select(Finding.messages).where(Finding.revision_id == second.revision_id)
        ).all()
        assert any("Q-77" in m["en"] for m in bases), bases
