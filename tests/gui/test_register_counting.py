"""The register counts in the background (#16): a keystroke shows the filter's first page at
once, the window says it is counting, and when the count lands the row count, the scrollbar and
the words under the table are right; a count for a filter typed over is dropped."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionSlider
from sqlalchemy import insert, select, text

from qms_review.core.oversight import register
from qms_review.core.oversight.register import Column
from qms_review.core.store.models import Customer, Order, OrderRevision
from qms_review.core.store.vocabulary import OrderKind, OrderStatus
from qms_review.gui import register_background, register_model
from qms_review.gui.main_window import MainWindow
from qms_review.gui.register_background import Background
from qms_review.gui.register_model import BLOCK, ORDER_ID_ROLE
from tests.gui.helpers import compose

MANY = 3 * BLOCK + 17


@pytest.fixture
def crowded(window: MainWindow, demo_store) -> MainWindow:
    """The demo and ``MANY`` orders of one customer, numbered CNT-…"""
    with window.store.write("tester") as session:
        session.execute(insert(Customer), [{"name": "Counted Ltd", "code": "CNT"}])
        customer = session.scalar(select(Customer.id).where(Customer.code == "CNT"))
        first = (session.scalar(select(Order.id).order_by(Order.id.desc()).limit(1)) or 0) + 1
        ids = range(first, first + MANY)
        session.execute(
            insert(Order),
            [
                {"id": i, "customer_id": customer, "kind": OrderKind.ORDER, "number": f"CNT-{i}"}
                | {"status": OrderStatus.RECEIVED, "revision_count": 1}
                for i in ids
            ],
        )
        session.execute(
            insert(OrderRevision),
            [{"order_id": i, "number": 1, "line_count": 1, "created_by": "t"} for i in ids],
        )
    window.refresh()
    return window


def _gated(monkeypatch: pytest.MonkeyPatch, name: str) -> threading.Event:
    """``register.<name>`` called in the background waits until the test sets the event (the
    GUI thread's calls do not)."""
    gate = threading.Event()
    real = getattr(register, name)

    def slow(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is not threading.main_thread():
            assert gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(register, name, slow)
    return gate


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Background counts wait until the test sets the event (the GUI thread's do not)."""
    gate = _gated(monkeypatch, "count_matching")
    yield gate
    gate.set()


def _expected(window: MainWindow, needle: str) -> list[int]:
    with window.store.read() as session:
        return register.matching_ids(session, needle)


def _numbers(window: MainWindow) -> list[str]:
    model = window.model
    return [model.index(row, Column.NUMBER).data() for row in range(model.rowCount())]


def test_the_first_page_shows_at_once_and_the_count_when_it_lands(
    qtbot, crowded: MainWindow, held: threading.Event
):
    total = crowded.model.total
    matching = _expected(crowded, "cnt")
    assert len(matching) == MANY
    qtbot.keyClicks(crowded.filter, "cnt")
    # the first page, in the register's order, before any count
    assert crowded.model.rowCount() == BLOCK
    assert crowded.count_label.text() == f"At least {BLOCK} of {total} orders match (counting…)"
    ids = [crowded.model.order_id(row) for row in range(BLOCK)]
    assert ids == matching[:BLOCK]
    held.set()
    qtbot.waitUntil(lambda: crowded.count_label.text() == f"{MANY} of {total} orders match")
    assert crowded.model.rowCount() == MANY
    bar = crowded.table.verticalScrollBar()
    bar.setValue(bar.maximum())  # dragged to the end: the last rows are there
    last = crowded.table.rowAt(crowded.table.viewport().height() - 2)
    assert last == MANY - 1 or last == -1  # the last row, or below it
    assert [crowded.model.order_id(row) for row in range(MANY)] == matching
    assert all(number.startswith("CNT-") for number in _numbers(crowded))


def test_a_count_for_a_filter_typed_over_is_dropped(
    qtbot, crowded: MainWindow, held: threading.Event
):
    total = crowded.model.total
    broad = _expected(crowded, "c")
    qtbot.keyClicks(crowded.filter, "cnt")
    assert crowded.model.counting
    qtbot.keyClick(crowded.filter, Qt.Key.Key_Backspace)
    qtbot.keyClick(crowded.filter, Qt.Key.Key_Backspace)  # "c": a count of its own
    assert crowded.model.rowCount() == BLOCK
    held.set()
    qtbot.waitUntil(lambda: not crowded.model.counting)
    qtbot.wait(50)  # any count still on its way has landed
    assert crowded.model.rowCount() == len(broad) > MANY
    assert crowded.count_label.text() == f"{len(broad)} of {total} orders match"
    # typed back to "cnt": its count comes again (none was kept for it)
    qtbot.keyClicks(crowded.filter, "nt")
    qtbot.waitUntil(lambda: crowded.count_label.text() == f"{MANY} of {total} orders match")
    # cleared while counting: every order at once, and nothing lands over it
    qtbot.keyClick(crowded.filter, Qt.Key.Key_Backspace)
    qtbot.keyClick(crowded.filter, Qt.Key.Key_Backspace)
    qtbot.keyClick(crowded.filter, Qt.Key.Key_Backspace)
    assert crowded.count_label.text() == f"{total} orders"
    assert crowded.model.rowCount() == total


def test_a_filter_few_orders_match_is_counted_by_its_page(
    qtbot, crowded: MainWindow, held: threading.Event
):
    """Fewer than a page match: the page holds them all, nothing to count in the background
    (the held count would never land)."""
    total = crowded.model.total
    qtbot.keyClicks(crowded.filter, "261015")
    assert crowded.model.rowCount() == 1
    assert not crowded.model.counting
    assert crowded.count_label.text() == f"1 of {total} orders match"


def test_finding_an_order_waits_for_the_count(qtbot, crowded: MainWindow, held: threading.Event):
    """Going to an order by its row (after an import, say) needs every row: the count is made
    on the spot rather than waited for."""
    last = _expected(crowded, "cnt")[-1]
    qtbot.keyClicks(crowded.filter, "cnt")
    assert crowded.model.counting
    row = crowded.model.row_of(last)
    assert row == MANY - 1
    assert crowded.model.rowCount() == MANY
    assert crowded.count_label.text().startswith(f"{MANY} of ")


@pytest.mark.parametrize("descending", [True, False])
def test_rows_reached_in_any_order_are_the_registers(qtbot, crowded: MainWindow, descending):
    """Dragging the scrollbar anywhere reads the pages between by keyset in one go (from the
    nearest page read, or from either end): every row is the one the register's order puts
    there, whichever row is read first."""
    header = crowded.table.horizontalHeader()
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    header.setSortIndicator(Column.NUMBER, order)
    with crowded.store.read() as session:
        every = register.matching_ids(session, "", Column.NUMBER, descending)
    count = len(every)
    assert count > 4 * BLOCK
    for first in (count - 1, count - 2 * BLOCK - 3, 3 * BLOCK + 1, 2 * BLOCK, BLOCK // 2):
        crowded.refresh()  # no page read
        bar = crowded.table.verticalScrollBar()
        bar.setValue(bar.maximum() * first // count)
        qtbot.wait(1)
        rows = [first, *range(count)]
        assert [crowded.model.order_id(row) for row in rows] == [every[first], *every]


def test_a_short_word_the_newest_orders_lack_is_looked_for_in_the_background(
    qtbot, crowded: MainWindow, monkeypatch: pytest.MonkeyPatch
):
    """A word too short for the search index that the orders a keystroke reads (here the
    newest ``BLOCK``) do not hold: the keystroke shows what they held (nothing) at once, and
    the orders holding it, with their count, come from the background; the keystroke never
    reads every order."""
    monkeypatch.setattr(register, "BROAD", 1.0)  # a keystroke reads the newest BLOCK orders
    gate = _gated(monkeypatch, "page")
    total = crowded.model.total
    matching = _expected(crowded, "华强")
    assert 0 < len(matching) < BLOCK
    compose(crowded.filter, "华强")
    assert crowded.model.rowCount() == 0
    assert crowded.model.counting
    assert crowded.count_label.text() == f"Looking through all {total} orders…"
    gate.set()
    qtbot.waitUntil(
        lambda: crowded.count_label.text() == f"{len(matching)} of {total} orders match"
    )
    assert [crowded.model.order_id(row) for row in range(len(matching))] == matching
    assert all("华强" in crowded.model.index(row, Column.CUSTOMER).data() for row in range(2))


def _drag_thumb(qtbot, window: MainWindow, share: float) -> None:
    """Drag the table's scrollbar thumb to ``share`` of its groove, with the mouse."""
    bar = window.table.verticalScrollBar()
    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    style = bar.style()
    thumb = style.subControlRect(
        QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarSlider, bar
    )
    groove = style.subControlRect(
        QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarGroove, bar
    )
    target = QPoint(thumb.center().x(), groove.top() + round(groove.height() * share))
    qtbot.mousePress(bar, Qt.MouseButton.LeftButton, pos=thumb.center())
    qtbot.mouseMove(bar, target)
    qtbot.mouseRelease(bar, Qt.MouseButton.LeftButton, pos=target)


def test_a_jump_far_into_the_register_answers_at_once_and_its_rows_follow(
    qtbot, crowded: MainWindow, monkeypatch: pytest.MonkeyPatch
):
    """The thumb dragged far from any page read (here: more than no page away): the table
    answers at once, the rows it lands on showing "…", read in the background; then the
    rows, in the register's order."""
    monkeypatch.setattr(register_model, "HOPS", 0)
    gate = _gated(monkeypatch, "page")
    matching = _expected(crowded, "")
    crowded.table.resize(crowded.table.width(), 300)
    _drag_thumb(qtbot, crowded, 0.5)
    top = crowded.table.rowAt(0)
    assert top > BLOCK  # beyond the pages read
    crowded.table.viewport().repaint()
    assert crowded.model.reading
    assert crowded.model.index(top, Column.CUSTOMER).data() == "…"
    gate.set()
    qtbot.waitUntil(lambda: not crowded.model.reading)
    shown = range(top, top + 5)
    assert [crowded.model.index(row, 0).data(ORDER_ID_ROLE) for row in shown] == [
        matching[row] for row in shown
    ]


def test_a_job_stopped_before_its_statement_begins_runs_none(qtbot, store):
    """A newer keystroke stops the background's job even while it is still building its
    query (the database's interrupt stops only a statement running): no statement runs, so
    none takes a processor from the keystroke."""
    background = Background(store)
    began, go = threading.Event(), threading.Event()
    ran: list[int] = []

    def job(session: Any) -> None:
        began.set()
        assert go.wait(5)
        ran.append(session.connection().execute(text("SELECT 1")).scalar())

    failed: list[int] = []
    background.failed.connect(failed.append)
    background.start(1, job)
    qtbot.waitUntil(began.is_set)
    background.cancel()
    go.set()
    assert background.wait(5000)
    qtbot.wait(20)
    assert ran == []
    assert failed == []  # stopped, not broken: nothing for the model to redo


def test_a_short_word_in_more_orders_than_are_held_shows_every_one(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
):
    """A word the newest orders lack but more orders hold than the background brings keys of
    (``HELD``, here two pages): its count comes apart, and every row after the pages held is
    read by keyset from them — none blank, none twice."""
    monkeypatch.setattr(register, "BROAD", 1.0)  # a keystroke reads the newest BLOCK orders
    monkeypatch.setattr(register_background, "HELD", 2 * BLOCK)
    old, new = 3 * BLOCK + 7, BLOCK + 5
    with window.store.write("tester") as session:
        session.execute(insert(Customer), [{"name": "Held Ltd", "code": "HLD"}])
        customer = session.scalar(select(Customer.id).where(Customer.code == "HLD"))
        numbers = [f"ZQ-{i}" for i in range(old)] + [f"NEW-{i}" for i in range(new)]
        session.execute(
            insert(Order),
            [
                {"id": i + 1, "customer_id": customer, "kind": OrderKind.ORDER, "number": n}
                | {"status": OrderStatus.RECEIVED, "revision_count": 1}
                for i, n in enumerate(numbers)
            ],
        )
        session.execute(
            insert(OrderRevision),
            [
                {"order_id": i + 1, "number": 1, "line_count": 1, "created_by": "t"}
                | {"received_at": datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=i)}
                for i in range(len(numbers))
            ],
        )
    window.refresh()
    matching = _expected(window, "zq")
    assert len(matching) == old
    qtbot.keyClicks(window.filter, "zq")
    assert window.model.rowCount() == 0  # none among the newest
    qtbot.waitUntil(lambda: not window.model.counting)
    assert window.model.rowCount() == old
    shown = [window.model.index(row, 0).data(ORDER_ID_ROLE) for row in range(old)]
    assert shown == matching


def test_typing_sorted_by_a_column_without_an_index_reads_in_the_background(
    qtbot, crowded: MainWindow, monkeypatch: pytest.MonkeyPatch
):
    """Sorted by customer (no index reads the orders in that order: each first page would be
    every match sorted, 15–145 ms at 100,000 orders), a keystroke reads nothing: the first page
    comes from the background with the count, in the customers' order."""
    monkeypatch.setattr(register, "BROAD", 1.0)  # more orders than a keystroke reads
    monkeypatch.setattr(register, "FEW", 0)  # "cnt" is in too many orders to sort at once
    header = crowded.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.CUSTOMER) + header.sectionSize(Column.CUSTOMER) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == Column.CUSTOMER
    gate = _gated(monkeypatch, "page")
    total = crowded.model.total
    qtbot.keyClicks(crowded.filter, "cnt")
    assert crowded.model.rowCount() == 0
    assert crowded.count_label.text() == f"Looking through all {total} orders…"
    gate.set()
    qtbot.waitUntil(lambda: not crowded.model.counting)
    with crowded.store.read() as session:
        order = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        expected = register.matching_ids(session, "cnt", Column.CUSTOMER, order)
    assert len(expected) == MANY
    shown = [crowded.model.index(row, 0).data(ORDER_ID_ROLE) for row in range(MANY)]
    assert shown == expected
