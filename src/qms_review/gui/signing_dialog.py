"""The signing act in the GUI, the same dialog wherever a signature is needed.

It shows what is signed and what the signature means, who signs and when, and asks for the
signer's password at that moment (21 CFR Part 11 §11.50, §11.200). The signature is made by
the core (:func:`qms_review.core.review.signatures.sign`), which checks everything again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from qms_review.core.identity import users
from qms_review.core.messages import QmsError, label
from qms_review.core.review import signatures
from qms_review.core.store.columns import utcnow
from qms_review.core.store.database import Store
from qms_review.gui import operations
from qms_review.gui.login import FormDialog, password_field


class SigningDialog(FormDialog):
    """Sign one part of a review.

    Attributes:
        preview: what is about to be signed.
        signed: the signature, once made.
    """

    help_topic = "review"

    def __init__(
        self,
        store: Store,
        person: users.Person,
        review_id: int,
        scope: str,
        language: str,
        parent: QWidget | None = None,
        perform: Callable[[str], signatures.Signed] | None = None,
        meaning: str | None = None,
    ) -> None:
        """``perform`` makes the signature with the password (default: sign ``scope``); a
        decision passes its own, which decides and signs in one unit of work, with the
        ``meaning`` of the decision chosen."""
        super().__init__(language, parent)
        self.store = store
        self.person = person
        self.review_id = review_id
        self.scope = scope
        self.perform = perform
        self.signed: signatures.Signed | None = None
        # Not an operation: the dialog is built from the preview; a refusal goes to the opener.
        with store.read() as session:
            self.preview = signatures.preview(session, review_id, scope, language)
        if meaning is not None:
            self.preview = replace(self.preview, meaning=meaning)
        self.statement = QLabel()
        self.statement.setWordWrap(True)
        self.values = [QLabel() for _ in range(6)]
        for value in self.values:
            value.setWordWrap(True)
        self.password = password_field()
        self.form = QFormLayout()
        for value in self.values:
            self.form.addRow(QLabel(), value)
        self.form.addRow(QLabel(), self.password)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.statement)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslate()
        self._refuse_early()
        self.password.setFocus()

    def _refuse_early(self) -> None:
        """Say at once what would refuse the signature (the core checks again when signing)."""
        owner = label("owner", self.preview.function.value, self.language)
        if self.preview.locked:
            self.error.setText(self.tr("This part is already signed and locked."))
        elif not self.person.holds(self.preview.function):
            self.error.setText(
                self.tr("Only {0} signs this part; you do not hold that function.").format(owner)
            )
        else:
            return
        self.password.setEnabled(False)
        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        ok.setEnabled(False)

    def retranslate(self) -> None:
        p = self.preview
        self.setWindowTitle(self.tr("Sign — {0}").format(p.meaning))
        captions = (
            self.tr("Document:"),
            self.tr("Part signed:"),
            self.tr("Meaning:"),
            self.tr("Signer:"),
            self.tr("Date and time:"),
            self.tr("Content SHA-256:"),
            self.tr("Your password:"),
        )
        offset = utcnow().astimezone().utcoffset()
        now = signatures.local_time(utcnow(), int(offset.total_seconds() // 60) if offset else 0)
        values = (
            self.tr("{0} {1}, revision {2} — {3}").format(p.kind, p.order, p.revision, p.customer),
            p.scope_title,
            p.meaning,
            f"{self.person.display_name} ({label('owner', p.function.value, self.language)})",
            now,
            f"{p.content_sha256[:32]}…",
        )
        for row, caption in enumerate(captions):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                widget.setText(caption)
        for widget, value in zip(self.values, values, strict=True):
            widget.setText(value)
        self.values[2].setStyleSheet("font-weight: bold;")
        self.statement.setText(
            self.tr(
                "By signing with your password you confirm this meaning for the content shown. "
                "Your electronic signature is the legally binding equivalent of your handwritten "
                "signature; it is recorded with your printed name, function, date and time."
            )
        )
        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        ok.setText(self.tr("Sign"))

    def submit(self) -> None:
        """Sign (the password is checked first, argon2: off the GUI thread); a refusal stays in
        the dialog with the password cleared."""
        password = self.password.text()

        def sign() -> signatures.Signed:
            if self.perform is not None:
                return self.perform(password)
            return signatures.sign(
                self.store,
                self.person.login,
                password,
                self.review_id,
                self.scope,
                self.preview.function,
                self.language,
            )

        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        ok.setEnabled(False)
        operations.call(self, sign, language=self.language).in_background(
            self.tr("Signing…")
        ).failure(self._refused).success(self._signed).finished(lambda: ok.setEnabled(True)).run()

    def _refused(self, refusal: QmsError) -> None:
        self.password.clear()
        self.fail(refusal)

    def _signed(self, signed: signatures.Signed) -> None:
        self.signed = signed
        self.accept()
