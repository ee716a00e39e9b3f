"""Small helpers shared by the GUI tests."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox


def press_ok(dialog: QDialog) -> None:
    """Click the dialog's OK button, as the user would."""
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()
