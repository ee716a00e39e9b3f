"""The import wizard's preview of a sheet: every row of it, read when shown (a model over the
rows the analysis read, so a file of 100,000 lines costs no more than one of ten), the header
row tinted, each problem's cell coloured and explained; and the jump to a problem's cell."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableView

from qms_review.core.intake.analysis import Issue, Plan
from qms_review.core.intake.reading import Sheet, column_letter
from qms_review.core.orders.values import text

ERROR = QColor("#ffc7ce")
WARNING = QColor("#ffeb9c")
HEADER = QColor("#ddebf7")

_Index = QModelIndex | QPersistentModelIndex


class SheetPreview(QAbstractTableModel):
    """The cells of the plan's sheet (errors read as empty show the error), as they are."""

    def __init__(self, plan: Plan, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        sheet = plan.sheet or (plan.workbook.sheets[0] if plan.workbook.sheets else None)
        self.sheet: Sheet | None = sheet
        rows = sheet.rows if sheet is not None else []
        self.width = max((len(r) for r in rows), default=0)
        self.header_row = (
            plan.layout.header_row
            if sheet is not None and plan.layout and plan.layout.sheet == sheet.name
            else -1
        )
        #: (row, column), 0-based → the problem shown there (an error before a warning)
        self.problems: dict[tuple[int, int], Issue] = {}
        for issue in plan.issues:
            if sheet is not None and issue.sheet == sheet.name and issue.row is not None:
                where = (issue.row - 1, issue.column or 0)
                shown = self.problems.get(where)
                if shown is None or shown.severity != "error":
                    self.problems[where] = issue
        self.language = language

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() or self.sheet is None else len(self.sheet.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.width

    def index_of(self, issue: Issue) -> QModelIndex:
        """The cell of ``issue`` (invalid when it has none in this sheet)."""
        if self.sheet is None or issue.sheet != self.sheet.name or issue.row is None:
            return QModelIndex()
        return self.index(issue.row - 1, issue.column or 0)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.sheet is None:
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.sheet.rows[r]
            value = row[c] if c < len(row) else None
            return self.sheet.errors.get((r, c)) or text(value)  # errors read as empty
        if role == Qt.ItemDataRole.BackgroundRole:
            issue = self.problems.get((r, c))
            if issue is not None:
                return QBrush(ERROR if issue.severity == "error" else WARNING)
            return QBrush(HEADER) if r == self.header_row else None
        if role == Qt.ItemDataRole.ToolTipRole:
            issue = self.problems.get((r, c))
            return issue.message(self.language) if issue is not None else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_letter(section)
        return str(section + 1)  # the rows as the spreadsheet numbers them

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def show_preview(view: QTableView, plan: Plan, language: str = "en") -> None:
    """Give ``view`` a new preview of ``plan``; the model it showed is deleted once Qt is done
    with the events queued for it (never at once: a click on the view may still hold it)."""
    old = view.model()
    view.setModel(SheetPreview(plan, language, view))
    if old is not None:
        old.deleteLater()


def show_problem(view: QTableView, issue: Issue) -> None:
    """Select the cell of ``issue`` in the preview ``view`` and scroll it into the middle."""
    model = view.model()
    if not isinstance(model, SheetPreview):
        return
    index = model.index_of(issue)
    if index.isValid():
        view.setCurrentIndex(index)
        view.scrollTo(index, QTableView.ScrollHint.PositionAtCenter)
