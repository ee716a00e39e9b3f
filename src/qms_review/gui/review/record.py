"""The signed record, from the review's decision page: make it (off the GUI thread), sign it,
view and print it, save the signed original, export the review's data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDialog, QLabel

from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError, text
from qms_review.core.review.walkthrough import WalkthroughView
from qms_review.core.store.database import Store
from qms_review.gui import folders, operations
from qms_review.gui.users_dialog import ActionDialog

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qms_review.core.records.archive import Made

    _Window = QDialog  # what this is mixed into, for the type checker
else:
    _Window = object


class RecordActions(_Window):
    """Part of :class:`~qms_review.gui.review.window.ReviewWindow`: the record's buttons.

    Attributes:
        record_state: the record's hash and who has signed it (on the decision page).
        record_language: the language a new record is made in (on the decision page).
    """

    store: Store
    person: Person
    review_id: int
    language: str
    view: WalkthroughView
    status: QLabel
    record_state: QLabel | None
    record_language: QComboBox | None

    def show_record_state(self) -> None:
        from qms_review.core.records import pades, signers, verification

        shown = self.record_state
        if shown is None:
            return

        def state(session: Session) -> str:
            row = pades.newest(session, self.review_id)
            if row is None:
                return self.tr("No record yet.")
            result = verification.verify(session, row.pdf)
            expected = signers.in_order(session, self.review_id)
            signed = [c.signer for c in result.signatures]
            return self.tr("Record SHA-256 {0}… — signed by {1} of {2}: {3}").format(
                row.sha256[:16], len(signed), len(expected), ", ".join(signed) or "—"
            )

        operations.read(self, self.store, state, language=self.language).success(
            shown.setText
        ).run()

    def make_record(self) -> operations.Op[Made]:
        """Make a new record (a few hundred ms: off the GUI thread) for each signer to sign."""
        from qms_review.core.records import archive

        choice = self.record_language
        language = str(choice.currentData()) if choice is not None else self.language

        def made(record: Made) -> None:
            if record.draft:
                said = self.tr(
                    "Draft record {0} made: the review is not decided, so it is "
                    "marked DRAFT and cannot be signed."
                )
            else:
                said = self.tr("Record {0} made; each signer now signs it.")
            self.status.setText(said.format(record.record_id))
            self.show_record_state()

        return (
            operations.write(
                self,
                self.store,
                self.person.actor,
                lambda s: archive.generate(s, self.review_id, language),
                language=self.language,
            )
            .in_background(self.tr("Making the record…"))
            .failure(self._tell)
            .success(made)
            .run()
        )

    def sign_record(self) -> ActionDialog | None:
        """The password dialog to sign the newest record; None (a message box says why) when
        the rules refuse this signature (refusals are audited)."""
        from qms_review.core.records import pades
        from qms_review.gui.login import password_field

        allowed = (
            operations.call(
                self,
                lambda: pades.may_sign(self.store, self.person.login, self.review_id),
                language=self.language,
            )
            .titled(self.tr("Sign the record"))
            .run()
        )
        if not allowed.ok:
            return None

        password = password_field()
        meaning = text("record.meaning_signed", self.language)

        signed = self.tr("You signed the record.")

        def act() -> operations.Op[str]:
            typed = password.text()

            def sign() -> str:  # on the worker thread: no widget touched here
                pades.sign(
                    self.store, self.person.login, typed, self.review_id, meaning, self.language
                )
                return signed

            return operations.call(dialog, sign, language=self.language).in_background(
                self.tr("Signing the record…")
            )

        dialog = ActionDialog(
            self.tr("Sign the record — {0}").format(self.person.display_name),
            [(self.tr("Your password:"), password)],
            act,
            self.language,
            meaning,
            self,
        )

        def done() -> None:
            self.status.setText(dialog.result_text)
            self.show_record_state()

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def _newest_pdf(self) -> bytes | None:
        """The newest record's bytes; None (the status line says why) when there is none."""
        from qms_review.core.records import pades

        op = operations.read(
            self,
            self.store,
            lambda s: pades.latest(s, self.review_id).pdf,
            language=self.language,
        )
        return op.failure(self._tell).run().result

    def view_record(self) -> QDialog | None:
        """The newest record in the viewer, to read and print."""
        from qms_review.gui.record_viewer import RecordViewer

        pdf = self._newest_pdf()
        if pdf is None:
            return None
        title = self.tr("Record — {0}").format(self.view.order)
        viewer = RecordViewer(pdf, title, self, self.language)
        viewer.open()
        return viewer

    def export_data(self, path: Path | None = None) -> Path | None:
        """The review's data (order, lines, findings, answers, questions, signatures) as .xlsx."""
        from qms_review.core.records import exports

        if path is None:
            name = folders.save_name(
                self,
                folders.OUTPUTS,
                self.tr("Export review data"),
                f"{self.view.order}-review.xlsx",
                self.tr("Excel workbook (*.xlsx)"),
            )
            if not name:
                return None
            path = Path(name)
        chosen = path
        op = operations.read(
            self,
            self.store,
            lambda s: exports.review_xlsx(s, self.review_id, chosen, self.language),
            language=self.language,
        ).success(lambda _r: self.status.setText(self.tr("Saved {0}").format(chosen)))
        return chosen if op.run().ok else None

    def save_record(self, path: Path | None = None) -> Path | None:
        """The signed original, byte for byte (never re-saved through a viewer)."""
        pdf = self._newest_pdf()
        if pdf is None:
            return None
        if path is None:
            name = folders.save_name(
                self,
                folders.OUTPUTS,
                self.tr("Save the record"),
                f"{self.view.order}-review-record.pdf",
                self.tr("PDF (*.pdf)"),
            )
            if not name:
                return None
            path = Path(name)
        path.write_bytes(pdf)
        self.status.setText(self.tr("Saved {0}").format(path))
        return path

    def confirm_to_customer(self, path: Path | None = None) -> Path | None:
        """Confirm to the customer: the order acknowledgement (refused before an accepting
        decision), kept with the review and saved where the user chooses."""
        from qms_review.gui import acknowledging

        return acknowledging.confirm(
            self,
            self.store,
            self.person,
            self.review_id,
            self.view.order,
            self.language,
            self.status.setText,
            path,
        )

    def _tell(self, refusal: QmsError) -> None:
        self.status.setText(refusal.message(self.language))
