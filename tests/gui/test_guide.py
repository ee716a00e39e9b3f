"""The user guide from the keyboard: F1 in each window opens its part, in the language of the
interface; the contents, links and Back work as a reader expects."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit, QPushButton

from qms_review.core.store.database import Store
from qms_review.gui.guide import GuideWindow
from qms_review.gui.i18n import Languages
from qms_review.gui.login import LoginDialog
from qms_review.gui.main_window import MainWindow
from qms_review.gui.order_view import OrderView
from qms_review.gui.review.window import ReviewWindow
from tests.gui.helpers import activate, open_review_by_keyboard, start_session

ORDER = "PO-1002-260910"  # the demo's review just started by sales
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _guide_of(qtbot, window) -> GuideWindow:
    found: list[GuideWindow] = []
    qtbot.waitUntil(lambda: bool(found.extend(window.findChildren(GuideWindow)) or found))
    guide = found[0]
    qtbot.waitExposed(guide)
    return guide


def _heading(guide: GuideWindow) -> str:
    return guide.page.document().toPlainText().splitlines()[0]


def _click_contents(qtbot, guide: GuideWindow, title: str) -> None:
    items = guide.contents.findItems(title, Qt.MatchFlag.MatchExactly)
    assert items, title
    rect = guide.contents.visualItemRect(items[0])
    qtbot.mouseClick(guide.contents.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_f1_in_the_register_opens_the_guide_there_and_it_reads_like_a_manual(qtbot, make_session):
    main = start_session(qtbot, make_session(), "sales")
    qtbot.keyClick(main.table, Qt.Key.Key_F1)
    guide = _guide_of(qtbot, main)
    assert _heading(guide) == "The order register"
    assert guide.windowTitle() == "QMS Review user guide — The order register"
    assert guide.contents.currentItem().text() == "The order register"
    assert "Ctrl+Shift+R" in guide.page.toPlainText()

    _click_contents(qtbot, guide, "Reviewing an order")
    assert _heading(guide) == "Reviewing an order"
    assert guide.contents.currentItem().text() == "Reviewing an order"

    # a link followed from the keyboard: Tab to the first link, Enter
    activate(qtbot, guide)
    guide.page.setFocus()
    qtbot.keyClick(guide.page, Qt.Key.Key_Tab)
    assert guide.page.textCursor().hasSelection()
    linked = guide.page.textCursor().selectedText()
    qtbot.keyClick(guide.page, Qt.Key.Key_Return)
    assert _heading(guide) != "Reviewing an order"
    assert guide.contents.currentItem().text() == _heading(guide)
    assert linked  # the link's words

    # Back (Alt+Left) and Forward (Alt+Right), as in a browser
    followed = _heading(guide)
    qtbot.keyClick(guide.page, Qt.Key.Key_Left, ALT)
    assert _heading(guide) == "Reviewing an order"
    qtbot.keyClick(guide.page, Qt.Key.Key_Right, ALT)
    assert _heading(guide) == followed
    qtbot.mouseClick(guide.back_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(guide.back_button, Qt.MouseButton.LeftButton)
    assert _heading(guide) == "The order register"
    assert not guide.back_button.isEnabled()

    # F1 again opens the same window at the register, not a second one
    activate(qtbot, main)
    qtbot.keyClick(main.table, Qt.Key.Key_F1)
    assert main.findChildren(GuideWindow) == [guide]


def test_the_help_menu_offers_the_guide_and_the_keys(qtbot, make_session):
    main = start_session(qtbot, make_session(), "sales")
    texts = [a.text() for a in main.menu_help.actions() if a.text()]
    assert texts[:2] == ["User &guide", "&Keyboard shortcuts"]
    assert main.act_guide.shortcut().toString() == "F1"
    main.act_keys.trigger()
    guide = _guide_of(qtbot, main)
    assert _heading(guide) == "Keyboard shortcuts"
    assert "Ctrl+Shift+L" in guide.page.toPlainText()


def test_the_guide_speaks_the_language_of_the_interface(qtbot, make_session, languages: Languages):
    main = start_session(qtbot, make_session(), "sales")
    languages.apply("zh_CN")
    assert main.menu_help.actions()[0].text() == "用户指南(&G)"
    qtbot.keyClick(main.table, Qt.Key.Key_F1)
    guide = _guide_of(qtbot, main)
    assert _heading(guide) == "订单登记册"
    assert guide.windowTitle() == "QMS Review 用户指南 — 订单登记册"
    assert guide.contents.item(0).text() == "QMS Review 用户指南"
    assert guide.back_button.text() == "◀ 后退"

    # the language changed again: F1 opens the guide in that one
    languages.apply("en")
    qtbot.keyClick(main.table, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: _heading(main.findChildren(GuideWindow)[-1]) == "The order register")


def test_f1_in_the_review_opens_the_review_and_on_the_decision_page_the_decision(
    qtbot, make_session
):
    main = start_session(qtbot, make_session(), "sales")
    review = open_review_by_keyboard(qtbot, main, ORDER)
    qtbot.keyClick(review, Qt.Key.Key_F1)
    guide = _guide_of(qtbot, review)
    assert _heading(guide) == "Reviewing an order"
    assert "Ask the customer…" in guide.page.toPlainText()

    activate(qtbot, review)
    decision = review.pages.count() - 1
    while review.pages.currentRow() != decision:
        qtbot.keyClick(review, Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(review, Qt.Key.Key_F1)
    assert _heading(guide) == "The decision"


def test_f1_in_the_order_view(qtbot, make_session):
    main = start_session(qtbot, make_session(), "sales")
    qtbot.keyClick(main.table, Qt.Key.Key_Return)  # View → Open order
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), OrderView))
    view = QApplication.activeWindow()
    qtbot.waitExposed(view)
    activate(qtbot, view)
    qtbot.keyClick(view.focusWidget() or view, Qt.Key.Key_F1)
    assert _heading(_guide_of(qtbot, view)) == "Orders, findings and differences"


def test_f1_at_the_login(qtbot, demo_store: Store, folder: Path):
    login = LoginDialog(demo_store, folder, "en")
    qtbot.addWidget(login)
    login.show()
    qtbot.waitExposed(login)
    activate(qtbot, login)
    qtbot.keyClick(login.login, Qt.Key.Key_F1)
    assert _heading(_guide_of(qtbot, login)) == "Getting started"


def test_quit_asks_about_typed_text_in_other_windows(qtbot, make_session):
    session = make_session()
    main = start_session(qtbot, session, "sales")
    review = open_review_by_keyboard(qtbot, main, ORDER)
    ask = next(b for b in review.findChildren(QPushButton) if b.text() == "Ask the customer…")
    qtbot.mouseClick(ask, Qt.MouseButton.LeftButton)
    form = QApplication.activeModalWidget()
    assert form is not None
    field = form.findChild(QPlainTextEdit)
    assert field is not None
    qtbot.keyClicks(field, "Which drawing revision applies?")
    ended: list[bool] = []
    session.ended.connect(lambda: ended.append(True))

    def answer(button: QMessageBox.StandardButton) -> None:
        box = session.question
        assert isinstance(box, QMessageBox)
        assert "not saved yet" in box.text()
        assert form.windowTitle() in box.text()
        box.button(button).click()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Cancel))
    main.act_quit.trigger()  # File → Quit
    assert main.isVisible()
    assert session.window is main
    assert not ended
    assert field.toPlainText() == "Which drawing revision applies?"

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Discard))
    main.act_quit.trigger()
    assert ended
    assert session.window is None
    assert not review.isVisible()  # the program ends: its other windows close with it
    assert isinstance(main, MainWindow)
    assert isinstance(review, ReviewWindow)


def test_the_guide_closes_with_escape_and_its_button(qtbot, make_session):
    main = start_session(qtbot, make_session(), "sales")
    qtbot.keyClick(main.table, Qt.Key.Key_F1)
    guide = _guide_of(qtbot, main)
    activate(qtbot, guide)
    qtbot.keyClick(guide.page, Qt.Key.Key_Escape)
    assert not guide.isVisible()
    activate(qtbot, main)
    qtbot.keyClick(main.table, Qt.Key.Key_F1)
    assert guide.isVisible()
    qtbot.mouseClick(guide.close_button, Qt.MouseButton.LeftButton)
    assert not guide.isVisible()


def test_closing_the_review_asks_about_a_note_not_yet_applied(qtbot, make_session):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QLineEdit, QRadioButton

    main = start_session(qtbot, make_session(), "sales")
    review = open_review_by_keyboard(qtbot, main, ORDER)
    no = next(
        b
        for b in review.findChildren(QRadioButton)
        if b.isVisible() and b.isEnabled() and b.text() == "&2 No"
    )
    qtbot.mouseClick(no, Qt.MouseButton.LeftButton)  # a "No" that needs its disposition
    qtbot.waitUntil(
        lambda: any(
            f.isVisible() and f.placeholderText() == "Condition or justification"
            for f in review.findChildren(QLineEdit)
        )
    )
    note = next(
        f
        for f in review.findChildren(QLineEdit)
        if f.isVisible() and f.placeholderText() == "Condition or justification"
    )
    qtbot.mouseClick(note, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(note, "agreed by phone with the buyer")
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(note, Qt.Key.Key_Escape)
    assert asked == ["Text typed here is not saved yet. Close the review and discard it?"]
    assert review.isVisible()
    assert note.text() == "agreed by phone with the buyer"
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Discard))
    qtbot.keyClick(note, Qt.Key.Key_Escape)
    assert not review.isVisible()


def test_the_summary_counts_what_its_list_shows(qtbot, make_session, demo_store: Store):
    from qms_review.core.identity import users
    from qms_review.core.review import actions
    from tests.helpers import order_id

    with demo_store.write("user:sales") as session:  # a verbal order, its review started
        actions.start(session, users.find(session, "sales"), order_id(demo_store, "PO-1003-261015"))
    main = start_session(qtbot, make_session(), "sales")
    review = open_review_by_keyboard(qtbot, main, "PO-1003-261015")
    summary = review.pages.item(review.pages.count() - 2)
    rect = review.pages.visualItemRect(summary)
    qtbot.mouseClick(review.pages.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: getattr(review, "blocker_list", None) is not None)
    shown = review.blocker_list.count()
    assert review.pages.item(review.pages.count() - 2).text() == f"Summary — {shown} open"
    assert any(
        "verbal" in review.blocker_list.item(n).text() for n in range(shown)
    )  # what keeps it from being accepted counts too
