"""ERP exports: order fields as columns, several orders in one file, each its own new order or
revision, with its own customer, differences and checks; and `import FILES… | DIR`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from qms_review import cli
from qms_review.core.intake import importer, outlook
from qms_review.core.intake.analysis import Options, analyse
from qms_review.core.messages import QmsError
from qms_review.core.store.database import Store
from qms_review.core.store.models import Customer, Finding, Order, OrderRevision, StoredFile
from tests import corpus, erp_exports
from tests.core.helpers import counts


def test_order_columns_are_understood_and_rows_grouped_by_order(tmp_path: Path):
    plan = analyse(erp_exports.xlsx(tmp_path / "export.xlsx"))
    assert plan.ok, [i.message() for i in plan.errors]
    assert plan.layout is not None
    assert sorted(plan.layout.order_columns.values()) == ["customer", "order_date", "order_number"]
    assert [(o.number, len(o.lines), o.header["customer"]) for o in plan.orders] == [
        ("SO-1001", 2, "华东机电"),
        ("SO-1002", 1, "Acme GmbH"),
        ("SO-1003", 3, "华东机电"),
    ]
    assert plan.orders[1].header["order_date"] == date(2026, 11, 3)
    assert plan.orders[2].line_rows == [7, 8, 9]
    # the order columns are the order's, not kept as extra data with each line
    assert "extra" not in plan.orders[0].lines[0]
    assert [line["line_no"] for line in plan.orders[2].lines] == [10, 20, 30]


def test_english_csv_export_with_the_number_printed_once_per_order(tmp_path: Path):
    rows = [list(r) for r in erp_exports.ROWS]
    for r in (1, 4, 5):  # the number only on each order's first line
        rows[r][0] = None
    rows[5][3] = None  # and a line without a number of its own
    plan = analyse(erp_exports.as_csv(tmp_path / "export.csv", rows))
    assert plan.ok, [i.message() for i in plan.errors]
    assert [(o.number, len(o.lines)) for o in plan.orders] == [
        ("SO-1001", 2),
        ("SO-1002", 1),
        ("SO-1003", 3),
    ]
    assert plan.orders[0].header["order_date"] == date(2026, 11, 2)
    assert [line["line_no"] for line in plan.orders[2].lines] == [10, 20, 30]


def test_a_conflicting_customer_inside_one_order_is_an_error_naming_rows(tmp_path: Path):
    rows = [list(r) for r in erp_exports.ROWS]
    rows[4][1] = "华南机电"  # SO-1003's second line: another customer
    plan = analyse(erp_exports.xlsx(tmp_path / "export.xlsx", rows))
    assert [i.code for i in plan.errors] == ["order_conflict"]
    issue = plan.errors[0]
    assert (issue.row, issue.cell) == (8, "B8")
    assert issue.message() == (
        "sheet Export, row 8, column B (客户): Customer of order SO-1003 differs: “华南机电” "
        "here, “华东机电” in row 7"
    )
    assert "订单 SO-1003 的客户不一致" in issue.message("zh_CN")
    assert not plan.ok


def test_a_first_line_without_order_number_and_an_order_without_customer(tmp_path: Path):
    rows = [list(r) for r in erp_exports.ROWS]
    rows[0][0] = None
    rows[2][1] = None  # SO-1002 has no customer anywhere
    plan = analyse(erp_exports.xlsx(tmp_path / "export.xlsx", rows))
    found = sorted(((i.code, i.row) for i in plan.errors), key=lambda found: found[1])
    assert found == [("order_number_missing", 4), ("order_no_customer", 6)]
    assert "SO-1002" in next(i for i in plan.errors if i.row == 6).message()


def test_line_numbers_repeat_across_orders_but_not_inside_one(tmp_path: Path):
    rows = [list(r) for r in erp_exports.ROWS]
    rows[5][3] = 20  # SO-1003 has line 20 twice
    plan = analyse(erp_exports.xlsx(tmp_path / "export.xlsx", rows))
    assert [(i.code, i.row, i.value) for i in plan.errors] == [("duplicate_line", 9, "20")]


def test_header_block_and_user_choices_still_count(tmp_path: Path):
    """The block above the table fills what no column gives; an order number the user gives
    makes the file one order (the column is then not the order's)."""
    path = erp_exports.xlsx(tmp_path / "export.xlsx", title="Payment terms: 60 days")
    plan = analyse(path)
    assert {o.header["payment_terms"] for o in plan.orders} == {"60 days"}
    one = analyse(path, Options(order_number="X-1"))
    assert [o.number for o in one.orders] == ["X-1"]
    assert len(one.lines) == 6
    # one order now: columns that differ between rows are the lines' extra data
    assert one.layout is not None
    assert one.layout.order_columns == {}
    assert one.lines[0]["extra"] == {
        "订单号": "SO-1001",
        "客户": "华东机电",
        "订单日期": "2026-11-02",
    }
    assert sorted({i.code for i in one.errors}) == ["duplicate_line", "no_customer"]
    rows = [r for r in erp_exports.ROWS if r[0] == "SO-1003"]
    same = analyse(erp_exports.xlsx(tmp_path / "one.xlsx", rows), Options(order_number="X-2"))
    assert same.ok, [i.message() for i in same.errors]
    assert same.orders[0].header["customer"] == "华东机电"  # one customer throughout: the order's


def test_several_orders_import_in_one_transaction_new_and_revisions(store: Store, tmp_path: Path):
    first = erp_exports.xlsx(tmp_path / "october.xlsx", erp_exports.ROWS[:3])
    results = importer.commit_orders(store, analyse(first), "tester")
    assert [(r.number, r.revision, r.customer_created) for r in results] == [
        ("SO-1001", 1, True),
        ("SO-1002", 1, True),
    ]
    rows = erp_exports.changed(erp_exports.ROWS, "SO-1001", 5, 120)  # quantity
    plan = analyse(erp_exports.xlsx(tmp_path / "november.xlsx", rows))
    ahead = outlook.preview(store, plan)
    assert [(o.number, o.revision, o.customer_new, o.lines, o.unchanged) for o in ahead] == [
        ("SO-1001", 2, False, 2, False),
        ("SO-1002", 2, False, 1, True),  # says what revision 1 says
        ("SO-1003", 1, False, 3, False),
    ]
    results = importer.commit_orders(store, plan, "tester")
    assert [(r.number, r.revision, r.lines) for r in results] == [  # SO-1002 left as it is
        ("SO-1001", 2, 2),
        ("SO-1003", 1, 3),
    ]
    changes = {(c.part_number, c.field, c.old, c.new) for c in results[0].changes["previous"]}
    assert changes == {
        ("HB-1020", "quantity", "100", "120"),
        ("SH-2210", "quantity", "50", "120"),
    }
    assert "previous" not in results[1].changes
    with store.read() as session:
        customers = session.scalars(select(Customer.name).order_by(Customer.name)).all()
        assert customers == ["Acme GmbH", "华东机电"]
        files = session.scalars(select(StoredFile.filename)).all()
        assert sorted(files) == ["november.xlsx", "october.xlsx"]  # kept once per file
        sources = session.scalars(
            select(OrderRevision.source_file_id).where(OrderRevision.number == 2).distinct()
        ).all()
        assert len(sources) == 1
        # each order checked on its own: findings belong to each new revision
        checked = session.scalars(select(Finding.revision_id).distinct()).all()
        assert {r.revision_id for r in results} <= set(checked)
    assert store.verify_audit().ok


def test_choosing_some_orders_and_the_rest_later(store: Store, folder: Path, tmp_path: Path):
    rows = [list(r) for r in erp_exports.ROWS]
    rows[4][1] = "华南机电"  # SO-1003 conflicts: it cannot be chosen
    plan = analyse(erp_exports.xlsx(tmp_path / "export.xlsx", rows))
    before = counts(folder / "qms-review.sqlite3")
    with pytest.raises(importer.ImportRefused) as refused:
        importer.commit_orders(store, plan, "tester")  # all of them: refused, nothing written
    assert [i.code for i in refused.value.issues] == ["order_conflict"]
    with pytest.raises(importer.ImportRefused):
        importer.commit_orders(store, plan, "tester", chosen=["SO-1001", "SO-1003"])
    with pytest.raises(QmsError, match="no order was chosen"):
        importer.commit_orders(store, plan, "tester", chosen=[])
    assert counts(folder / "qms-review.sqlite3") == before
    results = importer.commit_orders(store, plan, "tester", chosen=["SO-1001"])
    assert [r.number for r in results] == ["SO-1001"]
    results = importer.commit_orders(store, plan, "tester", chosen=["SO-1002"])
    assert [r.number for r in results] == ["SO-1002"]
    assert [o.imported_before for o in outlook.preview(store, plan)] == [1, 1, None]
    with pytest.raises(QmsError, match="imported before"):
        importer.commit_orders(store, plan, "tester", chosen=["SO-1001"])
    with store.read() as session:
        assert len(session.scalars(select(StoredFile)).all()) == 1  # the file kept once
        numbers = session.scalars(select(Order.number).order_by(Order.number)).all()
        assert numbers == ["SO-1001", "SO-1002"]


def test_a_one_order_file_behaves_as_before(store: Store, tmp_path: Path):
    plan = analyse(corpus.messy(tmp_path / "po.xlsx"))
    assert plan.layout is not None
    assert plan.layout.order_columns == {}
    assert [(o.number, len(o.lines)) for o in plan.orders] == [("PO-88001", 3)]
    assert outlook.preview(store, plan)[0].revision == 1
    result = importer.commit(store, plan, "tester")
    assert (result.number, result.lines) == ("PO-88001", 3)
    assert result.customer_id > 0
    assert plan.orders[0].lines[0]["quantity"] == Decimal(100)


# --- command line ----------------------------------------------------------------------------


def test_cli_prints_one_line_per_order(capsys, folder: Path, tmp_path: Path):
    first = erp_exports.xlsx(tmp_path / "october.xlsx", erp_exports.ROWS[:3])
    assert cli.main(["import", str(first)]) == 0
    capsys.readouterr()
    path = erp_exports.xlsx(tmp_path / "november.xlsx")
    assert cli.main(["import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [  # the export repeats October's two orders as they were
        "Order SO-1001 for 华东机电: 2 lines, 0 warnings, unchanged, left as revision 1 "
        "(sheet Export)",
        "Order SO-1002 for Acme GmbH: 1 line, 0 warnings, unchanged, left as revision 1 "
        "(sheet Export)",
        "Order SO-1003 for 华东机电: 3 lines, 0 warnings, new (sheet Export)",
        "Dry run: nothing was imported.",
    ]
    assert cli.main(["import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Imported as SO-1003 revision 1 (customer 华东机电)." in out
    assert "SO-1001 revision 2" not in out
    assert "Differences to the previous revision" not in out


def test_cli_conflict_refuses_the_file(capsys, folder: Path, tmp_path: Path):
    assert cli.main(["db", "upgrade"]) == 0
    before = counts(folder / "qms-review.sqlite3")
    rows = [list(r) for r in erp_exports.ROWS]
    rows[4][1] = "华南机电"
    path = erp_exports.xlsx(tmp_path / "export.xlsx", rows)
    capsys.readouterr()
    assert cli.main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "row 8, column B (客户): Customer of order SO-1003 differs" in err
    assert "export.xlsx was not imported: 1 problem must be fixed first." in err
    assert counts(folder / "qms-review.sqlite3") == before


def test_cli_imports_a_folder_of_good_and_bad_files(capsys, folder: Path, tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    erp_exports.xlsx(inbox / "a-export.xlsx")
    erp_exports.as_csv(
        inbox / "b-export.csv", erp_exports.changed(erp_exports.ROWS, "SO-1002", 5, 7)
    )
    rows = [list(r) for r in erp_exports.ROWS]
    rows[1][1] = "另一个客户"
    erp_exports.xlsx(inbox / "c-conflict.xlsx", rows)
    (inbox / "d-broken.xlsx").write_text("not a workbook")
    corpus.messy(inbox / "e-po.xlsx")
    (inbox / "notes.txt").write_text("not for import")
    capsys.readouterr()
    assert cli.main(["import", str(inbox)]) == 1
    captured = capsys.readouterr()
    out, err = captured.out, captured.err
    assert "5 files: 3 imported (5 orders), 2 refused" in out  # b: only SO-1002 changed
    assert "refused: c-conflict.xlsx, d-broken.xlsx" in err
    assert "c-conflict.xlsx was not imported" in err
    assert "d-broken.xlsx" in err
    assert "notes.txt" not in out + err
    assert "Imported as SO-1002 revision 2" in out  # b-export.csv: quantity 7
    assert "Imported as PO-88001 revision 1" in out
    # each file its own unit of work: the good ones are in, the bad ones left nothing behind
    from qms_review.core.store import engines
    from qms_review.core.store.database import open_store

    store = open_store(engines.sqlite_url(folder / "qms-review.sqlite3"), folder)
    try:
        with store.read() as session:
            files = session.scalars(select(StoredFile.filename).order_by(StoredFile.id)).all()
            assert files == ["a-export.xlsx", "b-export.csv", "e-po.xlsx"]
    finally:
        store.close()


def test_cli_several_files_dry_run_and_an_empty_folder(capsys, folder: Path, tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    one = corpus.messy(tmp_path / "po.xlsx")
    two = erp_exports.xlsx(tmp_path / "export.xlsx")
    assert cli.main(["import", str(one), str(two), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2 files: 2 could be imported (4 orders), 0 refused" in out
    assert f"{one}:" in out.splitlines()
    assert cli.main(["import", str(empty)]) == 1
    assert "holds no spreadsheets" in capsys.readouterr().err


def test_order_dates_written_as_text(tmp_path: Path):
    """The same date written two ways is one date; a day above 12 settles 03/04 for the file;
    an order's date that cannot be read is a warning, and the order has none."""
    rows = [list(r) for r in erp_exports.ROWS]
    rows[0][2], rows[1][2] = "03/04/2026", "3/4/2026"
    rows[2][2] = "25/04/2026"
    rows[3][2], rows[4][2], rows[5][2] = "2026-11-04", "2026/11/04", "2026.11.04"
    plan = analyse(erp_exports.as_csv(tmp_path / "export.csv", rows))
    assert plan.ok, [i.message() for i in plan.errors]
    assert [o.header["order_date"] for o in plan.orders] == [
        date(2026, 4, 3),
        date(2026, 4, 25),
        date(2026, 11, 4),
    ]
    rows[2][2] = "next week"
    plan = analyse(erp_exports.as_csv(tmp_path / "vague.csv", rows))
    assert [(i.code, i.row) for i in plan.warnings] == [("not_date", 4)]
    assert "order_date" not in plan.orders[1].header


def test_subtotals_between_orders_are_skipped_and_the_grand_total_ends(tmp_path: Path):
    rows: list[list] = [list(r) for r in erp_exports.ROWS]
    rows.insert(2, ["SO-1001", None, None, None, None, 150, None, None, "合计"])
    rows.insert(4, [None, "小计", None, None, None, 500])
    rows.append(["合计", None, None, None, None, 5830])
    rows.append(["Total station tripod", None, None, None, None, 1])  # after the grand total
    plan = analyse(erp_exports.xlsx(tmp_path / "export.xlsx", rows))
    assert plan.ok, [i.message() for i in plan.errors]
    assert [(o.number, len(o.lines)) for o in plan.orders] == [
        ("SO-1001", 2),
        ("SO-1002", 1),
        ("SO-1003", 3),
    ]


def test_cli_error_reports_per_file_and_one_that_cannot_be_written(
    capsys, folder: Path, tmp_path: Path
):
    rows = [list(r) for r in erp_exports.ROWS]
    rows[1][1] = "另一个客户"
    bad = erp_exports.xlsx(tmp_path / "bad.xlsx", rows)
    good = erp_exports.xlsx(tmp_path / "good.xlsx")
    report = tmp_path / "report.xlsx"
    assert cli.main(["import", str(bad), str(good), "--error-report", str(report)]) == 1
    assert (tmp_path / "report-bad.xlsx").exists()
    assert "2 files: 1 imported (3 orders), 1 refused" in capsys.readouterr().out
    missing = good / "report.xlsx"  # under a file: cannot be written
    assert cli.main(["import", str(bad), str(good), "--error-report", str(missing)]) == 1
    captured = capsys.readouterr()
    assert f"{bad}: " in captured.err
    assert "; nothing was imported from it." in captured.err
    assert "imported before" in captured.err  # good.xlsx, the second time
