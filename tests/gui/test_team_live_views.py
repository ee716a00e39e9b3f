"""The other windows that show what others change follow them too, each within a second: the
order view (a newer revision imported elsewhere), the customer's file (feedback recorded
elsewhere) and the dashboard (any change while it is shown); a change to something else
leaves a window as it was."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from qms_review.core.customers import feedback
from qms_review.core.orders.revisions import (
    RevisionContent,
    add_revision,
    find_or_create_customer,
)
from qms_review.core.oversight import stats
from qms_review.core.store.database import Store, open_store
from qms_review.core.store.vocabulary import FeedbackKind, OrderKind
from qms_review.gui.customer_file import CustomerFileWindow
from qms_review.gui.dashboard import DashboardWindow
from qms_review.gui.order_view import OrderView
from tests.helpers import find_person

pytestmark = pytest.mark.live


@pytest.fixture
def other_store(demo_store: Store, url: str, folder: Path) -> Iterator[Store]:
    """The same database opened by a second program (its own engine and connections)."""
    opened = open_store(url, folder)
    yield opened
    opened.close()


def _revision(store: Store, name: str, number: str, quantity: int) -> tuple[int, int]:
    """A revision of order ``number`` of customer ``name`` imported by purchasing: (order id,
    customer id)."""
    content = RevisionContent(
        order_date=date(2026, 11, 2),
        currency="EUR",
        delivery_terms="EXW",
        lines=[{"line_no": 10, "part_number": "FL-3305", "quantity": quantity, "unit": "pcs"}],
    )
    with store.write("user:purchasing") as session:
        customer = find_or_create_customer(session, name, name[:3].upper())
        revision = add_revision(session, customer, OrderKind.ORDER, number, content, "purchasing")
        return revision.order_id, customer.id


def _shown(qtbot, window: QWidget) -> None:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)


def test_the_order_view_shows_a_revision_imported_elsewhere(
    qtbot, demo_store: Store, other_store: Store
):
    order, _customer = _revision(demo_store, "Random GmbH", "R-77", 100)
    view = OrderView(demo_store, order, "en", "user:sales")
    _shown(qtbot, view)
    assert view.revision_box.count() == 1

    _revision(other_store, "Other AG", "O-1", 5)  # another order: nothing to show here
    qtbot.wait(1300)
    assert view.status_label.text() == ""

    _revision(other_store, "Random GmbH", "R-77", 120)  # this order's revision 2, elsewhere
    qtbot.waitUntil(lambda: view.revision_box.count() == 2, timeout=2000)
    assert view.revision_box.currentText() == "2"  # the latest was shown: the latest is
    assert "changed this order" in view.status_label.text()
    assert view.lines_model.rowCount() == 1
    view.close()


def test_the_customer_file_shows_feedback_recorded_elsewhere(
    qtbot, demo_store: Store, other_store: Store
):
    _order, customer = _revision(demo_store, "Random GmbH", "R-77", 100)
    window = CustomerFileWindow(demo_store, customer, "en", find_person(demo_store, "sales"))
    _shown(qtbot, window)
    assert window.tabs.tabText(2) == "Feedback and complaints (0)"

    margaret = find_person(other_store, "approver")  # on her PC
    said = feedback.Said(FeedbackKind.COMPLAINT, date(2026, 11, 3), "Flange scratched")
    with other_store.write(margaret.actor) as session:
        feedback.add_feedback(session, margaret, customer, said)
    qtbot.waitUntil(lambda: window.tabs.tabText(2) == "Feedback and complaints (1)", timeout=2000)
    assert "changed this customer's file" in window.status.text()
    assert "Margaret Okafor" in window.status.text()
    window.close()


def test_the_dashboard_reads_its_figures_again_after_a_change_elsewhere(
    qtbot, demo_store: Store, other_store: Store, monkeypatch
):
    reads: list[int] = []
    real = stats.figures
    monkeypatch.setattr(stats, "figures", lambda *a: reads.append(1) or real(*a))
    window = DashboardWindow(demo_store)
    _shown(qtbot, window)
    qtbot.wait(1300)  # nothing changed: nothing read again
    before = len(reads)
    assert before >= 1

    _revision(other_store, "Random GmbH", "R-77", 100)
    qtbot.waitUntil(lambda: len(reads) > before, timeout=2000)
    window.close()
