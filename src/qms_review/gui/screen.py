"""Window sizes that fit the screen they open on: a window asks for the size it would like,
and gets at most what the screen has room for (a 1366×768 laptop included), centred."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room left around a window for the taskbar, the title bar and the window's frame.
MARGIN = 0.92


def fit(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` × ``height``, or less where its screen is smaller."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    room = screen.availableGeometry()
    window.resize(min(width, int(room.width() * MARGIN)), min(height, int(room.height() * MARGIN)))
