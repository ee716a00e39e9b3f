"""Driving the program as a person does, for the journey and monkey tests: modal dialogs
answered through their own widgets, buttons found by their caption, OK clicked."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton, QWidget

LEFT = Qt.MouseButton.LeftButton


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
