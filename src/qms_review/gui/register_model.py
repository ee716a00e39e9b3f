"""The order register as a Qt table model: a thin, lazy adapter over core.register.

Filtering and sorting happen in SQL. A keystroke in the filter reads the filter's first page
at once (``register.first_page``, as flat as one page can be however many orders there are)
and shows it; when the page is not full it holds every match and the count is known, else the
model shows that page's rows and counts the rest in the background (``register_background``): the
window says "counting" meanwhile, and when the count lands the rows after the first page are
inserted, so row count and scrollbar are right from then on. Counts are kept per filter until
the data changes (``reload``): typing back to a filter, or sorting, counts nothing again.

Rows are read in pages of ``BLOCK`` as the view asks for them. Pages are read by keyset
(``register.page``): the page after a page read goes on from its last row's sort key, the page
before one from its first, and the last page is the reverse order's first, so scrolling and
dragging to the end cost the same at any depth; only a jump into the middle with no page
beside it reads by OFFSET once, in the background (at 1,000,000 orders that takes seconds
however it is read): its rows show "…" until they land, and the table answers meanwhile.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from qms_review.core.oversight import register, register_filter
from qms_review.core.oversight.register import Boundary, Column, RegisterRow
from qms_review.core.store.database import Store
from qms_review.gui.register_background import (
    PAUSE,
    Background,
    Counted,
    Found,
    Wanted,
    counting,
    reading,
)
from qms_review.gui.register_cells import cell_text

BLOCK = 50  # a screenful or two: a keyset page costs the same at any depth, and the
#: first page of a filter is read as the user types (the fewer rows, the sooner)
#: Rows an OFFSET walks along the sort's index (~8 µs each) before sorting every match instead
#: costs less (~250 ms at 100,000 orders).
DEEP = 25_000
#: A page this many pages from one read (or from an end) is reached by keyset, page by page.
HOPS = 10
ORDER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
#: The roles the register answers; the columns it aligns right.
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        ORDER_ID_ROLE,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
    }
)
_NUMBERS = frozenset({Column.REVISION, Column.LINES, Column.FINDINGS, Column.CLARIFICATIONS})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RegisterModel(QAbstractTableModel):
    """Orders matching the current filter, sorted in SQL.

    Attributes:
        needle: the current filter text.
        language: the language of the kind and status labels.
        counting: the orders matching are being counted: ``rowCount()`` is the first page's
            rows so far (at least that many match).
        reading: the rows of a page a jump landed on are being read (they show "…").

    Signals:
        counted: the count landed (the rows after the first page are in).
    """

    counted = Signal()

    def __init__(self, store: Store, language: str = "en", parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._count = 0
        self._pages: dict[int, list[RegisterRow]] = {}
        self._keys: dict[int, list[Boundary]] = {}  # a page's sort keys and ids, in order
        self._counts: dict[Wanted, int] = {}
        self.counting = False
        self._broad = True  # many orders match (while not counted: as the first page told)
        self._whole = True  # the first page is whole (else: what the first orders held)
        self._ticket = 0  # the filter shown: a count for an older one is dropped
        self._counter = Background(store, PAUSE, self)
        self._counter.done.connect(self._counted)
        self._counter.failed.connect(self._count_failed)
        self._jumps = Background(store, 0, self)
        self._jumps.done.connect(self._jumped)
        self._jumps.failed.connect(self._jump_failed)
        self._pending: int | None = None  # the page a jump landed on, read in the background
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
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < self._count:
            return None  # a view asks for a dozen roles per cell, per paint: most answered here
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if index.column() in _NUMBERS else None
        row = self._row(index.row())
        if row is None:  # being read, or deleted or moved since the count: blank until refresh
            pending = index.row() // BLOCK == self._pending
            shown = role == Qt.ItemDataRole.DisplayRole and index.column() == Column.CUSTOMER
            return "…" if pending and shown else None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row, Column(index.column()), self.language)
        if role == ORDER_ID_ROLE:
            return row.order_id
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
            self._reset()

    # --- what the window asks ----------------------------------------------------------------

    def set_only(self, order_ids: list[int] | None) -> None:
        """Show only these orders (None: all of them)."""
        self.only = order_ids
        self._reset()

    def set_filter(self, needle: str) -> None:
        if needle != self.needle:
            self.needle = needle
            self._reset()

    def set_language(self, language: str) -> None:
        self.language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._count:
            last = self.index(self._count - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.DisplayRole])

    def reload(self) -> None:
        """Count the matching orders again after a data change; pages are read when the view
        asks for their rows."""
        self._counts.clear()
        register_filter.forget()
        self._reset()

    def settle(self) -> None:
        """Wait for the count (in this thread): before a row is looked up by position."""
        if self.counting:
            with self._store.read() as session:  # not an operation: as in _reset
                found = register.count_matching(session, self.needle, self.only)
            if not self._whole:  # the first page is read again when the view asks for it
                self._whole = True
                self._keys.clear()
                self._pages.clear()
            self._land(self._wanted(), found)

    def stop(self) -> None:
        """Stop counting and reading (the window closes)."""
        for background in (self._counter, self._jumps):
            background.cancel()
            background.wait()

    @property
    def reading(self) -> bool:
        return self._pending is not None

    def _wanted(self) -> Wanted:
        return self.needle, tuple(self.only) if self.only is not None else None

    def _reset(self) -> None:
        """Show the current filter and sort: its count when known, else its first page at once
        and the count in the background."""
        self._counter.cancel()  # first: the statement it runs takes a processor from this one
        self._jumps.cancel()
        self.beginResetModel()
        self._ticket += 1
        self._pages.clear()
        self._keys.clear()
        self._pending = None
        wanted = self._wanted()
        # Not an operation: a model answers its view at once, and has no window to tell.
        with self._store.read() as session:
            if ("", None) not in self._counts:  # all orders: a count the database keeps
                self._counts["", None] = register.count_matching(session)
            self.total = self._counts["", None]
            known = self._counts.get(wanted)
            self._whole = True
            if known is None:
                among = self.total if self.only is None else len(self.only)
                # A filter no index finds that the first orders read hold few of: what they
                # hold at once, the rest found in the background (it reads every order).
                found = register.first_page(
                    session,
                    self.needle,
                    self._sort,
                    self._descending,
                    BLOCK,
                    only=self.only,
                    partial=among > register.scanned(BLOCK),
                )
                keys, self._broad, self._whole = found
                self._keys[0] = keys
                self._pages[0] = register.rows(session, [i for _, i in keys])
                if len(keys) < BLOCK and self._whole:  # the page holds them all
                    known = self._counts[wanted] = len(keys)
        self.counting = known is None
        self._count = len(self._keys[0]) if known is None else known
        self._loaded = True
        self.endResetModel()
        if self.counting:
            look = None if self._whole else (self._sort, self._descending, BLOCK)
            self._counter.start(self._ticket, counting(wanted, look))
        else:
            self._counter.cancel()

    def _counted(self, ticket: int, counted: Counted) -> None:
        """A count landed: shown if it is for the filter shown (and the data since unchanged:
        every reset, a reload's too, takes a new ticket), else dropped; with it the first
        page, when the keystroke showed only what the first orders held."""
        wanted, count, found = counted
        if self.counting and ticket == self._ticket and wanted == self._wanted():
            if found is not None:
                self._whole_page(*found)
            self._land(wanted, count)

    def _whole_page(self, keys: list[Boundary], rows: list[RegisterRow]) -> None:
        """The first page found in the background, and the keys of the pages after it."""
        self._whole = True
        pages = -(-len(keys) // BLOCK)  # the pages these keys fill (the last may be short)
        self._keys = {n: keys[n * BLOCK : (n + 1) * BLOCK] for n in range(pages)}
        self._pages = {0: rows}
        if self._count:  # the rows shown so far: the same orders, unless changed meanwhile
            last = self.index(self._count - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _land(self, wanted: Wanted, count: int) -> None:
        self._counts[wanted] = count
        self.counting = False
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:  # deleted by someone else since the first page
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            self.endRemoveRows()
        self.counted.emit()

    def _count_failed(self, ticket: int) -> None:
        if ticket == self._ticket:
            self.settle()  # in this thread: a refusal surfaces as any other would

    def _jumped(self, ticket: int, result: tuple[int, Found]) -> None:
        """The rows of a page a jump landed on, read in the background: shown if the filter,
        sort and data are still those they were read for."""
        number, (keys, rows) = result
        if ticket != self._ticket:
            return
        if self._pending == number:
            self._pending = None
        self._keys[number], self._pages[number] = keys, rows
        self._changed(number)

    def _jump_failed(self, ticket: int) -> None:
        if ticket == self._ticket and self._pending is not None:
            number, self._pending = self._pending, None
            with self._store.read() as session:  # a refusal surfaces as any other would
                self._read(session, number)
            self._changed(number)

    def _changed(self, number: int) -> None:
        first, end = number * BLOCK, min((number + 1) * BLOCK, self._count) - 1
        if end >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(end, len(Column) - 1))

    def order_id(self, row: int) -> int:
        found = self._row(row, wait=True)
        if found is None:
            raise IndexError(row)
        return found.order_id

    def row_of(self, order_id: int) -> int | None:
        """The row showing ``order_id`` under the current filter and sort, if any."""
        self.settle()
        with self._store.read() as session:  # not an operation: as in reload
            return register.position(
                session, order_id, self.needle, self._sort, self._descending, self.only
            )

    # --- internals ---------------------------------------------------------------------------

    def _row(self, row: int, wait: bool = False) -> RegisterRow | None:
        """Row ``row``, read with its page if need be; a page a jump landed on is read in the
        background (None meanwhile) unless ``wait``."""
        number, offset = divmod(row, BLOCK)
        page = self._pages.get(number)
        if page is None and not wait and self._far(number):
            self._jump(number)
            return None
        if page is None:
            # Not an operation: Qt asks data() synchronously, a page at a time (one query).
            with self._store.read() as session:
                page = self._read(session, number)
        return page[offset] if offset < len(page) else None

    def _far(self, number: int) -> bool:
        """Whether page ``number`` is a jump: no page read beside it, and none (nor an end)
        within :data:`HOPS` pages to walk from by keyset."""
        last = (self._count - 1) // BLOCK
        if number in (0, last) or number - 1 in self._keys or number + 1 in self._keys:
            return False
        nearest = min((*self._keys, -1, last + 1), key=lambda n: abs(n - number))
        return abs(nearest - number) > HOPS

    def _jump(self, number: int) -> None:
        """Read page ``number`` in the background: one OFFSET from the nearer end (a newer
        jump stops an older one)."""
        if self._pending == number:
            return
        self._pending = number
        from_end, skipped = self._depth(number)
        where = self._where(0.0 if skipped > DEEP else None)
        job = reading(number, **where, limit=BLOCK, offset=skipped, last=from_end)
        self._jumps.start(self._ticket, job)

    def _depth(self, number: int) -> tuple[bool, int]:
        """Whether page ``number`` is nearer the end, and how many rows lie between it and
        that end."""
        last = (self._count - 1) // BLOCK
        from_end = number > last / 2
        return from_end, self._count - (number + 1) * BLOCK if from_end else number * BLOCK

    def _read(self, session: Any, number: int) -> list[RegisterRow]:
        """Read page ``number``'s rows. With no page beside it but one (or an end) at most
        :data:`HOPS` pages away, walk there by keyset first, reading keys only (one query)."""
        last = (self._count - 1) // BLOCK
        if number - 1 not in self._keys and number + 1 not in self._keys:
            nearest = min((*self._keys, -1, last + 1), key=lambda n: abs(n - number))
            if abs(nearest - number) <= HOPS:
                self._walk(session, nearest, number, last)
        keys = self._page_keys(session, number, last)
        page = self._pages[number] = register.rows(session, [i for _, i in keys])
        return page

    def _walk(self, session: Any, nearest: int, number: int, last: int) -> None:
        """The keys of the pages between page ``nearest`` (read, or -1 and ``last`` + 1 for
        the ends) and page ``number``, in one query: keyset from ``nearest`` on."""
        if nearest < number:
            first, stop = nearest + 1, number
            if nearest >= 0 and not self._keys[nearest]:
                return
            after = self._keys[nearest][-1] if nearest >= 0 else None
            keys = self._fetch(session, (stop - first) * BLOCK, after=after)
        else:
            first, stop = number + 1, nearest
            if nearest <= last and not self._keys[nearest]:
                return
            if nearest <= last:
                keys = self._fetch(session, (stop - first) * BLOCK, before=self._keys[nearest][0])
            else:  # up from the end: the last page is the reverse order's first
                keys = self._fetch(session, self._count - first * BLOCK, last=True)
        for i, between in enumerate(range(first, stop)):
            self._keys[between] = keys[i * BLOCK : (i + 1) * BLOCK]

    def _fetch(
        self, session: Any, limit: int, share: float | None = None, **where: Any
    ) -> list[Boundary]:
        """Keys of ``limit`` matching rows (see ``register.page``)."""
        return register.page(session, limit=limit, **self._where(share), **where)

    def _where(self, share: float | None) -> dict[str, Any]:
        """The filter and sort to read pages of, the index leading chosen by ``share``, else
        by the share of the orders that match (while they are counted: as the first page
        told)."""
        if share is None and self.counting:
            share = 1.0 if self._broad else 0.0
        elif share is None and self.total:
            share = self._count / self.total
        return {
            "needle": self.needle,
            "sort": self._sort,
            "descending": self._descending,
            "only": self.only,
            "share": share,
        }

    def _page_keys(self, session: Any, number: int, last: int) -> list[Boundary]:
        """The sort keys and ids of page ``number``: from the page beside it or from either
        end (keyset), else by one OFFSET from the nearer end."""
        if number in self._keys:
            return self._keys[number]

        def read(limit: int = BLOCK, share: float | None = None, **where: Any) -> list[Boundary]:
            return self._fetch(session, limit, share, **where)

        if number - 1 in self._keys and self._keys[number - 1]:
            keys = read(after=self._keys[number - 1][-1])
        elif number + 1 in self._keys and self._keys[number + 1]:
            keys = read(before=self._keys[number + 1][0])
        elif number == 0:
            keys = read()
        elif number == last:
            keys = read(self._count - number * BLOCK, last=True)
        else:  # a jump into the middle: one OFFSET from the nearer end, then keyset from there
            from_end, skipped = self._depth(number)
            # Deep down, sorting every match costs less than walking the index to the depth.
            keys = read(offset=skipped, last=from_end, share=0.0 if skipped > DEEP else None)
        self._keys[number] = keys
        return keys
