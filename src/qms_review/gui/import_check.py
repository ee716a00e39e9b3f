"""The import wizard's last page: every problem of the analysis, each a click (or a key) away
from its cell in the preview of the sheet (:mod:`~qms_review.gui.sheet_preview`), whichever
order of the file it is in, and what the import will do."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QBrush
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
from qms_review.core.intake.reading import Workbook
from qms_review.core.messages import label
from qms_review.gui import counts, folders
from qms_review.gui.sheet_preview import ERROR, WARNING, show_preview, show_problem


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


class CheckPage(QWizardPage):
    """Every problem, each a click away from its cell; the import is possible without errors."""

    def __init__(self, wizard: Host) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Check"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.issues = QListWidget()
        self.issues.currentRowChanged.connect(self._jump)  # the keys
        self.issues.clicked.connect(lambda index: self._jump(index.row()))  # again, if current
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
        show_preview(self.preview, plan, self.w.language)
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
        if 0 <= row < len(self.shown):
            show_problem(self.preview, self.shown[row])

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
