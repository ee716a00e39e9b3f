"""The customer's file in the window, driven as a person drives it: keys on the register,
clicks on tabs and buttons, typing into the forms."""

from __future__ import annotations

import re

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
)

from qms_review.gui.customer_file import CustomerFileWindow
from qms_review.gui.customer_picker import CustomerPicker
from qms_review.gui.main_window import MainWindow
from qms_review.gui.users_dialog import ActionDialog
from tests.gui.driving import button, shown
from tests.gui.helpers import CTRL_SHIFT, activate, start_session
from tests.helpers import order_id

LEFT = Qt.MouseButton.LeftButton


def _select(window: MainWindow, number: str) -> None:
    row = window.model.row_of(order_id(window.store, number))
    assert row is not None
    flags = QItemSelectionModel.SelectionFlag
    window.table.selectionModel().setCurrentIndex(
        window.model.index(row, 0), flags.ClearAndSelect | flags.Rows
    )


def _open_file(qtbot, window: MainWindow, number: str) -> CustomerFileWindow:
    _select(window, number)
    qtbot.keyClick(window.table, Qt.Key.Key_C, CTRL_SHIFT)
    found = shown(window, CustomerFileWindow)
    qtbot.waitExposed(found)
    activate(qtbot, found)
    return found


def _tab(qtbot, file: CustomerFileWindow, index: int) -> None:
    bar = file.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
    assert file.tabs.currentIndex() == index


def _form(file: CustomerFileWindow) -> ActionDialog:
    return shown(file, ActionDialog)


def _ok(qtbot, form: ActionDialog) -> None:
    ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, LEFT)


def _click_row(qtbot, table: QTableWidget, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())


def _double_click(qtbot, table: QTableWidget, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), LEFT, pos=rect.center())


