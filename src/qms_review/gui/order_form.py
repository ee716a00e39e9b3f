"""The order form: a new order, bid or enquiry typed in (taken by phone or in person, or lines
pasted from a spreadsheet), or an edit of an order, saved as its next revision.

The lines table takes Excel's copied rows with Ctrl+V (tab-separated; a header row maps the
columns by their names, else they fill the columns from the current one), looks part numbers up
in the capability catalogue as they are typed, and undoes every change of its lines (Ctrl+Z).
The core checks what was typed and saves it as an import does (differences, checks, a review
carried over); an edit shows its differences first, and its refusal says what and where.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence, QUndoStack
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
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qms_review.core.intake import entry
from qms_review.core.intake.importer import Result
from qms_review.core.messages import QmsError, label
from qms_review.core.orders import catalogue
from qms_review.core.orders.diff import Change, shown
from qms_review.core.review import amendments
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import OrderKind, PartStatus
from qms_review.gui import counts, guide, operations, screen
from qms_review.gui.differences import DifferencesDialog
from qms_review.gui.i18n import TranslatedDialog
from qms_review.gui.keys import undo_actions
from qms_review.gui.order_lines import PART, LinesModel, PartDelegate


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
        self._verbal_shown = False
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
        self.table.setItemDelegate(PartDelegate(lambda: sorted(self.model.parts), self.table))
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
        for button in self.buttons.buttons():
            # Enter moves on through the lines; it never saves a half-typed order by itself.
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_action = QAction(self)
        self.save_action.setShortcuts(
            [*QKeySequence.keyBindings(QKeySequence.StandardKey.Save), QKeySequence("Ctrl+Return")]
        )
        self.save_action.triggered.connect(lambda: save.click())
        self.addAction(self.save_action)
        self.table.installEventFilter(self)
        self.model.modelReset.connect(self._changed)
        self.model.dataChanged.connect(self._changed)
        self.model.rowsInserted.connect(self._changed)
        self.model.rowsRemoved.connect(self._changed)
        self.model.layoutChanged.connect(self._changed)
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
        self._verbal_shown = now.verbal
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
        self._count(self.tr("pasted {0}").format(counts.rows(pasted)) if pasted else "")

    def _count(self, note: str = "") -> None:
        typed = sum(1 for line in self.model.rows if any(line.get(n) for n in entry.LINE))
        shown = self.tr("Lines: {0}").format(typed)
        self.lines_label.setText(f"{shown} — {note}" if note else shown)

    def _changed(self, *_args: object) -> None:
        """The lines changed (typed, pasted, undone): their count again, an old refusal gone."""
        self._count()
        self.problem.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override QObject.eventFilter: Enter in the lines (not editing) goes to the next
        cell, and from the last cell of a line to the next line's first."""
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            at = self.table.currentIndex()
            row, column = (at.row(), at.column()) if at.isValid() else (0, -1)
            column += 1
            if column >= self.model.columnCount():
                row, column = row + 1, 0
            if row >= self.model.rowCount():
                self.add_line()
                return True
            self.table.setCurrentIndex(self.model.index(row, column))
            return True
        return super().eventFilter(watched, event)

    def _dirty(self) -> bool:
        """Whether anything was typed since the form opened (a field, the kind, the lines)."""
        return (
            not self.undo_stack.isClean()
            or any(field.isModified() for field in self.texts.values())
            or self.verbal.isChecked() != self._verbal_shown
            or (self.order_id is None and self.kind.currentIndex() != 0)
        )

    def reject(self) -> None:
        """Override QDialog.reject (Escape, Cancel, the close button): ask before throwing
        away what was typed."""
        if self._dirty():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("What you typed in this order is not saved. Close it and discard it?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

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
        self.undo_stack.setClean()
        for field in self.texts.values():
            field.setModified(False)
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
