"""The user guide window (F1): the guide's topics beside the page of the one chosen.

Each window offers F1 with :func:`offer`, naming its topic (or a function that names it, for a
window whose parts have their own: the review's decision page). The guide opens at that topic in
the language of the interface, as a window of the one that asked, so it stays usable when that
one is modal and closes with it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from qms_review.core import guide
from qms_review.gui import i18n, operations, screen

_TOPIC = Qt.ItemDataRole.UserRole


class GuideWindow(QWidget):
    """The guide: the contents on the left, the page on the right, Back and Forward.

    Attributes:
        language: the language its pages are shown in.
        topic: the topic shown.
    """

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.language = language
        self.topic = guide.INDEX
        self.contents = QListWidget()
        self.contents.setMaximumWidth(260)
        self.contents.currentItemChanged.connect(self._chosen)
        self.page = QTextBrowser()
        self.page.setOpenExternalLinks(False)
        self.page.document().setDocumentMargin(14)
        self.page.sourceChanged.connect(self._source_changed)
        self.back_button, self.forward_button = QPushButton(), QPushButton()
        self.back_button.clicked.connect(lambda: self.page.backward())
        self.forward_button.clicked.connect(lambda: self.page.forward())
        self.page.backwardAvailable.connect(self.back_button.setEnabled)
        self.page.forwardAvailable.connect(self.forward_button.setEnabled)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        for keys, button in (
            (QKeySequence.StandardKey.Back, self.back_button),
            (QKeySequence.StandardKey.Forward, self.forward_button),
        ):
            action = QAction(self)
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, b=button: b.click())
            self.addAction(action)
        closing = QAction(self)
        closing.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close), QKeySequence("Esc")])
        closing.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        closing.triggered.connect(lambda: self.close())
        self.addAction(closing)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(lambda: self.close())
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.forward_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.page)
        splitter.setSizes([220, 680])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self._fill()
        self.retranslate()
        screen.fit(self, 940, 700)

    def _fill(self) -> None:
        read = operations.call(
            self, lambda: guide.contents(self.language), language=self.language
        ).run()
        pages = read.result or []
        self.contents.blockSignals(True)
        self.contents.clear()
        for page in pages:
            entry = QListWidgetItem(page.title)
            entry.setData(_TOPIC, page.topic)
            self.contents.addItem(entry)
        self.contents.blockSignals(False)

    def show_topic(self, topic: str) -> None:
        """Show ``topic``'s page (kept in the Back history) and bring the window forward."""
        found = (
            operations.call(self, lambda: guide.page(topic, self.language), language=self.language)
            .run()
            .result
        )
        if found is not None:
            self.page.setSource(QUrl.fromLocalFile(str(found.path)))
        self.show()
        self.raise_()
        self.activateWindow()

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None and item.data(_TOPIC) != self.topic:
            self.show_topic(item.data(_TOPIC))

    def _source_changed(self, url: QUrl) -> None:
        """A page is shown (chosen, a link followed, Back): the contents follow it."""
        self.topic = url.fileName().removesuffix(".md")
        for row in range(self.contents.count()):
            entry = self.contents.item(row)
            if entry.data(_TOPIC) == self.topic:
                self.contents.blockSignals(True)
                self.contents.setCurrentItem(entry)
                self.contents.blockSignals(False)
        title = next(
            (
                self.contents.item(r).text()
                for r in range(self.contents.count())
                if self.contents.item(r).data(_TOPIC) == self.topic
            ),
            "",
        )
        self.setWindowTitle(self.tr("QMS Review user guide — {0}").format(title))

    def changeEvent(self, event: QEvent) -> None:
        """Override QWidget.changeEvent: retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("◀ Back"))
        self.forward_button.setText(self.tr("Forward ▶"))
        self.close_button.setText(self.tr("Close"))
        self.contents.setAccessibleName(self.tr("Contents"))


def open_at(owner: QWidget, topic: str) -> GuideWindow:
    """The guide of ``owner``'s window (made on first use, in the current language) at
    ``topic``."""
    window = owner.window()
    language = i18n.current()
    found = window.findChild(GuideWindow, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if found is None or found.language != language:
        if found is not None:
            found.deleteLater()
        found = GuideWindow(language, window)
    found.show_topic(topic)
    return found


def offer(window: QWidget, topic: str | Callable[[], str]) -> QAction:
    """F1 in ``window`` (and its children) opens the guide at ``topic``."""
    action = QAction(window)
    action.setShortcuts(QKeySequence.StandardKey.HelpContents)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda: open_at(window, topic() if callable(topic) else topic))
    window.addAction(action)
    return action
