"""What the approver reaches in the review window beyond answering and deciding: the IATF
waiver of the formal review, taking a review ready for decision back into review, and what
still keeps it from being accepted (open questions, a verbal order's confirmation)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QPushButton
from sqlalchemy import select

from qms_review.core.store.database import Store
from qms_review.core.store.models import AuditEvent, Order
from qms_review.core.store.vocabulary import ReviewState
from qms_review.gui.review import start as review_start
from qms_review.gui.review.window import ReviewWindow
from tests.gui.helpers import press_ok
from tests.helpers import find_person


def _button(widget, caption: str) -> QPushButton:
    found = [b for b in widget.findChildren(QPushButton) if b.text() == caption]
    assert len(found) == 1, [b.text() for b in widget.findChildren(QPushButton)]
    return found[0]


def test_the_approver_waives_the_formal_review_and_takes_it_back_into_review(
    qtbot, store: Store, tmp_path: Path, monkeypatch, demo_store
):
    with store.read() as session:
        order = session.scalar(select(Order.id).where(Order.number == "PO-1002-261006"))
    monkeypatch.setattr(review_start, "choose_packs", lambda *_a: ("iatf16949",))
    started = review_start.open_review(store, find_person(store, "sales"), order, "en", ask=True)
    assert isinstance(started, ReviewWindow)
    qtbot.addWidget(started)
    window = ReviewWindow(store, find_person(store, "approver"), started.review_id, "en")
    qtbot.addWidget(window)

    # A question to the customer shows on the summary as keeping the review from acceptance.
    ask = window.ask_customer()
    qtbot.addWidget(ask)
    ask.findChild(QPlainTextEdit).setPlainText("Which material certificate?")
    press_ok(ask)
    window.go(len(window.view.sections))
    entries = [window.blocker_list.item(n).text() for n in range(window.blocker_list.count())]
    asked = window.view.clarifications[0].id
    assert f"clarification #{asked} with the customer is open" in entries

    # The waiver: from the summary's side panel, with the customer's authorisation attached.
    waive = _button(window.side.widget(), "Waive the formal review (IATF 16949)…")
    assert waive.isEnabled()
    waive.click()
    dialog = window.findChildren(type(ask))[-1]
    qtbot.addWidget(dialog)
    dialog.findChild(QPlainTextEdit).setPlainText("The customer's PO waives the formal review")
    press_ok(dialog)
    assert not window.view.waived  # no evidence yet: refused, nothing changed
    evidence = tmp_path / "authorisation.pdf"
    evidence.write_bytes(b"%PDF-1.4 authorisation")
    dialog.evidence.append(evidence)
    press_ok(dialog)
    assert window.view.waived
    assert window.view.state is ReviewState.IN_REVIEW
    assert window.view.blockers == []

    # Submitted, then taken back into review from the decision page, with a reason.
    window.go(len(window.view.sections))
    _button(window.body.widget(), "Submit for decision").click()
    assert window.view.state is ReviewState.READY_FOR_DECISION
    window.go(len(window.view.sections) + 1)
    _button(window.body.widget(), "Take back into review…").click()
    reopen = window.findChildren(type(ask))[-1]
    qtbot.addWidget(reopen)
    press_ok(reopen)
    assert window.view.state is ReviewState.READY_FOR_DECISION  # no reason: refused
    reopen.findChild(QLineEdit).setText("the certificate question first")
    press_ok(reopen)
    assert window.view.state is ReviewState.IN_REVIEW
    with store.read() as session:
        kept = session.scalars(
            select(AuditEvent.changes).where(AuditEvent.action == "review_reopened")
        ).all()
    assert len(kept) == 1
    assert "the certificate question first" in kept[0]


def test_only_the_approver_sees_the_waiver_and_the_reopening(qtbot, store: Store, demo_store):
    with store.read() as session:
        order = session.scalar(select(Order.id).where(Order.number == "PO-1002-261006"))
    window = review_start.open_review(store, find_person(store, "sales"), order, "en")
    assert isinstance(window, ReviewWindow)
    qtbot.addWidget(window)
    window.go(len(window.view.sections))
    captions = [b.text() for b in window.side.widget().findChildren(QPushButton)]
    assert "Waive the formal review (IATF 16949)…" not in captions
    window.go(len(window.view.sections) + 1)
    captions = [b.text() for b in window.body.widget().findChildren(QPushButton)]
    assert "Take back into review…" not in captions
