"""What real customers' files hold, through ``qms-review import`` as a user runs it: float noise,
encrypted and renamed files, UTF-16 text, chart sheets, formulas saved without values, control
characters, the same order sent again in another format, the 1904 date system, date texts,
footer rows under the lines, and the Chinese messages."""

from __future__ import annotations

import re
import struct
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import polib
import pytest
from sqlalchemy import select

from qms_review import cli
from qms_review.core.intake import importer
from qms_review.core.intake.analysis import Options, analyse
from qms_review.core.intake.reading import ReadError, read
from qms_review.core.store.database import Store
from qms_review.core.store.models import OrderLine, OrderRevision
from qms_review.resources import resource
from tests import corpus
from tests.core.helpers import counts
from tests.core.intake import kinds

HEADER = [["Customer:", "Northwind Pumps Ltd"], ["PO No.:", "PO-1001-77"], []]
COLUMNS = ["Line", "Part No.", "Description", "Qty", "Unit price", "Delivery date"]


def _rows(*lines: list) -> list[list]:
    return [*[list(row) for row in HEADER], list(COLUMNS), *[list(line) for line in lines]]


def _xlsx(path: Path, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Order"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _import(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(["import", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def _lines(store: Store) -> dict[str, OrderLine]:
    with store.read() as session:
        return {line.part_number: line for line in session.scalars(select(OrderLine))}


# --- numbers that came from binary floats --------------------------------------------------


def test_float_noise_is_the_decimal_it_stands_for(capsys, folder: Path, store: Store, tmp_path):
    noisy = _rows(
        [10, "HB-1020", "Block", 100, 3.9299999999999997, date(2026, 12, 20), 0.1 + 0.2],
        [20, "SH-2210", "Shaft", 0.1 + 0.2, 36.900000000000006, date(2026, 12, 20)],
    )
    noisy[3].append("Weight")  # an unmapped column keeps 0.3 as 0.3
    for path in (_xlsx(tmp_path / "noisy.xlsx", noisy), corpus.xls(tmp_path / "noisy.xls", noisy)):
        plan = analyse(path)
        assert plan.ok, [i.message() for i in plan.issues]
        assert [line["unit_price"] for line in plan.lines] == [Decimal("3.93"), Decimal("36.9")]
        assert plan.lines[1]["quantity"] == Decimal("0.3")
        assert plan.lines[0]["extra"] == {"Weight": 0.3}
    code, out, err = _import(capsys, tmp_path / "noisy.xlsx")
    assert code == 0, err
    assert "Imported as PO-1001-77 revision 1" in out
    stored = _lines(store)
    assert stored["HB-1020"].unit_price == Decimal("3.93")
    assert stored["SH-2210"].unit_price == Decimal("36.9")


def test_text_with_more_decimals_is_still_refused(capsys, folder: Path, tmp_path: Path):
    rows = _rows([10, "HB-1020", "Block", 100, "3.9299999999999997", "2026-12-20"])
    path = corpus.csv_file(tmp_path / "precise.csv", rows)
    code, _out, err = _import(capsys, path, "--dry-run")
    assert code == 1
    assert (
        "error: sheet precise, row 5, column E (Unit price): 3.9299999999999997 has more than "
        "6 decimal places or is implausibly large" in err
    )


# --- encrypted, renamed and UTF-16 files -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("rc4.xls", lambda p: kinds.encrypted_xls(p, "rc4")),
        ("xor.xls", lambda p: kinds.encrypted_xls(p, "xor")),
        ("secret.xlsx", kinds.encrypted_ooxml),
        ("secret.xlsm", kinds.encrypted_ooxml),
        ("secret.ods", kinds.encrypted_ods),
    ],
)
def test_password_protected_files_are_named_so(capsys, folder, tmp_path, name, make):
    path = make(tmp_path / name)
    code, _out, err = _import(capsys, path, "--dry-run")
    assert code == 1
    assert err.strip() == (
        f"Cannot read {name}: the workbook is password-protected; save an unprotected copy and "
        "import that"
    )
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason_key == "intake.reason.encrypted"
    assert caught.value.message("zh_CN") == (
        f"无法读取 {name}：工作簿受密码保护；请另存一份未加密的副本再导入"
    )


