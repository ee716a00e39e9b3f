"""Signing out, switching user and the idle lock, driven as a person would: shortcuts, typed
passwords, clicked buttons, time passing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from sqlalchemy import select

from qms_review.core.review import progress
from qms_review.core.store import settings
from qms_review.core.store.database import Store
from qms_review.core.store.models import AuditEvent
from qms_review.gui.lock import Cover, LockDialog
from qms_review.gui.login import LoginDialog
from qms_review.gui.main_window import MainWindow
from qms_review.gui.review.window import ReviewWindow
from qms_review.gui.settings_dialog import SettingsDialog
from tests.gui.helpers import (
    CTRL_SHIFT,
    activate,
    click_button,
    open_review_by_keyboard,
    sign_in,
    start_session,
)
from tests.helpers import find_person

ORDER = "PO-1002-260910"  # the demo's review just started by sales


def _events(store: Store, *actions: str) -> list[tuple[str, str, dict[str, object]]]:
    with store.read() as session:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.action.in_(actions)).order_by(AuditEvent.seq)
        ).all()
        return [(row.action, row.actor, json.loads(row.changes)) for row in rows]


def _ask_customer(qtbot, review: ReviewWindow, question: str) -> QPlainTextEdit:
    form = review.ask_customer()
    qtbot.waitExposed(form)
    activate(qtbot, form)
    field = form.findChild(QPlainTextEdit)
    assert field is not None
    qtbot.keyClicks(field, question)
    return field


def test_switch_user_closes_the_first_users_windows_and_signs_in_the_next(
    qtbot, make_session, demo_store: Store
):
    session = make_session()
    first = start_session(qtbot, session, "sales")
    assert first.person_label.text() == "Signed in: 王丽 Wang Li"
    assert "王丽 Wang Li" in first.windowTitle()
    review = open_review_by_keyboard(qtbot, first, ORDER)
    assert review.person.login == "sales"

    qtbot.keyClick(review, Qt.Key.Key_L, CTRL_SHIFT)  # File → Switch user… from the review

    dialog = session.login_dialog
    assert dialog is not None
    assert not review.isVisible()
    assert not first.isVisible()
    assert session.window is None
    assert dialog.login.text() == ""  # switching: the next person types their login
    qtbot.waitUntil(lambda: not shiboken6.isValid(review) and not shiboken6.isValid(first))

    sign_in(qtbot, dialog, "engineering", "wrong-password")
    assert "4 more wrong attempt" in dialog.error.text()
    assert session.window is None
    sign_in(qtbot, dialog, None, "engineering-demo")
    second = session.window
    assert isinstance(second, MainWindow)
    assert session.login_dialog is None
    assert second.person is not None
    assert second.person.login == "engineering"
    assert second.actor == "user:engineering"
    assert second.person_label.text() == "Signed in: 张伟 Zhang Wei"
    assert "张伟 Zhang Wei" in second.windowTitle()
    assert not second.act_users.isEnabled()

    # "My open items" are engineering's, and a review opened now is theirs to answer and sign
    qtbot.waitExposed(second)
    qtbot.waitUntil(lambda: second.model.total > 0)
    second.mine.setChecked(True)
    with demo_store.read() as s:
        theirs = progress.my_open_orders(s, find_person(demo_store, "engineering"))
    assert second.model.only == theirs
    activate(qtbot, second)
    assert open_review_by_keyboard(qtbot, second, ORDER).person.login == "engineering"

    assert _events(demo_store, "logout") == [
        ("logout", "user:sales", {"login": "sales", "how": "switch user"})
    ]
    logins = [e for e in _events(demo_store, "login") if e[1] == "user:engineering"]
    assert len(logins) == 1


def test_sign_out_asks_before_discarding_typed_text_and_cancel_at_login_ends(
    qtbot, make_session, demo_store: Store
):
    session = make_session()
    main = start_session(qtbot, session, "sales")
    review = open_review_by_keyboard(qtbot, main, ORDER)
    field = _ask_customer(qtbot, review, "Which drawing revision applies?")
    form = field.window()

    qtbot.keyClick(form, Qt.Key.Key_Q, CTRL_SHIFT)  # File → Sign out, from the open form
    question = session.question
    assert isinstance(question, QMessageBox)
    assert "Ask the customer" in question.text()
    qtbot.mouseClick(question.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert session.question is None
    assert session.window is main
    assert form.isVisible()
    assert review.isVisible()
    assert field.toPlainText() == "Which drawing revision applies?"
    assert _events(demo_store, "logout") == []

    activate(qtbot, form)
    qtbot.keyClick(form, Qt.Key.Key_Q, CTRL_SHIFT)
    question = session.question
    assert question is not None
    qtbot.mouseClick(question.button(QMessageBox.StandardButton.Discard), Qt.MouseButton.LeftButton)
    assert not form.isVisible()
    assert not review.isVisible()
    assert not main.isVisible()
    dialog = session.login_dialog
    assert dialog is not None
    assert _events(demo_store, "logout") == [
        ("logout", "user:sales", {"login": "sales", "how": "sign out"})
    ]

    with qtbot.waitSignal(session.ended, timeout=2000):
        click_button(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    assert session.window is None


def test_idle_session_locks_and_the_same_user_unlocks_where_they_left_off(
    qtbot, make_session, demo_store: Store
):
    session = make_session(lock_after_ms=60_000)
    main = start_session(qtbot, session, "sales")
    review = open_review_by_keyboard(qtbot, main, ORDER)
    review.go(2)
    field = _ask_customer(qtbot, review, "Is about 500 pieces 500")
    form = field.window()

    session.idle.set_interval(600)  # a tiny idle time; typing keeps the session open
    for _ in range(4):
        qtbot.wait(200)
        qtbot.keyClick(field, Qt.Key.Key_Period)
    assert not session.locked
    qtbot.waitUntil(lambda: session.locked, timeout=5000)

    lock = session.lock_dialog
    assert isinstance(lock, LockDialog)
    assert lock.title.text() == "Locked: 王丽 Wang Li"
    covered = {cover.covered for cover in session.covers}
    assert {main, review, form} <= covered
    for cover in session.covers:
        assert cover.isVisible()
        assert cover.geometry() == cover.covered.rect()
    assert QApplication.activeModalWidget() is lock
    qtbot.keyClick(form, Qt.Key.Key_Q, CTRL_SHIFT)  # nothing behind the lock answers
    assert session.window is main
    assert session.locked
    lock.reject()  # Escape does not unlock
    assert lock.isVisible()

    sign_in(qtbot, lock, None, "not-my-password")
    assert "4 more wrong attempt" in lock.error.text()
    assert session.locked
    sign_in(qtbot, lock, None, "sales-demo")
    assert not session.locked
    assert not session.covers
    qtbot.waitUntil(lambda: not main.findChildren(Cover))
    assert session.window is main
    assert review.isVisible()
    assert review.page == 2
    assert form.isVisible()
    assert field.toPlainText() == "Is about 500 pieces 500...."

    events = _events(demo_store, "session_locked", "login_failed", "session_unlocked")
    assert [(action, actor) for action, actor, _ in events] == [
        ("session_locked", "user:sales"),
        ("login_failed", "user:sales"),
        ("session_unlocked", "user:sales"),
    ]
    assert events[1][2]["purpose"] == "unlock"

    session.idle.set_interval(300)  # locks again after the next quiet spell
    qtbot.waitUntil(lambda: session.locked, timeout=5000)


def test_switch_user_from_the_lock_hides_what_was_typed_and_signs_in_another(
    qtbot, make_session, demo_store: Store
):
    session = make_session(lock_after_ms=60_000)
    main = start_session(qtbot, session, "sales")
    review = open_review_by_keyboard(qtbot, main, ORDER)
    _ask_customer(qtbot, review, "Confidential question")
    session.idle.set_interval(200)
    qtbot.waitUntil(lambda: session.locked, timeout=5000)
    lock = session.lock_dialog
    assert lock is not None

    qtbot.mouseClick(lock.switch_button, Qt.MouseButton.LeftButton)
    question = session.question
    assert question is not None
    assert "Ask the customer" not in question.text()  # someone else is at the keyboard
    assert "(open windows with it: 1)" in question.text()
    qtbot.mouseClick(question.button(QMessageBox.StandardButton.Discard), Qt.MouseButton.LeftButton)
    dialog = session.login_dialog
    assert dialog is not None
    assert not session.locked
    assert not main.isVisible()
    sign_in(qtbot, dialog, "engineering", "engineering-demo")
    assert session.window is not None
    assert session.window.person_label.text() == "Signed in: 张伟 Zhang Wei"
    assert [e[2]["how"] for e in _events(demo_store, "logout")] == ["switch while locked"]


def test_the_idle_time_is_a_setting(qtbot, make_session, folder: Path):
    values = settings.Settings.in_folder(folder)
    assert settings.lock_minutes(values) == 15
    dialog = SettingsDialog(folder, "sqlite://")
    qtbot.addWidget(dialog)
    assert dialog.lock_minutes.value() == 15
    dialog.lock_minutes.setValue(0)
    assert dialog.lock_minutes.text() == "Never"
    dialog.lock_minutes.setValue(5)
    dialog.accept()
    assert settings.lock_minutes(settings.Settings.in_folder(folder)) == 5

    session = make_session()
    session._lock_after_ms = None
    main = start_session(qtbot, session, "sales")
    main.settings_changed.emit()  # the settings dialog was saved
    assert session.idle.interval_ms == 5 * 60_000
    assert session.idle.timer.isActive()
    values = settings.Settings.in_folder(folder)
    for written, read in (("0", 0), ("9999", 480), ("soon", 15)):
        values.set(settings.LOCK_AFTER_MINUTES, written)
        assert settings.lock_minutes(values) == read


def test_the_program_ends_when_nobody_signs_in_after_a_sign_out(
    qapp, folder: Path, url: str, monkeypatch: pytest.MonkeyPatch
):
    """The whole program: signed out from inside a dialog's own event loop (the settings
    dialog's exec), the dialog closes and the login shows; Cancel there ends the program."""
    from qms_review.core import demo
    from qms_review.core.review import templates
    from qms_review.core.store.database import open_store
    from qms_review.gui import app, starting

    def start(url: str, folder: Path, env: object, _language: str) -> starting.Started:
        store = open_store(url, folder)
        templates.ensure_builtin(store)
        demo.load(store, "tester")
        store.reload_identity()
        return starting.Started(store, find_person(store, "sales"))

    monkeypatch.setattr(app.crash, "setup_logging", lambda _folder: None)
    monkeypatch.setattr(app.crash, "install", lambda: None)
    monkeypatch.setattr(starting, "start", start)
    seen: dict[str, object] = {}

    def shown(kind: type[QWidget]) -> QWidget:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        assert len(found) == 1, kind
        return found[0]

    def open_settings() -> None:
        main = shown(MainWindow)
        assert isinstance(main, MainWindow)
        seen["main"] = main
        QTimer.singleShot(200, sign_out)
        main.open_settings()  # runs its own event loop until the sign-out closes it
        seen["settings closed"] = shiboken6.isValid(main)  # not deleted under our feet

    def sign_out() -> None:
        seen["settings"] = shown(SettingsDialog)
        main = seen["main"]
        assert isinstance(main, MainWindow)
        main.act_sign_out.trigger()
        QTimer.singleShot(200, cancel_login)

    def cancel_login() -> None:
        seen["main deleted"] = not shiboken6.isValid(seen["main"])  # back at the program's level
        dialog = shown(LoginDialog)
        assert isinstance(dialog, LoginDialog)
        dialog.reject()

    QTimer.singleShot(300, open_settings)
    try:
        assert app.run(url, folder, {}) == 0
    finally:
        qapp.setQuitOnLastWindowClosed(True)
    assert seen["settings closed"] is True
    assert seen["main deleted"] is True
