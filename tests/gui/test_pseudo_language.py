"""A language made only of files (``xx.po``/``xx.mo`` in a resources folder the program is
pointed at) reaches every window: menus, the register, the review window, dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu
from sqlalchemy import select

from qms_review.core.identity import users
from qms_review.core.store.database import Store
from qms_review.core.store.models import Order
from qms_review.gui.main_window import MainWindow
from qms_review.gui.register_model import Column
from qms_review.gui.settings_dialog import SettingsDialog
from qms_review.resources import ENVIRONMENT
from tests.catalogues import CLOSE, OPEN, PSEUDO, pseudo_resources


@pytest.fixture
def pseudo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = pseudo_resources(tmp_path / "resources")
    monkeypatch.setenv(ENVIRONMENT, str(folder))
    return folder


def _bracketed(text: str) -> bool:
    return OPEN in text and CLOSE in text


def _menu_texts(menu: QMenu) -> list[str]:
    texts = [menu.title()]
    for action in menu.actions():
        if action.menu() is not None:
            texts += _menu_texts(action.menu())
        elif not action.isSeparator():
            texts.append(action.text())
    return texts


def test_main_window_and_its_menus(pseudo: Path, qtbot, window: MainWindow, languages, demo_store):
    window.refresh()
    languages.apply(PSEUDO)
    assert _bracketed(window.windowTitle())
    texts = [
        t
        for menu in (window.menu_file, window.menu_view, window.menu_tools, window.menu_help)
        for t in _menu_texts(menu)
    ]
    assert len(texts) > 10
    assert [t for t in texts if not t.startswith(OPEN)] == []
    assert (
        window.model.headerData(Column.CUSTOMER, Qt.Orientation.Horizontal)
        == f"{OPEN}Customer{CLOSE}"
    )
    kinds = {window.model.index(r, Column.KIND).data() for r in range(window.model.rowCount())}
    assert kinds
    assert all(_bracketed(k) for k in kinds)
    assert _bracketed(window.count_label.text())
    languages.apply("en")
    assert window.menu_file.title() == "&File"


def test_settings_dialog_offers_it_and_speaks_it(
    pseudo: Path, qtbot, window: MainWindow, languages, folder: Path
):
    languages.apply(PSEUDO)
    dialog = SettingsDialog(folder, window.store.url, window)
    qtbot.addWidget(dialog)
    assert dialog.language.itemText(dialog.language.findData(PSEUDO)) == "Pseudo"
    assert _bracketed(dialog.windowTitle())
    assert _bracketed(dialog.language.itemText(0))  # "System language"
    labels = [w.text() for w in dialog.findChildren(QLabel) if w.text()]
    assert labels
    assert all(_bracketed(t) for t in labels), labels


def test_review_window(pseudo: Path, qtbot, store: Store, languages, folder: Path, demo_store):
    store.reload_identity()
    with store.read() as session:
        order = session.scalar(select(Order.id).where(Order.number == "PO-1002-261006"))
        sales = users.find(session, "sales")
    languages.apply(PSEUDO)
    main = MainWindow(store, languages, folder, "", person=sales)
    qtbot.addWidget(main)
    review = main.open_review(order)
    assert review is not None
    qtbot.addWidget(review)
    assert _bracketed(review.windowTitle())
    buttons = [
        b.text() for b in review.findChildren(QAbstractButton) if b.isVisibleTo(review) and b.text()
    ]
    assert len(buttons) > 5
    labels = [w.text() for w in review.findChildren(QLabel) if w.isVisibleTo(review) and w.text()]
    assert sum(_bracketed(t) for t in labels) > 5, labels
    assert [t for t in buttons if not _bracketed(t)] == []
    assert _bracketed(review.next_button.text())
