"""The decision page: the approver's decision and conditions and, once decided and signed, the
signed record's state and what can be done with it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from qms_review.core import catalogues
from qms_review.core.messages import label
from qms_review.core.store.vocabulary import Decision, Function

if TYPE_CHECKING:
    from qms_review.gui.review.host import ReviewHost


class DecisionPage(QWidget):
    """The decision page.

    Attributes:
        decisions: one radio button per decision (ids in ``Decision`` order).
        conditions: the conditions of an acceptance with conditions.
        record_state: the record's hash and who has signed it (once decided).
        record_language: the language a new record is made in (once decided).
    """

    def __init__(self, window: ReviewHost) -> None:
        super().__init__()
        view, language = window.view, window.language
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "<h3>Decision</h3>The approver decides and signs when "
                    "every function has signed and nothing is open."
                )
            )
        )
        self.decisions = QButtonGroup(self)
        for n, decision in enumerate(Decision):
            button = QRadioButton(label("decision", decision.value, language))
            button.setChecked(view.decision is decision)
            self.decisions.addButton(button, n)
            layout.addWidget(button)
        self.conditions = QPlainTextEdit(view.conditions or "")
        self.conditions.setPlaceholderText(
            self.tr("Conditions (needed when accepting with conditions)")
        )
        layout.addWidget(self.conditions)
        if view.state.value == "ready_for_decision" and window.person.holds(Function.APPROVER):
            self.reopen = QPushButton(self.tr("Take back into review…"))
            self.reopen.setToolTip(
                self.tr("Something must be looked at again before deciding (with a reason).")
            )
            self.reopen.clicked.connect(window.reopen_review)
            layout.addWidget(self.reopen)
        self.record_state: QLabel | None = None
        self.record_language: QComboBox | None = None
        if view.decision_signature is not None:
            sig = view.decision_signature
            decided = QLabel(
                self.tr(
                    "Decision signature BROKEN — the signed decision or data was changed outside "
                    "the program since it was signed: {0}, {1}"
                ).format(sig.printed_name, sig.when)
                if sig.broken
                else self.tr("Decided and signed by {0}, {1} — {2}").format(
                    sig.printed_name, sig.when, sig.meaning
                )
            )
            if sig.broken:
                decided.setObjectName("signature_broken")
                decided.setStyleSheet("color: #b00020; font-weight: bold;")
            decided.setWordWrap(True)  # the page must not grow wider than the window
            layout.addWidget(decided)
            layout.addWidget(QLabel(self.tr("<h3>The signed record</h3>")))
            self.record_state = QLabel()
            self.record_state.setWordWrap(True)
            layout.addWidget(self.record_state)
            # Two rows: one row of five buttons is wider than the page at 1366×768.
            buttons = QGridLayout()
            self.record_language = QComboBox()
            for code, name in catalogues.available().items():
                self.record_language.addItem(name, code)
            self.record_language.setCurrentIndex(
                max(self.record_language.findData(catalogues.best(language)), 0)
            )
            self.record_language.setToolTip(self.tr("The language of the record"))
            buttons.addWidget(self.record_language, 0, 0)
            actions = (
                (self.tr("Make the record"), window.make_record),
                (self.tr("Sign the record…"), window.sign_record),
                (self.tr("View and print…"), window.view_record),
                (self.tr("Save the record as PDF…"), window.save_record),
                (self.tr("Export data to Excel…"), window.export_data),
                (self.tr("Confirm to the customer…"), window.confirm_to_customer),
            )
            for n, (caption, slot) in enumerate(actions, start=1):
                act = QPushButton(caption)
                act.clicked.connect(lambda _=False, slot=slot: slot())
                buttons.addWidget(act, n // 3, n % 3)
            buttons.setColumnStretch(3, 1)
            layout.addLayout(buttons)
        layout.addStretch()
