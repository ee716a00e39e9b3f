"""Journeys through the register and the review as a user makes them: menu actions, shortcuts,
toolbar buttons, mouse clicks, typing and Tab (issue #12). Nothing here calls a window's method
to do the user's part."""

from __future__ import annotations

import ast
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QWidget,
)
from sqlalchemy import select

import qms_review.gui
from qms_review.core.identity import users
from qms_review.core.oversight.register import Column
from qms_review.core.store.database import Store
from qms_review.core.store.models import CatalogueItem, ReviewAnswer
from qms_review.core.store.vocabulary import Answer
from qms_review.gui.catalogue_window import CatalogueWindow
from qms_review.gui.differences import DifferencesDialog
from qms_review.gui.i18n import Languages
from qms_review.gui.main_window import MainWindow
from qms_review.gui.order_view import OrderView
from qms_review.gui.review import start
from qms_review.gui.review.items import FindingRowWidget, ItemRow
from qms_review.gui.review.window import ReviewWindow
from qms_review.gui.users_dialog import ActionDialog
from tests.helpers import find_person, order_id

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def no_start_dialog(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Records any offer to start a review (and declines it) instead of a blocking dialog."""
    offered: list[object] = []

    def offer(*_args: object) -> None:
        offered.append(_args)
        return None

    monkeypatch.setattr(start, "choose_packs", offer)
    return offered


def _main(qtbot, store: Store, languages: Languages, folder: Path, login: str) -> MainWindow:
    main = MainWindow(store, languages, folder, "", person=find_person(store, login))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(lambda: main.model.total > 0)
    return main


def _click_order(qtbot, main: MainWindow, number: str) -> None:
    """Click the order's row in the register, as the user selects it."""
    row = main.model.row_of(order_id(main.store, number))
    assert row is not None
    main.table.scrollTo(main.model.index(row, Column.NUMBER))
    rect = main.table.visualRect(main.model.index(row, Column.NUMBER))
    qtbot.mouseClick(main.table.viewport(), LEFT, pos=rect.center())
    assert main.selected_order() == order_id(main.store, number)


def _opened[W: QWidget](main: QWidget, kind: type[W]) -> list[W]:
    return [w for w in main.findChildren(kind) if w.isVisible()]


def _close_all(qtbot, main: MainWindow, kind: type[QDialog]) -> None:
    for dialog in main.findChildren(kind):
        dialog.reject()
        dialog.hide()
    qtbot.waitUntil(lambda: not _opened(main, kind))
    main.activateWindow()


# --- 1. the register's actions open what is selected -----------------------------------------


def test_review_differences_and_open_act_on_the_selected_order(
    qtbot, demo_store: Store, languages: Languages, folder: Path, no_start_dialog: list[object]
):
    """View → Review (Ctrl+Shift+R) and the toolbar's Review open the review of an order in
    review, never an offer to start one; Ctrl+D shows its differences, Ctrl+Return opens it.
    (``triggered(bool)`` once handed ``False`` to the slot, taken for order 0.)"""
    main = _main(qtbot, demo_store, languages, folder, "sales")
    _click_order(qtbot, main, "PO-1001-RUSH")
    rush = order_id(demo_store, "PO-1001-RUSH")

    qtbot.keyClick(main.table, Qt.Key.Key_R, CTRL | SHIFT)
    qtbot.waitUntil(lambda: len(_opened(main, ReviewWindow)) == 1)
    assert no_start_dialog == []
    review = _opened(main, ReviewWindow)[0]
    assert review.view.order == "PO-1001-RUSH"
    assert review.view.state.value == "in_review"
    _close_all(qtbot, main, ReviewWindow)

    button = main.toolbar.widgetForAction(main.act_review)
    assert button is not None
    qtbot.mouseClick(button, LEFT)
    qtbot.waitUntil(lambda: len(_opened(main, ReviewWindow)) == 1)
    assert no_start_dialog == []
    assert _opened(main, ReviewWindow)[0].view.order_id == rush
    _close_all(qtbot, main, ReviewWindow)

    main.menu_view.actions()[main.menu_view.actions().index(main.act_review)].trigger()
    qtbot.waitUntil(lambda: len(_opened(main, ReviewWindow)) == 1)
    assert no_start_dialog == []
    _close_all(qtbot, main, ReviewWindow)

    qtbot.keyClick(main.table, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: len(_opened(main, DifferencesDialog)) == 1)
    assert "PO-1001-RUSH" in _opened(main, DifferencesDialog)[0].windowTitle()
    _close_all(qtbot, main, DifferencesDialog)

    qtbot.mouseClick(main.toolbar.widgetForAction(main.act_changes), LEFT)
    qtbot.waitUntil(lambda: len(_opened(main, DifferencesDialog)) == 1)
    assert "PO-1001-RUSH" in _opened(main, DifferencesDialog)[0].windowTitle()
    _close_all(qtbot, main, DifferencesDialog)

    qtbot.keyClick(main.table, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(_opened(main, OrderView)) == 1)
    assert _opened(main, OrderView)[0].order_id == rush
    _close_all(qtbot, main, OrderView)


def test_file_actions_ask_for_their_file(
    qtbot, demo_store: Store, languages: Languages, folder: Path, monkeypatch, tmp_path: Path
):
    """File → Export register and Tools → Verify ask where (``triggered``'s ``False`` was once
    taken for the path and the program crashed)."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    main = _main(qtbot, demo_store, languages, folder, "sales")
    target = tmp_path / "register.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    qtbot.keyClick(main.table, Qt.Key.Key_E, CTRL)
    assert target.exists()
    record = tmp_path / "not-a-record.pdf"
    record.write_bytes(b"%PDF-1.4 nothing signed here")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(record), ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box.text()))
    main.act_verify.trigger()
    assert shown
    assert "FAILED" in shown[0]


def _slot_definitions() -> dict[str, list[ast.FunctionDef]]:
    found: dict[str, list[ast.FunctionDef]] = {}
    for path in Path(qms_review.gui.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                found.setdefault(node.name, []).append(node)
    return found


def test_no_button_or_action_hands_its_checked_flag_to_a_parameter():
    """Every slot connected to ``clicked`` or ``triggered`` (which pass ``checked``) takes no
    parameter, or is wrapped so it gets none: PySide hands the flag to the first one there is."""
    definitions = _slot_definitions()
    wrong = []
    for path in Path(qms_review.gui.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "connect"
                and isinstance(node.func.value, ast.Attribute)
                and node.func.value.attr in ("clicked", "triggered")
                and node.args
            ):
                continue
            slot = node.args[0]
            name = (
                slot.attr
                if isinstance(slot, ast.Attribute)
                else slot.id
                if isinstance(slot, ast.Name)
                else None
            )
            if isinstance(slot, ast.Lambda) or name is None:
                continue
            for definition in definitions.get(name, []):
                params = [a.arg for a in definition.args.args if a.arg not in ("self", "cls")]
                if params:
                    wrong.append(f"{path.name}:{node.lineno} {name}({', '.join(params)})")
    assert wrong == []


# --- 2. undo and redo with the keys ----------------------------------------------------------------


@pytest.fixture
def linux_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key bindings of a Linux desktop (KDE, GNOME): redo is Ctrl+Shift+Z alone. (The
    offscreen platform of the tests has Windows' bindings, Ctrl+Y first.)"""
    from PySide6.QtGui import QKeySequence

    standard = QKeySequence.StandardKey
    linux = {standard.Undo: ["Ctrl+Z"], standard.Redo: ["Ctrl+Shift+Z"]}
    real = QKeySequence.keyBindings

    def bindings(key: QKeySequence.StandardKey) -> list[QKeySequence]:
        if key in linux:
            return [QKeySequence(k) for k in linux[key]]
        return real(key)

    monkeypatch.setattr(QKeySequence, "keyBindings", staticmethod(bindings))


def _open_review(qtbot, main: MainWindow, number: str) -> ReviewWindow:
    _click_order(qtbot, main, number)
    qtbot.keyClick(main.table, Qt.Key.Key_R, CTRL | SHIFT)
    qtbot.waitUntil(lambda: len(_opened(main, ReviewWindow)) == 1)
    window = _opened(main, ReviewWindow)[0]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _rows(window: ReviewWindow) -> list[ItemRow]:
    return [r for r in window.body.widget().findChildren(ItemRow) if r.isVisible()]


def _settle(qtbot, window: ReviewWindow) -> None:
    """Wait for the page's rebuild, which runs after the event that changed the review."""
    qtbot.waitUntil(lambda: not window._rebuild.isActive())


def _value(window: ReviewWindow, key: str) -> Answer | None:
    return next(i.value for s in window.view.sections for i in s.items if i.item.key == key)


def test_undo_and_redo_keys_in_the_review(
    qtbot,
    demo_store: Store,
    languages: Languages,
    folder: Path,
    no_start_dialog: list[object],
    linux_keys: None,
):
    """Ctrl+Z undoes an answer and the item shows it unanswered again (not "answered by…");
    Ctrl+Y and the platform's redo key (Ctrl+Shift+Z on Linux) both redo it."""
    main = _main(qtbot, demo_store, languages, folder, "sales")
    window = _open_review(qtbot, main, "PO-1002-260910")
    row = _rows(window)[0]
    key = row.view.item.key
    assert row.state.text() == ""
    qtbot.mouseClick(row.group.button(1), LEFT)  # Yes
    _settle(qtbot, window)
    assert _value(window, key) is Answer.YES
    assert _rows(window)[0].state.text() == "answered by " + window.person.display_name

    for undo, redo in (
        ((Qt.Key.Key_Z, CTRL), (Qt.Key.Key_Y, CTRL)),
        ((Qt.Key.Key_Z, CTRL), (Qt.Key.Key_Z, CTRL | SHIFT)),
    ):
        qtbot.keyClick(_rows(window)[0], undo[0], undo[1])
        _settle(qtbot, window)
        assert _value(window, key) is None
        shown = _rows(window)[0]
        assert shown.state.text() == ""
        assert all(not b.isChecked() for b in shown.group.buttons())
        qtbot.keyClick(shown, redo[0], redo[1])
        _settle(qtbot, window)
        assert _value(window, key) is Answer.YES
        assert _rows(window)[0].group.button(1).isChecked()
        assert _rows(window)[0].state.text() == "answered by " + window.person.display_name


def test_undo_and_redo_keys_in_the_catalogue(
    qtbot, demo_store: Store, languages: Languages, folder: Path, linux_keys: None
):
    """Tools → Capability catalogue: Del deletes the part clicked, Ctrl+Z puts it back, Ctrl+Y
    and Ctrl+Shift+Z delete it again."""
    main = _main(qtbot, demo_store, languages, folder, "sales")
    qtbot.keyClick(main.table, Qt.Key.Key_K, CTRL | SHIFT)
    qtbot.waitUntil(lambda: len(_opened(main, CatalogueWindow)) == 1)
    catalogue = _opened(main, CatalogueWindow)[0]
    catalogue.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is catalogue)

    def parts() -> int:
        with demo_store.read() as session:
            return len(session.scalars(select(CatalogueItem.id)).all())

    before = parts()
    index = catalogue.proxy.index(0, 0)
    rect = catalogue.table.visualRect(index)
    qtbot.mouseClick(catalogue.table.viewport(), LEFT, pos=rect.center())
    qtbot.keyClick(catalogue.table, Qt.Key.Key_Delete)
    assert parts() == before - 1
    for redo in ((Qt.Key.Key_Y, CTRL), (Qt.Key.Key_Z, CTRL | SHIFT)):
        qtbot.keyClick(catalogue.table, Qt.Key.Key_Z, CTRL)
        assert parts() == before
        qtbot.waitUntil(lambda: not catalogue.reload_pending)
        qtbot.keyClick(catalogue.table, redo[0], redo[1])
        assert parts() == before - 1
        qtbot.waitUntil(lambda: not catalogue.reload_pending)


