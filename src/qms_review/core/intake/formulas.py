"""Formulas saved without their result, in the formats whose reader shows them as empty cells:
.ods and .xls (for .xlsx/.xlsm see :class:`reading.SheetExtras`).

- .ods: a ``table:table-cell`` with a ``table:formula`` and no ``office:value-type`` was never
  calculated (LibreOffice and Excel store the result's type and value beside the formula).
  Rows and columns are counted as the file repeats them (``number-rows-repeated``,
  ``number-columns-repeated``).
- .xls: a FORMULA record (0x0006) keeps its last result in 8 bytes; xlwt and other scripts
  write "empty text" there, as Excel does only for a formula whose result is "". A workbook is
  taken as never calculated when every formula of it holds an empty result (one that Excel
  or LibreOffice saved has numbers among them); the formula's text is not decoded (the cell
  says "=…").

Each returns {sheet name: {(row, column): formula}}, 0-based, and nothing when unsure (a
malformed file is the reader's to refuse).
"""

from __future__ import annotations

import io
import struct
import zipfile
from xml.etree.ElementTree import iterparse

from qms_review.core.intake import containers

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")
_MOST_REPEATED = 1 << 20  # rows/columns a sheet can have

Found = dict[str, dict[tuple[int, int], str]]


def in_ods(content: bytes) -> Found:
    """The formulas without a result of each sheet of an .ods."""
    found: Found = {}
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            xml = archive.read("content.xml")
        if b"table:formula" not in xml:
            return found
        sheet: dict[tuple[int, int], str] = {}
        row = column = 0
        for event, element in iterparse(io.BytesIO(xml), events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_TABLE}table":
                    sheet, row = {}, 0
                    found[element.get(f"{_TABLE}name", "")] = sheet
                elif tag == f"{_TABLE}table-row":
                    column = 0
                elif tag in _CELLS:
                    formula = element.get(f"{_TABLE}formula")
                    if formula and element.get(f"{_OFFICE}value-type") is None:
                        sheet.setdefault((row, column), "=" + formula.split(":", 1)[-1].lstrip("="))
                continue
            if tag in _CELLS:
                column += _repeated(element.get(f"{_TABLE}number-columns-repeated"))
            elif tag == f"{_TABLE}table-row":
                row += _repeated(element.get(f"{_TABLE}number-rows-repeated"))
            element.clear()
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, SyntaxError):
        return {}
    return {name: cells for name, cells in found.items() if cells}


def _repeated(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), _MOST_REPEATED)
    except ValueError:
        return 1


_BOF, _EOF, _BOUNDSHEET, _FORMULA = 0x0809, 0x000A, 0x0085, 0x0006
_EMPTY_TEXT = 3  # the result's type byte, when its last two bytes are 0xFFFF


def in_xls(content: bytes) -> Found:
    """The formulas without a result of each worksheet of an .xls (BIFF8)."""
    try:
        stream = containers.workbook_stream(content)
        if stream is None:
            return {}
        sheets = _boundsheets(stream)
        found: Found = {}
        calculated = False
        for name, offset in sheets:
            cells: dict[tuple[int, int], str] = {}
            for kind, body in _records(stream, offset):
                if kind == _FORMULA and len(body) >= 16:
                    row, column = struct.unpack_from("<HH", body, 0)
                    if body[12:14] == b"\xff\xff" and body[6] == _EMPTY_TEXT:
                        cells[(row, column)] = "=…"
                    else:
                        calculated = True
            if cells:
                found[name] = cells
    except (ValueError, struct.error, IndexError):
        return {}
    return {} if calculated else found


def _records(stream: bytes, offset: int) -> list[tuple[int, bytes]]:
    """The records of the substream starting at ``offset`` (its BOF) up to its EOF."""
    found: list[tuple[int, bytes]] = []
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        found.append((kind, stream[offset + 4 : offset + 4 + length]))
        offset += 4 + length
        if kind == _EOF:
            break
    return found


def _boundsheets(stream: bytes) -> list[tuple[str, int]]:
    """(name, offset of its BOF) of every worksheet named in the workbook globals."""
    sheets: list[tuple[str, int]] = []
    for kind, body in _records(stream, 0):
        if kind == _BOUNDSHEET and len(body) >= 8:
            position, _visibility, sheet_type, length, flags = struct.unpack_from("<IBBBB", body)
            if sheet_type != 0:  # a chart, macro or dialog sheet
                continue
            raw = body[8 : 8 + (length * 2 if flags & 1 else length)]
            name = raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")
            sheets.append((name, position))
    return sheets
