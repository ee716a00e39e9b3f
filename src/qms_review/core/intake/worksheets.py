"""A workbook's sheets of cells as calamine opens them, for the program and its reading child
alike (this module imports nothing but calamine, when called: see :mod:`child`)."""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: the reading child starts without it
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any


def worksheets(book: Any) -> Iterator[tuple[str, Any, bool]]:
    """Each sheet of cells of a ``python_calamine.CalamineWorkbook``: its name, calamine's
    sheet (its size known before its cells become Python objects) and whether it is visible.
    Chart, dialog and macro sheets hold no cells (calamine fails on an .xlsb's chart sheet)."""
    import python_calamine as pc

    visible = {m.name: m.visible == pc.SheetVisibleEnum.Visible for m in book.sheets_metadata}
    skipped = {m.name for m in book.sheets_metadata if m.typ != pc.SheetTypeEnum.WorkSheet}
    for name in book.sheet_names:
        if name not in skipped:
            yield name, book.get_sheet_by_name(name), visible.get(name, True)


def merged(data: Any) -> list[tuple[int, int, int, int]]:
    """The merged ranges of calamine's sheet ``data``: first row, column, last row, column."""
    return [(a[0], a[1], b[0], b[1]) for a, b in (data.merged_cell_ranges or [])]