# --- 3. a comment before the answer; asking the customer ------------------------------------------


def test_a_comment_typed_before_the_answer_is_kept(
    qtbot, demo_store: Store, languages: Languages, folder: Path, no_start_dialog: list[object]
):
    """A comment typed on an item not answered yet is saved (the user is told), and goes with
    the answer clicked afterwards; the click that takes the focus from the comment box lands."""
    main = _main(qtbot, demo_store, languages, folder, "sales")
    window = _open_review(qtbot, main, "PO-1002-260910")
    key = _rows(window)[0].view.item.key
    comment = _rows(window)[0].comment
    qtbot.mouseClick(comment, LEFT)
    qtbot.waitUntil(comment.hasFocus)
    qtbot.keyClicks(comment, "Price list 2026 applies")
    qtbot.keyClick(comment, Qt.Key.Key_Tab)
    _settle(qtbot, window)
    assert "Comment saved" in window.status.text()
    assert _rows(window)[0].comment.text() == "Price list 2026 applies"
    assert _rows(window)[0].state.text() == "not answered yet — the comment is kept"
    with demo_store.read() as session:
        saved = session.scalars(
            select(ReviewAnswer).where(
                ReviewAnswer.review_id == window.review_id, ReviewAnswer.item_key == key
            )
        ).one()
        assert (saved.value, saved.comment) == (None, "Price list 2026 applies")

    # More words, then straight to "No" with the mouse: the comment box loses the focus on the
    # press, its comment is saved, and the release still lands on the button pressed.
    comment = _rows(window)[0].comment
    qtbot.mouseClick(comment, LEFT)
    qtbot.waitUntil(comment.hasFocus)
    comment.end(False)
    qtbot.keyClicks(comment, ", confirmed by phone")
    no = _rows(window)[0].group.button(2)
    qtbot.mousePress(no, LEFT)
    qtbot.wait(60)  # a person's click takes a while: the deferred rebuild waits for the release
    qtbot.mouseRelease(no, LEFT)
    _settle(qtbot, window)
    assert _value(window, key) is Answer.NO
    row = next(r for r in _rows(window) if r.view.item.key == key)
    assert row.comment.text() == "Price list 2026 applies, confirmed by phone"
    assert row.state.text() == "answered by " + window.person.display_name


