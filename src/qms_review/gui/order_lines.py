"""The order form's lines: a table model whose every change is one undoable step (a cell, lines
added or removed, rows pasted as a spreadsheet copies them), and the part number's editor that
completes from the capability catalogue."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from qms_review.core.intake import entry
from qms_review.core.intake.layout import fields

_Index = QModelIndex | QPersistentModelIndex
Row = dict[str, Any]  # the LINE fields as text, and "stored": the line as its revision holds it
PART = entry.LINE.index("part_number")


class _Lines(QUndoCommand):
    """One change of the lines (a cell, lines added, removed or pasted): before and after."""

    def __init__(self, model: LinesModel, before: list[Row], after: list[Row]) -> None:
        super().__init__()
        self.model, self.before, self.after = model, before, after

    def redo(self) -> None:
        """Override QUndoCommand.redo."""
        self.model.set_rows(copy.deepcopy(self.after))

    def undo(self) -> None:
        """Override QUndoCommand.undo."""
        self.model.set_rows(copy.deepcopy(self.before))


class LinesModel(QAbstractTableModel):
    """The lines as typed; every change goes through ``change`` (the form's undo stack)."""

    def __init__(self, language: str, stack: QUndoStack, parent: Any = None) -> None:
        super().__init__(parent)
        self.language = language
        self.stack = stack
        self.rows: list[Row] = []
        self.parts: dict[str, dict[str, Any]] = {}  # catalogue part number → its row

    def set_rows(self, rows: list[Row]) -> None:
        """The rows replaced: cells changed in place when their number stays (a reset inside an
        editor's commit would close the editor Qt is still committing), else a reset."""
        if len(rows) == len(self.rows) and rows:
            self.rows = rows
            last = self.index(len(rows) - 1, len(entry.LINE) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def change(self, edit: Callable[[list[Row]], object]) -> None:
        """Apply ``edit`` to a copy of the rows as one undoable step (nothing if no change)."""
        before = copy.deepcopy(self.rows)
        after = copy.deepcopy(self.rows)
        edit(after)
        if after != before:
            self.stack.push(_Lines(self, before, after))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        """Override QAbstractTableModel.rowCount."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Override QAbstractTableModel.columnCount."""
        return 0 if parent.isValid() else len(entry.LINE)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Override QAbstractTableModel.headerData."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return fields().line[entry.LINE[section]].label(self.language)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Override QAbstractTableModel.flags: every cell is editable."""
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override QAbstractTableModel.data."""
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.rows[index.row()].get(entry.LINE[index.column()], "")
        if role == Qt.ItemDataRole.TextAlignmentRole and entry.LINE[index.column()] in (
            "quantity",
            "unit_price",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Override QAbstractTableModel.setData: one undoable step; a part number found in the
        catalogue brings its revision and description where they are empty."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        name, row = entry.LINE[index.column()], index.row()

        def edit(rows: list[Row]) -> None:
            rows[row][name] = str(value).strip()
            if name in ("quantity", "unit_price"):
                rows[row].get("stored", {})["amount"] = None  # stated for the old figures
            if name == "part_number":
                self._from_catalogue(rows[row])

        self.change(edit)
        return True

    def _from_catalogue(self, row: Row) -> None:
        """A part number found in the catalogue brings its revision and description where the
        line has none."""
        part = self.parts.get(str(row.get("part_number", "")).strip())
        if part is None:
            return
        for field, source in (("part_revision", "revision"), ("description", None)):
            if not row.get(field) and part.get(source or field):
                row[field] = str(part[source or field])

    def paste(self, text: str, at_row: int, at_column: int) -> int:
        """Rows copied from a spreadsheet: by their header row's names appended, else from
        the cell ``at_row``, ``at_column`` on (lines added below as needed); how many rows."""
        table = entry.split_table(text)
        if not table:
            return 0
        header = entry.header_of(table[0])

        def edit(rows: list[Row]) -> None:
            if header is not None:
                while rows and not any(rows[-1].get(n) for n in entry.LINE):
                    rows.pop()  # the empty lines at the end: the pasted ones take their place
                added = [
                    {name: row[c] for c, name in header.items() if c < len(row)}
                    for row in table[1:]
                ]
                rows.extend(added)
                for row in added:
                    self._from_catalogue(row)
                return
            for offset, cells in enumerate(table):
                target = at_row + offset
                while target >= len(rows):
                    rows.append({})
                for column, cell in enumerate(cells[: len(entry.LINE) - at_column]):
                    rows[target][entry.LINE[at_column + column]] = cell
                self._from_catalogue(rows[target])

        self.change(edit)
        return len(table) - (header is not None)

    def lines(self) -> list[dict[str, Any]]:
        """The lines for the core: each stored line's other fields kept, the typed ones set."""
        found = []
        for row in self.rows:
            line = dict(row.get("stored", {}))
            line.update({name: row.get(name, "") for name in entry.LINE})
            found.append(line)
        return found


class PartDelegate(QStyledItemDelegate):
    """The part number's editor completes from the catalogue's part numbers."""

    def __init__(self, parts: Callable[[], list[str]], parent: QWidget) -> None:
        super().__init__(parent)
        self._parts = parts

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        """Override QStyledItemDelegate.createEditor."""
        editor = super().createEditor(parent, option, index)
        if index.column() == PART and isinstance(editor, QLineEdit):
            completer = QCompleter(self._parts(), editor)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            editor.setCompleter(completer)
        return editor
