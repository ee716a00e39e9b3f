"""Spreadsheets the program writes for intake (openpyxl): the error report, marking each bad
cell of the sender's sheet with a colour and a comment, and the import template."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from qms_review.core.intake.analysis import HEADER_KEYS, Issue, Plan
from qms_review.core.intake.layout import fields
from qms_review.core.intake.reading import column_letter
from qms_review.core.messages import text
from qms_review.core.orders.revisions import LINE_COLUMNS

ERROR_FILL = "FFC7CE"
WARNING_FILL = "FFEB9C"


def _cell_value(value: Any) -> Any:
    return value if isinstance(value, str | int | float | date) or value is None else str(value)


def save_error_report(plan: Plan, path: Path, language: str = "en") -> Path:
    """The analysed sheet as read, each problem cell coloured (red: error, yellow: warning) with
    its message as a comment, and a list of every problem with a link to its cell."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    data = book.active
    assert data is not None
    sheet = plan.sheet or (plan.workbook.sheets[0] if plan.workbook.sheets else None)
    data.title = (sheet.name if sheet else "Sheet")[:31]
    if sheet is not None:
        for row in sheet.rows:
            data.append([_cell_value(v) for v in row])
    problems = book.create_sheet(text("intake.report.problems", language)[:31])
    problems.append(
        [
            text(k, language)
            for k in (
                "intake.report.severity",
                "intake.report.cell",
                "intake.report.value",
                "intake.report.problem",
            )
        ]
    )
    for cell in problems[1]:
        cell.font = Font(bold=True)
    for issue in sorted(plan.issues, key=lambda i: (i.severity != "error", i.row or 0)):
        _mark(data, issue, language, Comment, PatternFill)
        problems.append(
            [
                text(f"intake.report.{issue.severity}", language),
                issue.cell,
                issue.value or "",
                issue.message(language),
            ]
        )
        if issue.cell and sheet is not None and issue.sheet == sheet.name:
            link = problems.cell(problems.max_row, 2)
            link.hyperlink = f"#'{data.title}'!{issue.cell}"
            link.font = Font(color="0563C1", underline="single")
    for column, width in zip("ABCD", (10, 10, 24, 100), strict=True):
        problems.column_dimensions[column].width = width
    book.active = 1
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _mark(data: Any, issue: Issue, language: str, comment: Any, fill: Any) -> None:
    if issue.row is None:
        return
    column = issue.column if issue.column is not None else 0
    cell = data.cell(issue.row, column + 1)
    colour = ERROR_FILL if issue.severity == "error" else WARNING_FILL
    cell.fill = fill(start_color=colour, end_color=colour, fill_type="solid")
    note = issue.message(language)
    cell.comment = comment(
        note if cell.comment is None else f"{cell.comment.text}\n{note}", "QMS Review"
    )


TEMPLATE_HEADER = HEADER_KEYS
TEMPLATE_LINES = LINE_COLUMNS
EXAMPLE: dict[str, Any] = {
    "customer": "Northwind Pumps Ltd",
    "customer_code": "C-1001",
    "order_number": "PO-4500012345",
    "order_date": date(2026, 11, 23),
    "currency": "USD",
    "payment_terms": "30 days net",
    "delivery_terms": "FCA Suzhou",
    "quotation_ref": "Q2611-101",
    "buyer": "J. Carter",
}
EXAMPLE_LINE: dict[str, Any] = {
    "line_no": 10,
    "part_number": "HB-1020",
    "part_revision": "C",
    "description": "Hydraulic block 液压块",
    "quantity": 100,
    "unit": "pcs",
    "unit_price": 86.4,
    "amount": 8640,
    "currency": "USD",
    "delivery_date": date(2027, 1, 15),
    "drawing_number": "DWG-HB-1020",
    "remarks": "Certificate 3.1 / 材质证明",
}


def save_template(path: Path) -> Path:
    """An .xlsx with the header block and the line headers (English and Chinese), cell checks
    (numbers, dates) and one example order that imports as it is."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    spec = fields()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Order 订单"
    sheet.append(["QMS Review — order import template / 订单导入模板"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    for key in TEMPLATE_HEADER:
        field = spec.header[key]
        sheet.append([" / ".join(field.labels.values()) + ":", EXAMPLE[key]])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append(["\n".join(spec.line[k].labels.values()) for k in TEMPLATE_LINES])
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.fill = PatternFill(start_color="DDEBF7", end_color="DDEBF7", fill_type="solid")
    sheet.row_dimensions[header_row].height = 32
    sheet.append([EXAMPLE_LINE[k] for k in TEMPLATE_LINES])
    first, last = header_row + 1, header_row + 5000
    checks = {
        "quantity": DataValidation(type="decimal", operator="greaterThan", formula1="0"),
        "unit_price": DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0"),
        "delivery_date": DataValidation(type="date", operator="greaterThan", formula1="36526"),
        "line_no": DataValidation(type="whole", operator="greaterThan", formula1="0"),
    }
    for key, check in checks.items():
        column = column_letter(TEMPLATE_LINES.index(key))
        check.error = (
            "Enter a number / 请输入数字" if key != "delivery_date" else "Enter a date / 请输入日期"
        )
        check.showErrorMessage = True
        check.add(f"{column}{first}:{column}{last}")
        sheet.add_data_validation(check)
    date_column = column_letter(TEMPLATE_LINES.index("delivery_date"))
    for row in range(first, first + 1):
        sheet[f"{date_column}{row}"].number_format = "yyyy-mm-dd"
    sheet["B6"].number_format = "yyyy-mm-dd"
    for index, width in enumerate((8, 16, 8, 30, 10, 8, 12, 12, 9, 14, 16, 30)):
        sheet.column_dimensions[column_letter(index)].width = width
    sheet.column_dimensions["A"].width = 28
    sheet.freeze_panes = f"A{first}"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