def _press_ok(qtbot, dialog: QDialog) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)


def _asking(window: ReviewWindow) -> ActionDialog:
    shown = [d for d in window.findChildren(ActionDialog) if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def _badge(row: QWidget) -> QLabel | None:
    return row.findChild(QLabel, "question-open")


def test_asking_the_customer_says_what_about_and_the_item_shows_the_open_question(
    qtbot, demo_store: Store, languages: Languages, folder: Path, no_start_dialog: list[object]
):
    main = _main(qtbot, demo_store, languages, folder, "sales")
    window = _open_review(qtbot, main, "PO-1002-260910")
    row = _rows(window)[1]
    key, text = row.view.item.key, row.view.item.text("en")
    assert _badge(row) is None
    ask = next(b for b in row.findChildren(QPushButton) if b.text() == "Ask the customer…")
    qtbot.mouseClick(ask, LEFT)
    dialog = _asking(window)
    assert text in dialog.note.text()
    assert dialog.note.isVisible()
    question = dialog.findChild(QPlainTextEdit)
    qtbot.mouseClick(question.viewport(), LEFT)
    qtbot.keyClicks(question, "Which price list applies?")
    _press_ok(qtbot, dialog)
    _settle(qtbot, window)
    row = next(r for r in _rows(window) if r.view.item.key == key)
    badge = _badge(row)
    assert badge is not None
    assert badge.text() == "Question open"
    assert "Which price list applies?" in badge.toolTip()
    assert all(_badge(r) is None for r in _rows(window) if r.view.item.key != key)

    # the finding of a section: its message in the form, the badge beside it
    findings = [
        (n, f)
        for n, s in enumerate(window.view.sections)
        for f in s.findings
        if window.editable(s) and not any(c.finding_id == f.id for c in window.view.clarifications)
    ]
    assert findings
    page, finding = findings[0]
    while window.page != page:
        qtbot.mouseClick(window.next_button, LEFT)
    _settle(qtbot, window)
    side = window.side.widget()
    widget = next(
        w for w in side.findChildren(FindingRowWidget) if finding.message("en") in _texts(w)
    )
    qtbot.mouseClick(
        next(b for b in widget.findChildren(QPushButton) if b.text() == "Ask the customer…"), LEFT
    )
    dialog = _asking(window)
    assert finding.message("en") in dialog.note.text()
    question = dialog.findChild(QPlainTextEdit)
    qtbot.mouseClick(question.viewport(), LEFT)
    qtbot.keyClicks(question, "Which date?")
    _press_ok(qtbot, dialog)
    _settle(qtbot, window)
    widget = next(
        w
        for w in window.side.widget().findChildren(FindingRowWidget)
        if finding.message("en") in _texts(w)
    )
    assert _badge(widget) is not None

    # the customer answers (recorded from the summary): the item's badge goes
    summary = len(window.view.sections)
    while window.page != summary:
        qtbot.mouseClick(window.next_button, LEFT)
    _settle(qtbot, window)
    record = next(
        b
        for b in window.side.widget().findChildren(QPushButton)
        if b.text() == "Record the answer…"
    )
    qtbot.mouseClick(record, LEFT)
    dialog = _asking(window)
    answer = dialog.findChild(QPlainTextEdit)
    qtbot.mouseClick(answer.viewport(), LEFT)
    qtbot.keyClicks(answer, "The 2026 list.")
    _press_ok(qtbot, dialog)
    _settle(qtbot, window)
    first = window.pages.visualItemRect(window.pages.item(0))
    qtbot.mouseClick(window.pages.viewport(), LEFT, pos=first.center())
    qtbot.waitUntil(lambda: window.page == 0)
    _settle(qtbot, window)
    row = next(r for r in _rows(window) if r.view.item.key == key)
    assert _badge(row) is None


def _texts(widget: QWidget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel))


