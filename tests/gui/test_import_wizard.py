"""Importing through the GUI: file → wizard → register, amendments and their differences."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox, QWizard

from qms_review.core.oversight.register import Column
from qms_review.gui.differences import DifferencesDialog
from qms_review.gui.import_wizard import ImportWizard
from qms_review.gui.main_window import MainWindow
from tests import corpus


def _wizard(window: MainWindow, path: Path) -> ImportWizard:
    wizard = window.import_file(path)
    assert wizard is not None
    return wizard


def _finish(qtbot, wizard: ImportWizard) -> None:
    while wizard.currentPage() is not wizard.check_page:
        wizard.next()
    assert wizard.check_page.isComplete(), [i.message() for i in wizard.plan.errors]
    wizard.accept()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=5000)


def test_import_journey(qtbot, window: MainWindow, tmp_path: Path):
    assert window.empty.import_button.isVisible()
    wizard = _wizard(window, corpus.messy(tmp_path / "po.xlsx"))
    assert wizard.sheet_page.sheet.currentData() == "采购订单"
    assert wizard.sheet_page.header_row.value() == 7
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    fields_shown = [c.currentData() for c in wizard.mapping_page.combos]
    assert fields_shown[:5] == [
        "line_no",
        "part_number",
        "part_revision",
        "description",
        "quantity",
    ]
    assert fields_shown[9] == ""  # 客户料号: kept as extra data
    wizard.next()
    assert wizard.order_page.edits["order_number"].text() == "PO-88001"
    assert wizard.order_page.edits["order_date"].text() == "2026-11-20"
    assert not wizard.order_page.date_order.isVisibleTo(wizard)
    _finish(qtbot, wizard)
    assert window.model.rowCount() == 1
    selected = window.selected_order()
    assert selected == wizard.outcome.order_id
    row = window.table.selectionModel().selectedRows()[0].row()
    assert window.model.index(row, Column.NUMBER).data() == "PO-88001"
    assert "Imported PO-88001 revision 1" in window.statusBar().currentMessage()


def test_amendment_shows_what_changed(qtbot, window: MainWindow, tmp_path: Path):
    _finish(qtbot, _wizard(window, corpus.messy(tmp_path / "v1.xlsx")))
    amended = [list(line) for line in corpus.LINES]
    amended[0][4] = 150
    _finish(qtbot, _wizard(window, corpus.messy(tmp_path / "v2.xlsx", amended)))
    assert window.model.rowCount() == 1
    assert window.model.index(0, Column.REVISION).data() == "2"
    dialogs = window.findChildren(DifferencesDialog)
    assert dialogs
    tab = dialogs[-1].tabs
    assert tab.tabText(0) == "Against revision 1 (1)"
    cells = [tab.widget(0).model().index(0, c).data() for c in range(6)]
    assert cells == ["changed", "10", "HB-1020", "Qty", "100", "150"]


def test_unknown_headers_are_mapped_by_hand(qtbot, window: MainWindow, tmp_path: Path):
    path = corpus.unknown_headers(tmp_path / "k.xlsx")
    wizard = _wizard(window, path)
    wizard.sheet_page.header_row.setValue(3)
    wizard.next()
    combos = wizard.mapping_page.combos
    assert not wizard.mapping_page.isComplete()
    combos[0].setCurrentIndex(combos[0].findData("part_number"))
    combos[1].setCurrentIndex(combos[1].findData("quantity"))
    combos[2].setCurrentIndex(combos[2].findData("delivery_date"))
    assert wizard.mapping_page.isComplete()
    _finish(qtbot, wizard)
    assert wizard.outcome.lines == 1


def test_ambiguous_dates_are_asked(qtbot, window: MainWindow, tmp_path: Path):
    lines = [[10, "A", "", "", 1, "件", 1, "03/04/2027", None, None]]
    wizard = _wizard(window, corpus.messy(tmp_path / "d.xlsx", lines))
    wizard.next()
    wizard.next()
    assert wizard.order_page.date_order.isVisibleTo(wizard)
    wizard.order_page.date_order.setCurrentIndex(wizard.order_page.date_order.findData("mdy"))
    _finish(qtbot, wizard)
    assert wizard.plan.lines[0]["delivery_date"] == date(2027, 3, 4)


def test_check_page_jumps_to_each_problem(qtbot, window: MainWindow, tmp_path: Path):
    path = corpus.messy(tmp_path / "bad.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["G9"] = "#REF!"
    book.save(path)
    wizard = _wizard(window, path)
    while wizard.currentPage() is not wizard.check_page:
        wizard.next()
    page = wizard.check_page
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert "#REF!" in page.issues.item(0).text()
    page.issues.setCurrentRow(0)
    current = page.preview.currentIndex()
    assert (current.row(), current.column()) == (8, 6)  # G9


def test_unreadable_file_is_explained(window: MainWindow, tmp_path: Path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    (tmp_path / "fake.xlsx").write_text("not a workbook")
    assert window.import_file(tmp_path / "fake.xlsx") is None
    assert "fake.xlsx" in shown[0]
    assert "not a .xlsx spreadsheet" in shown[0]


def test_drop_a_file_on_the_window(qtbot, window: MainWindow, tmp_path: Path, monkeypatch):
    received: list[Path] = []
    monkeypatch.setattr(window, "import_file", lambda path: received.append(path))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "order.xlsx"))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: received == [tmp_path / "order.xlsx"])
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "photo.jpg"))])
    window.dropEvent(
        QDropEvent(
            QPointF(1, 1),
            Qt.DropAction.CopyAction,
            other,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    assert received == [tmp_path / "order.xlsx"]


def test_save_template_from_the_menu(window: MainWindow, tmp_path: Path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "template.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    window.act_template.trigger()
    assert target.exists()


def test_clicking_a_preview_row_makes_it_the_header_row(qtbot, window: MainWindow, tmp_path: Path):
    """The click is delivered to the preview whose model the new analysis replaces: the page
    shows it after the click (the old model deleted later), and nothing crashes."""
    wizard = _wizard(window, corpus.unknown_headers(tmp_path / "k.xlsx"))
    qtbot.waitExposed(wizard)
    page = wizard.sheet_page
    before = page.preview.model()
    rect = page.preview.visualRect(before.index(2, 0))
    qtbot.mouseClick(page.preview.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.header_row.value() == 3
    assert page.preview.model() is before  # not replaced inside the click
    assert wizard.plan.layout is not None
    assert wizard.plan.layout.header_row == 2
    qtbot.waitUntil(lambda: page.preview.model() is not before)
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page


def test_a_verbal_order_is_marked_on_import(qtbot, window: MainWindow, tmp_path: Path):
    from sqlalchemy import select

    from qms_review.core.store.models import OrderRevision

    wizard = _wizard(window, corpus.messy(tmp_path / "po.xlsx"))
    wizard.next()
    wizard.next()
    assert not wizard.order_page.verbal.isChecked()
    wizard.order_page.verbal.setChecked(True)
    _finish(qtbot, wizard)
    with window.store.read() as session:
        assert session.scalars(select(OrderRevision.verbal)).all() == [True]