def _column(table: QTableWidget, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


@pytest.fixture
def quality(qtbot, make_session) -> MainWindow:
    return start_session(qtbot, make_session(), "quality")


def test_the_file_of_the_selected_orders_customer(
    qtbot, quality: MainWindow, tmp_path, monkeypatch
):
    file = _open_file(qtbot, quality, "PO-1001-260914")
    assert file.windowTitle() == "Customer file — Northwind Pumps Ltd"
    assert [file.tabs.tabText(i) for i in range(4)] == [
        "Orders and reviews (8)",
        "Communications (1)",
        "Feedback and complaints (2)",
        "Property (1)",
    ]
    assert _column(file.orders, 1).count("PO-1001-260901") == 2  # both revisions
    _tab(qtbot, file, 1)
    assert _column(file.log, 1) == ["PO-1001-260901"]
    assert _column(file.log, 2) == ["from the customer"]
    # a double-click on an order opens it
    _tab(qtbot, file, 0)
    from qms_review.gui.order_view import OrderView

    _double_click(qtbot, file.orders, 0)
    view = shown(quality, OrderView)
    view.reject()
    # export
    target = tmp_path / "northwind.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    qtbot.mouseClick(button(file, "&Export to Excel…"), LEFT)
    assert file.status.text() == f"Saved as {target}"
    assert openpyxl.load_workbook(target).sheetnames[3] == "Customer property"


def test_a_complaint_recorded_changed_and_closed(qtbot, quality: MainWindow):
    file = _open_file(qtbot, quality, "PO-1001-260914")
    _tab(qtbot, file, 2)
    qtbot.mouseClick(button(file, "&New…"), LEFT)
    form = _form(file)
    said = form.findChild(QPlainTextEdit)
    qtbot.keyClicks(said, "Wrong labels on the boxes")
    owner = next(c for c in form.findChildren(QComboBox) if c.findData("sales") >= 0)
    owner.setCurrentIndex(owner.findData("sales"))
    _ok(qtbot, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert file.status.text().startswith("Recorded as #")
    assert file.tabs.tabText(2) == "Feedback and complaints (3)"
    assert "Wrong labels on the boxes" in _column(file.feedback, 8)
    row = _column(file.feedback, 8).index("Wrong labels on the boxes")
    assert file.feedback.item(row, 6).text() == "王丽 Wang Li"
    # changed: a double-click opens it, the text is corrected
    _click_row(qtbot, file.feedback, row)
    _double_click(qtbot, file.feedback, row)
    form = _form(file)
    said = form.findChild(QPlainTextEdit)
    assert said.toPlainText() == "Wrong labels on the boxes"
    said.selectAll()
    qtbot.keyClicks(said, "Wrong labels on 3 boxes")
    _ok(qtbot, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    row = _column(file.feedback, 8).index("Wrong labels on 3 boxes")
    # closed: not without a note
    _click_row(qtbot, file.feedback, row)
    qtbot.mouseClick(button(file, "C&lose…"), LEFT)
    form = _form(file)
    _ok(qtbot, form)
    assert form.isVisible()
    assert form.error.text() == "Fill in the closing note."
    qtbot.keyClicks(form.findChild(QPlainTextEdit), "Relabelled at the customer's site")
    _ok(qtbot, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    row = _column(file.feedback, 8).index("Wrong labels on 3 boxes")
    assert file.feedback.item(row, 3).text() == "Closed"
    assert file.feedback.item(row, 9).text() == "Relabelled at the customer's site"
    _click_row(qtbot, file.feedback, row)
    assert not button(file, "C&lose…").isEnabled()  # closed is closed
    assert not button(file, "&Change…").isEnabled()


def test_property_received_damaged_told_and_returned(qtbot, make_session):
    window = start_session(qtbot, make_session(), "planning")
    file = _open_file(qtbot, window, "PO-1001-260914")
    _tab(qtbot, file, 3)
    qtbot.keyClick(file.held, Qt.Key.Key_Insert)  # Ins: property received
    form = _form(file)
    item, quantity, unit, location = (
        form.findChild(QLineEdit, name) for name in ("item", "quantity", "unit", "location")
    )
    qtbot.keyClicks(item, "Gauge block set")
    qtbot.keyClicks(quantity, "1")
    qtbot.keyClicks(unit, "set")
    qtbot.keyClicks(form.findChild(QPlainTextEdit), "Complete, certificate enclosed")
    qtbot.keyClicks(location, "Metrology lab")
    _ok(qtbot, form)
    assert form.error.text() == ""
    qtbot.waitUntil(lambda: not form.isVisible())
    assert file.tabs.tabText(3) == "Property (2)"
    row = _column(file.held, 1).index("Gauge block set")
    assert file.held.item(row, 2).text() == "1 set"
    _click_row(qtbot, file.held, row)
    assert not button(file, "Customer &told…").isEnabled()  # nothing to tell
    qtbot.mouseClick(button(file, "Loss or &damage…"), LEFT)
    form = _form(file)
    qtbot.keyClicks(form.findChild(QPlainTextEdit), "One block chipped")
    _ok(qtbot, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    row = _column(file.held, 1).index("Gauge block set")
    assert "customer NOT yet told" in file.held.item(row, 8).text()
    summary = file.summary.text()
    assert "1 loss or damage not yet told" in summary
    assert not re.search(
        r"(?<!\d)1 (enquiries|communications|open feedback or complaints|items|losses)", summary
    ), summary
    _click_row(qtbot, file.held, row)
    qtbot.mouseClick(button(file, "Customer &told…"), LEFT)
    _ok(qtbot, _form(file))
    row = _column(file.held, 1).index("Gauge block set")
    assert "customer told 20" in file.held.item(row, 8).text()
    _click_row(qtbot, file.held, row)
    qtbot.mouseClick(button(file, "Re&turned…"), LEFT)
    _ok(qtbot, _form(file))
    row = _column(file.held, 1).index("Gauge block set")
    assert file.held.item(row, 7).text() != ""
    _click_row(qtbot, file.held, row)
    assert not button(file, "Re&turned…").isEnabled()


def test_a_function_without_the_right_is_told_in_the_form(qtbot, make_session):
    window = start_session(qtbot, make_session(), "engineering")
    file = _open_file(qtbot, window, "PO-1001-260914")
    _tab(qtbot, file, 2)
    qtbot.mouseClick(button(file, "&New…"), LEFT)
    form = _form(file)
    qtbot.keyClicks(form.findChild(QPlainTextEdit), "Anything")
    _ok(qtbot, form)
    assert form.isVisible()
    assert "sales, quality or the approver" in form.error.text()
    form.reject()


def test_the_picker_finds_a_customer_by_a_complaint(qtbot, quality: MainWindow):
    quality.table.clearSelection()
    quality.table.selectionModel().clearCurrentIndex()
    qtbot.keyClick(quality.table, Qt.Key.Key_U, CTRL_SHIFT)
    picker = shown(quality, CustomerPicker)
    activate(qtbot, picker)
    assert picker.table.rowCount() == 6
    qtbot.keyClicks(picker.search, "burrs")
    qtbot.waitUntil(lambda: picker.table.rowCount() == 1)
    assert picker.table.item(0, 5).text() == "feedback or complaint"
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    file = shown(quality, CustomerFileWindow)
    assert file.windowTitle() == "Customer file — Northwind Pumps Ltd"
    assert not picker.isVisible()


def test_the_file_speaks_chinese(qtbot, quality: MainWindow, languages):
    languages.apply("zh_CN")
    file = _open_file(qtbot, quality, "采购-20261011-2")
    assert file.windowTitle() == "客户档案 — 深圳华强精密机械有限公司"
    assert file.tabs.tabText(2) == "反馈和投诉（2）"
    assert set(_column(file.feedback, 2)) == {"投诉", "建议"}


def test_close_is_offered_only_to_who_may_close(qtbot, make_session):
    """Sales, not the owner of a complaint, finds Close… disabled on it, the tooltip saying who
    closes it (before typing any note); quality may close every open entry."""
    window = start_session(qtbot, make_session(), "sales")
    file = _open_file(qtbot, window, "PO-1001-260914")
    _tab(qtbot, file, 2)
    owners = _column(file.feedback, 6)
    states = _column(file.feedback, 3)
    others = [
        r
        for r, (o, s) in enumerate(zip(owners, states, strict=True))
        if s == "Open" and "Wang Li" not in o
    ]
    assert others, (owners, states)
    _click_row(qtbot, file.feedback, others[0])
    close = button(file, "C&lose…")
    assert not close.isEnabled()
    assert "closed by quality, the approver or its owner" in close.toolTip()
    assert button(file, "&New…").isEnabled()