# --- 4. the demo loads with a busy indicator --------------------------------------------------------


@pytest.fixture
def threaded() -> Iterator[None]:
    from qms_review.gui import operations

    runner = operations.runner()
    before = runner.synchronous
    runner.synchronous = False
    yield
    runner.wait(10000)
    runner.synchronous = before


@pytest.fixture
def held_demo(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The demo's loading, held until the test lets it go (so the busy dialog can be seen)."""
    from qms_review.core import demo
    from qms_review.gui import operations

    monkeypatch.setattr(operations, "BUSY_AFTER_MS", 0)
    release = threading.Event()
    real = demo.load

    def load(store: Store, actor: str) -> int:
        assert release.wait(30)
        return real(store, actor)

    monkeypatch.setattr(demo, "load", load)
    yield release
    release.set()


def _busy(owner: QWidget) -> QProgressDialog | None:
    found = [d for d in owner.findChildren(QProgressDialog) if d.isVisible()]
    return found[0] if found else None


def test_file_load_demo_shows_a_busy_dialog(
    qtbot, window: MainWindow, threaded: None, held_demo: threading.Event
):
    window.menu_file.actions()[window.menu_file.actions().index(window.act_demo)].trigger()
    qtbot.waitUntil(lambda: _busy(window) is not None, timeout=5000)
    busy = _busy(window)
    assert busy is not None
    assert busy.labelText() == "Loading the demo…"
    held_demo.set()
    qtbot.waitUntil(lambda: window.model.total == 44, timeout=60000)
    assert _busy(window) is None


def test_the_first_run_dialog_loads_the_demo_with_a_busy_dialog(
    qtbot, store: Store, threaded: None, held_demo: threading.Event
):
    from qms_review.gui.login import SetupDialog

    dialog = SetupDialog(store, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.demo_button, LEFT)
    qtbot.waitUntil(lambda: _busy(dialog) is not None, timeout=5000)
    assert _busy(dialog).labelText() == "Loading the demo…"
    held_demo.set()
    qtbot.waitUntil(lambda: dialog.demo_loaded, timeout=60000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with store.read() as session:
        assert not users.needs_setup(session)
