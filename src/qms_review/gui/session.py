"""Who is working now, from sign-in to sign-out: the session owns the main window of the person
signed in, and ends it (File → Sign out, Switch user…, or from the lock) by closing every window
of it — after asking when a form holds typed text not yet saved — and asking who is next. Left
without input for the configured time it locks: every window is covered and only the same
user's password opens it again, exactly where they were (nothing is closed); or someone else
signs in instead, which ends it. Each sign-out, lock and unlock is audited.

The login that follows a sign-out and the lock are dialogs shown without a nested event loop,
so whatever was running (a dialog in ``exec``) unwinds first; the old main window is deleted only
once the event loop is back at the program's own level (a caller still inside a closed dialog's
``exec`` finds its window alive when it returns).
"""

from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMessageBox,
    QWidget,
)

from qms_review.core.identity import sessions, users
from qms_review.core.store import settings
from qms_review.core.store.database import Store
from qms_review.gui import operations
from qms_review.gui.i18n import Languages
from qms_review.gui.lock import Cover, IdleWatch, LockDialog
from qms_review.gui.login import ChangePasswordDialog, LoginDialog
from qms_review.gui.main_window import MainWindow
from qms_review.gui.typed import has_typed_text

log = logging.getLogger(__name__)

_WINDOW_TYPES = (
    Qt.WindowType.Window,
    Qt.WindowType.Dialog,
    Qt.WindowType.Sheet,
    Qt.WindowType.Tool,
)


