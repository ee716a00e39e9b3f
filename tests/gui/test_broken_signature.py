"""A review whose signed data was changed outside the program shows the signature BROKEN."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from qms_review.core.store import engines
from qms_review.core.store.database import Store
from qms_review.core.store.models import Order
from qms_review.gui.review.window import ReviewWindow
from tests.core.helpers import tamper
from tests.helpers import find_person


def test_a_forged_answer_shows_its_section_signature_broken(qtbot, store: Store, demo_store):
    from qms_review.gui.review.start import open_review

    with store.read() as session:
        order = session.scalar(select(Order.id).where(Order.number == "PO-1001-260901"))
    path = engines.sqlite_path(store.engine.url)
    assert path is not None
    tamper(
        path,
        "UPDATE review_answers SET comment = 'forged' WHERE item_key = 'quality.statutory' "
        "AND review_id = (SELECT max(review_id) FROM review_answers "
        "WHERE item_key = 'quality.statutory')",
    )
    window = open_review(store, find_person(store, "quality"), order, "en")
    assert isinstance(window, ReviewWindow)
    qtbot.addWidget(window)
    window.show()
    entries = [window.pages.item(n).text() for n in range(window.pages.count())]
    quality = next(n for n, e in enumerate(entries) if "Quality" in e.splitlines()[0])
    assert entries[quality].startswith("✗ ")  # broken, not ticked as signed
    assert any(e.startswith("✓ ") for e in entries)  # the other carried one still holds
    rect = window.pages.visualItemRect(window.pages.item(quality))
    qtbot.mouseClick(window.pages.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.findChild(QLabel, "signature_broken") is not None)
    note = window.findChild(QLabel, "signature_broken")
    assert note is not None
    assert note.isVisible()
    assert note.text().startswith("Signature BROKEN — the signed data was changed")
    assert "does not count as signed" in note.text()
    # the summary lists it among what still blocks the decision
    assert any(b.kind == "broken" and b.key == "quality" for b in window.view.blockers)


def test_a_forged_decision_shows_the_decision_signature_broken(qtbot, store: Store, demo_store):
    from qms_review.gui.review.start import open_review

    with store.read() as session:
        order = session.scalar(select(Order.id).where(Order.number == "PO-1001-260927"))
    path = engines.sqlite_path(store.engine.url)
    assert path is not None
    tamper(
        path,
        "UPDATE reviews SET decision = 'declined' WHERE id = (SELECT r.id FROM reviews r "
        "JOIN order_revisions v ON v.id = r.revision_id WHERE v.order_id = "
        f"{order} AND r.state = 'decided')",
    )
    window = open_review(store, find_person(store, "approver"), order, "en")
    assert isinstance(window, ReviewWindow)
    qtbot.addWidget(window)
    window.show()
    last = window.pages.item(window.pages.count() - 1)
    rect = window.pages.visualItemRect(last)
    qtbot.mouseClick(window.pages.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.findChild(QLabel, "signature_broken") is not None)
    note = window.findChild(QLabel, "signature_broken")
    assert note is not None
    assert note.isVisible()
    assert note.text().startswith("Decision signature BROKEN")
