"""Locking a session left alone (21 CFR 11.300, EU GMP Annex 11 §12): the idle watch that
notices no keyboard or mouse input for the configured time, the cover laid over each window's
contents, and the lock dialog that asks the same user's password (checked off the GUI thread;
a wrong one counts towards the lockout as at login) or lets someone else sign in instead."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qms_review.core.identity import sessions, users
from qms_review.core.messages import QmsError
from qms_review.core.store.database import Store
from qms_review.gui import operations
from qms_review.gui.login import FormDialog, password_field

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
    }
)


class IdleWatch(QObject):
    """Watches the application's input: ``idle`` once there was none for ``interval_ms``
    (0: never). It also tells each dialog shown, so the session can give it its actions.

    Signals:
        idle: no keyboard or mouse input for the interval.
        window_shown(QWidget): a dialog window was shown.
    """

    idle = Signal()
    window_shown = Signal(QWidget)

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.interval_ms = max(interval_ms, 0)
        self._installed = False
        self._armed = False
        self._paused = False

    def start(self) -> None:
        """Watch from now on (the idle time counts from now)."""
        if not self._installed:
            app = QCoreApplication.instance()
            if app is not None:
                app.installEventFilter(self)
                self._installed = True
        self.resume()

    def stop(self) -> None:
        self.pause()
        app = QCoreApplication.instance()
        if self._installed and app is not None:
            app.removeEventFilter(self)
        self._installed = False

    def pause(self) -> None:
        """No idle signal until :meth:`resume` (while locked)."""
        self._paused = True
        self._armed = False
        self.timer.stop()

    def resume(self) -> None:
        self._paused = False
        self._armed = self._installed and self.interval_ms > 0
        if self._armed:
            self.timer.start(self.interval_ms)
        else:
            self.timer.stop()

    def set_interval(self, interval_ms: int) -> None:
        """A new idle time (the settings were saved), counted from now."""
        self.interval_ms = max(interval_ms, 0)
        if self._installed and not self._paused:
            self.resume()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override QObject.eventFilter: input restarts the idle time; nothing is consumed."""
        kind = event.type()
        if kind in _INPUT:
            if self._armed:
                self.timer.start(self.interval_ms)
        elif kind == QEvent.Type.Show and isinstance(watched, QDialog) and watched.isWindow():
            self.window_shown.emit(watched)
        return False


class Cover(QFrame):
    """An opaque panel over the whole of one window while the session is locked: nothing of
    the window shows through, nothing of it is clicked. The window keeps its state beneath."""

    def __init__(self, window: QWidget, text: str) -> None:
        super().__init__(window)
        self.covered = window
        self.setObjectName("lock-cover")
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.label = QLabel(text)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.label.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override QFrame.eventFilter: follow the window's size; stay on top of its children."""
        if watched is self.covered and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.setGeometry(self.covered.rect())
            self.raise_()
        elif watched is self.covered and event.type() == QEvent.Type.ChildAdded:
            QTimer.singleShot(0, self.raise_)
        return False

    def remove(self) -> None:
        self.covered.removeEventFilter(self)
        self.hide()
        self.deleteLater()


class LockDialog(FormDialog):
    """The locked session: the same user's password opens it again where they left it; or
    *Switch user…* ends it for someone else. Escape and the close button do nothing.

    Signals:
        unlocked(object): the password was right; the user (a :class:`users.Person`).
        switch_requested: someone else wants to sign in.
    """

    unlocked = Signal(object)
    switch_requested = Signal()

    def __init__(
        self, store: Store, person: users.Person, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(language, parent)
        self.store = store
        self.person = person
        self._leaving = False
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.password_label = QLabel()
        self.password = password_field()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Ok)
        self.switch_button = QPushButton()
        self.switch_button.clicked.connect(self.switch_requested)
        self.buttons.addButton(self.switch_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.password_label)
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.password.setFocus()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Locked — QMS Review"))
        self.title.setText(self.tr("Locked: {0}").format(self.person.display_name))
        self.note.setText(
            self.tr(
                "The session was locked after a time without input. Enter your password to "
                "go on where you left off, or let someone else sign in."
            )
        )
        self.password_label.setText(self.tr("Password of {0}:").format(self.person.login))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(self.tr("&Unlock"))
        self.switch_button.setText(self.tr("S&witch user…"))

    def submit(self) -> None:
        login, password = self.person.login, self.password.text()
        op = (
            operations.call(
                self,
                lambda: sessions.unlock(self.store, login, password),
                language=self.language,
            )
            .failure(self._refused)
            .success(self.unlocked.emit)
        )
        self.busy(op, self.tr("Checking the password…"))

    def _refused(self, refusal: QmsError) -> None:
        self.password.clear()
        self.password.setFocus()
        self.fail(refusal)

    def leave(self) -> None:
        """Close it for good (unlocked, or the session ended)."""
        self._leaving = True
        self.done(QDialog.DialogCode.Accepted)
        self.deleteLater()

    def reject(self) -> None:
        """Override QDialog.reject: Escape does not unlock."""
        if self._leaving:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Override QDialog.closeEvent: the window cannot be closed away."""
        if self._leaving:
            super().closeEvent(event)
        else:
            event.ignore()