@pytest.mark.parametrize(
    ("make", "kind", "chinese"),
    [
        (kinds.word_document, "a Word document", "一份 Word 文档"),
        (lambda p: kinds.ole_file(p, {"WordDocument": b"x" * 100}), "a Word document", None),
        (kinds.presentation, "a PowerPoint presentation", "一份 PowerPoint 演示文稿"),
        (kinds.plain_zip, "a zip archive that holds no workbook", None),
    ],
)
def test_documents_renamed_xlsx_are_named(capsys, folder, tmp_path, make, kind, chinese):
    path = make(tmp_path / "order.xlsx")
    code, _out, err = _import(capsys, path, "--dry-run")
    assert code == 1
    assert err.strip() == (
        f"Cannot read order.xlsx: this is not a spreadsheet: it is {kind}, named .xlsx; "
        "import the order's own spreadsheet"
    )
    if chinese:
        with pytest.raises(ReadError) as caught:
            read(path)
        assert caught.value.message("zh_CN") == (
            f"无法读取 order.xlsx：这不是电子表格，而是{chinese}（扩展名为 .xlsx）；"
            "请导入订单本身的电子表格"
        )


def test_an_xls_renamed_xlsx_is_read(tmp_path: Path):
    source = corpus.xls(tmp_path / "po.xls", corpus.simple_rows())
    renamed = tmp_path / "po.xlsx"
    renamed.write_bytes(source.read_bytes())
    plan = analyse(renamed)
    assert plan.ok
    assert [line["part_number"] for line in plan.lines] == ["HB-1020", "SH-2210", "FL-3305"]


@pytest.mark.parametrize(("name", "sep"), [("unicode.txt", "\t"), ("utf16.csv", ",")])
def test_utf16_text_is_read(capsys, folder, store: Store, tmp_path: Path, name: str, sep: str):
    path = kinds.unicode_text(tmp_path / name, corpus.simple_rows(), sep)
    code, out, err = _import(capsys, path)
    assert code == 0, err
    assert "Imported as PO-1001-77 revision 1 (customer Northwind Pumps Ltd, new)." in out
    stored = _lines(store)
    assert stored["HB-1020"].description == "液压块"
    assert stored["SH-2210"].quantity == Decimal(1200)
    assert stored["FL-3305"].delivery_date == date(2027, 1, 15)


def test_chart_sheets_are_skipped(tmp_path: Path):
    from openpyxl.chart import BarChart, Reference

    path = _xlsx(tmp_path / "chart.xlsx", _rows([10, "HB-1020", "Block", 5, 2.5, "2026-12-20"]))
    book = openpyxl.load_workbook(path)
    chart = BarChart()
    chart.add_data(Reference(book["Order"], min_col=4, min_row=5, max_row=5))
    book.create_chartsheet("Chart1", 0).add_chart(chart)
    book.save(path)
    workbook = read(path)
    assert [sheet.name for sheet in workbook.sheets] == ["Order"]
    assert analyse(workbook).ok


def test_an_xlsb_with_a_chart_sheet_imports(capsys, folder, store: Store, tmp_path: Path):
    rows = _rows([10, "HB-1020", "Block", 100, 86.4, "2026-12-20"])
    path = kinds.xlsb(tmp_path / "charted.xlsb", rows, chart=True)
    code, out, err = _import(capsys, path)
    assert code == 0, err
    assert "Imported as PO-1001-77 revision 1" in out
    assert _lines(store)["HB-1020"].quantity == Decimal(100)


def test_library_errors_are_said_in_our_words(tmp_path: Path):
    path = _xlsx(tmp_path / "broken.xlsx", _rows([10, "A", "", 1, 1, None]))
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members["xl/workbook.xml"] = b"<workbook><sheets><sheet name="
    with zipfile.ZipFile(path, "w") as target:
        for name, content in members.items():
            target.writestr(name, content)
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason_key == "intake.reason.damaged"
    chinese = caught.value.message("zh_CN")
    assert chinese.startswith("无法读取 broken.xlsx：文件已损坏（其")
    assert not re.search(r"[A-Za-z]{3,}", chinese.replace("broken.xlsx", "").replace("XML", ""))
    with pytest.raises(ReadError) as missing:
        read(tmp_path / "missing.xlsx")
    assert missing.value.message("zh_CN") == "无法读取 missing.xlsx：文件无法打开（文件不存在）"


