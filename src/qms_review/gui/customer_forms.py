"""The customer file's forms: feedback or a complaint recorded, edited and closed; customer
property received, its loss or damage recorded, the customer told, the property returned.
Each OK is one unit of work by the person working; a refusal stays in the form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from qms_review.core.customers import custody, feedback
from qms_review.core.customers.file import CustomerFile
from qms_review.core.identity.users import Person
from qms_review.core.messages import label
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import FeedbackKind, IncidentKind
from qms_review.gui import operations
from qms_review.gui.users_dialog import ActionDialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog
    from sqlalchemy.orm import Session

    _Window = QDialog  # what this is mixed into, for the type checker
else:
    _Window = object


def day(field: QDateEdit) -> date:
    picked = field.date()
    return date(picked.year(), picked.month(), picked.day())


def _date_field(value: date | None = None) -> QDateEdit:
    field = QDateEdit(QDate(value.year, value.month, value.day) if value else QDate.currentDate())
    field.setCalendarPopup(True)
    field.setDisplayFormat("yyyy-MM-dd")
    return field


class OptionalDate(QWidget):
    """A date that may be left out: a tick box and the date it enables."""

    def __init__(self, caption: str, value: date | None = None) -> None:
        super().__init__()
        self.given = QCheckBox(caption)
        self.date = _date_field(value)
        self.given.setChecked(value is not None)
        self.date.setEnabled(value is not None)
        self.given.toggled.connect(self.date.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.given)
        layout.addWidget(self.date, 1)

    def value(self) -> date | None:
        return day(self.date) if self.given.isChecked() else None


class FileForms(_Window):
    """Part of :class:`~qms_review.gui.customer_file.CustomerFileWindow`: its forms."""

    store: Store
    person: Person | None
    language: str
    customer_id: int
    file: CustomerFile
    people: list[Person]
    status: QLabel

    refresh: Callable[[], None]

    # --- feedback and complaints -----------------------------------------------------------

    def _order_choice(self, chosen: int | None) -> QComboBox:
        box = QComboBox()
        box.addItem(self.tr("(none)"), None)
        for order in self.file.orders:
            box.addItem(
                f"{label('kind', order.kind.value, self.language)} {order.number}", order.id
            )
        box.setCurrentIndex(max(box.findData(chosen), 0))
        return box

    def feedback_form(self, entry: feedback.FeedbackEntry | None = None) -> ActionDialog | None:
        """Record feedback or a complaint (``entry``: change one still open)."""
        if self.person is None:
            return None
        person = self.person
        kind = QComboBox()
        for option in FeedbackKind:
            kind.addItem(label("feedback_kind", option.value, self.language), option)
        received = _date_field(entry.received_on if entry else None)
        summary = QPlainTextEdit(entry.summary if entry else "")
        order = self._order_choice(entry.order_id if entry else None)
        line = QSpinBox()
        line.setRange(0, 999_999)
        line.setSpecialValueText(self.tr("(none)"))
        line.setValue(entry.line_no or 0 if entry else 0)
        owner = QComboBox()
        owner.addItem(self.tr("(nobody yet)"), None)
        for someone in self.people:
            if someone.active:
                owner.addItem(f"{someone.display_name} ({someone.login})", someone.login)
        due = OptionalDate(self.tr("by"), entry.due_on if entry else None)
        if entry is not None:
            kind.setCurrentIndex(kind.findData(entry.kind))
            owner.setCurrentIndex(max(owner.findData(entry.owner), 0))

        def said() -> feedback.Said:
            return feedback.Said(
                FeedbackKind(kind.currentData()),
                day(received),
                summary.toPlainText(),
                order.currentData(),
                line.value() or None,
                owner.currentData(),
                due.value(),
            )

        def save(session: Session) -> str:
            if entry is not None:
                feedback.edit_feedback(session, person, entry.id, said())
                return self.tr("#{0} changed.").format(entry.id)
            new = feedback.add_feedback(session, person, self.customer_id, said())
            return self.tr("Recorded as #{0}.").format(new)

        title = (
            self.tr("Feedback or complaint #{0}").format(entry.id)
            if entry
            else self.tr("New feedback or complaint")
        )
        return self._form(
            title,
            [
                (self.tr("Kind:"), kind),
                (self.tr("Received:"), received),
                (self.tr("What the customer said:"), summary),
                (self.tr("Order:"), order),
                (self.tr("Line:"), line),
                (self.tr("Owner:"), owner),
                (self.tr("Due:"), due),
            ],
            save,
        )

    def close_form(self, entry: feedback.FeedbackEntry) -> ActionDialog | None:
        if self.person is None:
            return None
        person = self.person
        note, when = QPlainTextEdit(), _date_field()

        def close_it(session: Session) -> str:
            feedback.close_feedback(session, person, entry.id, note.toPlainText(), day(when))
            return self.tr("#{0} closed.").format(entry.id)

        return self._form(
            self.tr("Close #{0}").format(entry.id),
            [(self.tr("How it was dealt with:"), note), (self.tr("Closed on:"), when)],
            close_it,
            note=entry.summary,
        )

    # --- customer property -----------------------------------------------------------------

    def property_form(self) -> ActionDialog | None:
        if self.person is None:
            return None
        person = self.person
        item, quantity, unit = QLineEdit(), QLineEdit(), QLineEdit()
        received, condition, location = _date_field(), QPlainTextEdit(), QLineEdit()
        for name, field in (("item", item), ("quantity", quantity), ("unit", unit)):
            field.setObjectName(name)
        location.setObjectName("location")
        order = self._order_choice(None)

        def receive(session: Session) -> str:
            new = custody.add_property(
                session,
                person,
                self.customer_id,
                custody.Received(
                    item.text(),
                    day(received),
                    condition.toPlainText(),
                    location.text(),
                    quantity.text(),
                    unit.text(),
                    order.currentData(),
                ),
            )
            return self.tr("Customer property recorded as #{0}.").format(new)

        return self._form(
            self.tr("Customer property received"),
            [
                (self.tr("Item:"), item),
                (self.tr("Quantity:"), quantity),
                (self.tr("Unit:"), unit),
                (self.tr("Received:"), received),
                (self.tr("Condition when received:"), condition),
                (self.tr("Kept at:"), location),
                (self.tr("For order:"), order),
            ],
            receive,
        )

    def incident_form(self, held: custody.Held) -> ActionDialog | None:
        if self.person is None:
            return None
        person = self.person
        kind = QComboBox()
        for option in IncidentKind:
            kind.addItem(label("incident_kind", option.value, self.language), option)
        kind.setCurrentIndex(kind.findData(IncidentKind.DAMAGE))
        when, what = _date_field(), QPlainTextEdit()
        told = OptionalDate(self.tr("on"))

        def report(session: Session) -> str:
            custody.report_incident(
                session,
                person,
                held.id,
                IncidentKind(kind.currentData()),
                day(when),
                what.toPlainText(),
                told.value(),
            )
            return self.tr("Recorded for {0}.").format(held.item)

        return self._form(
            self.tr("Loss or damage of customer property"),
            [
                (self.tr("What happened:"), kind),
                (self.tr("When:"), when),
                (self.tr("Description:"), what),
                (self.tr("Customer told:"), told),
            ],
            report,
            note=held.item,
        )

    def told_form(self, held: custody.Held, incident: custody.Incident) -> ActionDialog | None:
        if self.person is None:
            return None
        person = self.person
        when = _date_field()

        def tell(session: Session) -> str:
            custody.customer_told(session, person, incident.id, day(when))
            return self.tr("The customer's being told is recorded.")

        return self._form(
            self.tr("Customer told of a loss or damage"),
            [(self.tr("Told on:"), when)],
            tell,
            note=f"{held.item}: {incident.description}",
        )

    def return_form(self, held: custody.Held) -> ActionDialog | None:
        if self.person is None:
            return None
        person = self.person
        when, note = _date_field(), QLineEdit()

        def give_back(session: Session) -> str:
            custody.return_property(session, person, held.id, day(when), note.text())
            return self.tr("{0} returned.").format(held.item)

        return self._form(
            self.tr("Customer property returned"),
            [(self.tr("Returned on:"), when), (self.tr("Note:"), note)],
            give_back,
            note=held.item,
        )

    def _form(
        self,
        title: str,
        rows: list[tuple[str, QWidget]],
        change: Callable[[Session], str],
        note: str = "",
    ) -> ActionDialog:
        assert self.person is not None
        actor = self.person.actor

        def act() -> operations.Op[str]:
            return operations.write(dialog, self.store, actor, change, language=self.language)

        dialog = ActionDialog(title, rows, act, self.language, note=note, parent=self)
        dialog.help_topic = "customers"

        def done() -> None:
            self.refresh()
            self.status.setText(dialog.result_text)

        dialog.accepted.connect(done)
        dialog.open()
        return dialog