class Session(QObject):
    """The person working and the windows they opened.

    Attributes:
        window: the main window of the person signed in (None between two people).
        person: who is signed in.
        login_dialog: the login shown after a sign-out, while it is shown.
        change_dialog: a forced password change after that login, while it is shown.
        lock_dialog: the lock, while the session is locked.
        covers: the panels over the windows while locked.
        question: the question about unsaved text, while it is asked.
        idle: the idle watch.

    Signals:
        ended: nobody works any more (the main window was closed, or the login after a
            sign-out was cancelled): the program ends.
    """

    ended = Signal()

    def __init__(
        self,
        store: Store,
        languages: Languages,
        folder: Path,
        *,
        lock_after_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``lock_after_ms`` overrides the idle time of the settings (tests)."""
        super().__init__(parent)
        self.store = store
        self.languages = languages
        self.folder = folder
        self.window: MainWindow | None = None
        self.person: users.Person | None = None
        self.login_dialog: LoginDialog | None = None
        self.change_dialog: ChangePasswordDialog | None = None
        self.lock_dialog: LockDialog | None = None
        self.covers: list[Cover] = []
        self.question: QMessageBox | None = None
        self._lock_after_ms = lock_after_ms
        self._base_level = QThread.currentThread().loopLevel()
        self.idle = IdleWatch(self._idle_ms(), self)
        self.idle.idle.connect(self.lock)
        self.idle.window_shown.connect(self._window_shown)

    @property
    def language(self) -> str:
        return self.languages.current

    @property
    def locked(self) -> bool:
        return self.lock_dialog is not None

    def _idle_ms(self) -> int:
        if self._lock_after_ms is not None:
            return self._lock_after_ms
        return settings.lock_minutes(settings.Settings.in_folder(self.folder)) * 60_000

    # --- starting ---------------------------------------------------------------------------------

    def start(self, person: users.Person) -> MainWindow:
        """The main window of ``person``, shown; the idle time counts from now."""
        window = MainWindow(self.store, self.languages, self.folder, person.actor, person=person)
        window.sign_out_requested.connect(self.sign_out)
        window.switch_user_requested.connect(self.switch_user)
        window.settings_changed.connect(lambda: self.idle.set_interval(self._idle_ms()))
        window.closed.connect(lambda: self._window_closed(window))
        window.close_guard = self._may_quit
        self.window, self.person = window, person
        window.show()
        self.idle.start()
        return window

    def windows(self) -> list[QWidget]:
        """Every window of the session shown now (not the lock, login or question)."""
        own = (self.lock_dialog, self.login_dialog, self.change_dialog, self.question)
        return [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and w.windowType() in _WINDOW_TYPES and not any(w is o for o in own)
        ]

    def _window_shown(self, shown: QWidget) -> None:
        """A dialog of the session offers the sign-out and switch-user shortcuts too (the main
        window's menu is out of reach under a modal window)."""
        window = self.window
        own = (self.lock_dialog, self.login_dialog, self.change_dialog, self.question)
        if window is None or shown is window or any(shown is o for o in own):
            return
        if window.act_sign_out not in shown.actions():
            shown.addActions([window.act_switch_user, window.act_sign_out])

    # --- ending -----------------------------------------------------------------------------------

    def sign_out(self) -> None:
        """File → Sign out: end the session (asking first about typed text), then the login."""
        self._leave(sessions.SIGN_OUT)

    def switch_user(self) -> None:
        """File → Switch user…: the same, the login asking for another login name."""
        self._leave(sessions.SWITCH_USER)

    def _leave(self, how: str) -> None:
        if self.window is None or self.person is None or self.question is not None:
            return
        if self.locked and how != sessions.SWITCH_WHILE_LOCKED:
            return
        unsaved = [w for w in self.windows() if w is not self.window and has_typed_text(w)]
        if not unsaved:
            self._end(how)
            return
        owner: QWidget = self.lock_dialog or QApplication.activeWindow() or self.window
        name = self.person.display_name
        if self.locked:  # someone else is at the keyboard: no window titles
            detail = self.tr(
                "{0} left typed text that is not saved (open windows with it: {1})."
            ).format(name, len(unsaved))
        else:
            titles = "\n".join(f"• {w.windowTitle()}" for w in unsaved)
            detail = self.tr("Text typed in these windows is not saved yet:\n{0}").format(titles)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Sign out") if how == sessions.SIGN_OUT else self.tr("Switch user"),
            detail + "\n\n" + self.tr("Close the session of {0} and discard it?").format(name),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            owner,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.question = box

        def answered(button: int) -> None:
            self.question = None
            box.deleteLater()
            if button == QMessageBox.StandardButton.Discard:
                self._end(how)

        box.finished.connect(answered)
        box.open()

    def _may_quit(self) -> bool:
        """File → Quit: whether to end, asking first when other windows hold typed text."""
        unsaved = [w for w in self.windows() if w is not self.window and has_typed_text(w)]
        if not unsaved or self.window is None:
            return True
        titles = "\n".join(f"• {w.windowTitle()}" for w in unsaved)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Quit"),
            self.tr("Text typed in these windows is not saved yet:\n{0}").format(titles)
            + "\n\n"
            + self.tr("Quit and discard it?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.question = box
        try:
            return box.exec() == QMessageBox.StandardButton.Discard
        finally:
            self.question = None
            if shiboken6.isValid(box):
                box.deleteLater()

    def _end(self, how: str) -> None:
        """Close every window of the session, audit it, and ask who is next."""
        window, person = self.window, self.person
        if window is None or person is None:
            return
        self.idle.stop()
        login = person.login
        operations.call(
            None, lambda: sessions.signed_out(self.store, login, how), language=self.language
        ).run()
        log.info("%s signed out (%s)", login, how)
        self._drop_lock()
        self._close_others(window)
        self.window, self.person = None, None
        window.close_guard = None
        window.close()
        self._delete_later(window)
        self._ask_login(fresh=how != sessions.SIGN_OUT)

    def _close_others(self, window: QWidget) -> None:
        """Close every window of the session but its main ``window``."""
        for other in [w for w in self.windows() if w is not window]:
            if isinstance(other, QDialog):
                other.done(QDialog.DialogCode.Rejected)  # ends its exec() too; asks nothing
            else:
                other.close()

    def _delete_later(self, window: QWidget) -> None:
        """Delete ``window`` (and the dialogs it owns) once no dialog's exec() that it may have
        run is still on the stack."""
        if QThread.currentThread().loopLevel() > self._base_level + 1:
            QTimer.singleShot(50, lambda: self._delete_later(window))
            return
        window.deleteLater()

    def _window_closed(self, window: MainWindow) -> None:
        """The person closed the main window (File → Quit): the session and the program end."""
        if window is not self.window or self.person is None:
            return  # closed by the session itself
        login = self.person.login
        self.idle.stop()
        self._drop_lock()
        operations.call(
            None,
            lambda: sessions.signed_out(self.store, login, sessions.QUIT),
            language=self.language,
        ).run()
        self._close_others(window)
        self.window, self.person = None, None
        self.ended.emit()

    # --- the next person --------------------------------------------------------------------------

    def _ask_login(self, fresh: bool) -> None:
        dialog = LoginDialog(self.store, self.folder, self.language)
        if fresh:
            dialog.login.clear()
            dialog.login.setFocus()
        self.login_dialog = dialog
        dialog.accepted.connect(lambda: self._logged_in(dialog))
        dialog.rejected.connect(lambda: self._gave_up(dialog))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _logged_in(self, dialog: LoginDialog) -> None:
        self.login_dialog = None
        dialog.deleteLater()
        person = dialog.person
        if person is None:
            self.ended.emit()
            return
        if not person.must_change_password:
            self.start(person)
            return
        change = ChangePasswordDialog(self.store, person, self.language, forced=True)
        self.change_dialog = change
        change.accepted.connect(lambda: self._changed(change))
        change.rejected.connect(lambda: self._gave_up(change))
        change.show()

    def _changed(self, dialog: ChangePasswordDialog) -> None:
        self.change_dialog = None
        dialog.deleteLater()
        self.start(dialog.person)

    def _gave_up(self, dialog: QDialog) -> None:
        """Cancel at the login after a sign-out: nobody works, the program ends."""
        self.login_dialog = self.change_dialog = None
        dialog.deleteLater()
        self.ended.emit()

    # --- locking ----------------------------------------------------------------------------------

    def lock(self) -> None:
        """Cover every window and ask the same user's password (after the idle time)."""
        window, person = self.window, self.person
        if window is None or person is None or self.locked:
            return
        if self.question is not None:
            self.question.reject()  # nobody answered whether to sign out: the session stays
        for _ in range(10):  # an open menu or list closes; what it belongs to stays
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        self.idle.pause()
        seconds = self.idle.interval_ms // 1000
        operations.call(
            None,
            lambda: sessions.locked(self.store, person.login, seconds),
            language=self.language,
        ).run()
        log.info("session of %s locked", person.login)
        text = self.tr("Locked — {0}").format(person.display_name)
        self.covers = [Cover(w, text) for w in self.windows()]
        dialog = LockDialog(self.store, person, self.language, window)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.unlocked.connect(self._unlocked)
        dialog.switch_requested.connect(lambda: self._leave(sessions.SWITCH_WHILE_LOCKED))
        self.lock_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _unlocked(self, person: users.Person) -> None:
        log.info("session of %s unlocked", person.login)
        self._drop_lock()
        self.idle.resume()

    def _drop_lock(self) -> None:
        for cover in self.covers:
            cover.remove()
        self.covers = []
        dialog, self.lock_dialog = self.lock_dialog, None
        if dialog is not None:
            dialog.leave()