# --- formulas without values and control characters -----------------------------------------


def test_formulas_saved_without_values_are_errors_by_cell(capsys, folder, tmp_path: Path):
    rows = _rows(
        [10, "HB-1020", "Block", "=2*50", 86.4, "2026-12-20"],
        [20, "SH-2210", "Shaft", 12, "=D6*1.5", "2026-12-20"],
    )
    path = _xlsx(tmp_path / "script.xlsx", rows)  # openpyxl stores formulas, never results
    database = folder / "qms-review.sqlite3"
    assert cli.main(["db", "upgrade"]) == 0
    before = counts(database)
    code, _out, err = _import(capsys, path)
    assert code == 1
    advice = "was saved without its result; open and save the file in Excel or LibreOffice so the values are stored"
    assert err.splitlines()[:2] == [
        f"error: sheet Order, row 5, column D (Qty): the formula =2*50 {advice}",
        f"error: sheet Order, row 6, column E (Unit price): the formula =D6*1.5 {advice}",
    ]
    assert "script.xlsx was not imported: 2 problems must be fixed first." in err
    assert counts(database) == before


def _formula_cells(path: Path, cells: dict[bytes, bytes]) -> Path:
    """``path`` (an .ods) with some cells' XML replaced."""
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    for old, new in cells.items():
        assert old in members["content.xml"]
        members["content.xml"] = members["content.xml"].replace(old, new)
    with zipfile.ZipFile(path, "w") as target:
        for name, content in members.items():
            target.writestr(name, content)
    return path


def test_formulas_without_values_in_ods_and_xls_are_errors_by_cell(capsys, tmp_path: Path):
    """calamine reads them as empty cells, as it does in an .xlsx: each is named."""
    import xlwt

    rows = _rows(
        [10, "HB-1020", "Block", "=2*50", 86.4, "2026-12-20"],
        [20, "SH-2210", "Shaft", 12, "=D6*1.5", "2026-12-20"],
    )
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    ods = _formula_cells(
        corpus.ods(tmp_path / "script.ods", rows),
        {  # repeated empty cells before them, as LibreOffice writes gaps
            cell.format("=2*50").encode(): b'<table:table-cell table:formula="of:=2*50"/>',
            cell.format("=D6*1.5").encode(): b'<table:table-cell table:formula="of:=[.D6]*1.5"/>',
            b"<table:table-row></table:table-row>": b'<table:table-row table:number-rows-repeated="1">'
            b'<table:table-cell table:number-columns-repeated="3"/></table:table-row>',
        },
    )
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Order")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            formula = isinstance(value, str) and value.startswith("=")
            sheet.write(r, c, xlwt.Formula(value[1:]) if formula else value)
    book.save(str(tmp_path / "script.xls"))
    advice = "was saved without its result; open and save the file in Excel or LibreOffice so the values are stored"
    for path, first, second in (
        (ods, "=2*50", "=[.D6]*1.5"),
        (tmp_path / "script.xls", "=…", "=…"),  # the formula's text is not decoded
    ):
        code, _out, err = _import(capsys, path, "--dry-run")
        assert code == 1
        assert err.splitlines()[:2] == [
            f"error: sheet Order, row 5, column D (Qty): the formula {first} {advice}",
            f"error: sheet Order, row 6, column E (Unit price): the formula {second} {advice}",
        ], path.suffix


