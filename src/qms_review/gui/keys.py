"""Keyboard shortcuts shared by the windows: undo and redo.

Redo is the platform's standard key (Ctrl+Shift+Z on Linux and macOS, Ctrl+Y and Ctrl+Shift+Z on
Windows) and Ctrl+Y everywhere, as people coming from any desktop expect. One action holds all
the keys of its command: two shortcuts with the same key in one window would be ambiguous, and
Qt would run neither.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget


def keys(standard: QKeySequence.StandardKey, *extra: str) -> list[QKeySequence]:
    """The platform's keys for ``standard``, then ``extra`` ones it does not already have."""
    found = list(QKeySequence.keyBindings(standard))
    for key in extra:
        sequence = QKeySequence(key)
        if sequence not in found:
            found.append(sequence)
    return found


def undo_keys() -> list[QKeySequence]:
    return keys(QKeySequence.StandardKey.Undo)


def redo_keys() -> list[QKeySequence]:
    return keys(QKeySequence.StandardKey.Redo, "Ctrl+Y")


def undo_actions(
    stack: QUndoStack, window: QWidget, undo_text: str, redo_text: str
) -> tuple[QAction, QAction]:
    """Undo and redo of ``stack`` with their keys, active anywhere in ``window`` (added to it;
    enabled only when there is something to undo or redo)."""
    undo = stack.createUndoAction(window, undo_text)
    undo.setShortcuts(undo_keys())
    redo = stack.createRedoAction(window, redo_text)
    redo.setShortcuts(redo_keys())
    window.addAction(undo)
    window.addAction(redo)
    return undo, redo
