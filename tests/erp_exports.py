"""ERP exports made by the tests: every row carries its order's number, customer and date, and
one file holds the lines of several orders."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

COLUMNS = ["订单号", "客户", "订单日期", "行号", "物料编码", "数量", "单位", "单价", "交货日期"]
ROWS: list[list[Any]] = [
    ["SO-1001", "华东机电", date(2026, 11, 2), 10, "HB-1020", 100, "件", 86.4, date(2027, 1, 10)],
    ["SO-1001", "华东机电", date(2026, 11, 2), 20, "SH-2210", 50, "件", 42.15, date(2027, 1, 10)],
    ["SO-1002", "Acme GmbH", date(2026, 11, 3), 10, "FL-3305", 500, "pcs", 18.9, date(2027, 2, 1)],
    ["SO-1003", "华东机电", date(2026, 11, 4), 10, "PN-7103", 5000, "件", 0.84, date(2027, 3, 1)],
    ["SO-1003", "华东机电", date(2026, 11, 4), 20, "HB-1020", 20, "件", 86.4, date(2027, 3, 1)],
    ["SO-1003", "华东机电", date(2026, 11, 4), 30, "SH-2210", 10, "件", 42.15, date(2027, 3, 1)],
]
ENGLISH = ["Order No.", "Customer", "Order date", "Line", "Part No.", "Qty", "Unit", "Unit price",
           "Delivery date"]  # fmt: skip


def xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]] = ROWS,
    columns: Sequence[str] = COLUMNS,
    *,
    title: str | None = "销售订单明细",
) -> Path:
    """An export as an ERP writes it: a title, the header row, one row per line."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Export"
    if title:
        sheet.append([title])
        sheet.append([])
    sheet.append(list(columns))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def as_csv(
    path: Path, rows: Sequence[Sequence[Any]] = ROWS, columns: Sequence[str] = ENGLISH
) -> Path:
    """The same export as a UTF-8 .csv (dates written as ISO text)."""
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([v.isoformat() if isinstance(v, date) else v for v in row])
    return path


def changed(rows: Sequence[Sequence[Any]], order: str, column: int, value: Any) -> list[list[Any]]:
    """``rows`` with ``column`` of every row of ``order`` set to ``value``."""
    return [
        [value if (r[0] == order and i == column) else v for i, v in enumerate(r)] for r in rows
    ]