def test_ods_and_xls_formulas_with_their_results_import(tmp_path: Path):
    import xlwt

    rows = _rows([10, "HB-1020", "Block", "=2*50", 86.4, "2026-12-20"])
    cell = '<table:table-cell office:value-type="string"><text:p>=2*50</text:p></table:table-cell>'
    ods = _formula_cells(
        corpus.ods(tmp_path / "saved.ods", rows),
        {
            cell.encode(): b'<table:table-cell table:formula="of:=2*50" '
            b'office:value-type="float" office:value="100"><text:p>100</text:p></table:table-cell>'
        },
    )
    assert analyse(ods).ok
    assert analyse(ods).lines[0]["quantity"] == Decimal(100)
    # An .xls whose formulas hold results: one of them a number (Excel's way); xlwt cannot
    # store results, so the record is given one by hand.
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Order")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, xlwt.Formula("2*50") if value == "=2*50" else value)
    book.save(str(tmp_path / "saved.xls"))
    content = (tmp_path / "saved.xls").read_bytes()
    empty_result = b"\x03\x00\x00\x00\x00\x00\xff\xff"
    at = content.index(empty_result)
    patched = content[:at] + struct.pack("<d", 100.0) + content[at + 8 :]
    (tmp_path / "saved.xls").write_bytes(patched)
    plan = analyse(tmp_path / "saved.xls")
    assert plan.ok, [i.message() for i in plan.issues]
    assert plan.lines[0]["quantity"] == Decimal(100)


def test_formulas_with_stored_values_import(tmp_path: Path):
    path = _xlsx(
        tmp_path / "saved.xlsx", _rows([10, "HB-1020", "Block", "=2*50", 86.4, "2026-12-20"])
    )
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    members[sheet] = members[sheet].replace(b"<f>2*50</f><v></v>", b"<f>2*50</f><v>100</v>")
    # a formula whose result is an empty text, as Excel and LibreOffice save it
    members[sheet] = members[sheet].replace(
        b'<c r="F5" t="inlineStr"><is><t>2026-12-20</t></is></c>',
        b'<c r="F5" t="str"><f>IF(A5="","","")</f><v></v></c>',
    )
    assert b't="str"' in members[sheet]
    with zipfile.ZipFile(path, "w") as target:
        for name, content in members.items():
            target.writestr(name, content)
    plan = analyse(path)
    assert plan.ok, [i.message() for i in plan.issues]
    assert plan.lines[0]["quantity"] == Decimal(100)


