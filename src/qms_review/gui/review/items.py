"""One checklist item and one finding as rows of the review's section page, and the undoable
answer edit.

A row never rebuilds itself: it tells the window, which saves the change at once and rebuilds
the page after Qt has finished delivering the event (a key press, a focus-out) to the row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QUndoCommand
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from qms_review.core.checks.findings import FindingRow
from qms_review.core.messages import label
from qms_review.core.review import actions
from qms_review.core.review.walkthrough import ClarificationView, ItemView
from qms_review.core.store.vocabulary import Answer, Disposition

if TYPE_CHECKING:
    from qms_review.gui.review.host import ReviewHost

ANSWER_KEYS = {
    Qt.Key.Key_1: Answer.YES,
    Qt.Key.Key_2: Answer.NO,
    Qt.Key.Key_3: Answer.NOT_APPLICABLE,
}


class AnswerCommand(QUndoCommand):
    """One answer edit; undo puts the answer before it back (each a unit of work)."""

    def __init__(
        self,
        window: ReviewHost,
        key: str,
        before: tuple[Answer | None, str | None],
        after: tuple[Answer | None, str | None],
    ) -> None:
        super().__init__(key)
        self.window, self.key, self.before, self.after = window, key, before, after
        self.first = True

    def redo(self) -> None:
        """Override QUndoCommand.redo (the first time, the edit is already saved)."""
        if self.first:
            self.first = False
            return
        self.window.write(
            lambda s, p: actions.answer(s, p, self.window.review_id, self.key, *self.after)
        )

    def undo(self) -> None:
        """Override QUndoCommand.undo."""
        self.window.write(
            lambda s, p: actions.answer(s, p, self.window.review_id, self.key, *self.before)
        )


class ItemRow(QFrame):
    """One checklist item: its text, guidance and clause; the answer; comment; disposition of a
    "No"; evidence. Keys 1, 2, 3 answer it while it has the focus."""

    def __init__(self, window: ReviewHost, view: ItemView, editable: bool) -> None:
        super().__init__()
        self.owner, self.view = window, view
        asked = [c for c in window.view.clarifications if c.open]
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        language = window.language
        item = view.item
        title = QLabel(f"<b>{item.text(language)}</b>")
        title.setWordWrap(True)
        guidance = QLabel(item.guidance(language))
        guidance.setWordWrap(True)
        guidance.setStyleSheet("color: #555;")
        clause = QLabel(f"{item.clause}" + ("" if item.mandatory else " · " + self.tr("optional")))
        clause.setStyleSheet("color: #555;")
        self.group = QButtonGroup(self)
        answers = QHBoxLayout()
        for n, answer in enumerate((Answer.YES, Answer.NO, Answer.NOT_APPLICABLE), start=1):
            button = QRadioButton(f"&{n} {label('answer', answer.value, language)}")
            button.setEnabled(editable and answer in item.answers)
            button.setChecked(view.value is answer)
            self.group.addButton(button, n)
            answers.addWidget(button)
        self.group.idClicked.connect(lambda n: self.answer(list(ANSWER_KEYS.values())[n - 1]))
        answers.addStretch()
        if view.value is not None and view.answered_by:
            said = self.tr("answered by {0}").format(view.answered_by)
        elif view.comment:
            said = self.tr("not answered yet — the comment is kept")
        else:
            said = ""
        self.state = QLabel(said)
        self.state.setStyleSheet("color: #555;")
        answers.addWidget(self.state)
        self.comment = QLineEdit(view.comment or "")
        self.comment.setObjectName(f"comment:{item.key}")  # typed text kept across a reload
        self.comment.setPlaceholderText(self.tr("Comment"))
        self.comment.setEnabled(editable)
        self.comment.editingFinished.connect(self._comment_done)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        if item.guidance(language):
            layout.addWidget(guidance)
        layout.addWidget(clause)
        layout.addLayout(answers)
        layout.addWidget(self.comment)
        if view.value is Answer.NO and item.no_needs_disposition:
            layout.addLayout(self._disposition_row(editable))
        evidence = QHBoxLayout()
        files = QLabel(", ".join(view.evidence) or self.tr("no evidence attached"))
        files.setStyleSheet("color: #555;")
        attach = QPushButton(self.tr("Attach evidence…"))
        attach.setEnabled(editable and view.value is not None)
        attach.clicked.connect(lambda: window.attach_evidence(item.key))
        ask = QPushButton(self.tr("Ask the customer…"))
        ask.clicked.connect(lambda: window.ask_customer(item_key=item.key))
        evidence.addWidget(files, 1)
        evidence.addWidget(attach)
        self.question = question_badge([c for c in asked if c.item_key == item.key])
        if self.question is not None:
            evidence.addWidget(self.question)
        evidence.addWidget(ask)
        layout.addLayout(evidence)

    def _disposition_row(self, editable: bool) -> QHBoxLayout:
        row = QHBoxLayout()
        self.disposition = QComboBox()
        for choice in (Disposition.CONDITION, Disposition.CLARIFIED, Disposition.WAIVED):
            self.disposition.addItem(
                label("disposition", choice.value, self.owner.language), choice
            )
        if self.view.disposition is not None:
            self.disposition.setCurrentIndex(self.disposition.findData(self.view.disposition))
        self.note = QLineEdit(self.view.disposition_note or "")
        self.note.setObjectName(f"note:{self.view.item.key}")
        self.note.setPlaceholderText(self.tr("Condition or justification"))
        apply = QPushButton(self.tr("Apply"))
        apply.clicked.connect(self._dispose)
        for widget in (self.disposition, self.note, apply):
            widget.setEnabled(editable)
        state = QLabel(
            self.tr("“No” needs a disposition:")
            if self.view.disposition is None
            else self.tr("Disposition:")
        )
        state.setStyleSheet("color: #b00020;" if self.view.disposition is None else "")
        row.addWidget(state)
        row.addWidget(self.disposition)
        row.addWidget(self.note, 1)
        row.addWidget(apply)
        return row

    def answer(self, value: Answer) -> None:
        self.owner.set_answer(self.view.item.key, value, self.comment.text())

    def _comment_done(self) -> None:
        """Save the comment, answered or not yet (then it goes with the answer chosen later)."""
        typed = self.comment.text()
        unchanged = (typed.strip() or None) == (self.view.comment or None)
        if self.owner.set_comment(self.view.item.key, typed) or unchanged:
            self.comment.setModified(False)  # saved: nothing to ask about when it closes

    def _dispose(self) -> None:
        # the combo hands back the enum's value, a plain str: the core wants the enum
        choice = Disposition(self.disposition.currentData())
        self.owner.write(
            lambda s, p: actions.dispose_answer(
                s, p, self.owner.review_id, self.view.item.key, choice, self.note.text()
            )
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Override QFrame.keyPressEvent: 1, 2, 3 answer Yes, No, N/A."""
        value = ANSWER_KEYS.get(Qt.Key(event.key()))
        button = (
            self.group.button(list(ANSWER_KEYS).index(Qt.Key(event.key())) + 1) if value else None
        )
        if value is not None and button is not None and button.isEnabled():
            self.owner.current_item = self.view.item.key
            self.answer(value)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Override QFrame.focusInEvent: remember which item the keys answer."""
        self.owner.current_item = self.view.item.key
        super().focusInEvent(event)


class FindingRowWidget(QFrame):
    """A finding of the section with its disposition controls."""

    def __init__(self, window: ReviewHost, finding: FindingRow, editable: bool) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        language = window.language
        message = QLabel(finding.message(language))
        message.setWordWrap(True)
        self.choice = QComboBox()
        for option in Disposition:
            self.choice.addItem(label("disposition", option.value, language), option)
        if finding.disposition is not None:
            self.choice.setCurrentIndex(self.choice.findData(finding.disposition))
        self.note = QLineEdit(finding.disposition_note or "")
        self.note.setObjectName(f"finding-note:{finding.id}")
        self.note.setPlaceholderText(self.tr("Note (needed for a condition or a waiver)"))
        apply = QPushButton(self.tr("Apply"))
        apply.clicked.connect(
            lambda: window.write(
                lambda s, p: actions.dispose_finding(
                    s,
                    p,
                    window.review_id,
                    finding.id,
                    Disposition(self.choice.currentData()),
                    self.note.text(),
                )
            )
        )
        ask = QPushButton(self.tr("Ask the customer…"))
        ask.clicked.connect(lambda: window.ask_customer(finding_id=finding.id))
        for widget in (self.choice, self.note, apply, ask):
            widget.setEnabled(editable)
        controls = QHBoxLayout()
        controls.addWidget(self.choice, 1)
        controls.addWidget(apply)
        asking = QHBoxLayout()  # its own row: the side panel is narrow
        asking.addStretch()
        self.question = question_badge(
            [c for c in window.view.clarifications if c.open and c.finding_id == finding.id]
        )
        if self.question is not None:
            asking.addWidget(self.question)
        asking.addWidget(ask)
        state = QLabel(
            self.tr("open")
            if finding.disposition is None
            else label("disposition", finding.disposition.value, language)
        )
        state.setStyleSheet("color: #b00020;" if finding.disposition is None else "color: #1b5e20;")
        layout = QVBoxLayout(self)
        layout.addWidget(state)
        layout.addWidget(message)
        layout.addWidget(self.note)
        layout.addLayout(controls)
        layout.addLayout(asking)


def question_badge(asked: list[ClarificationView]) -> QLabel | None:
    """The "Question open" badge, while a question to the customer about this item or finding
    waits for its answer (the questions in its tooltip); None when there is none."""
    if not asked:
        return None
    badge = QLabel(QCoreApplication.translate("ReviewWindow", "Question open"))
    badge.setObjectName("question-open")
    badge.setStyleSheet(
        "background: #fff3cd; color: #7a4b00; border: 1px solid #e0b84f; border-radius: 3px;"
        " padding: 1px 6px;"
    )
    badge.setToolTip("\n".join(f"#{c.id} {c.question}" for c in asked))
    return badge
