"""Two people on one database, each with their own program (two stores on the same file): what
one does shows in the other's window within a second, each sees who else has the review open,
and an act on what changed meanwhile is refused with the typed text kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from qms_review.core.review import actions, progress
from qms_review.core.store.database import Store, open_store
from qms_review.core.store.models import ReviewAnswer
from qms_review.core.store.vocabulary import Answer
from qms_review.gui.main_window import MainWindow
from qms_review.gui.review.window import ReviewWindow
from tests.gui.driving import row_of, settle
from tests.helpers import find_person, order_id

ORDER = "PO-1002-261006"
pytestmark = pytest.mark.live


@pytest.fixture
def other_store(demo_store: Store, url: str, folder: Path) -> Iterator[Store]:
    """The same database opened by a second program (its own engine and connections)."""
    opened = open_store(url, folder)
    yield opened
    opened.close()


def _review(store: Store) -> tuple[int, list[str]]:
    sales = find_person(store, "sales")
    with store.write(sales.actor) as session:
        actions.start(session, sales, order_id(store, ORDER))
    with store.read() as session:
        review_id = progress.review_of(session, order_id(store, ORDER))
        assert review_id is not None
        review = session.get(actions.Review, review_id)
        have = progress.facts(session, review)
        section = actions.template_of(session, review).sections[0]
        assert section.function == "sales"
        return review_id, [i.key for i in section.items if i.applies(have)]


def _window(qtbot, store: Store, login: str, review_id: int) -> ReviewWindow:
    window = ReviewWindow(store, find_person(store, login), review_id, "en")
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, window)
    return window


def _stored(store: Store, review_id: int, key: str) -> tuple[Answer | None, str | None]:
    with store.read() as session:
        row = session.query(ReviewAnswer).filter_by(review_id=review_id, item_key=key).one()
        return row.value, row.comment


def test_one_answers_the_other_sees_it_within_a_second(
    qtbot, demo_store: Store, other_store: Store, languages, folder: Path
):
    review_id, (first, *_rest) = _review(demo_store)
    register = MainWindow(
        other_store, languages, folder, "", person=find_person(other_store, "approver")
    )
    qtbot.addWidget(register)
    register.show()
    qtbot.waitUntil(lambda: register.model.rowCount() > 0)
    row = register.model.row_of(order_id(demo_store, ORDER))
    assert row is not None
    answered_before = register.model.data(register.model.index(row, 0))

    wang = _window(qtbot, demo_store, "sales", review_id)  # Wang Li's PC
    margaret = _window(qtbot, other_store, "approver", review_id)  # Margaret's (sales too)
    qtbot.waitUntil(lambda: "Wang Li" in margaret.others.text(), timeout=2000)
    qtbot.waitUntil(lambda: "Margaret Okafor" in wang.others.text(), timeout=2000)
    assert margaret.others.text().startswith("Also open by")
    qtbot.wait(1100)  # a second with nothing new: nothing to say
    assert margaret.status.text() == ""

    qtbot.keyClick(row_of(wang, first), Qt.Key.Key_1)  # Wang Li answers Yes
    assert _stored(demo_store, review_id, first)[0] is Answer.YES
    qtbot.waitUntil(lambda: row_of(margaret, first).group.checkedId() == 1, timeout=2000)
    assert "Wang Li changed this review" in margaret.status.text()
    assert "answered by" in row_of(margaret, first).state.text()
    # the register of the other program follows too
    qtbot.waitUntil(lambda: register.watch.seen == margaret.seen, timeout=2000)
    assert register.model.rowCount() > 0
    assert answered_before is not None

    margaret.close()  # she leaves: gone from Wang Li's window at its next look
    qtbot.waitUntil(lambda: wang.others.text() == "", timeout=2000)


def test_acting_on_what_changed_meanwhile_is_refused_and_the_text_kept(
    qtbot, demo_store: Store, other_store: Store, languages, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    # closing the window at the end (or after a failed assert) must not wait on a question
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard
    )
    review_id, (first, *_rest) = _review(demo_store)
    sales = find_person(demo_store, "sales")
    margaret = _window(qtbot, other_store, "approver", review_id)
    # her window does not look before her keys (no tick, no check on activation): the act is
    # stale when it reaches the database
    margaret.watch.stop()
    margaret.removeEventFilter(margaret.watch)

    comment = row_of(margaret, first).comment
    comment.setFocus()
    qtbot.keyClicks(comment, "customer confirmed by phone")
    with demo_store.write(sales.actor) as session:  # meanwhile Wang Li answers the same item
        actions.answer(session, sales, review_id, first, Answer.NO, "drawing missing")
    qtbot.keyClick(comment, Qt.Key.Key_Return)
    settle(qtbot, margaret)

    assert "changed the answer to item" in margaret.status.text()
    assert "Wang Li" in margaret.status.text()
    assert _stored(demo_store, review_id, first) == (Answer.NO, "drawing missing")  # not lost
    row = row_of(margaret, first)
    assert row.group.checkedId() == 2  # the review as it is now: Wang Li's No
    assert row.comment.text() == "customer confirmed by phone"  # her text, still hers
    assert row.comment.isModified()

    # now that she has seen it, she may save her comment over it
    row.comment.setFocus()
    qtbot.keyClick(row.comment, Qt.Key.Key_Return)
    settle(qtbot, margaret)
    assert _stored(demo_store, review_id, first) == (Answer.NO, "customer confirmed by phone")
    QApplication.processEvents()


@pytest.mark.postgres
def test_the_server_restarting_mid_session_keeps_the_typed_text(
    qtbot, postgres_server: str, postgres_url: str, folder: Path
):
    from qms_review.core import demo
    from qms_review.core.review import templates
    from tests.postgres import start, stop

    store = open_store(postgres_url, folder)
    try:
        templates.ensure_builtin(store)
        demo.load(store, "tester")
        store.reload_identity()
        review_id, (first, second, *_rest) = _review(store)
        window = _window(qtbot, store, "sales", review_id)
        assert window.watch.feed is not None  # PostgreSQL: notified, not only polled

        comment = row_of(window, first).comment
        comment.setFocus()
        qtbot.keyClicks(comment, "checked with planning")
        stop(postgres_server)  # the server goes down before Enter
        try:
            qtbot.keyClick(comment, Qt.Key.Key_Return)
            settle(qtbot, window)
            assert "cannot be reached" in window.status.text()
            assert comment.text() == "checked with planning"  # still there, still unsaved
            assert comment.isModified()
            qtbot.wait(1200)  # the window's checks while the server is away fail quietly
        finally:
            start(postgres_server)
        qtbot.keyClick(comment, Qt.Key.Key_Return)  # once back: saved on a new connection
        settle(qtbot, window)
        assert _stored(store, review_id, first) == (None, "checked with planning")

        # another program's answer shows at once again: the listener is connected again
        other = open_store(postgres_url, folder)
        try:
            sales = find_person(other, "sales")
            feed = window.watch.feed
            assert feed is not None
            qtbot.waitUntil(lambda: feed.notifier is not None, timeout=3000)
            with other.write("user:approver") as session:
                actions.answer(session, sales, review_id, second, Answer.YES, "")
            qtbot.waitUntil(lambda: row_of(window, second).group.checkedId() == 1, timeout=2000)
        finally:
            other.close()
        window.close()
    finally:
        store.close()
