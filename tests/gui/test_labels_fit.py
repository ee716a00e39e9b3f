"""Texts that wrap are shown whole, in every language: the login of the second start (its
hint grows when the database has opened) and the register's filters, at 1366×768."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from qms_review.core.store.database import Store
from qms_review.gui.i18n import Languages
from qms_review.gui.starting import StartLogin

SHOTS = os.environ.get("QMS_REVIEW_SHOTS")  # a folder to save the screenshots in, to look at


def _clipped(widget: QWidget) -> list[str]:
    """The visible labels and buttons of ``widget`` whose text needs more room than they have."""
    cut = []
    for label in widget.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if label.height() < needed:
                cut.append(f"{label.text()!r}: {label.height()} < {needed}")
        elif label.width() < label.sizeHint().width():
            cut.append(f"{label.text()!r}: width {label.width()} < {label.sizeHint().width()}")
    for button in widget.findChildren(QAbstractButton):
        if button.isVisible() and button.text() and button.width() < button.sizeHint().width():
            cut.append(f"{button.text()!r}: width {button.width()} < {button.sizeHint().width()}")
    return cut


def _shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_second_starts_login_shows_its_texts_whole(
    qtbot, demo_store: Store, url: str, folder: Path, languages: Languages, language: str
):
    languages.apply(language)
    dialog = StartLogin(url, folder, {}, language)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    try:
        qtbot.waitUntil(lambda: "sales-demo" in dialog.hint.text())  # the database is open
        qtbot.wait(50)
        _shot(dialog, f"login-{language}")
        assert _clipped(dialog) == []
    finally:
        if dialog.store is not None:
            dialog.store.close()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_registers_toolbar_shows_its_texts_whole(
    qtbot, make_session, languages: Languages, language: str
):
    from tests.gui.helpers import start_session

    languages.apply(language)
    window = start_session(qtbot, make_session(), "sales")
    window.resize(1180, 706)  # what screen.fit gives it on a 1366×768 laptop
    qtbot.wait(50)
    _shot(window, f"register-{language}")
    assert window.mine.isVisible()
    assert _clipped(window.toolbar) == []
    right = window.mine.mapTo(window, window.mine.rect().topRight()).x()
    assert right + 4 <= window.width()  # on screen, with some room
    other = "zh_CN" if language == "en" else "en"
    languages.apply(other)  # the language changed while the window is open
    qtbot.wait(50)
    _shot(window, f"register-{language}-then-{other}")
    assert _clipped(window.toolbar) == []
    right = window.mine.mapTo(window, window.mine.rect().topRight()).x()
    assert right + 4 <= window.width()
