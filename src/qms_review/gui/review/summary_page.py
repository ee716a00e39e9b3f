"""What still stands between the review and a decision, each entry jumping to its place; and,
beside it, the clarifications, the communication log and who was told of an amendment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qms_review.core.messages import label, punctuation
from qms_review.core.review import actions, amendments, clarifications
from qms_review.core.review.workflow import Blocker
from qms_review.core.store.vocabulary import Function
from qms_review.gui import operations

if TYPE_CHECKING:
    from qms_review.gui.review.host import ReviewHost


class SummaryPage(QWidget):
    """The summary page.

    Attributes:
        blocker_list: what blocks a decision; activating an entry goes to its section.
        side: clarifications, communications and amendment notices, for the side panel.
    """

    def __init__(self, window: ReviewHost) -> None:
        super().__init__()
        self.owner = window
        view = window.view
        layout = QVBoxLayout(self)
        due = view.due_on.isoformat() if view.due_on else "—"
        layout.addWidget(
            QLabel(
                self.tr(
                    "<h3>What still stands between this review and a decision</h3>Due {0}."
                ).format(due)
            )
        )
        self.blocker_list = QListWidget()
        self.blocker_list.setWordWrap(True)
        if view.waived:
            self.blocker_list.addItem(
                self.tr("The formal review is waived with the customer's authorisation.")
            )
        for blocker in [*view.blockers, *view.before_accepting]:
            entry = QListWidgetItem(self.describe(blocker))
            entry.setToolTip(entry.text())
            entry.setData(Qt.ItemDataRole.UserRole, blocker.section)
            self.blocker_list.addItem(entry)
        if not (view.blockers or view.before_accepting):
            self.blocker_list.addItem(self.tr("Nothing: the review is ready for a decision."))
        self.blocker_list.itemActivated.connect(window.jump)
        layout.addWidget(self.blocker_list, 1)
        submit = QPushButton(self.tr("Submit for decision"))
        submit.setEnabled(view.state.value == "in_review")
        submit.clicked.connect(
            lambda: window.write(lambda s, p: actions.submit(s, p, window.review_id))
        )
        layout.addWidget(submit)
        self.side = self._side()

    def _side(self) -> QWidget:
        window, view, language = self.owner, self.owner.view, self.owner.language
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(QLabel(self.tr("<b>Clarifications with the customer</b>")))
        for c in view.clarifications:
            box = QLabel(f"#{c.id} {c.question}\n→ " + (c.answer or self.tr("(open)")))
            box.setWordWrap(True)
            box.setStyleSheet("color: #b00020;" if c.open else "")
            side_layout.addWidget(box)
            if c.open:
                close = QPushButton(self.tr("Record the answer…"))
                close.clicked.connect(lambda _=False, cid=c.id: window.record_answer(cid))
                side_layout.addWidget(close)
        read = operations.read(
            self,
            window.store,
            lambda s: (
                clarifications.communications(s, view.order_id),
                amendments.notices(s, window.review_id),
            ),
            language=language,
        ).run()
        log, told = read.result or ([], [])
        side_layout.addWidget(QLabel(self.tr("<b>Communication log</b> ({0})").format(len(log))))
        for said in log:
            arrow = "←" if said.incoming else "→"
            line = QLabel(
                f"{said.occurred_on} {arrow} {label('communication', said.kind.value, language)}"
                f"{punctuation('colon', language)}{said.summary}"
                + (f" ({said.contact})" if said.contact else "")
            )
            line.setWordWrap(True)
            side_layout.addWidget(line)
        confirm = QPushButton(self.tr("Record a communication…"))
        confirm.clicked.connect(window.record_communication)
        side_layout.addWidget(confirm)
        if window.person.holds(Function.APPROVER):
            functions = QPushButton(self.tr("Required functions…"))
            functions.clicked.connect(window.edit_functions)
            functions.setEnabled(view.state.value in ("draft", "in_review"))
            side_layout.addWidget(functions)
            waive = QPushButton(self.tr("Waive the formal review (IATF 16949)…"))
            waive.setToolTip(
                self.tr(
                    "Only with the customer's authorisation, kept as evidence, and only under "
                    "the IATF 16949 pack."
                )
            )
            waive.clicked.connect(window.waive_review)
            waive.setEnabled(view.state.value in ("draft", "in_review") and not view.waived)
            side_layout.addWidget(waive)
        if told:
            side_layout.addWidget(QLabel(self.tr("<b>Informed of the amendment</b>")))
        for notice in told:
            state = (
                self.tr("acknowledged {0}").format(
                    f"{notice.acknowledged_at.astimezone():%Y-%m-%d %H:%M}"
                )
                if notice.acknowledged_at
                else self.tr("not yet acknowledged")
            )
            who = QLabel(
                f"{notice.display_name} ({label('owner', notice.function.value, language)})"
                f" — {amendments.touched_text(notice.reason, language)}: {state}"
            )
            who.setWordWrap(True)
            side_layout.addWidget(who)
            if notice.login == window.person.login and notice.acknowledged_at is None:
                ack = QPushButton(self.tr("Acknowledge"))
                ack.clicked.connect(
                    lambda _=False, nid=notice.id: window.write(
                        lambda s, p: amendments.acknowledge(s, p, nid)
                    )
                )
                side_layout.addWidget(ack)
        side_layout.addStretch()
        return side

    def describe(self, blocker: Blocker) -> str:
        """A blocker in words: the section's title and the item's or finding's own text."""
        view, language = self.owner.view, self.owner.language
        section = next((s for s in view.sections if s.key == blocker.section), None)
        title = section.title(language) if section else ""
        item = (
            next((i.item for i in section.items if i.item.key == blocker.key), None)
            if (section)
            else None
        )
        if blocker.kind == "answer" and item is not None:
            return self.tr("{0}: not answered — {1}").format(title, item.text(language))
        if blocker.kind == "answer_disposition" and item is not None:
            return self.tr("{0}: “No” without disposition — {1}").format(title, item.text(language))
        if blocker.kind == "finding" and section is not None:
            finding = next((f for f in section.findings if str(f.id) == blocker.key), None)
            if finding is not None:
                return self.tr("{0}: finding open — {1}").format(title, finding.message(language))
        if blocker.kind == "signature" and section is not None:
            owner = label("owner", section.function.value, language)
            return self.tr("{0}: not signed yet ({1})").format(title, owner)
        return blocker.message().message(language)
