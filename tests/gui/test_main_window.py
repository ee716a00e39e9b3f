"""The main window as a user meets it: empty state, demo, filter, sort, language, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from qms_review import __version__
from qms_review.core.oversight.register import Column
from qms_review.core.store import settings
from qms_review.gui import crash
from qms_review.gui.main_window import MainWindow
from qms_review.gui.register_model import ORDER_ID_ROLE, RegisterModel
from qms_review.gui.settings_dialog import SettingsDialog


def test_empty_register_offers_the_demo(qtbot, window: MainWindow):
    assert window.stack.currentWidget() is window.empty
    assert window.count_label.text() == "No orders yet"
    assert "[DEMO" not in window.windowTitle()
    qtbot.mouseClick(window.empty.demo_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.table
    assert window.model.rowCount() == 44
    assert window.count_label.text() == "44 orders"
    assert "[DEMO DATABASE]" in window.windowTitle()
    assert not window.act_demo.isEnabled()


def test_demo_refused_on_a_full_database(window: MainWindow, monkeypatch, demo_store):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    window.load_demo()
    assert "already holds 44 orders" in shown[0]


def test_filter_answers_each_keystroke(qtbot, window: MainWindow, demo_store):
    window.refresh()
    for character in "华强":  # QTest.keyClicks cannot type Hanzi; insert is one keystroke each
        window.filter.insert(character)
        assert window.last_filter_ms < 100
    assert window.model.rowCount() == 7
    assert window.count_label.text() == "7 of 44 orders match"
    assert window.last_filter_ms < 100
    window.filter.clear()
    assert window.model.rowCount() == 44
    qtbot.keyClicks(window.filter, "zzzz")
    assert window.model.rowCount() == 0
    assert window.stack.currentWidget() is window.table  # no match is not an empty register


def test_sort_by_clicking_a_header(window: MainWindow, demo_store):
    window.refresh()
    window.table.sortByColumn(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    numbers = [window.model.index(r, Column.NUMBER).data() for r in range(window.model.rowCount())]
    assert numbers == sorted(numbers)
    window.table.sortByColumn(Column.NUMBER, Qt.SortOrder.DescendingOrder)
    assert window.model.index(0, Column.NUMBER).data() == max(numbers)


def test_register_model_passes_the_model_tester(qtmodeltester, store, demo_store):
    model = RegisterModel(store)
    model.reload()
    qtmodeltester.check(model, force_py=True)
    first = model.index(0, Column.CUSTOMER)
    assert isinstance(first.data(ORDER_ID_ROLE), int)
    assert model.row_of(model.order_id(3)) == 3


def test_model_reads_rows_in_blocks(store, monkeypatch, demo_store):
    from qms_review.core.oversight import register

    model = RegisterModel(store)
    model.reload()
    calls: list[int] = []
    real = register.rows
    monkeypatch.setattr(register, "rows", lambda s, ids: calls.append(len(ids)) or real(s, ids))
    for row in range(model.rowCount()):
        model.index(row, Column.CUSTOMER).data()
    assert calls == [44]


def test_language_switch(qtbot, window: MainWindow, languages, demo_store):
    window.refresh()
    languages.apply("zh_CN")
    assert window.menu_file.title() == "文件(&F)"
    assert "合同与订单评审" in window.windowTitle()
    assert window.model.headerData(Column.CUSTOMER, Qt.Orientation.Horizontal) == "客户"
    kinds = {window.model.index(r, Column.KIND).data() for r in range(window.model.rowCount())}
    assert kinds == {"报价", "订单", "合同"}
    assert window.count_label.text() == "44 个订单"
    languages.apply("en")
    assert window.menu_file.title() == "&File"
    assert window.model.headerData(Column.CUSTOMER, Qt.Orientation.Horizontal) == "Customer"


def test_qt_dialogs_are_translated_too(languages):
    from PySide6.QtCore import QCoreApplication

    languages.apply("zh_CN")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_settings_dialog_saves_and_applies_language(qtbot, window: MainWindow, folder: Path):
    dialog = SettingsDialog(folder, window.store.url, window)
    qtbot.addWidget(dialog)
    dialog.language_chosen.connect(window._apply_language)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.accept()
    assert settings.Settings.in_folder(folder).get(settings.LANGUAGE) == "zh_CN"
    assert window.languages.current == "zh_CN"
    assert window.menu_help.title() == "帮助(&H)"


def test_settings_dialog_refuses_a_bad_database(
    qtbot, window: MainWindow, folder: Path, monkeypatch
):
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    dialog = SettingsDialog(folder, window.store.url, window)
    qtbot.addWidget(dialog)
    dialog.database.setText("mysql://nope/db")
    dialog.accept()
    assert "mysql://nope/db" in warned[0]
    assert dialog.result() == 0
    assert settings.Settings.in_folder(folder).get(settings.DATABASE_URL) == ""


def test_settings_dialog_takes_a_plain_path(qtbot, window: MainWindow, folder: Path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    dialog = SettingsDialog(folder, window.store.url, window)
    qtbot.addWidget(dialog)
    dialog.database.setText(str(folder / "其他.sqlite3"))
    dialog.accept()
    saved = settings.Settings.in_folder(folder).get(settings.DATABASE_URL)
    assert saved.startswith("sqlite+pysqlite:///")


def test_about_shows_the_version(window: MainWindow, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.about()
    assert __version__ in shown[0]


def test_uncaught_exception_is_logged_and_shown(qapp, folder: Path, monkeypatch):
    import logging

    log_file = crash.setup_logging(folder)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    try:
        raise ValueError("a wild bug")
    except ValueError as exc:
        crash.show_exception(type(exc), exc, exc.__traceback__)
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "a wild bug" in shown[0]
    assert "a wild bug" in log_file.read_text(encoding="utf-8")
    assert log_file.stat().st_mode & 0o777 == 0o600  # it names people and orders
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", "") == str(log_file):
            root.removeHandler(handler)
            handler.close()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_window_remembers_its_geometry(qtbot, store, languages, folder: Path, language):
    languages.apply(language)
    first = MainWindow(store, languages, folder, "os:t")
    qtbot.addWidget(first)
    first.resize(700, 500)  # within the offscreen screen (800×600)
    first.close()
    assert (folder / "gui-state.ini").stat().st_mode & 0o777 == 0o600
    second = MainWindow(store, languages, folder, "os:t")
    qtbot.addWidget(second)
    assert second.size().width() == 700
