"""Render the application icon from its SVG source: PNGs at the sizes desktops ask for, a
Windows .ico and a macOS .icns (Qt's SVG renderer, Pillow for the containers).

Run after changing ``resources/icons/qms-review.svg``:
``uv run python tools/icons.py`` (the files are committed; the program reads the PNGs, so it
needs no SVG support at run time).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SOURCE = ICONS / "qms-review.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render() -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE}: not a valid SVG")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = ICONS / f"qms-review-{size}.png"
        image.save(str(path))
        written.append(path)
    largest = Image.open(ICONS / "qms-review-256.png")
    largest.save(ICONS / "qms-review.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    Image.open(ICONS / "qms-review-512.png").save(ICONS / "qms-review.icns")
    return [*written, ICONS / "qms-review.ico", ICONS / "qms-review.icns"]


if __name__ == "__main__":
    for path in render():
        print(path.relative_to(ICONS.parents[1]))
