"""The order view: one revision's header, lines and findings; a finding jumps to its place."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from qms_review.core.checks import findings
from qms_review.core.checks.findings import FindingRow
from qms_review.core.intake import layout
from qms_review.core.messages import label, text
from qms_review.core.orders.diff import shown
from qms_review.core.orders.revisions import LINE_COLUMNS, UNPARSED
from qms_review.core.oversight import revision_view
from qms_review.core.oversight.revision_view import RevisionView
from qms_review.core.review import templates
from qms_review.core.review.checklists import Template
from qms_review.core.store import changes
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import FindingKind, Severity
from qms_review.gui import guide, live, operations, screen
from qms_review.gui.i18n import TranslatedDialog

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = LINE_COLUMNS
OTHER = len(COLUMNS)  # the last column: unmapped and unreadable values
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
COLOURS = {
    Severity.ERROR: QColor(255, 214, 214),
    Severity.WARNING: QColor(255, 240, 200),
    Severity.INFO: QColor(220, 235, 255),
}


def _shown(value: Any) -> str:
    return shown(value) or ""


class LinesModel(QAbstractTableModel):
    """A revision's lines, read-only; cells with findings are tinted by severity."""

    def __init__(self, language: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.language = language
        self.lines: list[dict[str, Any]] = []
        self._marks: dict[tuple[int, int], Severity] = {}

    def set_lines(self, lines: list[dict[str, Any]], found: list[FindingRow]) -> None:
        self.beginResetModel()
        self.lines = lines
        rows = {line.get("line_no"): r for r, line in enumerate(lines)}
        self._marks = {}
        for finding in found:
            row = rows.get(finding.line_no)
            if row is None or not finding.open:
                continue
            column = self.column_of(finding.field)
            columns = [column] if column is not None else range(len(COLUMNS) + 1)
            for c in columns:
                if (row, c) not in self._marks or finding.severity is Severity.ERROR:
                    self._marks[(row, c)] = finding.severity
        self.endResetModel()

    @staticmethod
    def column_of(field: str | None) -> int | None:
        if field is None:
            return None
        return COLUMNS.index(field) if field in COLUMNS else OTHER

    def row_of(self, line_no: int | None) -> int | None:
        return next(
            (r for r, line in enumerate(self.lines) if line.get("line_no") == line_no), None
        )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        """Override QAbstractTableModel.rowCount."""
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Override QAbstractTableModel.columnCount."""
        return 0 if parent.isValid() else len(COLUMNS) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Override QAbstractTableModel.headerData."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == OTHER:
            return self.tr("Other columns")
        return layout.fields().line[COLUMNS[section]].label(self.language)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Override QAbstractTableModel.data."""
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == OTHER:
                extra = dict(line.get("extra") or {})
                unread = extra.pop(UNPARSED, {}) or {}
                parts = [
                    f"{layout.fields().line[k].label(self.language)}: {v}"
                    for k, v in unread.items()
                ]
                parts += [f"{k}: {v}" for k, v in extra.items()]
                return "; ".join(parts)
            return _shown(line.get(COLUMNS[column]))
        if role == Qt.ItemDataRole.BackgroundRole:
            severity = self._marks.get((index.row(), column))
            return QBrush(COLOURS[severity]) if severity else None
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and COLUMNS[min(column, OTHER - 1)] in ("quantity", "unit_price", "amount", "line_no")
            and column != OTHER
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class OrderView(TranslatedDialog):
    """One order revision with its findings, grouped by kind and severity.

    Attributes:
        view: what is shown (the core's :class:`RevisionView`).
        tree: the findings; activating one selects its line and field.
    """

    def __init__(
        self,
        store: Store,
        order_id: int,
        language: str,
        actor: str,
        parent: QWidget | None = None,
        on_review: Callable[[int], object] | None = None,
        on_edit: Callable[[int], object] | None = None,
    ) -> None:
        super().__init__(parent)
        guide.offer(self, "findings")
        self.store = store
        self.order_id = order_id
        self.language = language
        self.actor = actor
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        screen.fit(self, 1100, 720)
        self._items: Template | None = None

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.revision_label = QLabel()
        self.revision_box = QComboBox()
        self.revision_box.currentIndexChanged.connect(self._revision_chosen)
        # The revision chosen in the combo is loaded after its event (the load refills the
        # combo); several choices before the timer fires load the last one only.
        self._chosen_revision: int | None = None
        self._load_timer = QTimer(self)
        self._load_timer.setSingleShot(True)
        self._load_timer.setInterval(0)
        self._load_timer.timeout.connect(self._load_chosen)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.revision_label)
        top.addWidget(self.revision_box)

        self.header_labels: dict[str, QLabel] = {}
        self.header_fields: dict[str, QLineEdit] = {}
        grid = QGridLayout()
        for n, name in enumerate(revision_view.HEADER_FIELDS):
            caption, field = QLabel(), QLineEdit()
            field.setReadOnly(True)
            self.header_labels[name], self.header_fields[name] = caption, field
            row, col = divmod(n, 2)
            grid.addWidget(caption, row, col * 2)
            grid.addWidget(field, row, col * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.lines_model = LinesModel(language, self)
        self.lines = QTableView()
        self.lines.setModel(self.lines_model)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.lines.setAlternatingRowColors(True)
        self.lines.setWordWrap(False)
        self.lines.verticalHeader().setVisible(False)
        self.lines.verticalHeader().setDefaultSectionSize(self.lines.fontMetrics().height() + 8)
        self.lines.horizontalHeader().setStretchLastSection(True)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._jump)
        self.tree.itemClicked.connect(self._jump)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.findings_label = QLabel()
        self.show_all = QCheckBox()
        self.show_all.toggled.connect(self._fill_tree)
        self.rerun = QPushButton()
        self.rerun.clicked.connect(self.run_checks)
        tools = QHBoxLayout()
        tools.addWidget(self.findings_label, 1)
        tools.addWidget(self.show_all)
        tools.addWidget(self.rerun)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(tools)
        lower_layout.addWidget(self.tree)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.lines)
        splitter.addWidget(lower)
        splitter.setSizes([330, 300])
        self.status_label = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.review_button = QPushButton()
        self.review_button.setVisible(on_review is not None)
        if on_review is not None:
            self.review_button.clicked.connect(lambda: on_review(self.order_id))
        buttons.addButton(self.review_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.edit_button = QPushButton()
        self.edit_button.setVisible(on_edit is not None)
        if on_edit is not None:
            self.edit_button.clicked.connect(lambda: on_edit(self.order_id))
        buttons.addButton(self.edit_button, QDialogButtonBox.ButtonRole.ActionRole)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(buttons)

        layout_ = QVBoxLayout(self)
        layout_.addLayout(top)
        layout_.addLayout(grid)
        layout_.addWidget(splitter, 1)
        layout_.addLayout(bottom)
        QShortcut(QKeySequence("Ctrl+R"), self, self.run_checks)
        self.view: RevisionView | None = None
        self.retranslate()
        self.load(None)
        # what others change about this order (a revision, findings, its review) shows here
        self.watch = live.follow(
            self,
            store,
            lambda s, seen: changes.for_order(s, order_id, seen),
            self._changed_elsewhere,
            language=language,
            actor=actor,
        )

    # --- data ---------------------------------------------------------------------------------

    def load(self, number: int | None) -> None:
        """Show revision ``number`` (the latest when None). Never from inside an event of the
        revision combo: it refills it (``_revision_chosen`` defers it)."""
        operations.read(
            self, self.store, lambda s: self._read(s, number), language=self.language
        ).success(self._show).run()

    def _read(self, session: Session, number: int | None) -> tuple[RevisionView, Template | None]:
        view = revision_view.load(session, self.order_id, number)
        return view, self._items or templates.current(session, "iso9001")

    def _show(self, read: tuple[RevisionView, Template | None]) -> None:
        self.view, self._items = read
        view = self.view
        box = self.revision_box
        box.blockSignals(True)
        if [box.itemData(i) for i in range(box.count())] != view.revisions:
            box.clear()
            for n in view.revisions:
                box.addItem(str(n), n)
        box.setCurrentIndex(view.revisions.index(view.revision))
        box.blockSignals(False)
        for name, field in self.header_fields.items():
            field.setText(_shown(view.header.get(name)))
            field.setStyleSheet("")
        self.lines_model.set_lines(view.lines, view.findings)
        self.lines.resizeColumnsToContents()
        for column in range(self.lines_model.columnCount()):
            self.lines.setColumnWidth(column, min(self.lines.columnWidth(column), 260))
        self._fill_tree()
        self.retranslate()

    def _changed_elsewhere(self, names: list[str]) -> None:
        """Someone else changed this order: read it again (the latest revision, if shown)."""
        view = self.view
        self.load(None if view is None or view.revision == max(view.revisions) else view.revision)
        self.status_label.setText(
            self.tr("Updated: {0} changed this order.").format(", ".join(names))
        )

    def _revision_chosen(self, index: int) -> None:
        """The combo's own signal: load the revision after the event, not inside it."""
        if index >= 0:
            self._chosen_revision = self.revision_box.itemData(index)
            self._load_timer.start()

    def _load_chosen(self) -> None:
        if self._chosen_revision is not None:
            number, self._chosen_revision = self._chosen_revision, None
            self.load(number)

    def run_checks(self) -> None:
        """Run the automatic checks on this revision again (after a catalogue change, say)."""
        assert self.view is not None
        revision_id, number = self.view.revision_id, self.view.revision

        def done(outcome: findings.Outcome) -> None:
            self.load(number)
            self.status_label.setText(
                self.tr("Checks run again: {0} found, {1} new, {2} cleared.").format(
                    outcome.found, outcome.added, outcome.cleared
                )
            )

        operations.write(
            self,
            self.store,
            self.actor,
            lambda s: findings.run(s, revision_id),
            language=self.language,
        ).in_background(self.tr("Running the checks…")).failure(
            lambda refusal: self.status_label.setText(refusal.message(self.language))
        ).success(done).run()

    # --- findings -------------------------------------------------------------------------------

    def _fill_tree(self) -> None:
        self.tree.clear()
        if self.view is None:
            return
        rows = [f for f in self.view.findings if self.show_all.isChecked() or f.open]
        for kind in FindingKind:
            of_kind = [f for f in rows if f.kind is kind]
            if not of_kind:
                continue
            top = QTreeWidgetItem(
                [f"{text(f'check.kind.{kind.value}', self.language)} ({len(of_kind)})"]
            )
            self.tree.addTopLevelItem(top)
            for severity in Severity:
                of_severity = [f for f in of_kind if f.severity is severity]
                if not of_severity:
                    continue
                group = QTreeWidgetItem(
                    [
                        f"{text(f'check.severity.{severity.value}', self.language)} ({len(of_severity)})"
                    ]
                )
                group.setBackground(0, QBrush(COLOURS[severity]))
                top.addChild(group)
                for finding in of_severity:
                    leaf = QTreeWidgetItem(
                        [
                            finding.message(self.language),
                            "" if finding.line_no is None else str(finding.line_no),
                            self._item_text(finding.item),
                            self._state(finding),
                        ]
                    )
                    leaf.setToolTip(0, finding.message(self.language))
                    leaf.setToolTip(2, self._item_text(finding.item, full=True))
                    leaf.setData(0, FINDING_ROLE, finding.id)
                    group.addChild(leaf)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(1)
        self.tree.setColumnWidth(2, 220)
        self.tree.resizeColumnToContents(3)

    def _item_text(self, key: str | None, full: bool = False) -> str:
        if key is None:
            return ""
        item = self._items.item(key) if self._items else None
        if item is None:
            return key
        words = item.text(self.language)
        return f"{item.clause} — {words}" if full else words

    def _state(self, finding: FindingRow) -> str:
        if finding.cleared:
            return self.tr("cleared")
        if finding.disposition is not None:
            return label("disposition", finding.disposition.value, self.language)
        return self.tr("open")

    def finding_item(self, finding_id: int) -> QTreeWidgetItem | None:
        """The tree's entry for a finding (for tests and keyboard users)."""
        iterator = QTreeWidgetItemIterator(self.tree)
        while (item := iterator.value()) is not None:
            if item.data(0, FINDING_ROLE) == finding_id:
                return item
            iterator += 1
        return None

    def _jump(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        """Select the line and field the finding is about (or the header field)."""
        finding_id = item.data(0, FINDING_ROLE)
        if finding_id is None or self.view is None:
            return
        finding = next(f for f in self.view.findings if f.id == finding_id)
        for widget in self.header_fields.values():
            widget.setStyleSheet("")
        if finding.line_no is None:
            target = self.header_fields.get(finding.field or "")
            if target is not None:
                colour = COLOURS[finding.severity].name()
                target.setStyleSheet(f"QLineEdit {{ background: {colour}; }}")
                target.setFocus()
                target.selectAll()
            return
        row = self.lines_model.row_of(finding.line_no)
        if row is None:
            return
        column = self.lines_model.column_of(finding.field)
        index = self.lines_model.index(row, column if column is not None else 0)
        self.lines.setCurrentIndex(index)
        if column is None:
            self.lines.selectRow(row)
        self.lines.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    # --- language -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        view = self.view
        if view is not None:
            kind = label("kind", view.kind.value, self.language)
            title = f"{kind} {view.number} — {view.customer}"
            if view.verbal:
                title += " — " + self.tr("received by phone or in person (verbal)")
            self.title.setText(title)
            self.setWindowTitle(
                self.tr("{0} {1}, revision {2}").format(kind, view.number, view.revision)
            )
            open_count = sum(1 for f in view.findings if f.open)
            current = sum(1 for f in view.findings if not f.cleared)
            self.findings_label.setText(
                self.tr("Findings: {0} open of {1}").format(open_count, current)
            )
        self.revision_label.setText(self.tr("Revision:"))
        names = {
            "order_date": self.tr("Order date"),
            "buyer": self.tr("Buyer"),
            "currency": self.tr("Currency"),
            "payment_terms": self.tr("Payment terms"),
            "delivery_terms": self.tr("Delivery terms"),
            "quotation_ref": self.tr("Quotation"),
            "notes": self.tr("Notes"),
        }
        for name, caption in self.header_labels.items():
            caption.setText(names[name])
        self.tree.setHeaderLabels(
            [self.tr("Finding"), self.tr("Line"), self.tr("Checklist item"), self.tr("Status")]
        )
        self.show_all.setText(self.tr("Show dispositioned and cleared"))
        self.rerun.setText(self.tr("Run checks again"))
        self.review_button.setText(self.tr("Review…"))
        self.edit_button.setText(self.tr("&Edit order…"))
        self.edit_button.setToolTip(self.tr("Change this order: saved as its next revision"))
        self.rerun.setToolTip(self.tr("Run the automatic checks on this revision again (Ctrl+R)"))
