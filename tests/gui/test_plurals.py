"""One order typed with one line: the window says "1 line" and "1 order", in English and in
Chinese (one form)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox

from qms_review.gui.main_window import MainWindow
from qms_review.gui.order_form import OrderForm
from tests.gui.helpers import activate

CTRL = Qt.KeyboardModifier.ControlModifier


def test_one_order_with_one_line_is_said_in_the_singular(qtbot, window: MainWindow, languages):
    activate(qtbot, window)
    window.act_new_order.trigger()
    form = window.findChild(OrderForm)
    assert isinstance(form, OrderForm)
    qtbot.waitExposed(form)
    activate(qtbot, form)
    qtbot.keyClicks(form.texts["number"], "TEL-1")
    qtbot.keyClicks(form.texts["customer"], "Harbour Pumps Ltd")
    QGuiApplication.clipboard().setText("Part No.\tQty\tUnit\r\nHB-1020\t12\tpcs\r\n")
    form.table.setFocus()
    form.table.setCurrentIndex(form.model.index(0, 0))
    qtbot.keyClick(form.table, Qt.Key.Key_V, CTRL)
    assert form.model.rowCount() == 1
    qtbot.mouseClick(
        form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not form.isVisible())
    said = window.statusBar().currentMessage()
    assert "Saved TEL-1 revision 1: 1 line; the checks found " in said
    assert window.count_label.text() == "1 order"
    languages.apply("zh_CN")
    assert window.count_label.text() == "1 个订单"


def test_days_are_counted_in_the_singular_and_plural(languages):
    from qms_review.gui import counts

    assert [counts.days(n) for n in (1, 1.0, 2, 0, 1.5)] == [
        "1 day",
        "1 day",
        "2 days",
        "0 days",
        "1.5 days",
    ]
    languages.apply("zh_CN")
    assert counts.days(1) == "1 天"


def test_large_counts_group_their_thousands(languages):
    from qms_review.gui import counts

    assert counts.orders(1_000_000) == "1,000,000 orders"
    assert counts.lines(1234) == "1,234 lines"
    languages.apply("zh_CN")
    assert counts.orders(100_000) == "100,000 个订单"
