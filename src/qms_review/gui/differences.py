"""What changed: an order's latest revision against its previous revision and its quotation."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qms_review.core.intake import importer
from qms_review.core.intake.layout import fields
from qms_review.core.orders import diff
from qms_review.core.store.database import Store
from qms_review.gui import guide, screen

COLOURS = {"added": "#e2efda", "removed": "#ffc7ce", "changed": "#ffeb9c", "header": "#ddebf7"}


class DifferencesDialog(QDialog):
    """One tab per earlier version the latest revision was compared with; or, before an edit
    is saved (``preview``: what it would change), that edit's differences with Save and
    Cancel (accepted: save it)."""

    def __init__(
        self,
        store: Store,
        order_id: int,
        language: str,
        parent: QWidget | None = None,
        preview: list[diff.Change] | None = None,
    ) -> None:
        super().__init__(parent)
        guide.offer(self, "findings" if preview is None else "order-form")
        self.language = language
        if preview is None:
            number, revision, found = importer.differences(store, order_id)
            self.setWindowTitle(self.tr("Differences — {0} revision {1}").format(number, revision))
        else:
            number, revision, _found = importer.differences(store, order_id)
            found = [importer.Differences("previous", number, revision, preview)]
            self.setWindowTitle(self.tr("Save {0} as revision {1}?").format(number, revision + 1))
        screen.fit(self, 860, 480)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        if not found:
            layout.addWidget(
                QLabel(
                    self.tr(
                        "Nothing to compare: this is the first revision and it "
                        "names no quotation we have."
                    )
                )
            )
        for difference in found:
            title = (
                self.tr("Against revision {0}").format(difference.base_revision)
                if difference.basis == "previous"
                else self.tr("Against quotation {0}").format(difference.base_number)
            )
            self.tabs.addTab(
                self._table(difference.changes), f"{title} ({len(difference.changes)})"
            )
        if found:
            layout.addWidget(self.tabs)
        if preview is None:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        else:
            told = QLabel(
                self.tr(
                    "Save makes this revision {0}, never changing revision {1}. A review under "
                    "way is carried over; the sections these changes touch open again."
                ).format(revision + 1, revision)
            )
            told.setWordWrap(True)
            layout.insertWidget(0, told)
            if not preview:
                layout.insertWidget(
                    1,
                    QLabel(
                        self.tr(
                            "The terms compared (quantities, prices, dates, parts, currency, "
                            "payment and delivery terms) stay as they were."
                        )
                    ),
                )
            buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            )
            buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _change(self, change: diff.Change) -> str:
        return {
            "added": self.tr("line added"),
            "removed": self.tr("line removed"),
            "changed": self.tr("changed"),
            "header": self.tr("order terms"),
        }[change.change]

    def _field(self, key: str | None) -> str:
        if key is None:
            return ""
        spec = fields().line.get(key) or fields().header.get(key)
        return spec.label(self.language) if spec else key

    def _table(self, changes: list[diff.Change]) -> QTableView:
        model = QStandardItemModel(0, 6)
        model.setHorizontalHeaderLabels(
            [
                self.tr("Change"),
                self.tr("Line"),
                self.tr("Part"),
                self.tr("Field"),
                self.tr("Was"),
                self.tr("Now"),
            ]
        )
        for change in changes:
            row = [
                self._change(change),
                "" if change.line_no is None else str(change.line_no),
                change.part_number or "",
                self._field(change.field),
                change.old or "",
                change.new or "",
            ]
            items = [QStandardItem(value) for value in row]
            for item in items:
                item.setEditable(False)
                item.setBackground(QBrush(QColor(COLOURS[change.change])))
            model.appendRow(items)
        view = QTableView()
        view.setModel(model)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view
