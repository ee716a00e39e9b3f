"""The customer's file: their enquiries, bids and orders with every revision, review and
decision; the communication log of all their orders; feedback and complaints (recorded,
changed, closed); the property we hold for them (received, lost or damaged, returned)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qms_review.core.customers import custody, feedback
from qms_review.core.customers.file import CustomerFile, customer_file
from qms_review.core.identity import users
from qms_review.core.identity.users import Person
from qms_review.core.messages import label, text
from qms_review.core.store import changes
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import FeedbackStatus
from qms_review.gui import counts, folders, guide, live, operations, screen
from qms_review.gui.customer_forms import FileForms
from qms_review.gui.customer_tables import cell as _cell
from qms_review.gui.customer_tables import fill as _fill
from qms_review.gui.customer_tables import id_at as _id_at
from qms_review.gui.customer_tables import table as _table
from qms_review.gui.users_dialog import ActionDialog

OPEN_LATE = "#ffc7ce"  # an open entry past its due date; a loss or damage not yet told
RETURNED = "#e7e6e6"


class CustomerFileWindow(FileForms, QDialog):
    """One customer's file, in four tabs.

    Attributes:
        tabs: Orders and reviews, Communications, Feedback and complaints, Property.
        orders, log, feedback, held: their tables.
        status: what the last action did.
    """

    def __init__(
        self,
        store: Store,
        customer_id: int,
        language: str,
        person: Person | None,
        parent: QWidget | None = None,
        on_order: Callable[[int], object] | None = None,
    ) -> None:
        super().__init__(parent)
        guide.offer(self, "customers")
        self.store, self.customer_id, self.language, self.person = (
            store,
            customer_id,
            language,
            person,
        )
        self.on_order = on_order
        self.people: list[Person] = []
        screen.fit(self, 1240, 700)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = QLabel()
        self.status = QLabel()
        self.tabs = QTabWidget()
        self.orders = _table(
            [
                self.tr("Kind"),
                self.tr("Number"),
                self.tr("Revision"),
                self.tr("Received"),
                self.tr("Order date"),
                self.tr("Lines"),
                self.tr("Status"),
                self.tr("Review"),
                self.tr("Decision"),
                self.tr("Conditions"),
            ]
        )
        self.orders.activated.connect(self._open_order)
        self.log = _table(
            [
                self.tr("Date"),
                self.tr("Order"),
                self.tr("Direction"),
                self.tr("Kind"),
                self.tr("Channel"),
                self.tr("Contact"),
                self.tr("Summary"),
                self.tr("Recorded by"),
            ]
        )
        self.feedback = _table(
            [
                self.tr("No."),
                self.tr("Received"),
                self.tr("Kind"),
                self.tr("Status"),
                self.tr("Order"),
                self.tr("Line"),
                self.tr("Owner"),
                self.tr("Due"),
                self.tr("What the customer said"),
                self.tr("Closing note"),
            ]
        )
        self.feedback.activated.connect(lambda _index: self.edit_feedback())
        self.held = _table(
            [
                self.tr("No."),
                self.tr("Item"),
                self.tr("Quantity"),
                self.tr("Received"),
                self.tr("Condition"),
                self.tr("Kept at"),
                self.tr("Order"),
                self.tr("Returned"),
                self.tr("Loss or damage"),
            ]
        )
        self.held.itemSelectionChanged.connect(self._enable)
        self.feedback.itemSelectionChanged.connect(self._enable)

        self.add_feedback_button = QPushButton(self.tr("&New…"))
        self.add_feedback_button.clicked.connect(lambda: self.feedback_form())
        self.edit_feedback_button = QPushButton(self.tr("&Change…"))
        self.edit_feedback_button.clicked.connect(self.edit_feedback)
        self.close_feedback_button = QPushButton(self.tr("C&lose…"))
        self.close_feedback_button.clicked.connect(self.close_feedback)
        self.add_property_button = QPushButton(self.tr("&Received…"))
        self.add_property_button.clicked.connect(lambda: self.property_form())
        self.incident_button = QPushButton(self.tr("Loss or &damage…"))
        self.incident_button.clicked.connect(self.report_incident)
        self.told_button = QPushButton(self.tr("Customer &told…"))
        self.told_button.clicked.connect(self.customer_told)
        self.return_button = QPushButton(self.tr("Re&turned…"))
        self.return_button.clicked.connect(self.return_property)

        self.tabs.addTab(self.orders, "")
        self.tabs.addTab(self.log, "")
        self.tabs.addTab(
            self._with_buttons(
                self.feedback,
                [self.add_feedback_button, self.edit_feedback_button, self.close_feedback_button],
            ),
            "",
        )
        self.tabs.addTab(
            self._with_buttons(
                self.held,
                [
                    self.add_property_button,
                    self.incident_button,
                    self.told_button,
                    self.return_button,
                ],
            ),
            "",
        )
        new = QShortcut(QKeySequence(Qt.Key.Key_Insert), self)
        new.activated.connect(self._insert)
        export = QPushButton(self.tr("&Export to Excel…"))
        export.clicked.connect(lambda: self.export())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(export, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.refresh()
        # what others change in this file (an order's review, feedback, property) shows here
        self.watch = live.follow(
            self,
            store,
            lambda s, seen: changes.for_customer(s, customer_id, seen),
            self._changed_elsewhere,
            language=language,
            actor=person.actor if person is not None else "",
        )

    def _changed_elsewhere(self, names: list[str]) -> None:
        self.refresh()
        self.status.setText(
            self.tr("Updated: {0} changed this customer's file.").format(", ".join(names))
        )

    def _with_buttons(self, table: QTableWidget, buttons: list[QPushButton]) -> QWidget:
        page = QWidget()
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
            button.setEnabled(self.person is not None)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(table)
        return page

    # --- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        read = operations.read(
            self,
            self.store,
            lambda s: (customer_file(s, self.customer_id), users.people(s)),
            language=self.language,
        ).run()
        if read.result is None:
            return
        self.file, self.people = read.result
        found = self.file
        self.setWindowTitle(self.tr("Customer file — {0}").format(found.name))
        self.heading.setText(
            f"{found.name}  ({found.code or '—'})" + (f"  {found.country}" if found.country else "")
        )
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        unreported = sum(p.unreported for p in found.held)
        self.summary.setText(
            self.tr("{0} · {1} · {2} · {3} · {4}").format(
                counts.enquiries_bids_orders(len(found.orders)),
                counts.communications(len(found.communications)),
                counts.open_feedback(found.open_feedback),
                counts.property_held(sum(1 for p in found.held if p.returned_on is None)),
                counts.losses_not_told(unreported),
            )
        )
        self.tabs.setTabText(0, self.tr("Orders and reviews ({0})").format(len(found.orders)))
        self.tabs.setTabText(1, self.tr("Communications ({0})").format(len(found.communications)))
        self.tabs.setTabText(
            2, self.tr("Feedback and complaints ({0})").format(len(found.feedback))
        )
        self.tabs.setTabText(3, self.tr("Property ({0})").format(len(found.held)))
        self._fill_orders(found)
        self._fill_log(found)
        self._fill_feedback(found)
        self._fill_held(found)
        self._enable()

    def _lb(self, prefix: str, value: Any) -> str:
        return "" if value is None else label(prefix, value.value, self.language)

    def _fill_orders(self, found: CustomerFile) -> None:
        rows = []
        for o in found.orders:
            for r in o.revisions:
                v = r.reviews[-1] if r.reviews else None
                rows.append(
                    [
                        _cell(self._lb("kind", o.kind), o.id),
                        _cell(o.number + (" " + self.tr("(verbal)") if r.verbal else "")),
                        _cell(r.number),
                        _cell(r.received_at.astimezone().date()),
                        _cell(r.order_date),
                        _cell(r.line_count),
                        _cell(self._lb("status", o.status) if r is o.latest else ""),
                        _cell(self._lb("review_state", v.state) if v else self.tr("not started")),
                        _cell(self._lb("decision", v.decision) if v else ""),
                        _cell(v.conditions if v else ""),
                    ]
                )
        _fill(self.orders, rows)

    def _fill_log(self, found: CustomerFile) -> None:
        _fill(
            self.log,
            [
                [
                    _cell(c.occurred_on),
                    _cell(c.order_number, c.order_id),
                    _cell(
                        self.tr("from the customer") if c.incoming else self.tr("to the customer")
                    ),
                    _cell(self._lb("communication", c.kind)),
                    _cell(c.channel),
                    _cell(c.contact),
                    _cell(c.summary),
                    _cell(c.recorded_by),
                ]
                for c in found.communications
            ],
        )

    def _fill_feedback(self, found: CustomerFile) -> None:
        today = date.today()
        rows = []
        for f in found.feedback:
            late = OPEN_LATE if f.overdue(today) else None
            rows.append(
                [
                    _cell(f"#{f.id}", f.id, late),
                    _cell(f.received_on, None, late),
                    _cell(self._lb("feedback_kind", f.kind), None, late),
                    _cell(self._lb("feedback_status", f.status), None, late),
                    _cell(f.order_number, None, late),
                    _cell(f.line_no, None, late),
                    _cell(f.owner_name, None, late),
                    _cell(f.due_on, None, late),
                    _cell(f.summary, None, late),
                    _cell(f.closing_note, None, late),
                ]
            )
        _fill(self.feedback, rows)

    def _fill_held(self, found: CustomerFile) -> None:
        rows = []
        for p in found.held:
            colour = OPEN_LATE if p.unreported else RETURNED if p.returned_on else None
            amount = f"{p.quantity} {p.unit or ''}".strip() if p.quantity is not None else ""
            incidents = "; ".join(
                f"{self._lb('incident_kind', i.kind)} {i.occurred_on}: {i.description} — "
                + (
                    self.tr("customer told {0}").format(i.reported_on)
                    if i.reported_on
                    else self.tr("customer NOT yet told")
                )
                for i in p.incidents
            )
            rows.append(
                [
                    _cell(f"#{p.id}", p.id, colour),
                    _cell(p.item, None, colour),
                    _cell(amount, None, colour),
                    _cell(p.received_on, None, colour),
                    _cell(p.condition, None, colour),
                    _cell(p.location, None, colour),
                    _cell(p.order_number, None, colour),
                    _cell(p.returned_on, None, colour),
                    _cell(incidents, None, colour),
                ]
            )
        _fill(self.held, rows)

    # --- what is selected ------------------------------------------------------------------

    def selected_feedback(self) -> feedback.FeedbackEntry | None:
        row = self.feedback.currentRow()
        if row < 0 or not self.feedback.selectedItems():
            return None
        wanted = _id_at(self.feedback, row)
        return next((f for f in self.file.feedback if f.id == wanted), None)

    def selected_property(self) -> custody.Held | None:
        row = self.held.currentRow()
        if row < 0 or not self.held.selectedItems():
            return None
        wanted = _id_at(self.held, row)
        return next((p for p in self.file.held if p.id == wanted), None)

    def _enable(self) -> None:
        can = self.person is not None
        entry = self.selected_feedback()
        still_open = entry is not None and entry.status is FeedbackStatus.OPEN
        self.edit_feedback_button.setEnabled(can and still_open)
        # Closed only by quality, the approver or the entry's owner: said before a note is typed.
        allowed = entry is None or (
            self.person is not None and feedback.may_close(self.person, entry.owner)
        )
        self.close_feedback_button.setEnabled(can and still_open and allowed)
        self.close_feedback_button.setToolTip(
            ""
            if allowed or entry is None
            else text("customer.who.close", self.language, id=entry.id)
        )
        held = self.selected_property()
        kept = held is not None and held.returned_on is None
        self.incident_button.setEnabled(can and held is not None)
        self.told_button.setEnabled(can and held is not None and held.unreported > 0)
        self.return_button.setEnabled(can and kept)

    # --- acting ----------------------------------------------------------------------------

    def _insert(self) -> None:
        if self.tabs.currentIndex() == 2:
            self.feedback_form()
        elif self.tabs.currentIndex() == 3:
            self.property_form()

    def edit_feedback(self) -> ActionDialog | None:
        entry = self.selected_feedback()
        if entry is None or entry.status is not FeedbackStatus.OPEN:
            return None
        return self.feedback_form(entry)

    def close_feedback(self) -> ActionDialog | None:
        entry = self.selected_feedback()
        return None if entry is None else self.close_form(entry)

    def report_incident(self) -> ActionDialog | None:
        held = self.selected_property()
        return None if held is None else self.incident_form(held)

    def customer_told(self) -> ActionDialog | None:
        held = self.selected_property()
        waiting = [i for i in held.incidents if i.reported_on is None] if held else []
        return self.told_form(held, waiting[0]) if held and waiting else None

    def return_property(self) -> ActionDialog | None:
        held = self.selected_property()
        return None if held is None else self.return_form(held)

    def _open_order(self) -> None:
        row = self.orders.currentRow()
        if row >= 0 and self.on_order is not None:
            self.on_order(_id_at(self.orders, row))

    def export(self, path: Path | None = None) -> Path | None:
        """The file as an Excel workbook (the path once written)."""
        if path is None:
            name = folders.save_name(
                self,
                folders.OUTPUTS,
                self.tr("Export the customer file"),
                f"{self.file.code or self.file.name}.xlsx",
                self.tr("Excel workbook (*.xlsx)"),
            )
            if not name:
                return None
            path = Path(name)
        from qms_review.core.records import customer_workbook

        found, chosen, language = self.file, path, self.language
        op = operations.call(
            self,
            lambda: customer_workbook.customer_xlsx(found, chosen, language),
            language=language,
        )
        op.success(lambda _p: self.status.setText(self.tr("Saved as {0}").format(chosen)))
        return chosen if op.run().ok else None
