"""The order form: a new order, bid or enquiry typed in (taken by phone or in person, or lines
pasted from a spreadsheet), or an edit of an order, saved as its next revision.

The lines table takes Excel's copied rows with Ctrl+V (tab-separated; a header row maps the
columns by their names, else they fill the columns from the current one), looks part numbers up
in the capability catalogue as they are typed, and undoes every change of its lines (Ctrl+Z).
The core checks what was typed and saves it as an import does (differences, checks, a review
carried over); an edit shows its differences first, and its refusal says what and where.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qms_review.core.intake import entry
from qms_review.core.intake.importer import Result
from qms_review.core.intake.layout import fields
from qms_review.core.messages import QmsError, label
from qms_review.core.orders import catalogue
from qms_review.core.orders.diff import Change, shown
from qms_review.core.review import amendments
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import OrderKind, PartStatus
from qms_review.gui import guide, operations, screen
from qms_review.gui.differences import DifferencesDialog
from qms_review.gui.i18n import TranslatedDialog
from qms_review.gui.keys import undo_actions

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
            part = self.parts.get(rows[row][name]) if name == "part_number" else None
            if part is not None:
                for field, source in (("part_revision", "revision"), ("description", None)):
                    if not rows[row].get(field) and part.get(source or field):
                        rows[row][field] = str(part[source or field])

        self.change(edit)
        return True

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
                rows.extend(
                    {name: row[c] for c, name in header.items() if c < len(row)}
                    for row in table[1:]
                )
                return
            for offset, cells in enumerate(table):
                target = at_row + offset
                while target >= len(rows):
                    rows.append({})
                for column, cell in enumerate(cells[: len(entry.LINE) - at_column]):
                    rows[target][entry.LINE[at_column + column]] = cell

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


class _PartDelegate(QStyledItemDelegate):
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


class OrderForm(TranslatedDialog):
    """A new order (``order_id`` None) or an edit of the order ``order_id``.

    Signals:
        saved: the revision was stored (the core's result).
    """

    saved = Signal(object)

    def __init__(
        self,
        store: Store,
        language: str,
        actor: str,
        parent: QWidget | None = None,
        order_id: int | None = None,
        due_days: int | None = None,
    ) -> None:
        super().__init__(parent)
        guide.offer(self, "order-form")
        self.store, self.language, self.actor = store, language, actor
        self.order_id, self.due_days = order_id, due_days
        self.number = ""
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        screen.fit(self, 1060, 680)
        self.undo_stack = QUndoStack(self)
        self.undo_action, self.redo_action = undo_actions(self.undo_stack, self, "", "")

        self.kind = QComboBox()
        for kind in (OrderKind.ORDER, OrderKind.CONTRACT, OrderKind.BID, OrderKind.ENQUIRY):
            self.kind.addItem(label("kind", kind.value, language), kind.value)
        self.texts = {name: QLineEdit() for name in ("number", "customer", "customer_code")}
        self.texts.update({name: QLineEdit() for name in entry.HEADER})
        self.texts["order_date"].setPlaceholderText("2026-12-31")
        self.texts["currency"].setMaxLength(3)
        self.verbal = QCheckBox()
        self.captions: dict[str, QLabel] = {}
        grid = QGridLayout()
        names = ["kind", "number", "customer", "customer_code", *entry.HEADER]
        for n, name in enumerate(names):
            row, column = divmod(n, 2)
            caption = self.captions[name] = QLabel()
            widget = self.kind if name == "kind" else self.texts[name]
            caption.setBuddy(widget)
            grid.addWidget(caption, row, column * 2)
            grid.addWidget(widget, row, column * 2 + 1)
        grid.addWidget(self.verbal, len(names) // 2 + 1, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.model = LinesModel(language, self.undo_stack, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(_PartDelegate(lambda: sorted(self.model.parts), self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(entry.LINE.index("description"), 260)
        self.paste_action = QAction(self.table)
        self.paste_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Paste))
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.paste_action.triggered.connect(lambda: self.paste())
        self.table.addAction(self.paste_action)
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(lambda: self.add_line())
        self.remove_button.clicked.connect(lambda: self.remove_lines())
        self.lines_label = QLabel()
        tools = QHBoxLayout()
        tools.addWidget(self.lines_label, 1)
        tools.addWidget(self.add_button)
        tools.addWidget(self.remove_button)

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #9c0006;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(grid)
        layout.addLayout(form)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.retranslate()
        operations.read(self, store, catalogue.rows, language=language).success(
            self._catalogue_read
        ).run()
        self._codes: dict[str, str | None] = {}
        if order_id is None:
            operations.read(self, store, entry.customers, language=language).success(
                self._customers_read
            ).run()
        if order_id is None:
            self.model.set_rows([{}])
            self.texts["number"].setFocus()
        else:
            operations.call(
                self, lambda: entry.current(store, order_id), language=language
            ).success(self._show).run()

    def _catalogue_read(self, rows: list[dict[str, Any]]) -> None:
        """Each part number once: its released revision (the last one, if several)."""
        for row in rows:
            number = str(row["part_number"])
            known = self.model.parts.get(number)
            if known is None or row["status"] == PartStatus.RELEASED:
                self.model.parts[number] = row

    def _customers_read(self, rows: list[tuple[str, str | None]]) -> None:
        """The customer's name completes from those we have, and brings their code."""
        self._codes = dict(rows)
        completer = QCompleter([name for name, _code in rows], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.texts["customer"].setCompleter(completer)
        completer.activated.connect(self._customer_chosen)
        self.texts["customer"].editingFinished.connect(
            lambda: self._customer_chosen(self.texts["customer"].text())
        )

    def _customer_chosen(self, name: str) -> None:
        code = self._codes.get(name)
        if code and not self.texts["customer_code"].text():
            self.texts["customer_code"].setText(code)

    def _show(self, now: entry.Entry) -> None:
        """The order's latest revision in the form; what names the order cannot change."""
        self.kind.clear()
        self.kind.addItem(label("kind", now.kind.value, self.language), now.kind.value)
        values = {"number": now.number, "customer": now.customer}
        values.update(customer_code=now.customer_code or "", **now.header)
        for name, value in values.items():
            self.texts[name].setText(shown(value) or "")
        for name in ("number", "customer", "customer_code"):
            self.texts[name].setReadOnly(True)  # what names the order stays
            self.texts[name].setEnabled(False)
        self.kind.setEnabled(False)
        self.number = now.number
        self.retranslate()
        self.verbal.setChecked(now.verbal)
        rows = [
            {**{n: shown(line.get(n)) or "" for n in entry.LINE}, "stored": dict(line)}
            for line in now.lines
        ]
        self.model.set_rows(rows)
        self._count()
        self.table.setCurrentIndex(self.model.index(0, entry.LINE.index("quantity")))
        self.table.setFocus()

    # --- lines --------------------------------------------------------------------------------

    def add_line(self) -> None:
        self.model.change(lambda rows: rows.append({}))
        self.table.setCurrentIndex(self.model.index(self.model.rowCount() - 1, PART))
        self.table.setFocus()
        self._count()

    def remove_lines(self) -> None:
        chosen = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        if not chosen and self.table.currentIndex().isValid():
            chosen = [self.table.currentIndex().row()]
        self.model.change(lambda rows: [rows.pop(r) for r in reversed(chosen)])
        self._count()

    def paste(self) -> None:
        """Ctrl+V in the lines: the clipboard's rows (as Excel or LibreOffice copy them)."""
        current = self.table.currentIndex()
        row = current.row() if current.isValid() else self.model.rowCount()
        column = current.column() if current.isValid() else 0
        pasted = self.model.paste(QGuiApplication.clipboard().text(), row, column)
        self._count(self.tr("pasted {0} rows").format(pasted) if pasted else "")

    def _count(self, note: str = "") -> None:
        shown = self.tr("Lines: {0}").format(self.model.rowCount())
        self.lines_label.setText(f"{shown} — {note}" if note else shown)

    # --- saving -------------------------------------------------------------------------------

    def _typed(self) -> entry.Entry:
        values: dict[str, Any] = {name: field.text() for name, field in self.texts.items()}
        values["kind"] = self.kind.currentData()
        return entry.read(values, self.model.lines(), self.verbal.isChecked())

    def save(self) -> None:
        """Save: a new order at once; an edit once its differences are seen and confirmed."""
        self.problem.clear()
        order_id = self.order_id
        if order_id is None:
            self._write(None)
            return

        def preview() -> tuple[entry.Entry, list[Change]]:
            typed = self._typed()
            return typed, entry.differences(self.store, order_id, typed)

        operations.call(self, preview, language=self.language).failure(self._refused).success(
            self._confirm
        ).run()

    def _confirm(self, found: tuple[entry.Entry, list[Change]]) -> None:
        assert self.order_id is not None
        dialog = DifferencesDialog(self.store, self.order_id, self.language, self, found[1])
        dialog.accepted.connect(lambda: self._write(found[0]))
        dialog.open()

    def _write(self, typed: entry.Entry | None) -> None:
        due: dict[str, int] = {} if self.due_days is None else {"due_days": self.due_days}

        def work() -> Result:
            chosen = typed if typed is not None else self._typed()
            return amendments.save_entry(self.store, chosen, self.actor, self.order_id, **due)

        operations.call(self, work, language=self.language).failure(self._refused).success(
            self._saved
        ).run()

    def _saved(self, result: Result) -> None:
        self.saved.emit(result)
        self.accept()

    def _refused(self, error: QmsError) -> None:
        """The refusal under the table, and the line it names selected."""
        self.problem.setText(error.message(self.language))
        line = error.params.get("line")
        for row, values in enumerate(self.model.lines()):
            if line is not None and (values.get("line_no") or row + 1) == line:
                self.table.selectRow(row)
                break

    # --- language -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(
            self.tr("Edit order {0}").format(self.number) if self.order_id else self.tr("New order")
        )
        captions = {
            "kind": self.tr("&Kind:"),
            "number": self.tr("&Number:"),
            "customer": self.tr("C&ustomer:"),
            "customer_code": self.tr("Customer code:"),
            "order_date": self.tr("Order &date:"),
            "buyer": self.tr("Buyer:"),
            "currency": self.tr("Currency:"),
            "payment_terms": self.tr("Payment terms:"),
            "delivery_terms": self.tr("Delivery terms:"),
            "quotation_ref": self.tr("Quotation:"),
            "notes": self.tr("Notes:"),
        }
        for name, caption in self.captions.items():
            caption.setText(captions[name])
        self.verbal.setText(self.tr("Received by phone or in person (&verbal)"))
        self.verbal.setToolTip(
            self.tr(
                "Accepting a verbal order needs our written confirmation to the customer "
                "recorded first"
            )
        )
        self.add_button.setText(self.tr("&Add line"))
        self.remove_button.setText(self.tr("&Remove lines"))
        self.table.setToolTip(
            self.tr(
                "Paste rows copied from a spreadsheet with Ctrl+V (a header row maps the "
                "columns by name); Ctrl+Z undoes a change of the lines"
            )
        )
        self.undo_action.setText(self.tr("Undo"))
        self.redo_action.setText(self.tr("Redo"))
        self._count()
