"""Administration of users: add, functions, deactivate, reset password, import a PKCS#12,
revoke a certificate, export the CA certificate; and the security events (logins, failed
attempts, lockouts) that an administrator reviews."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qms_review.core.identity import authentication, certificates, users
from qms_review.core.messages import QmsError, label
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import Function
from qms_review.gui import folders, guide, operations, screen
from qms_review.gui.i18n import TranslatedDialog
from qms_review.gui.login import FormDialog, password_field

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Field = QLineEdit | QWidget


class FunctionBoxes(QWidget):
    """One check box per function."""

    def __init__(self, language: str, chosen: tuple[Function, ...] = ()) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[Function, QCheckBox] = {}
        for n, function in enumerate(Function):
            box = QCheckBox(label("owner", function.value, language))
            box.setChecked(function in chosen)
            self.boxes[function] = box
            grid.addWidget(box, n // 3, n % 3)

    def chosen(self) -> list[Function]:
        return [f for f, box in self.boxes.items() if box.isChecked()]


class ActionDialog(FormDialog):
    """A small form whose OK runs the operation ``action`` makes from the form's values (its
    result is the text to show afterwards); a refusal is shown in the form, which stays open.

    Attributes:
        result_text: what the operation returned, once accepted.
        note: what the form is about, above its fields (hidden when there is nothing to say).
    """

    def __init__(
        self,
        title: str,
        rows: list[tuple[str, QWidget]],
        action: Callable[[], operations.Op[str]],
        language: str,
        note: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, parent)
        self.setWindowTitle(title)
        self.action = action
        self.result_text = ""
        form = QFormLayout()
        for caption, widget in rows:
            form.addRow(caption, widget)
        layout = QVBoxLayout(self)
        self.note = QLabel(note)  # what the form is about, as plain text
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def submit(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)  # until this one has ended (it may run in the background)
        self.action().failure(self.fail).success(self._done).finished(
            lambda: ok.setEnabled(True)
        ).run()

    def _done(self, result: str) -> None:
        self.result_text = result
        self.accept()


class UsersDialog(TranslatedDialog):
    """The administrator's view of users and security events.

    Attributes:
        table: one row per user.
        events: the security events, newest first.
    """

    COLUMNS = 6

    def __init__(
        self, store: Store, admin: users.Person, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        guide.offer(self, "users")
        self.store = store
        self.admin = admin
        self.language = language
        self.people: list[users.Person] = []
        screen.fit(self, 1080, 600)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.events = QTableWidget(0, 4)
        self.events.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events.verticalHeader().setVisible(False)
        self.events.horizontalHeader().setStretchLastSection(True)
        self.buttons: dict[str, QPushButton] = {}
        tools = QVBoxLayout()
        for key, slot in (
            ("add", self.add_user),
            ("functions", self.edit_functions),
            ("active", self.toggle_active),
            ("reset", self.reset_password),
            ("p12", self.import_pkcs12),
            ("revoke", self.revoke),
            ("export", self.export_ca),
        ):
            button = QPushButton()
            # With no argument: clicked(bool) would be taken for a path by the optional one.
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            self.buttons[key] = button
            tools.addWidget(button)
        tools.addStretch()
        people = QWidget()
        row = QHBoxLayout(people)
        row.addWidget(self.table, 1)
        row.addLayout(tools)
        self.tabs = QTabWidget()
        self.tabs.addTab(people, "")
        self.tabs.addTab(self.events, "")
        self.status = QLabel()
        self.status.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.retranslate()
        self.reload()

    # --- data -----------------------------------------------------------------------------------

    def reload(self) -> None:
        read = operations.read(
            self,
            self.store,
            lambda s: (users.people(s), users.security_events(s)),
            language=self.language,
        ).run()
        if read.result is None:
            return
        self.people, events = read.result
        self.table.setRowCount(len(self.people))
        for r, p in enumerate(self.people):
            state = [self.tr("active") if p.active else self.tr("inactive")]
            if p.locked():
                state.append(self.tr("locked"))
            if p.must_change_password:
                state.append(self.tr("must change password"))
            values = (
                p.login,
                p.display_name,
                ", ".join(label("owner", f.value, self.language) for f in p.functions),
                ", ".join(state),
                str(p.failed_logins),
                p.certificate_serial or "—",
            )
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.events.setRowCount(len(events))
        for r, e in enumerate(events):
            cells = (
                f"{e.at.astimezone():%Y-%m-%d %H:%M:%S}",
                self._action_name(e.action),
                e.login,
                e.details,
            )
            for c, value in enumerate(cells):
                self.events.setItem(r, c, QTableWidgetItem(value))
        self.events.resizeColumnsToContents()
        self._selection_changed()

    def selected(self) -> users.Person | None:
        rows = self.table.selectionModel().selectedRows()
        return self.people[rows[0].row()] if rows else None

    def select(self, login: str) -> None:
        for r, p in enumerate(self.people):
            if p.login == login:
                self.table.selectRow(r)

    def _selection_changed(self) -> None:
        chosen = self.selected()
        for key in ("functions", "active", "reset", "p12", "revoke"):
            self.buttons[key].setEnabled(chosen is not None)
        if chosen is not None:
            self.buttons["active"].setText(
                self.tr("Deactivate") if chosen.active else self.tr("Activate")
            )

    def _write(self, change: Callable[[Session], str]) -> operations.Op[str]:
        """``change`` as one unit of work by the administrator; its result is the text shown."""
        return operations.write(self, self.store, self.admin.actor, change, language=self.language)

    # --- actions --------------------------------------------------------------------------------

    def add_user(self) -> ActionDialog:
        login, name = QLineEdit(), QLineEdit()
        boxes = FunctionBoxes(self.language)
        first, again, passphrase = password_field(), password_field(), password_field()

        def add(session: Session) -> str:
            if first.text() != again.text():
                raise QmsError("cli.secrets_differ")
            person = users.add_user(
                session,
                login.text().strip(),
                name.text(),
                boxes.chosen(),
                first.text(),
                passphrase.text(),
            )
            return self.tr(
                "Added {0}; they choose their own password at their first login."
            ).format(person.display_name)

        dialog = ActionDialog(
            self.tr("Add user"),
            [
                (self.tr("Login name:"), login),
                (self.tr("Name (printed on signatures):"), name),
                (self.tr("Functions:"), boxes),
                (self.tr("First password:"), first),
                (self.tr("First password again:"), again),
                (self.tr("CA passphrase:"), passphrase),
            ],
            lambda: self._write(add),
            self.language,
            self.tr("The user gets a signing key and a certificate from the organisation's CA."),
            self,
        )
        self._open(dialog)
        return dialog

    def edit_functions(self) -> ActionDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        boxes = FunctionBoxes(self.language, chosen.functions)

        def change(session: Session) -> str:
            users.set_functions(session, chosen.login, boxes.chosen())
            return self.tr("Functions of {0} changed.").format(chosen.display_name)

        dialog = ActionDialog(
            self.tr("Functions of {0}").format(chosen.display_name),
            [(self.tr("Functions:"), boxes)],
            lambda: self._write(change),
            self.language,
            parent=self,
        )
        self._open(dialog)
        return dialog

    def toggle_active(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return

        def toggled(_result: object) -> None:
            self.reload()
            self.select(chosen.login)

        operations.write(
            self,
            self.store,
            self.admin.actor,
            lambda s: users.set_active(s, chosen.login, not chosen.active),
            language=self.language,
        ).failure(lambda refusal: self.status.setText(refusal.message(self.language))).success(
            toggled
        ).run()

    def reset_password(self) -> ActionDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        first, again, passphrase = password_field(), password_field(), password_field()

        def reset(session: Session) -> str:
            if first.text() != again.text():
                raise QmsError("cli.secrets_differ")
            authentication.reset_password(session, chosen.login, first.text(), passphrase.text())
            return self.tr("{0} has a temporary password and a new certificate.").format(
                chosen.display_name
            )

        dialog = ActionDialog(
            self.tr("Reset the password of {0}").format(chosen.display_name),
            [
                (self.tr("Temporary password:"), first),
                (self.tr("Temporary password again:"), again),
                (self.tr("CA passphrase:"), passphrase),
            ],
            lambda: self._write(reset),
            self.language,
            self.tr(
                "The lock is lifted, a new key and certificate are issued, "
                "and the user must choose a new password at the next "
                "login."
            ),
            self,
        )
        self._open(dialog)
        return dialog

    def import_pkcs12(self, path: Path | None = None) -> ActionDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        if path is None:
            name = folders.open_name(
                self,
                folders.ATTACHMENTS,
                self.tr("Import key and certificate"),
                self.tr("PKCS#12 (*.p12 *.pfx)"),
            )
            if not name:
                return None
            path = Path(name)
        file_password, user_password = password_field(), password_field()
        data = path.read_bytes()

        def take(session: Session) -> str:
            users.import_pkcs12(
                session, chosen.login, data, file_password.text(), user_password.text()
            )
            return self.tr("{0} now signs with the imported certificate.").format(
                chosen.display_name
            )

        dialog = ActionDialog(
            self.tr("Import key and certificate for {0}").format(chosen.display_name),
            [
                (self.tr("File:"), QLabel(path.name)),
                (self.tr("File password:"), file_password),
                (self.tr("Password of {0} (typed by them):").format(chosen.login), user_password),
            ],
            lambda: self._write(take),
            self.language,
            self.tr(
                "The key is kept encrypted with the user's own password, "
                "so they type it here themselves."
            ),
            self,
        )
        self._open(dialog)
        return dialog

    def revoke(self) -> ActionDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        passphrase = password_field()

        def revoke(session: Session) -> str:
            number = users.revoke(session, chosen.login, passphrase.text())
            return self.tr("Certificate of {0} revoked; revocation list {1} issued.").format(
                chosen.display_name, number
            )

        dialog = ActionDialog(
            self.tr("Revoke the certificate of {0}").format(chosen.display_name),
            [(self.tr("CA passphrase:"), passphrase)],
            lambda: self._write(revoke),
            self.language,
            self.tr(
                "Only when the key may be compromised: signatures made with "
                "it are reported as revoked from now on. Reset the password "
                "afterwards to issue a new key."
            ),
            self,
        )
        self._open(dialog)
        return dialog

    def export_ca(self, path: Path | None = None) -> Path | None:
        if path is None:
            name = folders.save_name(
                self,
                folders.OUTPUTS,
                self.tr("Export CA certificate"),
                "qms-review-ca.pem",
                self.tr("Certificates (*.pem *.cer)"),
            )
            if not name:
                return None
            path = Path(name)
        chosen = path

        def export(session: Session) -> str | None:
            """None when saved, else why the file could not be written."""
            try:
                certificates.export_ca(session, chosen)
            except OSError as exc:
                return str(exc)
            return None

        op = operations.read(self, self.store, export, language=self.language)
        op.titled(self.tr("Export CA certificate")).run()
        if not op.ok or op.result is not None:
            if op.result is not None:
                QMessageBox.warning(self, self.tr("Export CA certificate"), op.result)
            return None
        self.status.setText(
            self.tr(
                "Saved {0}. Import it once into a PDF reader as a trusted "
                "certificate to see the signatures as trusted."
            ).format(path)
        )
        return path

    def _open(self, dialog: ActionDialog) -> None:
        def done() -> None:
            self.status.setText(dialog.result_text)
            self.reload()

        dialog.accepted.connect(done)
        dialog.open()

    # --- language -------------------------------------------------------------------------------

    def _action_name(self, action: str) -> str:
        names = {
            "login": self.tr("login"),
            "login_failed": self.tr("failed attempt"),
            "lockout": self.tr("locked out"),
            "logout": self.tr("signed out"),
            "session_locked": self.tr("session locked"),
            "session_unlocked": self.tr("session unlocked"),
            "password_changed": self.tr("password changed"),
            "password_reset": self.tr("password reset"),
            "signature_refused": self.tr("signature refused"),
            "certificate_revoked": self.tr("certificate revoked"),
            "deactivated": self.tr("deactivated"),
        }
        return names.get(action, action)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Users and security"))
        self.tabs.setTabText(0, self.tr("Users"))
        self.tabs.setTabText(1, self.tr("Security events"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Login"),
                self.tr("Name"),
                self.tr("Functions"),
                self.tr("State"),
                self.tr("Failed attempts"),
                self.tr("Certificate"),
            ]
        )
        self.events.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("What"), self.tr("Login"), self.tr("Details")]
        )
        texts = {
            "add": self.tr("Add user…"),
            "functions": self.tr("Functions…"),
            "active": self.tr("Deactivate"),
            "reset": self.tr("Reset password…"),
            "p12": self.tr("Import PKCS#12…"),
            "revoke": self.tr("Revoke certificate…"),
            "export": self.tr("Export CA certificate…"),
        }
        for key, text in texts.items():
            self.buttons[key].setText(text)
        if self.people:
            self._selection_changed()
