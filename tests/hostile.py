"""Workbooks nobody should send, built by hand (zipfile + XML strings), as found in use."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def xlsx(
    path: Path,
    cells: Sequence[tuple[str, str]],
    dimension: str | None = None,
    sheet: str = "Order",
    hide_extent: bool = False,
) -> Path:
    """An .xlsx of text ``cells`` (reference, text), with the ``dimension`` it declares (none
    if None); ``hide_extent`` writes ``t`` before ``r`` in cells and no row numbers (both
    allowed by the format), so only a full XML parse tells how far the cells reach."""
    rows: dict[int, list[str]] = {}
    for ref, value in cells:
        row = int(re.sub(r"[A-Z]", "", ref))
        attrs = f't="inlineStr" r="{ref}"' if hide_extent else f'r="{ref}" t="inlineStr"'
        rows.setdefault(row, []).append(f"<c {attrs}><is><t>{value}</t></is></c>")
    body = "".join(
        ("<row>" if hide_extent else f'<row r="{r}">') + "".join(c) + "</row>"
        for r, c in sorted(rows.items())
    )
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    worksheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{declared}<sheetData>{body}</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(sheet=sheet))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", worksheet)
    return path


def far_cell(path: Path, dimension: str | None = "A1:XFD1048576") -> Path:
    """1.5 KB: a header and one cell at XFD1048576 (calamine asks for 512 GiB)."""
    return xlsx(path, [("A1", "Part No."), ("B1", "Qty"), ("XFD1048576", "x")], dimension)


def four_cells(path: Path) -> Path:
    """Four cells, the last at SF150000 (20 s and 3 GB before the sandbox)."""
    cells = [("A1", "Part No."), ("B1", "Qty"), ("A2", "P-1"), ("SF150000", "x")]
    return xlsx(path, cells, "A1:SF150000")


def rewrite(source: Path, target: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    """A copy of the workbook ``source`` whose zip ``member`` is ``change``d."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info.filename, change(data) if info.filename == member else data)
    return target
