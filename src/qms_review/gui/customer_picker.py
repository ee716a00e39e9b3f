"""Choosing a customer: every word typed must be in their name or code, or in their feedback
and complaints or the property we hold for them (the column *Found in* says which). Enter or a
double-click opens the customer's file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qms_review.core.customers.file import CustomerHit, customers
from qms_review.core.messages import label
from qms_review.core.store.database import Store
from qms_review.gui import counts, guide, operations, screen


class CustomerPicker(QDialog):
    """Attributes: ``search`` (the words), ``table`` (the customers found)."""

    def __init__(
        self,
        store: Store,
        language: str,
        on_chosen: Callable[[int], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        guide.offer(self, "customers")
        self.store, self.language, self.on_chosen = store, language, on_chosen
        self.hits: list[CustomerHit] = []
        self.setWindowTitle(self.tr("Customers"))
        screen.fit(self, 820, 520)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("name, code, or words of a complaint or of the property we hold")
        )
        self.search.installEventFilter(self)  # Down moves to the customers found
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Customer"),
                self.tr("Orders"),
                self.tr("Open feedback"),
                self.tr("Property held"),
                self.tr("Found in"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self.choose())
        self.count = QLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Close
        )
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.refresh()

    def refresh(self) -> None:
        needle = self.search.text()
        read = operations.read(
            self, self.store, lambda s: customers(s, needle), language=self.language
        ).run()
        self.hits = read.result or []
        self.table.setRowCount(len(self.hits))
        for row, hit in enumerate(self.hits):
            values = [
                hit.code or "",
                hit.name,
                str(hit.orders),
                str(hit.open_feedback),
                str(hit.property_held),
                label("customer_match", hit.matched, self.language),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if self.hits:
            self.table.selectRow(0)
        self.count.setText(counts.customers(len(self.hits)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override QObject.eventFilter: Down in the search goes to the customers found."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
        ):
            self.table.setFocus()
            return True
        return super().eventFilter(watched, event)

    def choose(self) -> None:
        if self._timer.isActive():  # words typed and not yet searched for
            self._timer.stop()
            self.refresh()
        row = self.table.currentRow()
        if 0 <= row < len(self.hits):
            chosen = self.hits[row].id
            self.accept()
            self.on_chosen(chosen)
