"""Who is working: the first-run setup, the login, and changing one's password."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qms_review.core.messages import QmsError
from qms_review.core.store import settings
from qms_review.gui import guide, operations
from qms_review.gui.i18n import TranslatedDialog

# The login is the first window of the program: what it shows imports nothing more (not
# SQLAlchemy, not the store, not the demo); the core it calls is imported when it is called.
if TYPE_CHECKING:
    from qms_review.core.identity import users
    from qms_review.core.store.database import Store


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class FormDialog(TranslatedDialog):
    """A form with an error line that says what is wrong, in the user's language.

    Attributes:
        help_topic: the guide's topic F1 opens.
    """

    help_topic = "start"

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        guide.offer(self, lambda: self.help_topic)
        self.language = language
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def submit(self) -> None:
        """Override in subclasses: do the work, or show why not."""

    def fail(self, exc: QmsError) -> None:
        self.error.setText(exc.message(self.language))

    def busy[T](self, op: operations.Op[T], label: str) -> None:
        """Run ``op`` off the GUI thread (a password hash takes a noticeable moment), the
        buttons off until it has ended so the form is not sent twice."""
        self.buttons.setEnabled(False)
        op.in_background(label).finished(lambda: self.buttons.setEnabled(True)).run()

    def retranslate(self) -> None:
        """Override in subclasses."""

    def fit_height(self) -> None:
        """Grow to show every wrapped text whole at the present width: a text changed on a
        dialog already shown (the demo's hint, another language) would otherwise be cut."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = (
            layout.totalHeightForWidth(self.width())
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if self.height() < needed:
            self.resize(self.width(), needed)


class SetupDialog(FormDialog):
    """The first start on a new database: set up the organisation and its administrator (and
    the certification authority), or load the demo to look around.

    Attributes:
        person: the administrator created, or None when the demo was loaded.
        demo_loaded: whether the user chose the demo.
    """

    def __init__(self, store: Store, language: str, parent: QWidget | None = None) -> None:
        super().__init__(language, parent)
        self.store = store
        self.person: users.Person | None = None
        self.demo_loaded = False
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.organisation = QLineEdit()
        self.login = QLineEdit()
        self.display_name = QLineEdit()
        self.password, self.password_again = password_field(), password_field()
        self.passphrase, self.passphrase_again = password_field(), password_field()
        self.passphrase_note = QLabel()
        self.passphrase_note.setWordWrap(True)
        self.form = QFormLayout()
        for field in (
            self.organisation,
            self.login,
            self.display_name,
            self.password,
            self.password_again,
            self.passphrase,
            self.passphrase_again,
        ):
            self.form.addRow(QLabel(), field)
        self.demo_button = QPushButton()
        self.demo_button.clicked.connect(self.load_demo)
        self.buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.passphrase_note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslate()

    def retranslate(self) -> None:
        from qms_review.core.identity.passwords import MIN_LENGTH

        self.setWindowTitle(self.tr("Set up QMS Review"))
        self.intro.setText(
            self.tr(
                "This database has no users yet. Set up your organisation and its first "
                "administrator, who then adds the reviewers of each function. Or load the demo: "
                "sample orders and one user per function, to try everything first."
            )
        )
        labels = [
            self.tr("Organisation:"),
            self.tr("Login name:"),
            self.tr("Name (printed on signatures):"),
            self.tr("Password (at least {0} characters):").format(MIN_LENGTH),
            self.tr("Password again:"),
            self.tr("CA passphrase:"),
            self.tr("CA passphrase again:"),
        ]
        for row, text in enumerate(labels):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                widget.setText(text)
        self.passphrase_note.setText(
            self.tr(
                "The organisation's certification authority issues every user's signing certificate. "
                "Its key is locked with this passphrase, which the program does not store anywhere: "
                "keep it safe — it is needed to add users or reset their passwords."
            )
        )
        self.demo_button.setText(self.tr("Load the demo instead"))
        self.fit_height()

    def submit(self) -> None:
        if self.password.text() != self.password_again.text():
            self.error.setText(self.tr("The two passwords differ."))
            return
        if self.passphrase.text() != self.passphrase_again.text():
            self.error.setText(self.tr("The two passphrases differ."))
            return
        login = self.login.text().strip()
        # Read on the GUI thread; the work (hashing, the CA's keys) runs on the worker.
        from qms_review.core.identity import users

        organisation, name = self.organisation.text(), self.display_name.text()
        password, passphrase = self.password.text(), self.passphrase.text()
        op = (
            operations.write(
                self,
                self.store,
                users.actor_of(login),
                lambda s: users.setup(s, organisation, login, name, password, passphrase),
                language=self.language,
            )
            .failure(self.fail)
            .success(self._set_up)
        )
        self.busy(op, self.tr("Setting up…"))

    def _set_up(self, person: users.Person) -> None:
        self.person = person
        self.accept()

    def load_demo(self) -> None:
        """Load the demo (a few seconds: off the GUI thread, with a busy dialog)."""
        from qms_review.core import demo

        operations.call(
            self, lambda: demo.load(self.store, "system"), language=self.language
        ).in_background(self.tr("Loading the demo…")).failure(self.fail).success(
            lambda _created: self._demo_loaded()
        ).run()

    def _demo_loaded(self) -> None:
        self.store.reload_identity()
        self.demo_loaded = True
        self.accept()


class LoginDialog(FormDialog):
    """Who is working: login name (the last one remembered) and password (never stored).

    At the program's start it shows before the database is open (``store`` None): the
    password is checked once it is (:mod:`~qms_review.gui.starting`), and the demo's hint
    appears then.

    Attributes:
        store: the database, or None while it is being opened.
        person: who logged in, once accepted.
    """

    def __init__(
        self, store: Store | None, folder: Path, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(language, parent)
        self.store = store
        self.folder = folder
        self.person: users.Person | None = None
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.login = QLineEdit(settings.Settings.in_folder(folder).get(settings.LAST_LOGIN))
        self.password = password_field()
        self.form = QFormLayout()
        self.form.addRow(QLabel(), self.login)
        self.form.addRow(QLabel(), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        # The last login is offered, selected, in the login field that has the focus: the next
        # person types their own login over it (the same person presses Tab). With the focus in
        # the password field, a colleague's login typed there would count as a wrong password
        # of the last user, towards locking them out.
        self.login.setFocus()
        self.login.selectAll()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Log in — QMS Review"))
        self.title.setText(self.tr("Who is working?"))
        hint = self.tr("Everything you do is recorded under your name.")
        if self.store is not None and self.store.identity.is_demo:
            from qms_review.core import demo

            logins = ", ".join(login for login, *_ in demo.USERS)
            hint += "\n\n" + self.tr(
                "Demo database — users: {0}. Each password is the login "
                "followed by “-demo”, e.g. sales-demo."
            ).format(logins)
        self.hint.setText(hint)
        for row, text in enumerate((self.tr("Login name:"), self.tr("Password:"))):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                widget.setText(text)
        self.fit_height()

    def submit(self) -> None:
        login, password = self.login.text().strip(), self.password.text()
        # Its own units of work: a wrong password is recorded (towards the lockout) and refused.
        op = (
            operations.call(
                self,
                lambda: _check(self.opened(), login, password),
                language=self.language,
            )
            .failure(self._refused)
            .success(lambda person: self._logged_in(login, person))
        )
        self.busy(op, self.tr("Checking the password…"))

    def opened(self) -> Store:
        """The database (on the worker thread, where the start opens it before any password
        is checked); subclasses that open it override this."""
        assert self.store is not None
        return self.store

    def _refused(self, refusal: QmsError) -> None:
        self.password.clear()
        self.password.setFocus()
        self.fail(refusal)

    def _logged_in(self, login: str, person: users.Person) -> None:
        self.person = person
        remembered = settings.Settings.in_folder(self.folder)
        remembered.set(settings.LAST_LOGIN, login)
        remembered.save()
        self.accept()


class ChangePasswordDialog(FormDialog):
    """A user changes their own password (forced after a reset or a first password).

    Attributes:
        person: the user, updated once accepted.
    """

    def __init__(
        self,
        store: Store,
        person: users.Person,
        language: str,
        forced: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, parent)
        self.store = store
        self.person = person
        self.forced = forced
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.old, self.new, self.again = password_field(), password_field(), password_field()
        self.form = QFormLayout()
        for field in (self.old, self.new, self.again):
            self.form.addRow(QLabel(), field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.retranslate()

    def retranslate(self) -> None:
        from qms_review.core.identity.passwords import MIN_LENGTH

        self.setWindowTitle(self.tr("Change password — {0}").format(self.person.display_name))
        self.note.setText(
            self.tr("Your password was set by an administrator: choose your own before you go on.")
            if self.forced
            else self.tr("Your signing key is re-encrypted with the new password.")
        )
        labels = (
            self.tr("Current password:"),
            self.tr("New password (at least {0} characters):").format(MIN_LENGTH),
            self.tr("New password again:"),
        )
        for row, text in enumerate(labels):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                widget.setText(text)

    def submit(self) -> None:
        if self.new.text() != self.again.text():
            self.error.setText(self.tr("The two new passwords differ."))
            return
        login, old, new = self.person.login, self.old.text(), self.new.text()
        from qms_review.core.identity import authentication

        op = (
            operations.call(
                self,
                lambda: authentication.change_password(self.store, login, old, new),
                language=self.language,
            )
            .failure(self.fail)
            .success(self._changed)
        )
        self.busy(op, self.tr("Changing the password…"))

    def _changed(self, person: users.Person) -> None:
        self.person = person
        self.accept()


def sign_in(
    store: Store, folder: Path, language: str, parent: QWidget | None = None
) -> users.Person | None:
    """The start of a session: setup on a new database, then login, then a forced password
    change when needed; the person working, or None if they gave up."""
    from qms_review.core.identity import users

    asked = operations.read(parent, store, users.needs_setup, language=language).run()
    if not asked.ok:
        return None
    if asked.result:
        setup = SetupDialog(store, language, parent)
        if setup.exec() != QDialog.DialogCode.Accepted:
            return None
        if setup.person is not None:
            return setup.person
    login = LoginDialog(store, folder, language, parent)
    if login.exec() != QDialog.DialogCode.Accepted or login.person is None:
        return None
    return own_password(store, login.person, language, parent)


def own_password(
    store: Store, person: users.Person, language: str, parent: QWidget | None = None
) -> users.Person | None:
    """``person``, after the change of password forced on them when they must (None if they
    gave up)."""
    if person.must_change_password:
        change = ChangePasswordDialog(store, person, language, forced=True, parent=parent)
        if change.exec() != QDialog.DialogCode.Accepted:
            return None
        person = change.person
    return person


def _check(store: Store, login: str, password: str) -> users.Person:
    from qms_review.core.identity import authentication

    return authentication.check_password(store, login, password)
