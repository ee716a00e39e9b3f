"""The capability catalogue: a table edited in place, with undo and redo, and spreadsheet import.

Every edit is one unit of work in the database at once (audited); undo is the reverse edit, so
the audit trail shows both. A value the catalogue refuses (a negative lead time, a lot maximum
below its minimum, a part number and revision already taken) is not written, and the status line
says why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from qms_review.core.intake import catalogue_import, layout
from qms_review.core.intake.reading import SUFFIXES
from qms_review.core.messages import label, text
from qms_review.core.orders import catalogue
from qms_review.core.orders.diff import shown
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import PartStatus
from qms_review.gui import counts, folders, guide, operations, screen
from qms_review.gui.i18n import TranslatedDialog
from qms_review.gui.keys import undo_actions

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_Index = QModelIndex | QPersistentModelIndex
Row = dict[str, Any]


def _shown(value: Any, language: str) -> str:
    if isinstance(value, PartStatus):
        return label("part_status", value.value, language)
    return shown(value) or ""


class CatalogueModel(QAbstractTableModel):
    """The catalogue's rows; an edit goes through ``edit`` (the window's undo stack)."""

    def __init__(
        self, language: str, edit: Callable[[int, str, Any], object], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.language = language
        self.rows: list[Row] = []
        self._edit = edit

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_of(self, item_id: int) -> int | None:
        return next((r for r, row in enumerate(self.rows) if row["id"] == item_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        """Override QAbstractTableModel.rowCount."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Override QAbstractTableModel.columnCount."""
        return 0 if parent.isValid() else len(catalogue.FIELDS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Override QAbstractTableModel.headerData."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return layout.fields().catalogue[catalogue.FIELDS[section]].label(self.language)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Override QAbstractTableModel.flags: every cell is editable."""
        if not index.isValid():
            return super().flags(index)
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override QAbstractTableModel.data."""
        if not index.isValid():
            return None
        value = self.rows[index.row()][catalogue.FIELDS[index.column()]]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _shown(value, self.language)
        if role == Qt.ItemDataRole.EditRole:
            return value.value if isinstance(value, PartStatus) else _shown(value, self.language)
        if role == Qt.ItemDataRole.TextAlignmentRole and catalogue.FIELDS[index.column()] in (
            "lead_time_days",
            *catalogue.NUMBERS,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Override QAbstractTableModel.setData: hand the edit to the undo stack."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self.rows[index.row()]
        name = catalogue.FIELDS[index.column()]
        if _shown(row[name], self.language) == str(value) or (
            isinstance(row[name], PartStatus) and row[name].value == value
        ):
            return False
        self._edit(row["id"], name, value)
        return True


class _Change(QUndoCommand):
    """One change to the catalogue, done at once; undo does the reverse."""

    def __init__(
        self,
        window: CatalogueWindow,
        description: str,
        forward: Callable[[Session], object],
        backward: Callable[[Session], object],
    ) -> None:
        super().__init__(description)
        self._window = window
        self._forward, self._backward = forward, backward
        self._first = True

    def redo(self) -> None:
        """Override QUndoCommand.redo (the first time, the change is already made)."""
        if self._first:
            self._first = False
            return
        self._window.apply(self._forward)

    def undo(self) -> None:
        """Override QUndoCommand.undo."""
        self._window.apply(self._backward)


class CatalogueWindow(TranslatedDialog):
    """The catalogue table with its tools: add, delete, undo, redo, import, filter.

    Attributes:
        model: the rows; ``proxy`` filters them.
        undo_stack: the edits that can be undone.
    """

    def __init__(
        self, store: Store, language: str, actor: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        guide.offer(self, "catalogue")
        self.store = store
        self.language = language
        self.actor = actor
        screen.fit(self, 1150, 640)
        self.undo_stack = QUndoStack(self)
        # An edit is committed from inside the table's own events (the editor's commit, setData):
        # the model is read again after them, once for any number of edits in between.
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        self._select_after: int | None = None
        self.model = CatalogueModel(language, self.edit, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.act_add = QAction(self)
        self.act_add.setShortcut(QKeySequence("Ins"))
        self.act_add.triggered.connect(self.ask_new_part)
        self.act_delete = QAction(self)
        self.act_delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.act_delete.triggered.connect(self.delete_selected)
        self.act_undo, self.act_redo = undo_actions(
            self.undo_stack, self, self.tr("Undo"), self.tr("Redo")
        )
        self.act_import = QAction(self)
        self.act_import.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        self.act_import.triggered.connect(self.choose_import)
        tools = QToolBar()
        for action in (self.act_add, self.act_delete, self.act_undo, self.act_redo):
            tools.addAction(action)
            self.addAction(action)
        tools.addSeparator()
        tools.addAction(self.act_import)
        self.addAction(self.act_import)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        top = QHBoxLayout()
        top.addWidget(tools, 1)
        top.addWidget(self.filter)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout_ = QVBoxLayout(self)
        layout_.addLayout(top)
        layout_.addWidget(self.table, 1)
        layout_.addWidget(self.status)
        self.retranslate()
        self.reload()

    # --- data -----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the catalogue again now (never from inside the table's events: ``reload_later``)."""
        self._reload_timer.stop()
        operations.read(self, self.store, catalogue.rows, language=self.language).success(
            self._show
        ).run()

    def reload_later(self) -> None:
        """Read the catalogue again once Qt has delivered the event being handled."""
        self._reload_timer.start()

    @property
    def reload_pending(self) -> bool:
        """A reload is waiting for its timer (tests wait for it)."""
        return self._reload_timer.isActive()

    def _show(self, rows: list[Row]) -> None:
        current = self.proxy.mapToSource(self.table.currentIndex())
        kept = (
            (self.model.rows[current.row()]["id"], current.column()) if current.isValid() else None
        )
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column) + 12, 280))
        self._count()
        if self._select_after is not None:
            item_id, self._select_after = self._select_after, None
            self.select(item_id)
        elif kept is not None:
            self.select(*kept)  # the keyboard stays on the cell it was on

    def _count(self) -> None:
        self.setWindowTitle(
            self.tr("Capability catalogue — {0}").format(counts.parts(len(self.model.rows)))
        )

    def apply(self, change: Callable[[Session], object]) -> bool:
        """Make one change as one unit of work and show the result; False (and why, in the
        status line) if refused."""
        op = operations.write(self, self.store, self.actor, change, language=self.language)
        op.failure(lambda refusal: self.status.setText(refusal.message(self.language)))
        op.success(lambda _result: self.status.clear()).finished(self.reload_later).run()
        return op.ok

    def _values(self, item_id: int) -> dict[str, Any]:
        row = self.model.rows[self.model.row_of(item_id) or 0]
        assert row["id"] == item_id
        return {name: row[name] for name in catalogue.FIELDS}

    # --- edits (each one undoable) -----------------------------------------------------------------

    def edit(self, item_id: int, name: str, value: Any) -> bool:
        """Change one field of one row."""
        before = self._values(item_id)
        after = {**before, name: value}
        if not self.apply(lambda s: catalogue.save(s, item_id, after)):
            return False
        field = layout.fields().catalogue[name].label(self.language)
        self.undo_stack.push(
            _Change(
                self,
                self.tr("edit {0} of {1}").format(field, before["part_number"]),
                lambda s: catalogue.save(s, item_id, after),
                lambda s: catalogue.save(s, item_id, before),
            )
        )
        return True

    def add(self, part_number: str, revision: str = "") -> int | None:
        """Add a part (released, the other fields empty); its id."""
        values = {"part_number": part_number, "revision": revision}
        made: list[int] = []
        if not self.apply(lambda s: made.append(catalogue.save(s, None, values))):
            return None
        current = {"id": made[0]}

        def again(session: Session) -> None:
            current["id"] = catalogue.save(session, None, values)

        def remove(session: Session) -> None:
            catalogue.delete(session, current["id"])

        self.undo_stack.push(_Change(self, self.tr("add {0}").format(part_number), again, remove))
        self._select_after = current["id"]  # once the rows are read again
        return current["id"]

    def delete(self, item_ids: list[int]) -> bool:
        """Remove rows; undo puts them back."""
        kept: list[dict[str, Any]] = []
        ids = list(item_ids)

        def forward(session: Session) -> None:
            kept.clear()
            for item_id in ids:
                kept.append(catalogue.delete(session, item_id))

        def backward(session: Session) -> None:
            ids.clear()
            for values in kept:
                ids.append(catalogue.save(session, None, values))

        if not self.apply(forward):
            return False
        names = ", ".join(v["part_number"] for v in kept[:3]) + ("…" if len(kept) > 3 else "")
        self.undo_stack.push(_Change(self, self.tr("delete {0}").format(names), forward, backward))
        return True

    def ask_new_part(self) -> None:
        number, ok = QInputDialog.getText(
            self, self.tr("Add part"), self.tr("Part number (and revision, after a space):")
        )
        if ok and number.strip():
            part, _, revision = number.strip().partition(" ")
            self.add(part, revision.strip())

    def delete_selected(self) -> None:
        rows = {
            self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedIndexes()
        }
        if rows:
            self.delete([self.model.rows[r]["id"] for r in sorted(rows)])

    def select(self, item_id: int, column: int = 0) -> None:
        row = self.model.row_of(item_id)
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row, column))
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    # --- import ---------------------------------------------------------------------------------

    def choose_import(self) -> None:
        suffixes = " ".join(f"*{s}" for s in SUFFIXES)
        path = folders.open_name(
            self,
            folders.IMPORTS,
            self.tr("Import catalogue"),
            self.tr("Spreadsheets ({0})").format(suffixes),
        )
        if path:
            self.import_file(Path(path), confirm=True)

    def import_file(self, path: Path, confirm: bool = False) -> catalogue_import.Summary | None:
        """Import a catalogue spreadsheet whole, or say what is wrong and import nothing. The
        summary once imported: at once with a synchronous runner (tests), else None and the
        status line tells when the file has been read and imported."""
        imported: list[catalogue_import.Summary] = []
        operations.call(
            self, lambda: catalogue_import.analyse(path), language=self.language
        ).in_background(self.tr("Reading {0}…").format(path.name)).titled(
            self.tr("Import catalogue")
        ).success(lambda plan: self._import_plan(path, plan, confirm, imported.append)).run()
        return imported[0] if imported else None

    def _import_plan(
        self,
        path: Path,
        plan: catalogue_import.Plan,
        confirm: bool,
        imported: Callable[[catalogue_import.Summary], object],
    ) -> None:
        if not plan.ok:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Import catalogue"),
                catalogue_import.CatalogueRefused(plan).message(self.language),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setDetailedText("\n".join(i.message(self.language) for i in plan.issues))
            self.status.setText("\n".join(i.message(self.language) for i in plan.issues[:5]))
            if confirm:
                box.exec()
            return
        if (
            confirm
            and QMessageBox.question(
                self,
                self.tr("Import catalogue"),
                self.tr(
                    "{0} in {1} (sheet {2}). Parts already in the catalogue are updated; "
                    "the import cannot be undone here. Import?"
                ).format(counts.parts(len(plan.rows)), path.name, plan.sheet),
            )
            != QMessageBox.StandardButton.Yes
        ):
            return

        def done(summary: catalogue_import.Summary) -> None:
            self.reload()  # after a file dialog and a question, not inside a table event
            self.status.setText(
                text(
                    "catalogue.imported",
                    self.language,
                    added=summary.added,
                    updated=summary.updated,
                    unchanged=summary.unchanged,
                )
            )
            imported(summary)

        operations.write(
            self,
            self.store,
            self.actor,
            lambda s: catalogue_import.commit(s, plan),
            language=self.language,
        ).in_background(self.tr("Importing {0}…").format(counts.parts(len(plan.rows)))).titled(
            self.tr("Import catalogue")
        ).success(done).run()

    # --- language -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.act_add.setText(self.tr("Add part…"))
        self.act_add.setToolTip(self.tr("Add a part to the catalogue (Ins)"))
        self.act_delete.setText(self.tr("Delete"))
        self.act_delete.setToolTip(self.tr("Remove the selected parts (Del); undo puts them back"))
        self.act_import.setText(self.tr("Import…"))
        self.act_import.setToolTip(self.tr("Add or update parts from a spreadsheet"))
        self.filter.setPlaceholderText(self.tr("Filter parts"))
        self._count()
