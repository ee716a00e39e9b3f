"""Order files made by the tests themselves: the messy shapes real senders produce."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl

HEADER_BLOCK = [
    ["客户:", "深圳华强精密机械有限公司", None, "订单号:", "PO-88001"],
    ["订单日期:", date(2026, 11, 20), None, "币种:", "CNY"],
    ["付款条件: 月结60天", None, None, "交货条款:", "FCA 深圳"],
]
COLUMNS = ["序号", "物料编码", "版本", "品名", "数量", "单位", "单价", "交期", "备注", "客户料号"]
LINES: list[list[Any]] = [
    [10, "HB-1020", "C", "液压块", 100, "件", "86.40", date(2026, 12, 20), None, "K-1"],
    [20, "SH-2210", "A", "传动轴", "１,２００", "件", 42.15, "尽快", "需提供材质证明", "K-2"],
    [30, "FL-3305", "D", "法兰", 500, "件", 18.9, "2027/01/15", None, "K-3"],
]


def messy(
    path: Path,
    lines: Sequence[Sequence[Any]] = LINES,
    *,
    extra_rows: Sequence[Sequence[Any]] = (),
    title: str = "深圳华强精密机械有限公司 采购订单",
    header_block: Sequence[Sequence[Any]] = HEADER_BLOCK,
    sheet: str = "采购订单",
) -> Path:
    """A workbook as customers make them: a merged title, a header block, blank rows, Chinese
    headers, a total row at the end."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append([title])
    ws.merge_cells("A1:H1")
    ws.append([])
    for row in header_block:
        ws.append(list(row))
    ws.append([])
    ws.append(COLUMNS)
    for line in [*lines, *extra_rows]:
        ws.append(list(line))
    ws.append(["合计", None, None, None, None, None, None, None])
    ws.append([])
    book.save(path)
    return path


def to_shared_strings(path: Path) -> Path:
    """Rewrite an openpyxl workbook (inline strings) the way Excel saves it: every string in
    the shared-string table, cells holding its index."""
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    strings: list[str] = []
    index: dict[str, int] = {}

    def shared(match: re.Match[bytes]) -> bytes:
        attributes, value = match.group(1).decode(), match.group(2).decode()
        import html

        plain = html.unescape(value)  # openpyxl with lxml writes "&#28145;" for non-ASCII
        if plain not in index:
            index[plain] = len(strings)
            strings.append(plain)
        attributes = attributes.replace('t="inlineStr"', 't="s"')
        return f"<c{attributes}><v>{index[plain]}</v></c>".encode()

    pattern = re.compile(rb'<c([^>]*t="inlineStr"[^>]*)><is><t[^>]*>(.*?)</t></is></c>', re.S)
    for name in list(members):
        if name.startswith("xl/worksheets/sheet"):
            members[name] = pattern.sub(shared, members[name])
    assert strings, "no inline strings found to share"
    table = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
    members["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{table}</sst>'
    ).encode()
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(name, content)
    return path


def csv_file(
    path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8", sep: str = ","
) -> Path:
    text = "\r\n".join(sep.join("" if v is None else str(v) for v in row) for row in rows)
    path.write_bytes(text.encode(encoding))
    return path


def ods(path: Path, rows: Sequence[Sequence[Any]], sheet: str = "Order") -> Path:
    """A minimal OpenDocument spreadsheet, as LibreOffice would save one."""

    def cell(value: Any) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, int | float):
            return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
        if isinstance(value, date):
            return f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"><text:p>{value}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'

    body = "".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def xls(path: Path, rows: Sequence[Sequence[Any]], sheet: str = "Order") -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, date):
                ws.write(r, c, value, dates)
            elif value is not None:
                ws.write(r, c, value)
    book.save(str(path))
    return path


def simple_rows(lines: Sequence[Sequence[Any]] = LINES) -> list[list[Any]]:
    """A header block and table as plain rows (for CSV, ODS and XLS)."""
    return [
        ["Customer:", "Northwind Pumps Ltd"],
        ["PO No.:", "PO-1001-77"],
        [],
        COLUMNS,
        *[list(r) for r in lines],
    ]


def unknown_headers(path: Path, number: str = "KM-1") -> Path:
    """An order whose column names match no synonym: it must be mapped by hand once."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Customer:", "Kestrel Marine"])
    ws.append(["PO No.:", number])
    ws.append(["Kestrel ref", "Howmany", "Wanted by"])
    ws.append(["KM-P-1", 4, date(2027, 1, 1)])
    book.save(path)
    return path
