"""First run, login, lockout, password change, the signing dialog and user administration."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from qms_review.core import demo
from qms_review.core.identity import authentication, users
from qms_review.core.orders.revisions import RevisionContent, add_revision, find_or_create_customer
from qms_review.core.review import signatures, templates
from qms_review.core.store import settings
from qms_review.core.store.database import Store
from qms_review.core.store.models import Order, Review, ReviewAnswer
from qms_review.core.store.vocabulary import Answer, Function, OrderKind
from qms_review.gui import login
from qms_review.gui.login import ChangePasswordDialog, LoginDialog, SetupDialog
from qms_review.gui.main_window import MainWindow
from qms_review.gui.signing_dialog import SigningDialog
from qms_review.gui.users_dialog import FunctionBoxes, UsersDialog
from tests.gui.helpers import press_ok
from tests.helpers import find_person


def test_first_run_creates_the_administrator(qtbot, store: Store):
    dialog = SetupDialog(store, "en")
    qtbot.addWidget(dialog)
    dialog.organisation.insert("深圳华强精密机械有限公司")
    dialog.login.insert("admin")
    dialog.display_name.insert("王丽")
    dialog.password.insert("admin-secret-1")
    dialog.password_again.insert("admin-secret-2")
    dialog.passphrase.insert("ca-passphrase-77")
    dialog.passphrase_again.insert("ca-passphrase-77")
    press_ok(dialog)
    assert dialog.error.text() == "The two passwords differ."
    dialog.password_again.clear()
    dialog.password_again.insert("admin-secret-1")
    press_ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.person is not None
    assert dialog.person.is_admin
    assert dialog.person.display_name == "王丽"


def test_first_run_can_load_the_demo_instead(qtbot, store: Store):
    dialog = SetupDialog(store, "en")
    qtbot.addWidget(dialog)
    dialog.demo_button.click()
    assert dialog.demo_loaded
    assert store.identity.is_demo
    with store.read() as session:
        assert len(users.people(session)) == len(demo.USERS)


def test_login_wrong_password_then_lockout_then_right(qtbot, demo_store: Store, folder: Path):
    dialog = LoginDialog(demo_store, folder, "en")
    qtbot.addWidget(dialog)
    assert "sales-demo" in dialog.hint.text()
    dialog.login.setText("sales")
    for left in (4, 3, 2, 1):
        dialog.password.insert("wrong-password")
        press_ok(dialog)
        assert f"{left} more wrong attempt" in dialog.error.text()
        assert dialog.password.text() == ""
    dialog.password.insert("wrong-password")
    press_ok(dialog)
    assert "locked" in dialog.error.text()
    dialog.password.insert("sales-demo")
    press_ok(dialog)
    assert "locked" in dialog.error.text()  # the right password waits for the lock to expire
    assert dialog.result() != QDialog.DialogCode.Accepted

    other = LoginDialog(demo_store, folder, "en")
    qtbot.addWidget(other)
    other.login.setText("quality")
    other.password.insert("quality-demo")
    press_ok(other)
    assert other.person is not None
    assert other.person.login == "quality"
    assert settings.Settings.in_folder(folder).get(settings.LAST_LOGIN) == "quality"
    assert LoginDialog(demo_store, folder, "en").login.text() == "quality"


def test_forced_password_change(qtbot, demo_store: Store):
    with demo_store.write("user:admin") as session:
        person = authentication.reset_password(
            session, "finance", "temporary-pw-1", demo.CA_PASSPHRASE
        )
    dialog = ChangePasswordDialog(demo_store, person, "en", forced=True)
    qtbot.addWidget(dialog)
    assert "choose your own" in dialog.note.text()
    dialog.old.insert("temporary-pw-1")
    dialog.new.insert("short")
    dialog.again.insert("short")
    press_ok(dialog)
    assert "at least 10" in dialog.error.text()
    dialog.new.setText("finance-own-pw")
    dialog.again.setText("finance-own-pw")
    press_ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.person.must_change_password


@pytest.fixture
def review(demo_store: Store) -> int:
    with demo_store.write("tester") as session:
        customer = find_or_create_customer(session, "Northwind Pumps Ltd", "C-1001")
        revision = add_revision(
            session,
            customer,
            OrderKind.ORDER,
            "PO-SIGN",
            RevisionContent(lines=[{"line_no": 10, "part_number": "HB-1020"}]),
            "tester",
        )
        template_id = templates.current_id(session, "iso9001")
        assert template_id is not None
        row = Review(revision_id=revision.id, template_id=template_id)
        session.add(row)
        session.flush()
        session.add(ReviewAnswer(review_id=row.id, item_key="quality.statutory", value=Answer.YES))
        return row.id


def test_signing_dialog_shows_what_and_signs_with_the_password(
    qtbot, demo_store: Store, review: int
):
    scope = signatures.section_scope("quality")
    dialog = SigningDialog(demo_store, find_person(demo_store, "quality"), review, scope, "en")
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.values]
    assert texts[0] == "Order PO-SIGN, revision 1 — Northwind Pumps Ltd"
    assert texts[2] == "Reviewed — Quality requirements section"
    assert texts[3] == "James Carter (Quality)"
    dialog.password.insert("quality-wrong")
    press_ok(dialog)
    assert "Wrong password" in dialog.error.text()
    assert dialog.signed is None
    dialog.password.insert("quality-demo")
    press_ok(dialog)
    assert dialog.signed is not None
    assert dialog.signed.printed_name == "James Carter"
    again = SigningDialog(demo_store, find_person(demo_store, "quality"), review, scope, "en")
    qtbot.addWidget(again)
    assert "already signed" in again.error.text()
    assert not again.password.isEnabled()


def test_signing_dialog_refuses_a_user_without_the_function(qtbot, demo_store: Store, review: int):
    dialog = SigningDialog(
        demo_store,
        find_person(demo_store, "sales"),
        review,
        signatures.section_scope("technical"),
        "en",
    )
    qtbot.addWidget(dialog)
    assert dialog.error.text() == "Only Engineering signs this part; you do not hold that function."
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_users_dialog_adds_a_user_and_shows_security_events(qtbot, demo_store: Store):
    with pytest.raises(Exception, match="Wrong"):
        authentication.check_password(demo_store, "planning", "not-the-password")
    dialog = UsersDialog(demo_store, find_person(demo_store, "admin"), "en")
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(demo.USERS)
    whats = [dialog.events.item(r, 1).text() for r in range(dialog.events.rowCount())]
    assert "failed attempt" in whats
    form = dialog.add_user()
    qtbot.addWidget(form)
    fields = form.findChildren(login.QLineEdit)
    login_name, name, first, again, passphrase = fields
    login_name.insert("zhao")
    name.insert("赵敏")
    first.insert("zhao-first-pw")
    again.insert("zhao-first-pw")
    passphrase.insert("wrong passphrase")
    press_ok(form)
    assert form.error.text() == "Give the user at least one function."
    function_boxes = form.findChild(FunctionBoxes)
    assert function_boxes is not None
    function_boxes.boxes[Function.PRODUCTION].setChecked(True)
    press_ok(form)
    assert "CA passphrase" in form.error.text()
    passphrase.setText(demo.CA_PASSPHRASE)
    press_ok(form)
    assert form.result() == QDialog.DialogCode.Accepted
    assert dialog.table.rowCount() == len(demo.USERS) + 1
    assert "赵敏" in dialog.status.text()


def test_main_window_shows_who_is_signed_in(qtbot, demo_store: Store, languages, folder: Path):
    window = MainWindow(
        demo_store, languages, folder, "ignored", person=find_person(demo_store, "admin")
    )
    qtbot.addWidget(window)
    assert window.actor == "user:admin"
    assert window.person_label.text() == "Signed in: Alex Morgan"
    assert window.act_users.isEnabled()
    dialog = window.open_users()
    assert dialog is not None
    qtbot.addWidget(dialog)
    sales = MainWindow(demo_store, languages, folder, "", person=find_person(demo_store, "sales"))
    qtbot.addWidget(sales)
    assert not sales.act_users.isEnabled()
    with demo_store.read() as session:
        assert session.query(Order).count() == 44


def test_sign_in_walks_through_setup_then_login_and_a_forced_change(
    qtbot, store: Store, folder: Path, monkeypatch: pytest.MonkeyPatch
):
    def setup_exec(self: SetupDialog) -> int:
        self.organisation.setText("Acme")
        self.login.setText("admin")
        self.display_name.setText("Ada")
        for field in (self.password, self.password_again):
            field.setText("admin-secret-1")
        for field in (self.passphrase, self.passphrase_again):
            field.setText("ca-passphrase-77")
        self.submit()
        return self.result()

    monkeypatch.setattr(SetupDialog, "exec", setup_exec)
    first = login.sign_in(store, folder, "en")
    assert first is not None
    assert first.login == "admin"

    with store.write("user:admin") as session:
        users.add_user(session, "neu", "Neu", [Function.SALES], "neu-first-pw", "ca-passphrase-77")

    def login_exec(self: LoginDialog) -> int:
        self.login.setText("neu")
        self.password.setText("neu-first-pw")
        self.submit()
        return self.result()

    def change_exec(self: ChangePasswordDialog) -> int:
        assert self.forced
        self.old.setText("neu-first-pw")
        self.new.setText("neu-own-password")
        self.again.setText("neu-own-password")
        self.submit()
        return self.result()

    monkeypatch.setattr(LoginDialog, "exec", login_exec)
    monkeypatch.setattr(ChangePasswordDialog, "exec", change_exec)
    person = login.sign_in(store, folder, "en")
    assert person is not None
    assert not person.must_change_password
    authentication.check_password(store, "neu", "neu-own-password")


def test_login_checks_the_password_off_the_gui_thread(
    qtbot, demo_store: Store, folder: Path, monkeypatch
):
    """argon2id takes a noticeable moment: the check runs on the worker thread, the buttons
    off meanwhile (the tests' runner is synchronous; this one is not)."""
    import threading

    from qms_review.gui import operations

    checked_on: list[threading.Thread] = []
    real = authentication.check_password

    def check(*args):
        checked_on.append(threading.current_thread())
        return real(*args)

    monkeypatch.setattr(authentication, "check_password", check)
    runner = operations.runner()
    before = runner.synchronous
    runner.synchronous = False
    try:
        dialog = LoginDialog(demo_store, folder, "en")
        qtbot.addWidget(dialog)
        dialog.login.setText("quality")
        dialog.password.insert("quality-demo")
        press_ok(dialog)
        assert not dialog.buttons.isEnabled()
        qtbot.waitUntil(lambda: dialog.person is not None, timeout=10000)
        assert dialog.buttons.isEnabled()
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert checked_on
        assert checked_on[0] is not threading.main_thread()
    finally:
        runner.wait(5000)
        runner.synchronous = before


def test_the_next_person_types_their_login_over_the_last_one(
    qtbot, demo_store: Store, folder: Path
):
    """The last login is offered, but the keys typed first go into the login field, so a
    colleague's login never lands in the password field as a wrong password of the last user."""
    remembered = settings.Settings.in_folder(folder)
    remembered.set(settings.LAST_LOGIN, "sales")
    remembered.save()
    dialog = LoginDialog(demo_store, folder, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.login.text() == "sales"
    typing = dialog.focusWidget()
    assert typing is dialog.login
    qtbot.keyClicks(typing, "quality")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.password
    qtbot.keyClicks(dialog.focusWidget(), "quality-demo")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.person is not None
    assert dialog.person.login == "quality"
    with demo_store.read() as session:
        assert users.find(session, "sales").failed_logins == 0


def test_the_same_person_presses_tab_and_types_the_password(qtbot, demo_store: Store, folder: Path):
    remembered = settings.Settings.in_folder(folder)
    remembered.set(settings.LAST_LOGIN, "sales")
    remembered.save()
    dialog = LoginDialog(demo_store, folder, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), "sales-demo")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.person is not None
    assert dialog.person.login == "sales"


def test_an_organisations_own_database_is_not_offered_the_demo(
    qtbot, store: Store, languages, folder: Path, monkeypatch
):
    with store.write("setup") as session:
        admin = users.setup(
            session, "Acme Ltd", "boss", "Pat Boss", "boss-password-1", "ca-passphrase-77"
        )
    window = MainWindow(store, languages, folder, "os:tester", person=admin)
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.empty
    assert not window.empty.demo_button.isVisible()
    assert "demo" not in window.empty.hint.text()
    assert not window.act_demo.isEnabled()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    window.act_demo.setEnabled(True)  # were it reached anyway, the core refuses
    window.act_demo.trigger()
    assert "belongs to an organisation (1 users)" in shown[0]
    assert not store.reload_identity().is_demo
    assert "[DEMO" not in window.windowTitle()
