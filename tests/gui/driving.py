"""Driving the program as a person does, for the journey and monkey tests: modal dialogs
answered through their own widgets, buttons found by their caption, OK clicked."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton, QWidget

from qms_review.gui import login
from qms_review.gui.login import LoginDialog
from qms_review.gui.main_window import MainWindow
from qms_review.gui.review.items import ItemRow
from qms_review.gui.review.window import ReviewWindow
from qms_review.gui.session import Session
from tests.gui.helpers import CTRL_SHIFT, activate, sign_in

LEFT = Qt.MouseButton.LeftButton


def close_leftovers() -> None:
    """Close the windows earlier tests left open (a dialog of a main window closed by Quit
    stays up: the program would have ended), so a session sees only its own."""
    for window in QApplication.topLevelWidgets():
        if window.isVisible():
            if isinstance(window, QDialog):
                window.reject()
            window.close()
    QApplication.processEvents()


def answer_modal(kind: type[QWidget], answer: Callable[[QWidget], None]) -> list[QWidget]:
    """Answer the next modal ``kind`` (a dialog running ``exec()``) through its widgets, once it
    is the active modal widget; the dialogs answered, for the test to check. A failing answer
    rejects the dialog, so the test fails (pytest-qt reports it) instead of hanging."""
    answered: list[QWidget] = []

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if not (isinstance(modal, kind) and modal.isVisible()):
            QTimer.singleShot(20, poll)
            return
        answered.append(modal)
        try:
            answer(modal)
        except BaseException:
            if isinstance(modal, QDialog) and modal.isVisible():
                modal.reject()
            raise

    QTimer.singleShot(0, poll)
    return answered


def click_ok(qtbot, dialog: QWidget) -> None:
    """Click the dialog's OK button (whatever its caption), which must be enabled."""
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    assert ok.isEnabled()
    qtbot.mouseClick(ok, LEFT)


def shown[W: QWidget](owner: QWidget, kind: type[W]) -> W:
    """The one visible ``kind`` that ``owner`` holds."""
    found = [w for w in owner.findChildren(kind) if w.isVisible()]
    assert len(found) == 1, (kind, found)
    return found[0]


def button(owner: QWidget, caption: str) -> QPushButton:
    """The visible push button of ``owner`` with this caption."""
    found = [b for b in owner.findChildren(QPushButton) if b.text() == caption and b.isVisible()]
    assert found, caption
    return found[0]


def back_to(qtbot, window: QWidget) -> None:
    """A dialog closed: its window is the active one again (the window manager's part; the
    offscreen platform has none)."""
    activate(qtbot, window)


def password_of(login_name: str) -> str:
    """A demo user's password."""
    return f"{login_name}-demo"


# --- signing in and out -------------------------------------------------------------------------------


def first_login(qtbot, session: Session, login_name: str) -> MainWindow:
    """The program's start: the login dialog (typed into), then the session's main window."""

    def type_in(dialog: QWidget) -> None:
        assert isinstance(dialog, LoginDialog)
        assert dialog.windowTitle() == "Log in — QMS Review"
        activate(qtbot, dialog)
        assert dialog.login.hasFocus()  # a new data folder remembers no login
        qtbot.keyClicks(dialog.login, login_name)
        qtbot.keyClick(dialog.login, Qt.Key.Key_Tab)  # on to the password
        assert dialog.password.hasFocus()
        qtbot.keyClicks(dialog.password, password_of(login_name))
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    answered = answer_modal(LoginDialog, type_in)
    person = login.sign_in(session.store, session.folder, session.language)
    assert answered, "the login dialog was not shown"
    assert person is not None
    assert person.login == login_name
    window = session.start(person)  # what the program does with the person who signed in
    qtbot.waitExposed(window)
    activate(qtbot, window)
    qtbot.waitUntil(lambda: window.model.total > 0)
    return window


def switch_user(
    qtbot, session: Session, review: ReviewWindow, login_name: str, sign_out: bool = False
) -> MainWindow:
    """File → Switch user… (Ctrl+Shift+L) from the review, or File → Sign out (Ctrl+Shift+Q)
    with ``sign_out``; the next person signs in (over the last login the dialog shows)."""
    before = session.window
    leaving = before.person.login if before is not None and before.person else None
    qtbot.keyClick(review, Qt.Key.Key_Q if sign_out else Qt.Key.Key_L, CTRL_SHIFT)
    dialog = session.login_dialog
    assert dialog is not None, "Switch user showed no login"
    if sign_out:  # the last login shown, selected: typing replaces it
        assert dialog.login.text() == leaving
        assert dialog.login.hasSelectedText()
        dialog.login.setFocus()
    assert session.window is None
    assert not review.isVisible()
    qtbot.waitExposed(dialog)
    sign_in(qtbot, dialog, login_name, password_of(login_name))
    window = session.window
    assert isinstance(window, MainWindow)
    assert window is not before
    assert window.person is not None
    assert window.person.login == login_name
    qtbot.waitExposed(window)
    activate(qtbot, window)
    qtbot.waitUntil(lambda: window.model.total > 0)
    return window


# --- the review window ------------------------------------------------------------------------------


def settle(qtbot, review: ReviewWindow) -> None:
    """The page is rebuilt after the event that changed the review."""
    qtbot.waitUntil(lambda: not review._rebuild.isActive())


def go_to(qtbot, review: ReviewWindow, page: int) -> None:
    """Click the page's entry in the list on the left."""
    review.pages.scrollToItem(review.pages.item(page))
    rect = review.pages.visualItemRect(review.pages.item(page))
    qtbot.mouseClick(review.pages.viewport(), LEFT, pos=rect.center())
    qtbot.waitUntil(lambda: review.page == page)
    settle(qtbot, review)


def rows(review: ReviewWindow) -> list[ItemRow]:
    return [r for r in review.body.widget().findChildren(ItemRow) if r.isVisible()]


def row_of(review: ReviewWindow, key: str) -> ItemRow:
    return next(r for r in rows(review) if r.view.item.key == key)
