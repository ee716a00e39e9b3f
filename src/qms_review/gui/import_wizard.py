"""The import wizard: file → sheet and header row → column mapping → order details → problems
→ import. Every change re-runs the (pure) analysis, so what the preview shows is exactly what
would be imported. Reading and importing run off the GUI thread with progress and cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from qms_review.core.intake import analysis, grouping, importer
from qms_review.core.intake.analysis import Issue, Options, Plan
from qms_review.core.intake.layout import fields
from qms_review.core.messages import label
from qms_review.core.orders.values import text
from qms_review.core.review import actions, amendments
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import OrderKind
from qms_review.gui import counts, guide, operations, screen
from qms_review.gui.import_check import CheckPage
from qms_review.gui.import_mapping import MappingPage
from qms_review.gui.import_orders import OrdersPage
from qms_review.gui.sheet_preview import show_preview


def open_file(
    parent: QWidget,
    store: Store,
    path: Path,
    language: str,
    opened: Callable[[Plan], object],
    unread: Callable[[], object] | None = None,
) -> operations.Op[Plan]:
    """Read and analyse ``path`` off the GUI thread with a busy dialog (a 100k-line order takes
    a couple of seconds), then ``opened(plan)``; a file that cannot be read is explained (and
    then ``unread()``, as when the user cancels the reading: Cancel stops the child process
    that reads the file at once)."""
    translate = QCoreApplication.translate
    op = (
        operations.task(
            parent,
            lambda progress: importer.prepare(store, path, Options(), progress=progress),
            language=language,
        )
        .in_background(
            translate("ImportWizard", "Reading {0}…").format(path.name), cancellable=True
        )
        .titled(translate("ImportWizard", "Import order"))
        .success(opened)
    )
    if unread is not None:
        op.finished(lambda: None if op.ok else unread())
    return op.run()


class ImportWizard(QWizard):
    """Guides one file into the store: a file of one order through its order page, a file of
    several orders (order-number column) through the orders page, where the user ticks them.

    Signals:
        imported(object): the importer's Results (a list, one per order), after an import.

    Attributes:
        plan: the current analysis of the file.
        choices: what the user has said so far (analysis Options).
        outcome: the first order's Result, once imported (outcomes: all of them).
    """

    imported = Signal(object)

    def __init__(
        self,
        store: Store,
        plan: Plan,
        actor: str,
        language: str,
        parent: QWidget | None = None,
        due_days: int = actions.DUE_WORKING_DAYS,
    ) -> None:
        super().__init__(parent)
        guide.offer(self, "import")
        self.store = store
        self.due_days = due_days  # the review is due this many working days after receipt
        self.workbook = plan.workbook
        self.actor = actor
        self.language = language
        self.outcome: importer.Result | None = None
        self.outcomes: list[importer.Result] = []
        self.setWindowTitle(self.tr("Import {0}").format(plan.workbook.path.name))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        screen.fit(self, 1000, 680)
        self.choices = plan.options
        self.plan = plan
        self.sheet_page = SheetPage(self)
        self.mapping_page = MappingPage(self)
        self.order_page = OrderPage(self)
        self.orders_page = OrdersPage(self)
        self.check_page = CheckPage(self)
        pages = (
            self.sheet_page,
            self.mapping_page,
            self.order_page,
            self.orders_page,
            self.check_page,
        )
        self._ids = {page: self.addPage(page) for page in pages}
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Import"))

    # --- analysis ----------------------------------------------------------------------------

    def reanalyse(self, **changes: Any) -> Plan:
        self.choices = analysis.options_with(self.choices, **changes)
        self.plan = analysis.analyse(self.workbook, self.choices)
        return self.plan

    @property
    def grouped(self) -> bool:
        """The file's rows carry their order's number: several orders, chosen on their page."""
        return self.plan.layout is not None and bool(self.plan.layout.order_columns)

    def chosen_orders(self) -> list[grouping.Order]:
        if not self.grouped:
            return list(self.plan.orders)
        numbers = self.orders_page.chosen()
        return [order for order in self.plan.orders if order.number in numbers]

    def blocking(self) -> list[Issue]:
        """The errors that keep the orders chosen from being imported."""
        if not self.grouped:
            return self.plan.errors
        return grouping.blocking(self.plan.orders, self.plan.issues, self.chosen_orders())

    def nextId(self) -> int:
        """Override QWizard.nextId: the order page for one order, the orders page for many."""
        current = self.currentPage()
        if current is self.mapping_page:
            return self._ids[self.orders_page if self.grouped else self.order_page]
        if current in (self.order_page, self.orders_page):
            return self._ids[self.check_page]
        return super().nextId()

    # --- importing ---------------------------------------------------------------------------

    def accept(self) -> None:
        """Override QWizard.accept: import (off the GUI thread, with progress), then close."""
        orders = self.chosen_orders()
        if self.blocking() or not orders:
            return
        plan = self.plan
        chosen = [order.number for order in orders] if self.grouped else None
        lines = sum(len(order.lines) for order in orders)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        operations.task(
            self,
            lambda progress: amendments.import_orders(
                self.store, plan, self.actor, progress, self.due_days, chosen
            ),
            language=self.language,
        ).in_background(
            self.tr("Importing {0}…").format(counts.lines(lines)), cancellable=True
        ).titled(self.tr("Import order")).success(self._finished).finished(
            lambda: self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        ).run()

    def _finished(self, results: list[importer.Result]) -> None:
        self.outcomes = results
        self.outcome = results[0]
        self.imported.emit(results)
        super().accept()


class SheetPage(QWizardPage):
    """Which sheet holds the lines, and which row holds the column headers."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Sheet and header row"))
        self.setSubTitle(
            self.tr(
                "The sheet holding the order lines and the row with the column "
                "headers were found automatically; change them if they are wrong "
                "(click a row in the preview to make it the header row)."
            )
        )
        self.sheet = QComboBox()
        self.header_row = QSpinBox()
        self.header_row.setMinimum(1)
        self.preview = QTableView()
        self.preview.verticalHeader().setDefaultSectionSize(22)
        self.preview.clicked.connect(lambda index: self.header_row.setValue(index.row() + 1))
        form = QFormLayout()
        form.addRow(self.tr("Sheet:"), self.sheet)
        form.addRow(self.tr("Header row:"), self.header_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        for sheet in wizard.workbook.sheets:
            self.sheet.addItem(
                sheet.name
                + (
                    ""
                    if sheet.name in wizard.plan.sheets
                    else "  " + self.tr("(no order lines found)")
                ),
                sheet.name,
            )
        self._resync = QTimer(self)  # one zero timer: several changes, one refresh
        self._resync.setSingleShot(True)
        self._resync.setInterval(0)
        self._resync.timeout.connect(self._sync)
        self._sync()
        self.sheet.currentIndexChanged.connect(self._sheet_changed)
        self.header_row.valueChanged.connect(self._row_changed)

    def _sync(self) -> None:
        self._resync.stop()
        plan = self.w.plan
        name = (
            plan.layout.sheet
            if plan.layout
            else (self.w.choices.sheet or self.w.workbook.sheets[0].name)
        )
        self.sheet.blockSignals(True)
        self.sheet.setCurrentIndex(max(self.sheet.findData(name), 0))
        self.sheet.blockSignals(False)
        sheet = self.w.workbook.sheet(name)
        self.header_row.blockSignals(True)
        self.header_row.setMaximum(max(len(sheet.rows), 1))
        self.header_row.setValue(plan.layout.header_row + 1 if plan.layout else 1)
        self.header_row.blockSignals(False)
        show_preview(self.preview, plan, self.w.language)

    def _sheet_changed(self) -> None:
        self.w.reanalyse(sheet=self.sheet.currentData(), header_row=None, mapping=None)
        self._resync.start()

    def _row_changed(self, row: int) -> None:
        """The spin box's own signal, or a click on the preview (whose model ``_sync``
        replaces): the page shows the new analysis after the event."""
        self.w.reanalyse(sheet=self.sheet.currentData(), header_row=row, mapping=None)
        self._resync.start()

    def isComplete(self) -> bool:
        """Override QWizardPage.isComplete: a header row must be chosen."""
        return self.w.plan.layout is not None


class OrderPage(QWizardPage):
    """The order's own fields: read from the sheet where it says them, else typed here."""

    KEYS = (
        "customer",
        "customer_code",
        "order_number",
        "order_date",
        "currency",
        "payment_terms",
        "delivery_terms",
        "quotation_ref",
    )

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Order"))
        self.setSubTitle(
            self.tr(
                "What the file says about the order itself. Importing a number "
                "that exists makes a new revision of that order."
            )
        )
        self.kind = QComboBox()
        for kind in OrderKind:
            self.kind.addItem(label("kind", kind.value, wizard.language), kind.value)
        self.kind.setCurrentIndex(self.kind.findData(wizard.choices.kind.value))
        self.edits: dict[str, QLineEdit] = {key: QLineEdit() for key in self.KEYS}
        self.edits["order_date"].setPlaceholderText("2026-11-23")
        self.date_order = QComboBox()
        self.date_order.addItem(self.tr("Day first (31/12/2026)"), "dmy")
        self.date_order.addItem(self.tr("Month first (12/31/2026)"), "mdy")
        self.date_order_label = QLabel(self.tr("Dates like 03/04:"))
        self.verbal = QCheckBox(self.tr("Received verbally (by phone)"))
        self.verbal.setToolTip(
            self.tr(
                "Accepting a verbal order needs our written confirmation to the customer first "
                "(recorded in the review's communication log)."
            )
        )
        self.verbal.setChecked(wizard.choices.verbal)
        form = QFormLayout(self)
        form.addRow(self.tr("Kind:"), self.kind)
        specs = fields().header
        for key in self.KEYS:
            form.addRow(specs[key].label(wizard.language) + ":", self.edits[key])
            self.edits[key].textChanged.connect(self.completeChanged)
        form.addRow(self.date_order_label, self.date_order)
        form.addRow("", self.verbal)

    def initializePage(self) -> None:
        """Override QWizardPage.initializePage: fill in what the sheet says."""
        header = self.w.plan.header
        for key, edit in self.edits.items():
            value = header.get(key)
            edit.setText(
                ""
                if value is None
                else text(value.isoformat() if hasattr(value, "isoformat") else value)
            )
        needs = self.w.plan.needs_date_order
        self.date_order.setVisible(needs)
        self.date_order_label.setVisible(needs)

    def isComplete(self) -> bool:
        """Override QWizardPage.isComplete: a customer and an order number are needed."""
        customer = (
            self.edits["customer"].text().strip() or self.edits["customer_code"].text().strip()
        )
        return bool(customer and self.edits["order_number"].text().strip())

    def validatePage(self) -> bool:
        """Override QWizardPage.validatePage: take the typed values into the analysis."""
        from qms_review.core.orders.values import parse_date

        values: dict[str, Any] = {k: e.text().strip() or None for k, e in self.edits.items()}
        if values["order_date"]:
            try:
                values["order_date"] = parse_date(values["order_date"])
            except ValueError:
                QMessageBox.warning(
                    self,
                    self.tr("Order"),
                    self.tr("“{0}” is not a date (write it as 2026-11-23).").format(
                        values["order_date"]
                    ),
                )
                return False
        self.w.reanalyse(
            kind=OrderKind(self.kind.currentData()),
            date_order=self.date_order.currentData()
            if self.w.plan.needs_date_order
            else self.w.choices.date_order,
            verbal=self.verbal.isChecked(),
            **values,
        )
        return True
