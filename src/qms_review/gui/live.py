"""Windows that follow what others change: a watch on the database's audit head.

A :class:`Watch` checks the audit head (one indexed ``max``) every second and when its window
is activated; on PostgreSQL it also listens for the notification every audited write sends at
commit (a socket notifier on a connection of its own), so a change shows at once. When the
head has moved it emits ``changed(seen)`` with the head the window read before, and the window
reads what it shows again (:mod:`qms_review.core.store.changes` says what changed since).

:func:`kept_text` and :func:`restore_text` carry what a person typed and has not saved across
a page rebuilt from newer data: fields are matched by their object names.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QWidget
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from qms_review.core.messages import QmsError
from qms_review.core.store import changes
from qms_review.core.store.database import Store

log = logging.getLogger(__name__)

#: How often the head is checked (a change shows within about this long).
INTERVAL_MS = 1000
#: Whether windows follow others' changes. The GUI tests turn it off but where they test it
#: (a timer firing inside another test's nested dialog loop changes what that test drives).
ENABLED = True


class Feed(QObject):
    """PostgreSQL's notifications for one store, shared by all its windows (one connection per
    program, not per window: a server allows some hundred connections in all)."""

    notified = Signal()

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.listener = changes.Listener(store.engine.url.render_as_string(hide_password=False))
        self.notifier: QSocketNotifier | None = None
        self.users = 0
        self._watch_socket()

    def _watch_socket(self) -> None:
        if self.listener.fileno() >= 0:
            self.notifier = QSocketNotifier(self.listener.fileno(), QSocketNotifier.Type.Read, self)
            self.notifier.activated.connect(self._readable)

    def _readable(self) -> None:
        heads = self.listener.heads()
        if self.listener.fileno() < 0 and self.notifier is not None:
            self.notifier.setEnabled(False)  # its socket is gone: watched again once back
            self.notifier.deleteLater()
            self.notifier = None
        if heads:
            self.notified.emit()

    def reconnect(self) -> None:
        """Listen again after the server came back (the watches call it when they can read)."""
        if self.notifier is None and self.listener.connect():
            self._watch_socket()

    def close(self) -> None:
        if self.notifier is not None:
            self.notifier.setEnabled(False)
        self.listener.close()


_feeds: weakref.WeakKeyDictionary[Store, Feed] = weakref.WeakKeyDictionary()


class Watch(QObject):
    """Tells its window when someone (anyone) has changed the database.

    Attributes:
        seen: the audit head the window last read.
        feed: the store's notifications (PostgreSQL), None on SQLite.
    """

    changed = Signal(int)

    def __init__(self, store: Store, window: QWidget, seen: int | None = None) -> None:
        super().__init__(window)
        self.store = store
        self.seen = self._head() if seen is None else seen
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.feed: Feed | None = None
        if not ENABLED:
            return
        self.timer.start()
        if not store.is_sqlite:
            self.feed = _feeds.get(store)
            if self.feed is None:
                self.feed = _feeds[store] = Feed(store)
            self.feed.users += 1
            self.feed.notified.connect(self.check)
        window.installEventFilter(self)

    def _head(self) -> int:
        try:
            with self.store.read() as session:
                return changes.head(session)
        except (QmsError, SQLAlchemyError):  # the server away: try again at the next tick
            log.info("audit head not readable now", exc_info=True)
            return -1

    def check(self) -> None:
        """Read the head; emit ``changed`` when it moved."""
        head = self._head()
        if self.feed is not None and head >= 0:
            self.feed.reconnect()
        if head < 0 or head == self.seen:
            return
        before, self.seen = self.seen, head
        self.changed.emit(before)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override QObject.eventFilter: check when the window is activated."""
        if event.type() == QEvent.Type.WindowActivate:
            QTimer.singleShot(0, self, self.check)
        return super().eventFilter(watched, event)

    def stop(self) -> None:
        self.timer.stop()
        feed, self.feed = self.feed, None
        if feed is not None:
            feed.notified.disconnect(self.check)
            feed.users -= 1
            if feed.users <= 0:
                feed.close()
                _feeds.pop(self.store, None)


def follow(
    window: QWidget,
    store: Store,
    concerns: Callable[[Session, int], list[changes.Changed]] | None,
    reload: Callable[[list[str]], object],
    *,
    language: str,
    actor: str = "",
) -> Watch:
    """Keep ``window`` up to date: within a second of a change by someone else that
    ``concerns(session, seen)`` finds about what it shows (None: any change), ``reload(names)``
    with the names of who changed it. The watch stops when a dialog is finished."""
    from qms_review.gui import operations  # operations is below the windows, not below this

    watch = Watch(store, window)

    def changed(seen: int) -> None:
        if not window.isVisible():
            watch.seen = seen  # a hidden window reads again when shown, not on every change
            return
        if concerns is None:
            reload([])
            return
        op = operations.read(
            window,
            store,
            lambda s: [changes.who(s, c) for c in concerns(s, seen) if c.actor != actor],
            language=language,
        ).failure(lambda _refusal: None)
        names = op.run().result
        if names:
            reload(sorted(set(names)))

    watch.changed.connect(changed)
    if isinstance(window, QDialog):
        window.finished.connect(lambda _result: watch.stop())
    return watch


def kept_text(area: QWidget | None) -> dict[str, str]:
    """The text typed and not saved in the named fields under ``area``."""
    kept: dict[str, str] = {}
    if area is None or not shiboken6.isValid(area):
        return kept
    for line in area.findChildren(QLineEdit):
        if line.objectName() and line.isModified() and line.isEnabled():
            kept[line.objectName()] = line.text()
    for box in area.findChildren(QPlainTextEdit):
        if box.objectName() and box.document().isModified():
            kept[box.objectName()] = box.toPlainText()
    return kept


def restore_text(area: QWidget | None, kept: dict[str, str]) -> None:
    """Put the text kept back into the fields of the same names (still unsaved)."""
    if area is None or not kept:
        return
    for line in area.findChildren(QLineEdit):
        if (
            line.objectName() in kept
            and line.isEnabled()
            and line.text() != kept[line.objectName()]
        ):
            line.setText(kept[line.objectName()])
            line.setModified(True)
    for box in area.findChildren(QPlainTextEdit):
        if box.objectName() in kept and box.toPlainText() != kept[box.objectName()]:
            box.setPlainText(kept[box.objectName()])
            box.document().setModified(True)