def test_control_characters_are_errors_naming_the_cell(capsys, folder, store, tmp_path: Path):
    rows = _rows(
        [10, "PN-\x007103", "Pin", 5, 0.84, "2026-12-20"],
        [20, "CN-9001", "Cap\x1b", 250, 3.72, "2026-12-20"],
    )
    csv_path = corpus.csv_file(tmp_path / "nul.csv", rows)
    xls_path = corpus.xls(tmp_path / "nul.xls", rows)
    # Excel writes a control character in XML as _x0000_ (openpyxl refuses to write one)
    xlsx_path = _xlsx(
        tmp_path / "nul.xlsx",
        [
            [
                v.replace("\x00", "NUL").replace("\x1b", "ESC") if isinstance(v, str) else v
                for v in row
            ]
            for row in rows
        ],
    )
    with zipfile.ZipFile(xlsx_path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    sheet_xml = "xl/worksheets/sheet1.xml"
    members[sheet_xml] = members[sheet_xml].replace(b"NUL", b"_x0000_").replace(b"ESC", b"_x001B_")
    with zipfile.ZipFile(xlsx_path, "w") as target:
        for name, content in members.items():
            target.writestr(name, content)
    for path, sheet in ((csv_path, "nul"), (xls_path, "Order"), (xlsx_path, "Order")):
        code, _out, err = _import(capsys, path)
        assert code == 1
        assert err.splitlines()[:2] == [
            f"error: sheet {sheet}, row 5, column B (Part No.): “PN-<U+0000>7103” holds the "
            "control character U+0000, which no text of an order may hold; correct the cell "
            "(nothing was changed)",
            f"error: sheet {sheet}, row 6, column C (Description): “Cap<U+001B>” holds the "
            "control character U+001B, which no text of an order may hold; correct the cell "
            "(nothing was changed)",
        ]
    with store.read() as session:
        assert session.scalars(select(OrderRevision)).all() == []


# --- the same order again, dates, footers, synonyms --------------------------------------------


def test_the_same_order_in_another_format_is_unchanged(capsys, folder, store, tmp_path: Path):
    rows = _rows(
        [10, "HB-1020", "Block", 100, 86.4, date(2026, 12, 20)],
        [20, "SH-2210", "Shaft", 1200, 42.15, date(2027, 1, 15)],
    )
    assert _import(capsys, _xlsx(tmp_path / "po.xlsx", rows))[0] == 0
    database = folder / "qms-review.sqlite3"
    before = counts(database)
    as_text = _rows(
        [10, "HB-1020", "Block", "100", "86.40", "2026-12-20"],
        [20, "SH-2210", "Shaft", "1,200", "42.15", "2027/01/15"],
    )
    csv = corpus.csv_file(tmp_path / "po.csv", as_text, sep=";")
    unchanged = "po.csv says exactly what PO-1001-77 revision 1 says; no new revision was made."
    code, out, err = _import(capsys, csv, "--dry-run")  # the dry run says what the import will
    assert (code, err.strip()) == (1, unchanged)
    assert out.splitlines() == [
        "Order PO-1001-77 for Northwind Pumps Ltd: 2 lines, 0 warnings, unchanged, left as "
        "revision 1 (sheet po)",
        "Dry run: nothing was imported.",
    ]
    code, _out, err = _import(capsys, csv)
    assert code == 1
    assert err.strip() == unchanged
    assert counts(database) == before
    # through the core too, and a real change still makes revision 2
    with pytest.raises(importer.Unchanged):
        importer.commit(store, analyse(tmp_path / "po.csv"), "tester")
    as_text[5][2] = "Shaft, hardened"
    changed = corpus.csv_file(tmp_path / "po-2.csv", as_text, sep=";")
    assert importer.commit(store, analyse(changed), "tester").revision == 2


def test_1904_workbooks_of_every_kind(capsys, folder, store: Store, tmp_path: Path):
    rows = _rows([10, "VH-5520", "Valve", 5, 1.5, 44000])  # a bare serial in a date column
    import xlwt

    book = xlwt.Workbook()
    book.dates_1904 = True
    sheet = book.add_sheet("Order")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(tmp_path / "mac.xls"))
    for path in (
        tmp_path / "mac.xls",
        kinds.ods_1904(tmp_path / "mac.ods", rows),
        kinds.xlsb(tmp_path / "mac.xlsb", rows, date1904=True),
    ):
        workbook = read(path)
        assert workbook.date1904, path
        assert analyse(workbook).lines[0]["delivery_date"] == date(2024, 6, 19), path
    code, _out, err = _import(capsys, tmp_path / "mac.xls")
    assert code == 0, err
    assert _lines(store)["VH-5520"].delivery_date == date(2024, 6, 19)
    for path in (
        corpus.xls(tmp_path / "pc.xls", rows),
        corpus.ods(tmp_path / "pc.ods", rows),
        kinds.xlsb(tmp_path / "pc.xlsb", rows),
    ):
        assert analyse(path).lines[0]["delivery_date"] == date(2020, 6, 18), path


def test_date_texts_as_programs_write_them(capsys, folder, store, tmp_path: Path):
    rows = _rows(
        [10, "A-1", "", 1, 1, "9/25/2000 00:00:00"],
        [20, "A-2", "", 1, 1, "2026/12/20 0:00"],
        [30, "A-3", "", 1, 1, "20-Dec-2026"],
        [40, "A-4", "", 1, 1, "Dec 20, 2026"],
    )
    code, _out, err = _import(capsys, corpus.csv_file(tmp_path / "dates.csv", rows, sep=";"))
    assert code == 0, err
    assert "warning" not in err
    stored = _lines(store)
    assert [stored[f"A-{i}"].delivery_date for i in range(1, 5)] == [
        date(2000, 9, 25),
        *[date(2026, 12, 20)] * 3,
    ]


