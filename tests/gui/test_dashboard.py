"""The dashboard as a quality manager uses it: opened by its action, a period chosen with the
keys, a figure and a bar clicked through to the orders behind them, the figures saved."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from qms_review.core import demo
from qms_review.gui.dashboard import DashboardWindow
from qms_review.gui.i18n import Languages
from qms_review.gui.main_window import MainWindow
from tests.gui.helpers import CTRL_SHIFT, activate

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def dashboard(qtbot, window: MainWindow, demo_history) -> DashboardWindow:
    demo.load(window.store, "tester")
    window.store.reload_identity()
    window.refresh()
    activate(qtbot, window)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_D, CTRL_SHIFT)  # View → Dashboard
    found = window.findChild(DashboardWindow)
    assert found is not None
    assert found.isVisible()
    qtbot.addWidget(found)
    return found


def _count(tile) -> int:
    return int(tile.text().split("\n")[0])


def test_a_figure_clicks_through_to_its_orders(qtbot, window: MainWindow, dashboard):
    total = window.model.total
    overdue = dashboard.tiles["overdue"]
    assert _count(overdue) > 0
    assert overdue.text().endswith("Overdue")
    qtbot.mouseClick(overdue, LEFT)
    assert window.model.rowCount() == _count(overdue)
    assert window.count_label.text() == f"{_count(overdue)} of {total} orders match"
    assert window.shown_figure is not None
    assert window.shown_figure.isVisible()
    assert "Overdue" in window.shown_figure.text()
    qtbot.mouseClick(window.shown_figure, LEFT)
    assert window.model.rowCount() == total
    assert not window.shown_figure.isVisible()


def test_a_bar_clicks_through_and_the_keys_reach_it(qtbot, window: MainWindow, dashboard):
    chart = dashboard.charts["decisions"]
    declined = next(i for i, bar in enumerate(chart.bars) if bar.key == "decision:declined")
    count = chart.bars[declined].value
    assert count > 0
    qtbot.mouseClick(chart, LEFT, pos=chart.bar_rects()[declined].center())
    assert window.model.rowCount() == count
    assert "Decisions: declined" in window.shown_figure.text()
    months = dashboard.charts["months"]
    assert len(months.bars) == 12  # a year of history
    months.setFocus()
    qtbot.keyClick(months, Qt.Key.Key_Right)  # the first bar chosen on focus, then the second
    qtbot.keyClick(months, Qt.Key.Key_Return)
    assert window.model.rowCount() == dashboard.figures.by_month[-12:][1].decided


def test_the_period_chosen_with_the_keys(qtbot, dashboard):
    today = date.today()
    assert dashboard.figures.scope.end == today
    assert dashboard.figures.scope.start > today - timedelta(days=366)
    year = dashboard.figures.decided
    dashboard.period.setFocus()
    qtbot.keyClick(dashboard.period, Qt.Key.Key_Down)  # the last 3 months
    assert dashboard.figures.scope.start == today - timedelta(days=91)
    assert 0 < dashboard.figures.decided < year
    dashboard.customer.setFocus()
    qtbot.keyClicks(dashboard.customer, "C-2003")
    qtbot.keyClick(dashboard.customer, Qt.Key.Key_Return)
    assert dashboard.figures.scope.customer == "C-2003"
    assert [c for c, *_ in dashboard.figures.vaguest_customers] == ["宁波海天液压件厂"]


def test_the_figures_saved_as_a_workbook_and_a_report(
    qtbot, dashboard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    book, pdf = tmp_path / "figures.xlsx", tmp_path / "report.pdf"
    answers = iter([(str(book), ""), (str(pdf), "")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: next(answers))
    qtbot.mouseClick(dashboard.export_button, LEFT)
    assert book.read_bytes()[:2] == b"PK"
    qtbot.mouseClick(dashboard.report_button, LEFT)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert str(pdf) in dashboard.status.text()


def test_in_chinese(qtbot, dashboard, languages: Languages):
    languages.apply("zh_CN")
    assert dashboard.windowTitle() == "仪表板——合同评审"
    assert dashboard.tiles["overdue"].text().endswith("逾期")
    assert dashboard.charts["decisions"].title == "决定"
    assert "接受" in [bar.label for bar in dashboard.charts["decisions"].bars]
    rules = [bar.label for bar in dashboard.charts["rules"].bars]
    assert rules  # named as people read them, not by the rule book's keys
    assert not [name for name in rules if "." in name or name.isascii()]


def test_f1_opens_the_guide_at_the_dashboard_and_escape_closes_it(qtbot, dashboard):
    from qms_review.gui.guide import GuideWindow

    activate(qtbot, dashboard)
    dashboard.period.setFocus()
    qtbot.keyClick(dashboard.period, Qt.Key.Key_F1)
    found: list[GuideWindow] = []
    qtbot.waitUntil(lambda: bool(found.extend(dashboard.findChildren(GuideWindow)) or found))
    assert found[0].page.document().toPlainText().splitlines()[0] == "The dashboard"
    found[0].close()
    activate(qtbot, dashboard)
    qtbot.keyClick(dashboard.period, Qt.Key.Key_Escape)
    assert not dashboard.isVisible()


def test_a_new_order_saved_after_a_click_through_shows_among_all(
    qtbot, window: MainWindow, dashboard
):
    """The orders behind a figure give way to every order when a new one is saved, so the new
    one is shown and selected (it was hidden behind the figure's orders)."""
    from PySide6.QtGui import QGuiApplication

    from qms_review.gui.order_form import OrderForm
    from tests.gui.helpers import activate
    from tests.helpers import order_id

    qtbot.mouseClick(dashboard.tiles["overdue"], LEFT)
    assert window.model.only is not None
    activate(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.findChild(OrderForm)
    assert isinstance(form, OrderForm)
    qtbot.waitExposed(form)
    activate(qtbot, form)
    qtbot.keyClicks(form.texts["number"], "TEL-AFTER-FIGURE")
    qtbot.keyClicks(form.texts["customer"], "Harbour Pumps Ltd")
    QGuiApplication.clipboard().setText("FL-3305\t\t\t5\r\n")
    form.table.setFocus()
    form.table.setCurrentIndex(form.model.index(0, 0))
    qtbot.keyClick(form.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(form.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert window.model.only is None
    assert not window.shown_figure.isVisible()
    assert window.selected_order() == order_id(window.store, "TEL-AFTER-FIGURE")


def test_what_was_recorded_since_the_figures_were_shown_is_in_the_files(
    qtbot, dashboard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Another reviewer's order saved while the dashboard shows its figures (the live watch is
    off here) is counted in the workbook and the report saved afterwards, and then shown."""
    import openpyxl

    from qms_review.core.intake import entry
    from qms_review.core.messages import text
    from qms_review.core.review import amendments

    shown = _count(dashboard.tiles["orders"])
    fields = {"kind": "order", "number": "PH-LATE", "customer": "Harbour Pumps Ltd"}
    fields["order_date"] = date.today().isoformat()
    line = {"part_number": "HP-100", "quantity": "5", "delivery_date": "2027-06-01"}
    amendments.save_entry(dashboard.store, entry.read(fields, [line], False), "sales")
    assert _count(dashboard.tiles["orders"]) == shown  # not read again yet

    book = tmp_path / "figures.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(book), ""))
    qtbot.mouseClick(dashboard.export_button, LEFT)
    qtbot.waitUntil(lambda: str(book) in dashboard.status.text())
    rows = openpyxl.load_workbook(book).worksheets[0].iter_rows(values_only=True)
    assert dict((r[0], r[1]) for r in rows)[text("stats.orders", "en")] == shown + 1
    qtbot.waitUntil(lambda: _count(dashboard.tiles["orders"]) == shown + 1)


def test_a_small_average_is_not_shown_as_nothing(qtbot, window: MainWindow, languages: Languages):
    """One amendment in 25 orders: "amendments per order 0.04", not "0.0", in each language."""
    from tests.helpers import orders_rarely_amended

    orders_rarely_amended(window.store)
    window.refresh()
    activate(qtbot, window)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_D, CTRL_SHIFT)  # View → Dashboard
    dashboard = window.findChild(DashboardWindow)
    assert dashboard is not None
    qtbot.addWidget(dashboard)
    assert "amendments per order 0.04" in dashboard.cycle.text()
    languages.apply("zh_CN")
    qtbot.waitUntil(lambda: "每份订单的修订 0.04" in dashboard.cycle.text())
