"""One order from the login to a signed, verified record, the way the people of a company do it
in the desktop program (issue #12): sales signs in at the login dialog, finds the order with the
register's filter, starts its review, answers and signs its sections, disposes of the finding
and asks the customer a question; each other function takes over through File → Switch user
(Ctrl+Shift+L) and does its part; sales records the customer's answer and submits; the approver
decides and signs, makes the record; everyone who signed signs the record, the approver last;
the record is saved and checked with Tools → Verify a record file.

Only what a person has is used: typing, keys and shortcuts, mouse clicks on widgets, Tab, menu
actions, and modal dialogs answered through their own widgets. File dialogs are the platform's
and are answered by replacing ``QFileDialog``'s static functions. Reading a window's attributes
to find a widget or to assert is fine; calling its methods to act is not.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)
from sqlalchemy import select

from qms_review.cli import main as cli
from qms_review.core.messages import label
from qms_review.core.oversight.register import Column
from qms_review.core.records import pades, verification
from qms_review.core.records import signers as record_signers
from qms_review.core.review import progress
from qms_review.core.store.database import Store
from qms_review.core.store.models import Clarification, Finding, Review, Signature
from qms_review.core.store.vocabulary import (
    Decision,
    Disposition,
    Function,
    ReviewState,
)
from qms_review.gui.main_window import MainWindow
from qms_review.gui.review.items import FindingRowWidget
from qms_review.gui.review.window import ReviewWindow
from qms_review.gui.session import Session
from qms_review.gui.signing_dialog import SigningDialog
from qms_review.gui.users_dialog import ActionDialog
from tests.gui.driving import (
    LEFT,
    answer_modal,
    back_to,
    button,
    click_ok,
    close_leftovers,
    first_login,
    go_to,
    password_of,
    row_of,
    rows,
    settle,
    shown,
    switch_user,
)
from tests.gui.helpers import CTRL_SHIFT, activate, start_session
from tests.helpers import order_id

ORDER = "PO-1003-261015"  # a demo order nobody has started to review; one finding (vague text)
CTRL = Qt.KeyboardModifier.ControlModifier
#: who does each function's part (the demo's users; planning also holds logistics)
FUNCTIONS = ("engineering", "production", "planning", "purchasing", "quality", "finance")
#: the printed names on the record's signatures, in order: sales first, the approver last
SIGNED_BY = (
    "王丽 Wang Li",
    "张伟 Zhang Wei",
    "李强 Li Qiang",
    "Sarah Weber",
    "陈静 Chen Jing",
    "James Carter",
    "刘洋 Liu Yang",
    "Margaret Okafor",
)
QUESTION = "Line 10: which delivery date do you need exactly?"
ANSWER = "12 December 2026, delivered to the Hamburg warehouse."


# --- the register -------------------------------------------------------------------------------------


def _open_review(qtbot, window: MainWindow, start: bool = False) -> ReviewWindow:
    """Ctrl+F, type the order's number, click its row, Ctrl+Shift+R; a review not started yet
    is started from the dialog that asks for sector packs (OK: ISO 9001 alone)."""
    qtbot.keyClick(window.table, Qt.Key.Key_F, CTRL)
    assert window.filter.hasFocus()
    qtbot.keyClicks(window.filter, ORDER)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.count_label.text() == f"1 of {window.model.total} orders match"
    index = window.model.index(0, Column.NUMBER)
    assert window.model.data(index) == ORDER
    rect = window.table.visualRect(index)
    qtbot.mouseClick(window.table.viewport(), LEFT, pos=rect.center())
    assert window.selected_order() == order_id(window.store, ORDER)

    def start_it(dialog: QWidget) -> None:
        assert dialog.windowTitle() == "Start the review"
        click_ok(qtbot, dialog)

    offered = answer_modal(QDialog, start_it) if start else []
    qtbot.keyClick(window.table, Qt.Key.Key_R, CTRL_SHIFT)
    assert bool(offered) == start
    review = shown(window, ReviewWindow)
    qtbot.waitExposed(review)
    activate(qtbot, review)
    assert review.view.order == ORDER
    return review


# --- the review ---------------------------------------------------------------------------------------


def _pages_of(review: ReviewWindow, function: Function) -> list[int]:
    return [
        n
        for n, section in enumerate(review.view.sections)
        if section.function is function and section.required
    ]


def _answer_page(qtbot, review: ReviewWindow, comment_first: bool) -> None:
    """Answer every item of the page shown: most by clicking Yes; every third by clicking into
    the item and pressing 1; the last optional one N/A with key 3. With ``comment_first`` the
    first item gets a comment typed and Tab pressed (which once crashed the program)."""
    keys = [r.view.item.key for r in rows(review) if r.view.value is None]
    assert keys, "nothing to answer on this page"
    for n, key in enumerate(keys):
        row = row_of(review, key)
        if n == 0 and comment_first:
            qtbot.mouseClick(row.group.button(1), LEFT)
            settle(qtbot, review)
            comment = row_of(review, key).comment
            qtbot.mouseClick(comment, LEFT)
            qtbot.waitUntil(comment.hasFocus)
            qtbot.keyClicks(comment, "Checked against quotation and price list")
            qtbot.keyClick(comment, Qt.Key.Key_Tab)
        elif n % 3 == 1:
            qtbot.mouseClick(row, LEFT, pos=QPoint(4, 4))  # the frame's edge: the item has focus
            assert row.hasFocus()
            qtbot.keyClick(row, Qt.Key.Key_3 if not row.view.item.mandatory else Qt.Key.Key_1)
        else:
            yes = row.group.button(1)
            assert isinstance(yes, QRadioButton)
            assert yes.text().endswith("Yes")
            qtbot.mouseClick(yes, LEFT)
        settle(qtbot, review)
        after = row_of(review, key)
        assert after.view.value is not None, key
        assert after.state.text() == "answered by " + review.person.display_name
    assert all(r.view.value is not None for r in rows(review))


def _dispose_findings(qtbot, review: ReviewWindow) -> int:
    """Each open finding of the page: note typed, Tab to its choice, Down to "clarified",
    Apply clicked."""
    done = 0
    while True:
        open_ = [
            w
            for w in review.side.widget().findChildren(FindingRowWidget)
            if w.isVisible() and w.choice.isEnabled() and _is_open(w)
        ]
        if not open_:
            return done
        widget = open_[0]
        qtbot.mouseClick(widget.note, LEFT)
        qtbot.keyClicks(widget.note, "Delivery date confirmed by the customer's buyer")
        qtbot.keyClick(widget.note, Qt.Key.Key_Tab)
        assert widget.choice.hasFocus()
        for _ in range(len(Disposition)):
            if widget.choice.currentData() == Disposition.CLARIFIED:
                break
            qtbot.keyClick(widget.choice, Qt.Key.Key_Down)
        assert widget.choice.currentData() == Disposition.CLARIFIED
        qtbot.mouseClick(button(widget, "Apply"), LEFT)
        settle(qtbot, review)
        assert review.status.text() == ""
        done += 1


def _is_open(widget: FindingRowWidget) -> bool:
    return any(w.text() == "open" for w in widget.findChildren(QLabel))


def _ask_customer(qtbot, review: ReviewWindow, key: str) -> None:
    row = row_of(review, key)
    qtbot.mouseClick(button(row, "Ask the customer…"), LEFT)
    form = shown(review, ActionDialog)
    assert row.view.item.text("en") in form.note.text()
    question = form.findChild(QPlainTextEdit)
    assert question is not None
    qtbot.mouseClick(question.viewport(), LEFT)
    qtbot.keyClicks(question, QUESTION)
    click_ok(qtbot, form)
    settle(qtbot, review)
    assert not form.isVisible()
    back_to(qtbot, review)
    assert review.status.text().startswith("Clarification #")
    badge = row_of(review, key).question
    assert badge is not None
    assert QUESTION in badge.toolTip()


def _sign_dialog(qtbot, review: ReviewWindow, login_name: str) -> None:
    """The signing dialog the sign button opened: the password typed, Sign clicked."""
    dialog = shown(review, SigningDialog)
    assert dialog.password.hasFocus() or dialog.password.isEnabled()
    assert dialog.error.text() == "", dialog.error.text()
    qtbot.mouseClick(dialog.password, LEFT)
    qtbot.keyClicks(dialog.password, password_of(login_name))
    click_ok(qtbot, dialog)
    settle(qtbot, review)
    assert not dialog.isVisible(), dialog.error.text()
    back_to(qtbot, review)
    assert review.status.text() == "Signed."


def _do_my_part(qtbot, review: ReviewWindow, function: Function, *, ask: bool = False) -> None:
    """Answer, dispose of the findings and sign every section of ``function``."""
    login_name = review.person.login
    pages = _pages_of(review, function)
    assert pages, function
    for n, page in enumerate(pages):
        go_to(qtbot, review, page)
        _answer_page(qtbot, review, comment_first=n == 0)
        _dispose_findings(qtbot, review)
        if ask and n == 1:
            _ask_customer(qtbot, review, rows(review)[-1].view.item.key)
        assert review.sign_button.text() == "Sign section…"
        assert review.sign_button.isEnabled()
        qtbot.mouseClick(review.sign_button, LEFT)
        _sign_dialog(qtbot, review, login_name)
        section = review.view.sections[page]
        assert section.signature is not None
        assert not section.signature.lapsed
        assert review.pages.item(page).text().startswith("✓ ")


# --- the decision and the record ------------------------------------------------------------------------


def _decision_page(qtbot, review: ReviewWindow) -> None:
    go_to(qtbot, review, len(review.view.sections) + 1)
    assert review.position.text() == "Decision"


def _sign_record(qtbot, review: ReviewWindow) -> None:
    _decision_page(qtbot, review)
    qtbot.mouseClick(button(review.body.widget(), "Sign the record…"), LEFT)
    form = shown(review, ActionDialog)
    assert form.windowTitle() == f"Sign the record — {review.person.display_name}"
    field = next(f for f in form.findChildren(QLineEdit) if f.isVisible())
    qtbot.mouseClick(field, LEFT)
    qtbot.keyClicks(field, password_of(review.person.login))
    click_ok(qtbot, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    back_to(qtbot, review)
    assert review.status.text() == "You signed the record."
    assert review.record_state is not None
    assert review.person.display_name in review.record_state.text()


_turns = iter(range(1000))


def _take_turn(qtbot, session: Session, review: ReviewWindow, login_name: str) -> ReviewWindow:
    """The next person takes over: by Switch user, and every other time by Sign out."""
    main = switch_user(qtbot, session, review, login_name, sign_out=next(_turns) % 2 == 1)
    return _open_review(qtbot, main)


# --- the journey ------------------------------------------------------------------------------------------


def _blockers(review: ReviewWindow) -> list[str]:
    return [review.blocker_list.item(n).text() for n in range(review.blocker_list.count())]


def _fill_form(qtbot, review: ReviewWindow, caption: str, text: str) -> ActionDialog:
    """Click the summary's ``caption`` button and type ``text`` into the form's text box."""
    qtbot.mouseClick(button(review.side.widget(), caption), LEFT)
    form = shown(review, ActionDialog)
    activate(qtbot, form)
    box = form.findChild(QPlainTextEdit)
    assert box is not None
    qtbot.mouseClick(box.viewport(), LEFT)
    qtbot.keyClicks(box, text)
    return form


def _sent(qtbot, review: ReviewWindow, form: ActionDialog) -> None:
    click_ok(qtbot, form)
    settle(qtbot, review)
    assert not form.isVisible(), form.error.text()
    back_to(qtbot, review)


def _answer_and_submit(qtbot, review: ReviewWindow) -> None:
    """Sales, on the summary: the customer's answer recorded, the written confirmation of the
    order (it came by phone) logged, and the review submitted for decision."""
    go_to(qtbot, review, len(review.view.sections))
    form = _fill_form(qtbot, review, "Record the answer…", ANSWER)
    channel, contact = (
        f
        for f in form.findChildren(QLineEdit)
        if f.isVisible() and not f.isReadOnly() and f.parent() is form
    )
    qtbot.mouseClick(channel, LEFT)
    qtbot.keyClicks(channel, "e-mail")
    qtbot.keyClick(channel, Qt.Key.Key_Tab)
    assert contact.hasFocus()
    qtbot.keyClicks(contact, "Ms Becker, buyer")
    _sent(qtbot, review, form)
    assert review.status.text().endswith("closed.")
    assert ANSWER in " ".join(w.text() for w in review.side.widget().findChildren(QLabel))

    assert _blockers(review) == [
        "a verbal order needs the written confirmation to the customer recorded first"
    ]
    form = _fill_form(qtbot, review, "Record a communication…", "Order confirmed in writing")
    _sent(qtbot, review, form)
    assert review.status.text() == "Recorded in the order's communication log."
    assert _blockers(review) == ["Nothing: the review is ready for a decision."]

    qtbot.mouseClick(button(review.body.widget(), "Submit for decision"), LEFT)
    settle(qtbot, review)
    assert review.view.state is ReviewState.READY_FOR_DECISION, review.status.text()


def _decide(qtbot, review: ReviewWindow) -> None:
    """The approver: Accepted chosen on the decision page, Decide and sign…, the record made."""
    _decision_page(qtbot, review)
    assert review.sign_button.text() == "Decide and sign…"
    accepted = label("decision", Decision.ACCEPTED.value, "en")
    choice = next(
        b for b in review.body.widget().findChildren(QRadioButton) if b.text() == accepted
    )
    qtbot.mouseClick(choice, LEFT, pos=QPoint(8, choice.height() // 2))  # on its circle
    assert choice.isChecked()
    assert review.sign_button.isEnabled(), review.view.state
    qtbot.mouseClick(review.sign_button, LEFT)
    assert review.status.text() == "", review.status.text()
    _sign_dialog(qtbot, review, "approver")
    assert review.view.state is ReviewState.DECIDED
    qtbot.mouseClick(button(review.body.widget(), "Make the record"), LEFT)
    assert review.status.text().startswith("Record "), review.status.text()


def _save_and_verify(qtbot, session: Session, review: ReviewWindow, saved: Path) -> str:
    """Save the record as PDF…, close the review (Escape), Tools → Verify a record file…; the
    report shown."""
    qtbot.mouseClick(button(review.body.widget(), "Save the record as PDF…"), LEFT)
    assert saved.exists()
    assert review.status.text() == f"Saved {saved}"
    main = session.window
    assert main is not None
    qtbot.keyClick(review, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not review.isVisible())
    activate(qtbot, main)
    verify = next(a for a in main.menu_tools.actions() if a.text() == "&Verify a record file…")
    verify.trigger()
    box = shown(main, QMessageBox)
    report = box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), LEFT)
    qtbot.waitUntil(lambda: not box.isVisible())
    return report


def test_an_order_from_login_to_a_verified_signed_record(
    qtbot, make_session, demo_store: Store, url: str, tmp_path: Path, monkeypatch
):
    close_leftovers()
    session = make_session()
    main = first_login(qtbot, session, "sales")
    assert main.person_label.text() == "Signed in: 王丽 Wang Li"
    review = _open_review(qtbot, main, start=True)
    assert review.view.state is ReviewState.DRAFT
    # sales: the gate, the commercial section (a question to the customer) and the changes
    _do_my_part(qtbot, review, Function.SALES, ask=True)
    # every other function in turn, each signing in through Switch user
    for login_name in FUNCTIONS:
        review = _take_turn(qtbot, session, review, login_name)
        for function in review.person.functions:
            if _pages_of(review, function):
                _do_my_part(qtbot, review, function)
    review = _take_turn(qtbot, session, review, "sales")
    _answer_and_submit(qtbot, review)
    review = _take_turn(qtbot, session, review, "approver")
    _decide(qtbot, review)

    # everyone who signed the review signs the record, the approver last
    with demo_store.read() as s:
        signers = record_signers.in_order(s, review.review_id)
    assert sorted(signers) == sorted(["sales", *FUNCTIONS, "approver"])
    assert signers[0] == "sales"  # the checklist's order
    assert signers[-1] == "approver"
    for login_name in signers:
        if review.person.login != login_name:
            review = _take_turn(qtbot, session, review, login_name)
        _sign_record(qtbot, review)
    assert review.record_state is not None
    assert f"signed by {len(signers)} of {len(signers)}" in review.record_state.text()

    saved = tmp_path / f"{ORDER}-record.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(saved), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(saved), ""))
    report = _save_and_verify(qtbot, session, review, saved)
    assert report.splitlines()[0] == "The record is intact and every signature is valid."
    *said, data = report.splitlines()[2:]
    assert [line.split(" (timestamped ")[0] for line in said] == list(SIGNED_BY), report
    assert all(line.endswith("”): valid") for line in said), report
    assert data == "The attached review data is intact."

    # the database, read only
    with demo_store.read() as s:
        review_id = progress.review_of(s, order_id(demo_store, ORDER))
        row = s.get(Review, review_id)
        assert row is not None
        assert row.state is ReviewState.DECIDED
        assert row.decision is Decision.ACCEPTED
        asked = s.scalars(select(Clarification).where(Clarification.review_id == review_id))
        assert [(c.answer, c.closed_at is not None) for c in asked] == [(ANSWER, True)]
        findings = s.scalars(select(Finding).where(Finding.revision_id == row.revision_id)).all()
        assert [f.disposition for f in findings] == [Disposition.CLARIFIED]
        signed = s.scalars(select(Signature).where(Signature.review_id == review_id)).all()
        assert len(signed) == 10  # sales' three sections, six functions, the decision
        assert all(sig.lapsed_at is None for sig in signed)
        record = pades.latest(s, review_id)
        checked = verification.verify(s, record.pdf)
        assert checked.ok, checked.problems
        assert [c.signer for c in checked.signatures] == list(SIGNED_BY)
    assert saved.read_bytes() == record.pdf
    assert cli(["--database", url, "audit", "verify"]) == 0


def test_find_reaches_the_filter_on_a_narrow_window(qtbot, make_session):
    """Ctrl+F on a window too narrow for the toolbar: the filter, in the toolbar's overflow, is
    brought into sight and takes the typing (it did nothing: the keys went nowhere)."""
    main = start_session(qtbot, make_session(), "sales")
    main.resize(520, 600)
    qtbot.waitUntil(lambda: not main.filter.isVisible())
    qtbot.keyClick(main.table, Qt.Key.Key_F, CTRL)
    assert main.filter.isVisible()
    assert main.filter.hasFocus()
    qtbot.keyClicks(main.filter, ORDER)
    qtbot.waitUntil(lambda: main.model.rowCount() == 1)