def test_footer_rows_end_the_table(capsys, folder, store, tmp_path: Path):
    rows = _rows(
        [10, "HB-1020", "Block", 100, 86.4, "2026-12-20"],
        [20, "SH-2210", "Shaft", 5, 2, "2026-12-20", "Note: with certificate"],
    )
    rows[3].append("Remarks")
    footers = (
        ["Notes:", "Deliver to gate 3"],
        ["Customer:", "Northwind"],
        ["Address:"],
        ["Buyer: J. Carter"],
    )
    for footer in footers:
        path = _xlsx(
            tmp_path / "footer.xlsx",
            [*rows, [], footer, ["备注：请确认"], ["合计金额", None, None, 105]],
        )
        plan = analyse(path)
        assert plan.ok, [i.message() for i in plan.issues]
        assert [line["part_number"] for line in plan.lines] == ["HB-1020", "SH-2210"], footer
        assert plan.lines[1]["remarks"] == "Note: with certificate"
    code, out, err = _import(capsys, path, "--dry-run")
    assert code == 0, err
    assert "PO-1001-77 for Northwind Pumps Ltd: 2 lines, 0 warnings, new (sheet Order)" in out
    chinese = [
        ["客户：", "华强"],
        ["订单号：", "PO-9"],
        ["序号", "物料编码", "数量"],
        [1, "HB-1", 2],
    ]
    plan = analyse(_xlsx(tmp_path / "cn.xlsx", [*chinese, ["备注：", "含税"], ["地址：深圳"]]))
    assert [line["part_number"] for line in plan.lines] == ["HB-1"]


def test_qty_per_is_a_quantity(capsys, folder, store: Store, tmp_path: Path):
    rows = [*HEADER, ["Pos", "Part No.", "Qty Per", "Delivery date"], [1, "HB-1020", 4, None]]
    plan = analyse(_xlsx(tmp_path / "bom.xlsx", rows))
    assert plan.ok
    assert plan.layout.mapping == {
        0: "line_no",
        1: "part_number",
        2: "quantity",
        3: "delivery_date",
    }
    code, _out, err = _import(capsys, tmp_path / "bom.xlsx")
    assert code == 0, err
    assert _lines(store)["HB-1020"].quantity == Decimal(4)


# --- Chinese messages ------------------------------------------------------------------------


def test_chinese_intake_messages_use_full_width_punctuation():
    catalogue = polib.pofile(str(resource("translations", "zh_CN.po")))
    for entry in catalogue:
        if entry.msgctxt == "core" and entry.msgid.startswith(
            ("intake.", "cli.import", "cli.error")
        ):
            plain = re.sub(r"\{[^}]*\}", "", entry.msgstr)
            assert not re.search(r"[:;(),?!]", plain), (entry.msgid, entry.msgstr)


def test_the_error_prefix_is_translated(capsys, folder: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    with pytest.raises(SystemExit) as caught:
        cli.main(["import"])
    assert caught.value.code == 2
    assert "qms-review import: 错误：" in capsys.readouterr().err
    monkeypatch.setenv("LANGUAGE", "en")
    with pytest.raises(SystemExit):
        cli.main(["import", "x.xlsx", "--kind", "invoice"])
    assert "qms-review import: error: argument --kind: invalid choice" in capsys.readouterr().err


def test_options_are_kept(tmp_path: Path):
    """The order number given on the command line still wins over the file's."""
    path = _xlsx(tmp_path / "po.xlsx", _rows([10, "A", "", 1, 1, None]))
    assert analyse(path, Options(order_number="X-1")).header["order_number"] == "X-1"


@pytest.mark.parametrize("suffix", [".ods", ".xlsb"])
def test_a_corrupt_member_is_refused_not_raised(tmp_path: Path, suffix: str):
    rows = _rows([10, "HB-1020", "Block", 100, 86.4, None])
    path = tmp_path / f"corrupt{suffix}"
    kinds.xlsb(path, rows) if suffix == ".xlsb" else corpus.ods(path, rows)
    member = "content.xml" if suffix == ".ods" else "xl/workbook.bin"
    content = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    content[start : start + 16] = b"\xff" * 16  # the deflated bytes no longer inflate
    path.write_bytes(bytes(content))
    with pytest.raises(ReadError) as caught:
        read(path)
    assert caught.value.reason_key in ("intake.reason.truncated", "intake.reason.damaged")
