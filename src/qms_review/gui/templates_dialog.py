"""Checklist templates: every stored version, one of them shown whole, and importing a new one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qms_review.core.messages import label, text
from qms_review.core.review import templates
from qms_review.core.review.checklists import Item, Template
from qms_review.core.store.database import Store
from qms_review.gui import counts, folders, guide, operations, screen
from qms_review.gui.i18n import TranslatedDialog

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TemplatesDialog(TranslatedDialog):
    """Stored checklist templates and sector packs by version; the chosen one's sections and
    items with clause, owner and when they apply; its item's guidance below.

    Attributes:
        versions: the stored versions (key → versions).
        content: the chosen version's sections and items.
    """

    def __init__(
        self, store: Store, language: str, actor: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        guide.offer(self, "templates")
        self.store = store
        self.language = language
        self.actor = actor
        screen.fit(self, 1100, 680)
        self.shown: Template | None = None

        self.versions = QTreeWidget()
        self.versions.setColumnCount(3)
        self.versions.setRootIsDecorated(False)
        self.versions.currentItemChanged.connect(self._chosen)
        self.versions.header().setStretchLastSection(False)
        self.versions.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.versions.setWordWrap(True)
        self.content = QTreeWidget()
        self.content.setColumnCount(4)
        self.content.setAlternatingRowColors(True)
        self.content.currentItemChanged.connect(self._item_chosen)
        self.content.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.content.header().setStretchLastSection(False)
        self.content.setWordWrap(True)
        self.guidance = QTextBrowser()
        self.guidance.setMaximumHeight(130)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.content, 1)
        right_layout.addWidget(self.guidance)
        splitter = QSplitter()
        splitter.addWidget(self.versions)
        splitter.addWidget(right)
        splitter.setSizes([280, 820])

        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.choose_import)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        bottom.addStretch()
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.retranslate()
        self.reload()

    def reload(self, select: int | None = None) -> None:
        read = operations.read(self, self.store, templates.listing, language=self.language).run()
        if read.result is None:
            return
        stored = read.result
        self.versions.clear()
        chosen = None
        for entry in stored:
            kind = self.tr("template") if entry.kind == "template" else self.tr("pack")
            row = QTreeWidgetItem([entry.title(self.language), entry.version, kind])
            row.setToolTip(
                0,
                f"{entry.key} · {entry.source} · {entry.sha256}\n"
                f"{entry.imported_at.astimezone():%Y-%m-%d %H:%M}",
            )
            row.setData(0, ID_ROLE, entry.id)
            self.versions.addTopLevelItem(row)
            if chosen is None or entry.id == select:
                chosen = row
        for column in (1, 2):
            self.versions.resizeColumnToContents(column)
            self.versions.setColumnWidth(column, self.versions.columnWidth(column) + 8)
        if chosen is not None:
            self.versions.setCurrentItem(chosen)

    def _chosen(self, current: QTreeWidgetItem | None, _previous: object = None) -> None:
        if current is None:
            return
        chosen = current.data(0, ID_ROLE)
        operations.read(
            self, self.store, lambda s: templates.by_id(s, chosen), language=self.language
        ).success(self._show).run()

    def _show(self, shown: Template) -> None:
        self.shown = shown
        self._fill()

    def _fill(self) -> None:
        shown = self.shown
        self.content.clear()
        if shown is None:
            return
        language = self.language
        base = self.tr(" — adds to {0}").format(shown.extends) if shown.extends else ""
        self.summary.setText(
            self.tr("<b>{0}</b> version {1}{2}: {3}, {4}").format(
                shown.title(language),
                shown.version,
                base,
                counts.sections(len(shown.sections)),
                counts.items(len(shown.items)),
            )
        )
        for number, section in enumerate(shown.sections, start=1):
            owner = label("owner", section.function, language) if section.function else ""
            title = section.title(language) or section.key
            top = QTreeWidgetItem([f"{number}. {title}", "", owner, ""])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.content.addTopLevelItem(top)
            for item in section.items:
                leaf = QTreeWidgetItem(
                    [
                        item.text(language),
                        item.clause,
                        "" if item.mandatory else self.tr("optional"),
                        self._when(item),
                    ]
                )
                leaf.setToolTip(0, item.text(language))
                leaf.setData(0, ID_ROLE, item.key)
                top.addChild(leaf)
        self.content.expandAll()
        for column, width in ((1, 130), (2, 110), (3, 190)):
            self.content.setColumnWidth(column, width)

    def _when(self, item: Item) -> str:
        conditions = [label("condition", c, self.language) for c in item.when]
        if item.when_any:
            joiner = self.tr(" or ")
            conditions.append(
                joiner.join(label("condition", c, self.language) for c in item.when_any)
            )
        return "; ".join(conditions)

    def _item_chosen(self, current: QTreeWidgetItem | None, _previous: object = None) -> None:
        key = current.data(0, ID_ROLE) if current is not None else None
        item = self.shown.item(key) if self.shown is not None and key else None
        if item is None:
            self.guidance.clear()
            return
        answers = " / ".join(label("answer", a.value, self.language) for a in item.answers)
        details = self.tr("<p><small>{0} · clause {1} · answers: {2}</small></p>")
        self.guidance.setHtml(
            f"<p><b>{item.text(self.language)}</b></p><p>{item.guidance(self.language)}</p>"
            + details.format(item.key, item.clause, answers)
        )

    def choose_import(self) -> None:
        path = folders.open_name(
            self,
            folders.IMPORTS,
            self.tr("Import checklist template"),
            self.tr("Checklist templates (*.toml)"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        """Validate and store the template in ``path``; a message says what happened."""

        def store_it(session: Session) -> tuple[Template, bool, int | None]:
            found, created = templates.import_file(session, path)
            return found, created, templates.current_id(session, found.key) if created else None

        def stored(outcome: tuple[Template, bool, int | None]) -> None:
            found, created, new_id = outcome
            key = "template.imported" if created else "template.already"
            QMessageBox.information(
                self,
                self.tr("Import checklist template"),
                text(
                    key, self.language, key=found.key, version=found.version, items=len(found.items)
                ),
            )
            self.reload(new_id)

        op = operations.write(self, self.store, self.actor, store_it, language=self.language)
        return op.titled(self.tr("Import checklist template")).success(stored).run().ok

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Checklist templates"))
        self.versions.setHeaderLabels([self.tr("Template"), self.tr("Version"), self.tr("Kind")])
        self.content.setHeaderLabels(
            [self.tr("Section / item"), self.tr("Clause"), self.tr("Owner"), self.tr("Applies")]
        )
        self.import_button.setText(self.tr("Import template…"))
        self._fill()
