"""The order register as a Qt table model: a thin, lazy adapter over core.register.

Filtering and sorting happen in SQL. A (re)load only counts the matching orders; rows are read
in pages of ``BLOCK`` (ids by LIMIT/OFFSET, then their rows) as the view asks for them, so a
keystroke in the filter costs a count and one page however many orders there are.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from qms_review.core.messages import label, text
from qms_review.core.oversight import register
from qms_review.core.oversight.register import Column, RegisterRow
from qms_review.core.store.database import Store

BLOCK = 200
ORDER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class RegisterModel(QAbstractTableModel):
    """Orders matching the current filter, sorted in SQL.

    Attributes:
        needle: the current filter text.
        language: the language of the kind and status labels.
    """

    def __init__(self, store: Store, language: str = "en", parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._count = 0
        self._pages: dict[int, list[RegisterRow]] = {}
        self.needle = ""
        self.only: list[int] | None = None  # "my open items": these orders only
        self.language = language
        self._sort = Column.RECEIVED
        self._descending = True
        self._loaded = False
        self.total = 0

    # --- what the view asks ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        """Override QAbstractTableModel.rowCount."""
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Override QAbstractTableModel.columnCount."""
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Override QAbstractTableModel.headerData."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return self.headers()[section] if 0 <= section < len(Column) else None

    def headers(self) -> list[str]:
        return [
            self.tr("Customer"),
            self.tr("Kind"),
            self.tr("Number"),
            self.tr("Rev."),
            self.tr("Order date"),
            self.tr("Received"),
            self.tr("Lines"),
            self.tr("Status"),
            self.tr("Open findings"),
            self.tr("Review"),
            self.tr("Due"),
            self.tr("Questions open"),
        ]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override QAbstractTableModel.data."""
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        row = self._row(index.row())
        if row is None:  # the order was deleted or moved since the count: blank until refresh
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, Column(index.column()))
        if role == ORDER_ID_ROLE:
            return row.order_id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (
            Column.REVISION,
            Column.LINES,
            Column.FINDINGS,
            Column.CLARIFICATIONS,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.column() == Column.DUE
            and row.overdue(date.today())
        ):
            return QBrush(QColor(176, 0, 32))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == Column.CUSTOMER:
            return f"{row.customer} ({row.customer_code})" if row.customer_code else row.customer
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Override QAbstractTableModel.sort: re-query in SQL (once loaded; before, the view
        setting up its sort indicator only chooses the order of the first query). Every column
        sorts."""
        if not 0 <= column < len(Column) or Column(column) not in register.SORTABLE:
            return
        self._sort = Column(column)
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._loaded:
            self.reload()

    # --- what the window asks ----------------------------------------------------------------

    def set_only(self, order_ids: list[int] | None) -> None:
        """Show only these orders (None: all of them)."""
        self.only = order_ids
        self.reload()

    def set_filter(self, needle: str) -> None:
        if needle != self.needle:
            self.needle = needle
            self.reload()

    def set_language(self, language: str) -> None:
        self.language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._count:
            last = self.index(self._count - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.DisplayRole])

    def reload(self) -> None:
        """Count the matching orders again (after a filter, sort or data change); pages are
        read when the view asks for their rows."""
        self.beginResetModel()
        # Not an operation: a model answers its view at once, and has no window to tell.
        with self._store.read() as session:
            self._count = register.count_matching(session, self.needle, self.only)
            filtered = self.needle or self.only is not None
            self.total = self._count if not filtered else register.count(session)
        self._pages.clear()
        self._loaded = True
        self.endResetModel()

    def order_id(self, row: int) -> int:
        found = self._row(row)
        if found is None:
            raise IndexError(row)
        return found.order_id

    def row_of(self, order_id: int) -> int | None:
        """The row showing ``order_id`` under the current filter and sort, if any."""
        with self._store.read() as session:  # not an operation: as in reload
            ids = register.matching_ids(
                session, self.needle, self._sort, self._descending, only=self.only
            )
        try:
            return ids.index(order_id)
        except ValueError:
            return None

    # --- internals ---------------------------------------------------------------------------

    def _row(self, row: int) -> RegisterRow | None:
        number, offset = divmod(row, BLOCK)
        page = self._pages.get(number)
        if page is None:
            # Not an operation: Qt asks data() synchronously, a page at a time (one query).
            with self._store.read() as session:
                ids = register.matching_ids(
                    session,
                    self.needle,
                    self._sort,
                    self._descending,
                    number * BLOCK,
                    BLOCK,
                    self.only,
                )
                page = self._pages[number] = register.rows(session, ids)
        return page[offset] if offset < len(page) else None

    def _display(self, row: RegisterRow, column: Column) -> str:
        match column:
            case Column.CUSTOMER:
                return row.customer
            case Column.KIND:
                return label("kind", row.kind.value, self.language)
            case Column.NUMBER:
                return row.number
            case Column.REVISION:
                return str(row.revision)
            case Column.ORDER_DATE:
                return row.order_date.isoformat() if row.order_date else ""
            case Column.RECEIVED:
                return _local(row.received_at)
            case Column.LINES:
                return str(row.line_count)
            case Column.STATUS:
                return label("status", row.status.value, self.language)
            case Column.FINDINGS:
                return str(row.findings) if row.findings else ""
            case Column.REVIEW:
                return label("review_stage", row.stage.value, self.language)
            case Column.DUE:
                if row.due is None:
                    return ""
                if row.overdue(date.today()):
                    overdue = text("due.overdue", self.language)
                    return f"{row.due.isoformat()} ({overdue})"
                return row.due.isoformat()
            case Column.CLARIFICATIONS:
                return str(row.clarifications) if row.clarifications else ""
        return ""


def _local(instant: datetime | None) -> str:
    return instant.astimezone().strftime("%Y-%m-%d %H:%M") if instant else ""
