"""The register as a user works it (#12): every header sorts, every order shows when it is
due and whether it is late, the words on screen filter, Escape clears the filter, and the Status
and Review columns say different things."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QBrush

from qms_review.core.orders.revisions import (
    RevisionContent,
    add_revision,
    find_or_create_customer,
    working_days_after,
)
from qms_review.core.oversight.register import Column
from qms_review.core.store import settings
from qms_review.core.store.vocabulary import OrderKind
from qms_review.gui.main_window import MainWindow
from qms_review.gui.order_view import OrderView
from qms_review.gui.register_model import RegisterModel
from tests import corpus


@pytest.fixture
def register(window: MainWindow, demo_store) -> MainWindow:
    with window.store.write("tester") as session:  # received long ago, no review started
        customer = find_or_create_customer(session, "Late Ltd", "L-1")
        received = RevisionContent(received_at=datetime(2026, 1, 5, 12, tzinfo=UTC))
        add_revision(session, customer, OrderKind.ORDER, "PO-LATE", received, "tester")
    window.resize(2600, 900)
    window.refresh()
    return window


def _column(window: MainWindow, column: Column) -> list[str]:
    model = window.model
    return [model.index(row, column).data() or "" for row in range(model.rowCount())]


def _click_header(qtbot, window: MainWindow, column: Column) -> None:
    header = window.table.horizontalHeader()
    window.table.scrollTo(window.model.index(0, column))
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def _key(column: Column, shown: str) -> object:
    if column in (Column.FINDINGS, Column.CLARIFICATIONS):
        return int(shown or 0)
    return shown


@pytest.mark.parametrize(
    "column", [Column.FINDINGS, Column.REVIEW, Column.DUE, Column.CLARIFICATIONS, Column.NUMBER]
)
def test_clicking_each_header_sorts_by_it(qtbot, register: MainWindow, column: Column):
    header = register.table.horizontalHeader()
    _click_header(qtbot, register, column)
    assert header.sortIndicatorSection() == column
    first = header.sortIndicatorOrder()
    shown = _column(register, column)
    assert len(set(shown)) > 1
    if column is not Column.REVIEW:  # the review's stage sorts in its own order, not A to Z
        dated = [_key(column, s) for s in shown if s or column is not Column.DUE]
        assert dated == sorted(dated, reverse=first == Qt.SortOrder.DescendingOrder)
    _click_header(qtbot, register, column)  # again: the other way round
    assert header.sortIndicatorSection() == column
    assert header.sortIndicatorOrder() != first
    again = _column(register, column)
    if column is Column.DUE:  # orders with no due date stay last
        assert [s for s in again if s] == list(reversed([s for s in shown if s]))
    elif column is not Column.REVIEW:
        assert [_key(column, s) for s in again] == sorted(
            (_key(column, s) for s in shown), reverse=first == Qt.SortOrder.AscendingOrder
        )
    else:
        assert again[0] == shown[-1]


def test_every_column_sorts(qtbot, register: MainWindow):
    header = register.table.horizontalHeader()
    for column in Column:
        _click_header(qtbot, register, column)
        assert header.sortIndicatorSection() == column
        assert register.model.rowCount() == 45


def test_an_order_without_review_is_due_and_late_in_red(register: MainWindow):
    rows = dict(
        zip(_column(register, Column.NUMBER), range(register.model.rowCount()), strict=True)
    )
    late = rows["PO-LATE"]
    model = register.model
    assert model.index(late, Column.REVIEW).data() == "Not started"
    assert model.index(late, Column.DUE).data() == "2026-01-08 (overdue)"
    brush = model.index(late, Column.DUE).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush)
    assert brush.color().red() > 150


def test_typing_overdue_finds_the_orders_shown_overdue(qtbot, register: MainWindow):
    late = sum("(overdue)" in due for due in _column(register, Column.DUE))
    assert late >= 1
    qtbot.keyClicks(register.filter, "overdue")
    assert register.model.rowCount() == late
    assert all("(overdue)" in due for due in _column(register, Column.DUE))
    assert "PO-LATE" in _column(register, Column.NUMBER)


def test_typing_in_review_finds_the_orders_in_review(qtbot, register: MainWindow):
    in_review = _column(register, Column.STATUS).count("In review")
    assert in_review
    qtbot.keyClicks(register.filter, "in review")
    assert register.model.rowCount() == in_review
    assert set(_column(register, Column.STATUS)) == {"In review"}


def test_the_words_in_chinese_filter_too(register: MainWindow, languages):
    languages.apply("zh_CN")
    try:
        late = sum("（逾期）" in due or "(逾期)" in due for due in _column(register, Column.DUE))
        in_review = _column(register, Column.STATUS).count("评审中")
        register.filter.insert("逾期")  # QTest.keyClicks cannot type Hanzi
        assert register.model.rowCount() == late
        assert all("逾期" in due for due in _column(register, Column.DUE))
        register.filter.clear()
        register.filter.insert("评审中")
        assert register.model.rowCount() == in_review
        register.filter.clear()
        register.filter.insert("未开始")
        assert set(_column(register, Column.REVIEW)) == {"未开始"}
    finally:
        languages.apply("en")


def test_escape_clears_the_filter(qtbot, register: MainWindow):
    qtbot.keyClicks(register.filter, "zzzz")
    assert register.model.rowCount() == 0
    qtbot.keyClick(register.filter, Qt.Key.Key_Escape)
    assert register.filter.text() == ""
    assert register.model.rowCount() == 45
    assert register.count_label.text() == "45 orders"


def test_status_and_review_say_different_things(register: MainWindow):
    for row in range(register.model.rowCount()):
        status = register.model.index(row, Column.STATUS).data()
        review = register.model.index(row, Column.REVIEW).data()
        assert status.casefold() != review.casefold()
    assert "In review" not in _column(register, Column.REVIEW)
    assert set(_column(register, Column.REVIEW)) >= {"Not started", "Functions signing", "Decided"}


def test_imported_order_is_due_by_the_setting(qtbot, window: MainWindow, tmp_path: Path):
    """Import through the window: the new order, no review yet, is due the settings' working
    days after receipt (here ten, not the default three)."""
    values = settings.Settings.in_folder(window.folder)
    values.set(settings.REVIEW_DUE_DAYS, "10")
    values.save()
    wizard = window.import_file(corpus.messy(tmp_path / "po.xlsx"))
    assert wizard is not None
    while wizard.currentPage() is not wizard.check_page:
        wizard.next()
    wizard.accept()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=5000)
    assert window.model.rowCount() == 1
    assert window.model.index(0, Column.REVIEW).data() == "Not started"
    expected = working_days_after(datetime.now(UTC).astimezone().date(), 10)
    assert window.model.index(0, Column.DUE).data() == expected.isoformat()


@pytest.mark.parametrize(
    ("column", "needle"),
    [
        (Column.DUE, ""),
        (Column.REVIEW, ""),
        (Column.FINDINGS, "overdue"),
        (Column.CLARIFICATIONS, "in review"),
    ],
)
def test_register_model_passes_the_model_tester_sorted_and_filtered(
    qtmodeltester, store, column: Column, needle: str, demo_store
):
    model = RegisterModel(store)
    model.reload()
    model.sort(column, Qt.SortOrder.AscendingOrder)
    model.set_filter(needle)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() > 0


def test_down_and_enter_in_the_filter_reach_the_orders_found(qtbot, make_session):
    from PySide6.QtWidgets import QApplication

    from tests.gui.helpers import start_session
    from tests.helpers import order_id

    main = start_session(qtbot, make_session(), "sales")
    qtbot.keyClick(main.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(main.filter, "261015")
    qtbot.waitUntil(lambda: main.model.rowCount() == 1)
    qtbot.keyClick(main.filter, Qt.Key.Key_Down)
    assert main.table.hasFocus()
    assert main.selected_order() == order_id(main.store, "PO-1003-261015")
    main.filter.setFocus()
    qtbot.keyClick(main.filter, Qt.Key.Key_Return)  # opens it
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), OrderView))
    view = QApplication.activeWindow()
    assert "PO-1003-261015" in view.windowTitle()
    view.close()


def test_the_register_stays_usable_beside_a_review_and_an_order(qtbot, make_session):
    """A review and an order view are windows beside the register, not modal: the user can
    filter and open another order while they are open; asking for the same review again brings
    its window to the front rather than opening a second one."""
    from PySide6.QtWidgets import QApplication

    from qms_review.gui.review.window import ReviewWindow
    from tests.gui.helpers import open_review_by_keyboard, start_session

    main = start_session(qtbot, make_session(), "sales")
    review = open_review_by_keyboard(qtbot, main, "PO-1001-RUSH")
    qtbot.waitExposed(review)
    assert QApplication.activeModalWidget() is None
    # back in the register: filter and open another order, the review still open
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    qtbot.keyClick(main.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(main.filter, "261015")
    qtbot.waitUntil(lambda: main.model.rowCount() == 1)
    qtbot.keyClick(main.filter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), OrderView))
    order = QApplication.activeWindow()
    assert "PO-1003-261015" in order.windowTitle()
    assert review.isVisible()
    # the same review again: its window, not a second one
    main.filter.clear()
    qtbot.waitUntil(lambda: main.model.rowCount() > 1)
    again = open_review_by_keyboard(qtbot, main, "PO-1001-RUSH")
    assert again is review
    assert len([w for w in main.findChildren(ReviewWindow) if w.isVisible()]) == 1
    order.close()
    review.close()


def test_a_new_filter_shows_its_first_match_at_the_top(qtbot, window, demo_store):
    """Scrolled down the register, then a word typed: the table starts at the filter's first
    match (none hidden above it), and Down then Enter opens the order shown first."""
    window.resize(1000, 400)
    window.show()
    qtbot.waitExposed(window)
    window.table.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.table, Qt.Key.Key_PageDown)
    assert window.table.verticalScrollBar().value() > 0
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.filter, "order")
    window.model.settle()
    assert window.table.verticalScrollBar().value() == 0
    assert window.table.rowAt(0) == 0
    first = window.model.order_id(0)
    qtbot.keyClick(window.filter, Qt.Key.Key_Down)
    assert window.selected_order() == first
    assert window.table.rowAt(window.table.visualRect(window.model.index(0, 0)).center().y()) == 0
