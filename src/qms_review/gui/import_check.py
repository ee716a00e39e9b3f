"""The import wizard's last page: every problem of the analysis, each a click away from its
cell in a preview of the sheet, and what the import will do; and the preview itself (also on
the sheet page)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from qms_review.core.intake import grouping, report
from qms_review.core.intake.analysis import Issue, Options, Plan
from qms_review.core.intake.reading import Workbook, column_letter
from qms_review.core.messages import label
from qms_review.core.orders.values import text
from qms_review.gui import counts, folders

PREVIEW_ROWS = 200
ERROR = QColor("#ffc7ce")
WARNING = QColor("#ffeb9c")
HEADER = QColor("#ddebf7")


class Host(Protocol):
    """What the check page asks of the wizard it is in."""

    plan: Plan
    choices: Options
    language: str
    workbook: Workbook

    @property
    def grouped(self) -> bool: ...

    def chosen_orders(self) -> list[grouping.Order]: ...

    def blocking(self) -> list[Issue]: ...


def show_preview(view: QTableView, plan: Plan) -> None:
    """Give ``view`` a new preview of ``plan``; the model it showed is deleted once Qt is done
    with the events queued for it (never at once: a click on the view may still hold it)."""
    old = view.model()
    model = _preview_model(plan)
    model.setParent(view)
    view.setModel(model)
    if old is not None:
        old.deleteLater()


def _preview_model(plan: Plan, rows: int = PREVIEW_ROWS) -> QStandardItemModel:
    """The chosen sheet's first rows, header row tinted, problem cells coloured and explained."""
    model = QStandardItemModel()
    sheet = plan.sheet or (plan.workbook.sheets[0] if plan.workbook.sheets else None)
    if sheet is None:
        return model
    shown = sheet.rows[:rows]
    width = max((len(r) for r in shown), default=0)
    model.setColumnCount(width)
    model.setHorizontalHeaderLabels([column_letter(c) for c in range(width)])
    header_row = plan.layout.header_row if plan.layout and plan.layout.sheet == sheet.name else -1
    for r, row in enumerate(shown):
        items = []
        for c in range(width):
            value = row[c] if c < len(row) else None
            item = QStandardItem(sheet.errors.get((r, c)) or text(value))  # errors read as empty
            item.setEditable(False)
            if r == header_row:
                item.setBackground(QBrush(HEADER))
            items.append(item)
        model.appendRow(items)
    model.setVerticalHeaderLabels([str(r + 1) for r in range(len(shown))])
    for issue in plan.issues:
        if issue.sheet == sheet.name and issue.row is not None and issue.row <= len(shown):
            item = model.item(issue.row - 1, issue.column or 0)
            if item is not None:
                item.setBackground(QBrush(ERROR if issue.severity == "error" else WARNING))
                item.setToolTip(issue.message())
    return model


class CheckPage(QWizardPage):
    """Every problem, each a click away from its cell; the import is possible without errors."""

    def __init__(self, wizard: Host) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Check"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.issues = QListWidget()
        self.issues.currentRowChanged.connect(self._jump)
        self.preview = QTableView()
        self.preview.verticalHeader().setDefaultSectionSize(22)
        save = QPushButton(self.tr("Save error report…"))
        save.clicked.connect(self.save_report)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.issues, 1)
        layout.addWidget(self.preview, 2)
        layout.addLayout(buttons)
        self.shown: list[Issue] = []

    def initializePage(self) -> None:
        """Override QWizardPage.initializePage: list the problems of the final analysis."""
        plan = self.w.plan
        self.issues.clear()
        self.shown = sorted(plan.issues, key=lambda i: (i.severity != "error", i.row or 0))
        for issue in self.shown:
            item = QListWidgetItem(issue.message(self.w.language))
            item.setBackground(QBrush(ERROR if issue.severity == "error" else WARNING))
            self.issues.addItem(item)
        show_preview(self.preview, plan)
        kind = label("kind", self.w.choices.kind.value, self.w.language)
        number = plan.header.get("order_number", "?")
        orders = self.w.chosen_orders()
        blocking = self.w.blocking()
        if self.w.grouped and not blocking:
            own, files = grouping.issues_by_order(plan.orders, plan.warnings)
            ids = {id(order) for order in orders}
            warnings = len(files) + sum(
                len(found)
                for order, found in zip(plan.orders, own, strict=True)
                if id(order) in ids
            )
            self.summary.setText(
                self.tr(
                    "{0} chosen: {1} ready to import, {2} (they go into the reviews as findings)."
                ).format(
                    counts.orders(len(orders)),
                    counts.lines(sum(len(order.lines) for order in orders)),
                    counts.warnings(warnings),
                )
            )
        elif self.w.grouped:
            self.summary.setText(
                self.tr(
                    "Problems to fix before importing the orders chosen: {0}. Correct the "
                    "sheet, or go back and choose other orders."
                ).format(len(blocking))
            )
        elif plan.ok:
            self.summary.setText(
                self.tr(
                    "{0} {1}: {2} ready to import, {3} (they go into the review as findings)."
                ).format(
                    kind, number, counts.lines(len(plan.lines)), counts.warnings(len(plan.warnings))
                )
            )
        else:
            self.summary.setText(
                self.tr(
                    "Problems to fix before importing: {0}. Correct the "
                    "sheet, or go back and change the choices."
                ).format(len(plan.errors))
            )
        self.completeChanged.emit()

    def _jump(self, row: int) -> None:
        if not 0 <= row < len(self.shown):
            return
        issue = self.shown[row]
        model = self.preview.model()
        if issue.row is None or model is None or issue.row > model.rowCount():
            return
        index: QModelIndex = model.index(issue.row - 1, issue.column or 0)
        self.preview.setCurrentIndex(index)
        self.preview.scrollTo(index, QTableView.ScrollHint.PositionAtCenter)

    def save_report(self) -> None:
        path = folders.save_name(  # an output: not among the incoming orders
            self,
            folders.OUTPUTS,
            self.tr("Save error report"),
            self.w.workbook.path.stem + "-problems.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            report.save_error_report(self.w.plan, Path(path), self.w.language)

    def isComplete(self) -> bool:
        """Override QWizardPage.isComplete: importing needs the orders chosen without errors."""
        return bool(self.w.chosen_orders()) and not self.w.blocking()
