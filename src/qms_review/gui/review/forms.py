"""The review's small forms: ask the customer, record their answer, record a communication,
and (the approver) change which functions the review needs, take a review ready for decision
back into review, or waive the formal review (IATF 16949). Each OK is one unit of work; a
refusal stays in the form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError
from qms_review.core.review import actions, clarifications, progress
from qms_review.core.review.walkthrough import WalkthroughView
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import CommunicationKind, Function
from qms_review.gui import folders, operations
from qms_review.gui.users_dialog import ActionDialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog
    from sqlalchemy.orm import Session

    _Window = QDialog  # what this is mixed into, for the type checker
else:
    _Window = object


class CustomerForms(_Window):
    """Part of :class:`~qms_review.gui.review.window.ReviewWindow`: its forms."""

    store: Store
    person: Person
    review_id: int
    language: str
    view: WalkthroughView
    status: QLabel

    refresh: Callable[[], None]

    def ask_customer(
        self, item_key: str | None = None, finding_id: int | None = None
    ) -> ActionDialog:
        """A question to the customer about a checklist item or a finding; the form says which
        (its text, or the finding's message)."""
        question = QPlainTextEdit()

        def raise_it(session: Session) -> str:
            number = clarifications.raise_clarification(
                session, self.person, self.review_id, question.toPlainText(), item_key, finding_id
            )
            return self.tr(
                "Clarification #{0} raised; it stays open until the customer's answer is recorded."
            ).format(number)

        return self._form(
            self.tr("Ask the customer"),
            [(self.tr("Question:"), question)],
            raise_it,
            note=self._about(item_key, finding_id),
        )

    def _about(self, item_key: str | None, finding_id: int | None) -> str:
        """What a question is about, in words: the item's text or the finding's message."""
        for section in self.view.sections:
            title = section.title(self.language)
            for row in section.items:
                if row.item.key == item_key:
                    return self.tr("About the checklist item ({0}, {1}):\n{2}").format(
                        title, row.item.clause, row.item.text(self.language)
                    )
            for finding in section.findings:
                if finding.id == finding_id:
                    return self.tr("About the finding ({0}):\n{1}").format(
                        title, finding.message(self.language)
                    )
        return ""

    def record_answer(self, clarification_id: int) -> ActionDialog:
        answer, when = QPlainTextEdit(), QDateEdit(QDate.currentDate())
        when.setCalendarPopup(True)
        channel, contact = QLineEdit(), QLineEdit()
        chosen: list[Path] = []
        attach = QPushButton(self.tr("Attach the answer…"))

        def pick() -> None:
            name = folders.open_name(self, folders.ATTACHMENTS, self.tr("Attach the answer"))
            if name:
                chosen[:] = [Path(name)]
                attach.setText(Path(name).name)

        attach.clicked.connect(pick)

        def close_it(session: Session) -> str:
            clarifications.close_clarification(
                session,
                self.person,
                clarification_id,
                answer.toPlainText(),
                _day(when),
                channel.text(),
                contact.text(),
                chosen[0] if chosen else None,
            )
            return self.tr("Clarification #{0} closed.").format(clarification_id)

        dialog = self._form(
            self.tr("The customer's answer"),
            [
                (self.tr("Answer:"), answer),
                (self.tr("Date:"), when),
                (self.tr("Channel (e-mail, phone, …):"), channel),
                (self.tr("Contact:"), contact),
                (self.tr("Attachment:"), attach),
            ],
            close_it,
        )
        dialog.attachment = chosen  # type: ignore[attr-defined]  # for tests: set a file directly
        return dialog

    def record_communication(self) -> ActionDialog:
        kind, incoming = QComboBox(), QComboBox()
        for option in CommunicationKind:
            kind.addItem(option.value, option)
        kind.setCurrentIndex(kind.findData(CommunicationKind.CONFIRMATION))
        incoming.addItem(self.tr("to the customer"), False)
        incoming.addItem(self.tr("from the customer"), True)
        when, summary = QDateEdit(QDate.currentDate()), QPlainTextEdit()
        channel, contact = QLineEdit(), QLineEdit()

        def record_it(session: Session) -> str:
            clarifications.record_communication(
                session,
                self.person,
                self.view.order_id,
                CommunicationKind(kind.currentData()),
                bool(incoming.currentData()),
                _day(when),
                summary.toPlainText(),
                channel.text(),
                contact.text(),
            )
            return self.tr("Recorded in the order's communication log.")

        return self._form(
            self.tr("Record a communication"),
            [
                (self.tr("Kind:"), kind),
                (self.tr("Direction:"), incoming),
                (self.tr("Date:"), when),
                (self.tr("Summary:"), summary),
                (self.tr("Channel (e-mail, phone, …):"), channel),
                (self.tr("Contact:"), contact),
            ],
            record_it,
        )

    def edit_functions(self) -> ActionDialog | None:
        """The approver adds a function to this review or releases one, with a reason."""
        from qms_review.gui.users_dialog import FunctionBoxes

        asked = operations.read(
            self,
            self.store,
            lambda s: tuple(progress.required_functions(s, self.review_id)),
            language=self.language,
        ).run()
        if asked.result is None:
            return None
        required = asked.result
        boxes = FunctionBoxes(self.language, required)
        boxes.boxes[Function.APPROVER].setEnabled(False)
        boxes.boxes[Function.ADMINISTRATOR].setEnabled(False)
        reason = QLineEdit()

        def change(session: Session) -> str:
            chosen = set(boxes.chosen())
            for function in Function:
                if function in (Function.APPROVER, Function.ADMINISTRATOR):
                    continue
                if (function in chosen) != (function in required):
                    actions.set_function(
                        session,
                        self.person,
                        self.review_id,
                        function,
                        function in chosen,
                        reason.text(),
                    )
            return self.tr("Required functions changed.")

        return self._form(
            self.tr("Required functions"),
            [(self.tr("Functions:"), boxes), (self.tr("Reason:"), reason)],
            change,
        )

    def reopen_review(self) -> ActionDialog:
        """The approver takes a review ready for decision back into review, with a reason."""
        reason = QLineEdit()

        def reopen_it(session: Session) -> str:
            actions.reopen(session, self.person, self.review_id, reason.text())
            return self.tr("Back in review: {0}").format(reason.text().strip())

        return self._form(
            self.tr("Take back into review"), [(self.tr("Reason:"), reason)], reopen_it
        )

    def waive_review(self) -> ActionDialog:
        """IATF 16949 8.2.3.1.1: the approver waives the formal review, with the customer's
        authorisation and its evidence."""
        note = QPlainTextEdit()
        chosen: list[Path] = []
        attach = QPushButton(self.tr("Attach the authorisation…"))

        def pick() -> None:
            name = folders.open_name(
                self, folders.ATTACHMENTS, self.tr("The customer's authorisation")
            )
            if name:
                chosen[:] = [Path(name)]
                attach.setText(Path(name).name)

        attach.clicked.connect(pick)

        def waive_it(session: Session) -> str:
            if not chosen:
                raise QmsError("review.blocker.waiver", key="evidence", section="")
            actions.waive(session, self.person, self.review_id, note.toPlainText(), chosen[0])
            return self.tr("Formal review waived with the customer's authorisation.")

        dialog = self._form(
            self.tr("Waive the formal review (IATF 16949)"),
            [
                (self.tr("What the customer authorised:"), note),
                (self.tr("Evidence:"), attach),
            ],
            waive_it,
        )
        dialog.evidence = chosen  # type: ignore[attr-defined]  # for tests: set a file directly
        return dialog

    def _form(
        self,
        title: str,
        rows: list[tuple[str, QWidget]],
        change: Callable[[Session], str],
        note: str = "",
    ) -> ActionDialog:
        """A form whose OK makes ``change`` as one unit of work by the person working; ``note``
        above its fields says what it is about."""

        def act() -> operations.Op[str]:
            return operations.write(
                dialog, self.store, self.person.actor, change, language=self.language
            )

        dialog = ActionDialog(title, rows, act, self.language, note=note, parent=self)

        def done() -> None:
            self.refresh()
            self.status.setText(dialog.result_text)

        dialog.accepted.connect(done)
        dialog.open()
        return dialog


def _day(field: QDateEdit) -> date:
    picked = field.date()
    return date(picked.year(), picked.month(), picked.day())
