"""The import wizard's columns page: each column of the sheet, the field it fills (a line's,
or the order's for a file of several orders), and its first values as they will be read, an
unreadable one marked with its problem rather than dropped."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from qms_review.core.intake import analysis
from qms_review.core.intake.analysis import Plan
from qms_review.core.intake.layout import fields
from qms_review.core.intake.reading import column_letter
from qms_review.core.orders.values import text


class Host(Protocol):
    """What the page asks of the wizard it is in."""

    plan: Plan
    language: str

    def reanalyse(self, **changes: Any) -> Plan: ...


class MappingPage(QWizardPage):
    """Which column is which field, with a preview of what each becomes."""

    def __init__(self, wizard: Host) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(
            self.tr(
                "Each column of the sheet and the field it fills. Columns left "
                "unmapped are kept with each line as extra data. The mapping is "
                "remembered for this customer."
            )
        )
        self.table = QTableView()
        self.table.verticalHeader().setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        """Override QWizardPage.initializePage: one row per column of the header row."""
        self._build()

    def _build(self) -> None:
        plan = self.w.plan
        columns = analysis.columns_of(plan)
        mapping = plan.layout.mapping if plan.layout else {}
        labels = analysis.mapping_labels(self.w.language)
        samples = self._samples(len(columns))
        order_columns = plan.layout.order_columns if plan.layout else {}
        specs = fields().header
        model = QStandardItemModel(len(columns), 4)
        model.setHorizontalHeaderLabels(
            [
                self.tr("Column"),
                self.tr("Header in the sheet"),
                self.tr("Field"),
                self.tr("First values, as they will be read"),
            ]
        )
        self.table.setModel(model)
        self.combos = []
        for c, header in enumerate(columns):
            model.setItem(c, 0, QStandardItem(column_letter(c)))
            model.setItem(c, 1, QStandardItem(header))
            model.setItem(c, 3, samples[c])
            combo = QComboBox()
            if c in order_columns:  # read once per order: the order's field, not a line's
                combo.addItem(
                    self.tr("Order: {0}").format(specs[order_columns[c]].label(self.w.language)),
                    "",
                )
                combo.setEnabled(False)
                combo.setToolTip(
                    self.tr(
                        "Each row says which order it belongs to; this column is read once per order."
                    )
                )
            else:
                combo.addItem(self.tr("— keep as extra data —"), "")
                for key, text_ in labels.items():
                    combo.addItem(self.tr("Line: {0}").format(text_), key)
                combo.setCurrentIndex(max(combo.findData(mapping.get(c, "")), 0))
            combo.currentIndexChanged.connect(self._changed)
            self.table.setIndexWidget(model.index(c, 2), combo)
            self.combos.append(combo)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 200)
        self.table.setColumnWidth(2, 180)

    def _samples(self, count: int) -> list[QStandardItem]:
        """Each column's first values as they will be read; a value that cannot be read is
        shown as written, marked, with the problem in its tooltip (it is not dropped)."""
        plan = self.w.plan
        found: list[list[str]] = [[] for _ in range(count)]
        problems: list[list[str]] = [[] for _ in range(count)]
        mapping = plan.layout.mapping if plan.layout else {}
        issues = {(i.row, i.column): i for i in plan.issues if i.column is not None}
        for line, row in list(zip(plan.lines, plan.line_rows, strict=False))[:5]:
            for c in range(count):
                key = mapping.get(c)
                value = line.get(key) if key else None
                issue = issues.get((row, c))
                if issue is not None and key:
                    found[c].append("⚠ " + (issue.value or "—"))
                    problems[c].append(issue.message(self.w.language))
                elif value is not None:
                    found[c].append(text(value))
        items = []
        for values, said in zip(found, problems, strict=True):
            item = QStandardItem(" · ".join(values))
            if said:
                item.setForeground(QColor("#b00020"))
                item.setBackground(QColor("#fde7ea"))
                item.setToolTip("\n".join(said))
            items.append(item)
        order_columns = plan.layout.order_columns if plan.layout else {}
        specs = fields().header
        for c, key in order_columns.items():  # the order's own, read per order
            if c < count:
                items[c] = QStandardItem(
                    self.tr("the order's {0}").format(specs[key].label(self.w.language))
                )
        return items

    def _changed(self) -> None:
        mapping = {
            c: str(combo.currentData())
            for c, combo in enumerate(self.combos)
            if combo.currentData()
        }
        chosen = list(mapping.values())
        duplicates = {f for f in chosen if chosen.count(f) > 1}
        if duplicates:
            names = ", ".join(analysis.mapping_labels(self.w.language)[f] for f in duplicates)
            QMessageBox.information(
                self,
                self.tr("Columns"),
                self.tr("{0} is mapped to two columns; the first one is used.").format(names),
            )
        self.w.reanalyse(mapping=mapping)
        samples = self._samples(len(self.combos))
        model = self.table.model()
        assert isinstance(model, QStandardItemModel)
        for c, sample in enumerate(samples):
            model.setItem(c, 3, sample)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """Override QWizardPage.isComplete: part numbers or descriptions must be mapped."""
        values = set(self.w.plan.layout.mapping.values()) if self.w.plan.layout else set()
        return bool(values & {"part_number", "description"})
