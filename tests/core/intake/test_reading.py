"""Reading every kind of file, and refusing broken or hostile ones with a clear reason."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from qms_review.core.intake import reading
from qms_review.core.intake.analysis import analyse
from qms_review.core.intake.reading import ReadError, read
from tests import corpus


def _lines(path: Path):
    plan = analyse(path)
    return plan, {line["part_number"]: line for line in plan.lines}


def test_messy_workbook_is_found_and_mapped(tmp_path: Path):
    plan, lines = _lines(corpus.messy(tmp_path / "po.xlsx"))
    assert plan.layout.sheet == "采购订单"
    assert plan.layout.header_row == 6  # row 7 in the sheet, below title and header block
    assert plan.header == {
        "customer": "深圳华强精密机械有限公司",
        "order_number": "PO-88001",
        "order_date": date(2026, 11, 20),
        "currency": "CNY",
        "payment_terms": "月结60天",
        "delivery_terms": "FCA 深圳",
    }
    assert lines["SH-2210"]["quantity"] == Decimal(1200)  # full-width digits, thousands comma
    assert lines["HB-1020"]["unit_price"] == Decimal("86.40")
    assert lines["FL-3305"]["delivery_date"] == date(2027, 1, 15)
    assert lines["HB-1020"]["extra"] == {"客户料号": "K-1"}  # unmapped column kept
    assert len(plan.lines) == 3  # the total row ends the table
    assert plan.ok


def test_shared_strings_as_excel_saves_them(tmp_path: Path):
    path = corpus.to_shared_strings(corpus.messy(tmp_path / "excel.xlsx"))
    with zipfile.ZipFile(path) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()
    plan, lines = _lines(path)
    assert plan.header["customer"] == "深圳华强精密机械有限公司"
    assert set(lines) == {"HB-1020", "SH-2210", "FL-3305"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings(tmp_path: Path, encoding: str):
    rows = [
        ["客户:", "宁波海天液压件厂"],
        ["订单号:", "采购-2026-1"],
        [],
        corpus.COLUMNS,
        *corpus.LINES,
    ]
    plan, lines = _lines(corpus.csv_file(tmp_path / "po.csv", rows, encoding))
    assert plan.header["customer"] == "宁波海天液压件厂"
    assert lines["HB-1020"]["description"] == "液压块"


def test_csv_with_semicolons_and_decimal_commas(tmp_path: Path):
    rows = [
        ["Customer:", "Bremer Antriebstechnik"],
        ["PO No.:", "4711"],
        [],
        ["Pos", "Part No.", "Qty", "Unit price", "Delivery date"],
        [1, "PN-7103", "1.500", "0,84", "23.11.2026"],
        [2, "CN-9001", "250", "3,72", "01.02.2027"],
    ]
    plan, lines = _lines(corpus.csv_file(tmp_path / "po.csv", rows, sep=";"))
    assert plan.decimal_comma
    assert lines["PN-7103"]["quantity"] == Decimal(1500)
    assert lines["PN-7103"]["unit_price"] == Decimal("0.84")
    assert lines["CN-9001"]["delivery_date"] == date(2027, 2, 1)


def test_ods_and_xls(tmp_path: Path):
    for path in (
        corpus.ods(tmp_path / "po.ods", corpus.simple_rows()),
        corpus.xls(tmp_path / "po.xls", corpus.simple_rows()),
    ):
        plan, lines = _lines(path)
        assert plan.header["order_number"] == "PO-1001-77", path
        assert lines["HB-1020"]["quantity"] == Decimal(100), path
        assert lines["HB-1020"]["delivery_date"] == date(2026, 12, 20), path


def test_1904_date_system(tmp_path: Path):
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = book.active
    ws.append(["Customer:", "Alder & Finch Aerospace"])
    ws.append(["PO No.:", "AF-1904"])
    ws.append(["Part No.", "Qty", "Delivery date", "Ship date"])
    ws.append(["VH-5520", 5, date(2027, 3, 1), 44000])  # a real date cell, and a bare serial
    path = tmp_path / "mac.xlsx"
    book.save(path)
    workbook = read(path)
    assert workbook.date1904
    plan = analyse(workbook)
    line = plan.lines[0]
    assert line["delivery_date"] == date(2027, 3, 1)


def test_serials_in_1904_books_use_1904(tmp_path: Path):
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = book.active
    ws.append(["Customer:", "X"])
    ws.append(["PO No.:", "1"])
    ws.append(["Part No.", "Qty", "Delivery date"])
    ws.append(["A", 1, 44000])
    path = tmp_path / "serial.xlsx"
    book.save(path)
    assert analyse(path).lines[0]["delivery_date"] == date(2024, 6, 19)  # 1904 + 44000 days


def test_merged_cells_fill_and_are_reported(tmp_path: Path):
    path = corpus.messy(tmp_path / "merged.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book.active
    ws["I8"] = "同一批次"
    ws.merge_cells("I8:I10")
    book.save(path)
    plan = analyse(path)
    assert [line.get("remarks") for line in plan.lines] == ["同一批次", "同一批次", "同一批次"]
    merged = [i for i in plan.warnings if i.code == "merged"]
    assert merged[0].value == "I8:I10"
    assert merged[0].row == 8


def test_hidden_rows_and_error_cells(tmp_path: Path):
    path = corpus.messy(tmp_path / "hidden.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book.active
    ws.row_dimensions[9].hidden = True
    ws["G10"] = "#N/A"
    book.save(path)
    plan = analyse(path)
    hidden = [i for i in plan.warnings if i.code == "hidden_row"]
    assert [i.row for i in hidden] == [9]
    error = next(i for i in plan.errors if i.code == "error_cell")
    assert (error.row, error.cell, error.value, error.header) == (10, "G10", "#N/A", "单价")
    assert "G (单价)" in error.message("en")
    assert "第 10 行" in error.message("zh_CN")


def test_several_sheets(tmp_path: Path):
    path = corpus.messy(tmp_path / "two.xlsx")
    book = openpyxl.load_workbook(path)
    notes = book.create_sheet("Notes")
    notes.append(["Please confirm by return"])
    copy = book.copy_worksheet(book["采购订单"])
    copy.title = "采购订单 (2)"
    book.save(path)
    plan = analyse(path)
    assert plan.needs_sheet
    assert "采购订单 (2)" in next(i for i in plan.errors if i.code == "which_sheet").message()
    from qms_review.core.intake.analysis import Options

    chosen = analyse(path, Options(sheet="采购订单 (2)"))
    assert chosen.ok
    assert chosen.layout.sheet == "采购订单 (2)"
    missing = analyse(path, Options(sheet="Sheet9"))
    assert "Notes" in missing.errors[0].message()


def test_a_single_order_sheet_among_others_is_chosen(tmp_path: Path):
    path = corpus.messy(tmp_path / "one.xlsx")
    book = openpyxl.load_workbook(path)
    book.create_sheet("Terms", 0).append(["General terms of purchase", "…"])
    book.save(path)
    plan = analyse(path)
    assert plan.layout.sheet == "采购订单"
    assert not plan.needs_sheet


# --- broken and hostile files ----------------------------------------------------------------


def _refused(path: Path) -> str:
    with pytest.raises(ReadError) as caught:
        read(path)
    assert path.name in caught.value.message("en")
    assert caught.value.message("zh_CN") != caught.value.message("en")
    return caught.value.message("en")


def test_empty_file(tmp_path: Path):
    (tmp_path / "empty.xlsx").write_bytes(b"")
    assert "empty" in _refused(tmp_path / "empty.xlsx")


def test_text_renamed_to_xlsx(tmp_path: Path):
    (tmp_path / "fake.xlsx").write_text("Dear supplier, please find our order attached.\n" * 20)
    assert "not a .xlsx spreadsheet" in _refused(tmp_path / "fake.xlsx")


def test_pdf_renamed_to_xls(tmp_path: Path):
    (tmp_path / "fake.xls").write_bytes(b"%PDF-1.7\n" + b"\x00" * 500)
    assert "not a .xls spreadsheet" in _refused(tmp_path / "fake.xls")


def test_encrypted_workbook(tmp_path: Path):
    # Office keeps a password-protected .xlsx in an OLE compound file (EncryptionInfo).
    from tests.core.intake import kinds

    kinds.encrypted_ooxml(tmp_path / "secret.xlsx")
    assert "password-protected" in _refused(tmp_path / "secret.xlsx")


def test_truncated_workbook(tmp_path: Path):
    whole = corpus.messy(tmp_path / "whole.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(whole[: len(whole) // 2])
    assert "damaged or incomplete" in _refused(tmp_path / "cut.xlsx")


def test_zip_bomb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (50 * 2**20))
    (tmp_path / "bomb.xlsx").write_bytes(buffer.getvalue())
    assert "would unpack to 50 MB" in _refused(tmp_path / "bomb.xlsx")


def test_absurd_sizes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    wide = [[f"c{i}" for i in range(reading.MAX_COLUMNS + 1)]]
    corpus.csv_file(tmp_path / "wide.csv", wide)
    assert "at most" in _refused(tmp_path / "wide.csv")
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 1000)
    corpus.messy(tmp_path / "big.xlsx")
    assert "larger than" in _refused(tmp_path / "big.xlsx")


def test_unknown_suffix(tmp_path: Path):
    (tmp_path / "order.pdf").write_bytes(b"%PDF")
    assert ".pdf" in _refused(tmp_path / "order.pdf")


def test_binary_renamed_to_csv(tmp_path: Path):
    (tmp_path / "x.csv").write_bytes(b"\x00\x01\x02" * 100)
    assert "not a .csv" in _refused(tmp_path / "x.csv")


def test_xlsm_reads_like_xlsx(tmp_path: Path):
    source = corpus.messy(tmp_path / "po.xlsx")
    macro = tmp_path / "po.xlsm"
    macro.write_bytes(source.read_bytes())
    plan, lines = _lines(macro)
    assert plan.ok
    assert set(lines) == {"HB-1020", "SH-2210", "FL-3305"}
