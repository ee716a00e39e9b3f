"""Whether a window holds work a person typed and has not saved (asked about before it goes)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
    QWizard,
)


def has_typed_text(window: QWidget) -> bool:
    """Whether ``window`` holds work typed and not saved: an import under way, or a text field
    the user edited (a password field is not work; a field set by the program is not edited)."""
    if isinstance(window, QWizard):
        return True
    for line in window.findChildren(QLineEdit):
        if (
            line.window() is window  # not a field of a dialog this window owns: that one counts
            and line.isModified()
            and line.text()
            and line.isEnabled()
            and not line.isReadOnly()
            and line.echoMode() == QLineEdit.EchoMode.Normal
            and not isinstance(line.parent(), QAbstractSpinBox)
        ):
            return True
    texts: list[QPlainTextEdit | QTextEdit] = [
        *window.findChildren(QPlainTextEdit),
        *window.findChildren(QTextEdit),
    ]
    return any(text.window() is window and _edited(text) for text in texts)


def _edited(text: QPlainTextEdit | QTextEdit) -> bool:
    return (
        not text.isReadOnly() and text.document().isModified() and bool(text.toPlainText().strip())
    )
