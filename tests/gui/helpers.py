"""Small helpers shared by the GUI tests."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget

from qms_review.gui.lock import LockDialog
from qms_review.gui.login import FormDialog, LoginDialog
from qms_review.gui.main_window import MainWindow
from qms_review.gui.review.window import ReviewWindow
from qms_review.gui.session import Session
from tests.helpers import find_person, order_id

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def press_ok(dialog: QDialog) -> None:
    """Click the dialog's OK button, as the user would."""
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def start_session(qtbot, session: Session, login: str) -> MainWindow:
    """``login`` signed in (as the login dialog does on their password), the register shown."""
    window = session.start(find_person(session.store, login))
    qtbot.waitExposed(window)
    activate(qtbot, window)
    qtbot.waitUntil(lambda: window.model.total > 0)
    return window


def activate(qtbot, widget: QWidget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def open_review_by_keyboard(qtbot, window: MainWindow, order: str) -> ReviewWindow:
    """Select ``order`` in the register and press Ctrl+Shift+R (View → Review)."""
    row = window.model.row_of(order_id(window.store, order))
    assert row is not None
    flags = QItemSelectionModel.SelectionFlag
    window.table.selectionModel().setCurrentIndex(
        window.model.index(row, 0), flags.ClearAndSelect | flags.Rows
    )
    assert window.selected_order() == order_id(window.store, order)
    qtbot.keyClick(window.table, Qt.Key.Key_R, CTRL_SHIFT)
    review = window.findChild(ReviewWindow)
    assert isinstance(review, ReviewWindow)
    qtbot.waitExposed(review)
    activate(qtbot, review)
    return review


def sign_in(qtbot, dialog: LoginDialog | LockDialog, login: str | None, password: str) -> None:
    if login is not None:
        assert isinstance(dialog, LoginDialog)
        qtbot.keyClicks(dialog.login, login)
    qtbot.keyClicks(dialog.password, password)
    click_button(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)


def click_button(qtbot, dialog: FormDialog, which: QDialogButtonBox.StandardButton) -> None:
    button = dialog.buttons.button(which)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def compose(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` as an input method commits it (how Chinese is typed; Qt's
    test keys are ASCII only)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
