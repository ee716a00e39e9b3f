"""The import wizard's page for a file of several orders (an ERP export whose rows carry their
order's number, customer and date): each order found with its lines, customer, whether it is new
or revision N+1, and its problems; the user ticks the orders to import (all by default)."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from qms_review.core.intake import grouping, outlook
from qms_review.core.intake.analysis import Options, Plan
from qms_review.core.messages import label
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import OrderKind
from qms_review.gui import counts, operations
from qms_review.gui.sheet_preview import ERROR

#: The problems of one order its row's tooltip names (the check page and the error report
#: have them all).
MOST_SAID = 12


class Host(Protocol):
    """What the page asks of the wizard it is in."""

    store: Store
    plan: Plan
    choices: Options
    language: str

    def reanalyse(self, **changes: Any) -> Plan: ...


class OrdersPage(QWizardPage):
    """The orders of the file, each a row with a tick box."""

    COLUMNS = 5

    def __init__(self, host: Host) -> None:
        super().__init__()
        self.host = host
        self.setTitle(self.tr("Orders"))
        self.setSubTitle(
            self.tr(
                "The file holds the lines of several orders (grouped by its order-number "
                "column). Tick the orders to import: they are imported together, all or none. "
                "An order with errors cannot be ticked: point at its row to see them."
            )
        )
        self.kind = QComboBox()
        for kind in OrderKind:
            self.kind.addItem(label("kind", kind.value, host.language), kind.value)
        self.kind.setCurrentIndex(self.kind.findData(host.choices.kind.value))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.date_order = QComboBox()
        self.date_order.addItem(self.tr("Day first (31/12/2026)"), "dmy")
        self.date_order.addItem(self.tr("Month first (12/31/2026)"), "mdy")
        self.date_order.currentIndexChanged.connect(self._date_order_changed)
        self.date_order_label = QLabel(self.tr("Dates like 03/04:"))
        self.verbal = QCheckBox(self.tr("Received verbally (by phone)"))
        self.verbal.setChecked(host.choices.verbal)
        self.table = QTableView()
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.model = QStandardItemModel(0, self.COLUMNS, self)
        self.model.itemChanged.connect(lambda _item: self.completeChanged.emit())
        self.table.setModel(self.model)
        self.all_button = QPushButton(self.tr("Tick &all"))
        self.all_button.clicked.connect(lambda: self._tick(True))
        self.none_button = QPushButton(self.tr("Tick &none"))
        self.none_button.clicked.connect(lambda: self._tick(False))
        self.summary = QLabel()
        form = QFormLayout()
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.date_order_label, self.date_order)
        form.addRow("", self.verbal)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        """Override QWizardPage.initializePage: list the orders of the current analysis (with
        dates like 03/04 read as the day/month choice shown says)."""
        if self.host.plan.needs_date_order and self.host.choices.date_order is None:
            self.host.reanalyse(date_order=self.date_order.currentData())
        self._fill()

    def _fill(self) -> None:
        plan = self.host.plan
        store = self.host.store
        found = (
            operations.call(self, lambda: outlook.preview(store, plan), language=self.host.language)
            .titled(self.tr("Orders"))
            .run()
            .result
            or []
        )
        needs = plan.needs_date_order or self.host.choices.date_order is not None
        self.date_order.setVisible(needs)
        self.date_order_label.setVisible(needs)
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("Order No."),
                self.tr("Customer"),
                self.tr("Lines"),
                self.tr("Becomes"),
                self.tr("Problems"),
            ]
        )
        own, _files = grouping.issues_by_order(plan.orders, plan.issues)
        for each, issues in zip(found, own, strict=True):
            row = self._row(each)
            # what keeps an order from being ticked, or warns of it, where: on the page itself
            said = [issue.message(self.host.language) for issue in issues]  # where, and what
            if said:
                shown = said[:MOST_SAID] + (
                    [self.tr("… and {0} more").format(len(said) - MOST_SAID)]
                    if len(said) > MOST_SAID
                    else []
                )
                for item in row:
                    item.setToolTip("\n".join(shown))
            self.model.appendRow(row)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        self.summary.setText(self.tr("{0} in the file").format(counts.orders(len(found))))
        self.completeChanged.emit()

    def _row(self, found: outlook.Outlook) -> list[QStandardItem]:
        number = QStandardItem(found.number or "?")
        number.setData(found.number, Qt.ItemDataRole.UserRole)
        importable = not found.errors and found.imported_before is None and not found.unchanged
        number.setCheckable(importable)
        number.setCheckState(Qt.CheckState.Checked if importable else Qt.CheckState.Unchecked)
        if found.unchanged:
            becomes = self.tr("unchanged (revision {0} says the same)").format(found.revision - 1)
        elif found.revision == 1:
            becomes = self.tr("new order")
        else:
            becomes = self.tr("revision {0}").format(found.revision)
        customer = found.customer + ("  " + self.tr("(new customer)") if found.customer_new else "")
        problems = []
        if found.imported_before is not None:
            problems.append(
                self.tr("imported from this file before (revision {0})").format(
                    found.imported_before
                )
            )
        if found.errors:
            problems.append(counts.errors(found.errors))
        if found.warnings:
            problems.append(counts.warnings(found.warnings))
        items = [
            number,
            QStandardItem(customer),
            QStandardItem(str(found.lines)),
            QStandardItem(becomes),
            QStandardItem(", ".join(problems)),
        ]
        for item in items:
            item.setEditable(False)
            if not importable:
                item.setBackground(QBrush(ERROR))
        return items

    def _tick(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for row in range(self.model.rowCount()):
            item = self.model.item(row, 0)
            if item.isCheckable():
                item.setCheckState(state)

    def chosen(self) -> list[str | None]:
        """The numbers of the orders ticked."""
        found = []
        for row in range(self.model.rowCount()):
            item = self.model.item(row, 0)
            if item.isCheckable() and item.checkState() == Qt.CheckState.Checked:
                found.append(item.data(Qt.ItemDataRole.UserRole))
        return found

    def _kind_changed(self) -> None:
        self.host.reanalyse(kind=OrderKind(self.kind.currentData()))
        self._fill()

    def _date_order_changed(self) -> None:
        self.host.reanalyse(date_order=self.date_order.currentData())
        self._fill()

    def isComplete(self) -> bool:
        """Override QWizardPage.isComplete: at least one order ticked."""
        return bool(self.chosen())

    def validatePage(self) -> bool:
        """Override QWizardPage.validatePage: take the choices into the analysis."""
        if self.verbal.isChecked() != self.host.choices.verbal:
            self.host.reanalyse(verbal=self.verbal.isChecked())
        return True
