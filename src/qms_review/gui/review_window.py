"""The review walkthrough: one section at a time, each item with its guidance and clause,
Yes / No / N/A (keys 1, 2, 3), comment and evidence; the section's findings beside it with their
dispositions; signing the section; a summary of what still blocks a decision, each entry jumping
to its place; and the decision page.

Every change is saved at once (one audited unit of work each); answer edits can be undone and
redone (Ctrl+Z / Ctrl+Y). The rules are the core's: a refused change says why in the status line
and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from qms_review.core import catalogues
from qms_review.core.checks.findings import FindingRow
from qms_review.core.identity import signatures
from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError, label, text
from qms_review.core.review import actions, amendments, clarifications, walkthrough
from qms_review.core.review.walkthrough import ItemView, SectionView, WalkthroughView
from qms_review.core.review.workflow import Blocker
from qms_review.core.store.database import Store
from qms_review.core.store.models import Answer, CommunicationKind, Decision, Disposition, Function
from qms_review.gui.i18n import TranslatedDialog
from qms_review.gui.signing_dialog import SigningDialog
from qms_review.gui.users_dialog import ActionDialog

SUMMARY, DECISION = "summary", "decision"
ANSWER_KEYS = {
    Qt.Key.Key_1: Answer.YES,
    Qt.Key.Key_2: Answer.NO,
    Qt.Key.Key_3: Answer.NOT_APPLICABLE,
}


class _AnswerCommand(QUndoCommand):
    """One answer edit; undo puts the answer before it back (each a unit of work)."""

    def __init__(
        self,
        window: ReviewWindow,
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

    def __init__(self, window: ReviewWindow, view: ItemView, editable: bool) -> None:
        super().__init__()
        self.owner, self.view = window, view
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
        by = QLabel(self.tr("answered by {0}").format(view.answered_by) if view.answered_by else "")
        by.setStyleSheet("color: #555;")
        answers.addWidget(by)
        self.comment = QLineEdit(view.comment or "")
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
        if self.comment.text() != (self.view.comment or "") and self.view.value is not None:
            self.owner.set_answer(self.view.item.key, self.view.value, self.comment.text())

    def _dispose(self) -> None:
        choice = self.disposition.currentData()
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

    def __init__(self, window: ReviewWindow, finding: FindingRow, editable: bool) -> None:
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
        self.note.setPlaceholderText(self.tr("Note (needed for a condition or a waiver)"))
        apply = QPushButton(self.tr("Apply"))
        apply.clicked.connect(
            lambda: window.write(
                lambda s, p: actions.dispose_finding(
                    s, p, window.review_id, finding.id, self.choice.currentData(), self.note.text()
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


class ReviewWindow(TranslatedDialog):
    """The review of one order revision, walked through section by section.

    Attributes:
        view: the review as last read.
        pages: the list on the left: sections, then the summary and the decision.
        undo_stack: answer edits that can be undone.
    """

    def __init__(
        self,
        store: Store,
        person: Person,
        review_id: int,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.person, self.review_id, self.language = store, person, review_id, language
        self.current_item: str | None = None
        self.page = 0
        self.undo_stack = QUndoStack(self)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1200, 800)
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.position = QLabel()
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(230)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.position)
        top.addWidget(self.progress)
        self.pages = QListWidget()
        self.pages.setMaximumWidth(300)
        self.pages.currentRowChanged.connect(self._page_chosen)
        self.body = QScrollArea()
        self.body.setWidgetResizable(True)
        self.side = QScrollArea()
        self.side.setWidgetResizable(True)
        self.side.setMinimumWidth(340)
        self.side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter()
        splitter.addWidget(self.pages)
        splitter.addWidget(self.body)
        splitter.addWidget(self.side)
        splitter.setSizes([250, 600, 350])
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.sign_button = QPushButton()
        self.sign_button.clicked.connect(self.sign_section)
        self.previous_button, self.next_button = QPushButton(), QPushButton()
        self.previous_button.clicked.connect(lambda: self.go(self.page - 1))
        self.next_button.clicked.connect(lambda: self.go(self.page + 1))
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.sign_button)
        bottom.addWidget(self.previous_button)
        bottom.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        for keys, slot in (
            ("Ctrl+Return", lambda: self.go(self.page + 1)),
            ("Ctrl+PgDown", lambda: self.go(self.page + 1)),
            ("Ctrl+PgUp", lambda: self.go(self.page - 1)),
            (QKeySequence.StandardKey.Undo, self.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, self.undo_stack.redo),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        self.view: WalkthroughView
        self.reload()
        self.go(0)

    # --- data -----------------------------------------------------------------------------------

    def reload(self) -> None:
        with self.store.read() as session:
            self.view = walkthrough.load(session, self.review_id)
        # The approver's part is the decision page, not a section to walk through.
        self.view.sections = [s for s in self.view.sections if s.function is not Function.APPROVER]
        view = self.view
        state = label("review_state", view.state.value, self.language)
        self.heading.setText(
            self.tr("Review of {0} revision {1} — {2} — {3}").format(
                view.order, view.revision, view.customer, state
            )
        )
        applicable = sum(s.applicable for s in view.sections)
        self.progress.setMaximum(max(applicable, 1))
        self.progress.setValue(sum(s.answered for s in view.sections))
        self.progress.setFormat(self.tr("%v of %m answered"))
        current = self.pages.currentRow()
        self.pages.blockSignals(True)
        self.pages.clear()
        for number, section in enumerate(view.sections, start=1):
            mark = "✓ " if section.signature and not section.signature.lapsed else ""
            owner = label("owner", section.function.value, self.language)
            entry = QListWidgetItem(
                f"{mark}{number}. {section.title(self.language)}\n"
                f"   {owner} · {section.answered}/{section.applicable}"
            )
            if not section.required:
                entry.setForeground(Qt.GlobalColor.gray)
            self.pages.addItem(entry)
        self.pages.addItem(self.tr("Summary — {0} open").format(len(view.blockers)))
        self.pages.addItem(self.tr("Decision"))
        self.pages.setCurrentRow(max(current, 0))
        self.pages.blockSignals(False)

    def write(self, change: Callable[..., object]) -> bool:
        """One change as one unit of work by the person working; False (and why) if refused."""
        try:
            with self.store.write(self.person.actor) as session:
                change(session, self.person)
        except QmsError as exc:
            self.status.setText(exc.message(self.language))
            return False
        self.status.clear()
        self.reload()
        self.show_page()
        return True

    def set_answer(self, key: str, value: Answer | None, comment: str | None) -> bool:
        item = next(i for s in self.view.sections for i in s.items if i.item.key == key)
        before = (item.value, item.comment)
        after = (value, comment)
        if before == after:
            return False
        self.current_item = key
        if self.write(lambda s, p: actions.answer(s, p, self.review_id, key, value, comment)):
            self.undo_stack.push(_AnswerCommand(self, key, before, after))
            return True
        return False

    # --- pages ----------------------------------------------------------------------------------

    def go(self, page: int) -> None:
        self.page = max(0, min(page, len(self.view.sections) + 1))
        self.pages.setCurrentRow(self.page)
        self.show_page()

    def _page_chosen(self, row: int) -> None:
        if row >= 0 and row != self.page:
            self.page = row
            self.show_page()

    def section(self) -> SectionView | None:
        return self.view.sections[self.page] if self.page < len(self.view.sections) else None

    def editable(self, section: SectionView) -> bool:
        locked = section.signature is not None and not section.signature.lapsed
        return (
            self.person.holds(section.function)
            and not locked
            and self.view.state.value in ("draft", "in_review")
        )

    def show_page(self) -> None:
        count = len(self.view.sections)
        section = self.section()
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < count + 1)
        if section is not None:
            self.position.setText(self.tr("Section {0} of {1}").format(self.page + 1, count))
            self._show_section(section)
        elif self.page == count:
            self.position.setText(self.tr("Summary"))
            self._show_summary()
        else:
            self.position.setText(self.tr("Decision"))
            self._show_decision()

    def _show_section(self, section: SectionView) -> None:
        editable = self.editable(section)
        page = QWidget()
        layout = QVBoxLayout(page)
        owner = label("owner", section.function.value, self.language)
        title = QLabel(
            f"<h3>{section.title(self.language)}</h3>"
            + self.tr("Answered and signed by {0}.").format(owner)
        )
        title.setWordWrap(True)
        layout.addWidget(title)
        if section.signature is not None:
            sig = section.signature
            note = QLabel(
                self.tr("Signature LAPSED — the content changed since: {0}, {1}").format(
                    sig.printed_name, sig.when
                )
                if sig.lapsed
                else self.tr("Signed by {0}, {1} — {2}. The section is locked.").format(
                    sig.printed_name, sig.when, sig.meaning
                )
            )
            note.setStyleSheet("color: #b00020;" if sig.lapsed else "color: #1b5e20;")
            note.setWordWrap(True)
            layout.addWidget(note)
        focus = None
        for item in section.items:
            if not item.applies:
                continue
            row = ItemRow(self, item, editable)
            layout.addWidget(row)
            if item.item.key == self.current_item or focus is None:
                focus = row
        layout.addStretch()
        self.body.setWidget(page)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(
            QLabel(self.tr("<b>Findings of this section</b> ({0})").format(len(section.findings)))
        )
        for finding in section.findings:
            side_layout.addWidget(
                FindingRowWidget(self, finding, editable or self.person.holds(Function.APPROVER))
            )
        if not section.findings:
            side_layout.addWidget(QLabel(self.tr("None.")))
        side_layout.addStretch()
        self.side.setWidget(side)
        self.sign_button.setText(self.tr("Sign section…"))
        self.sign_button.setVisible(True)
        self.sign_button.setEnabled(editable and section.function is not Function.APPROVER)
        if focus is not None:
            focus.setFocus()

    def _show_summary(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        view = self.view
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
        for blocker in view.blockers:
            entry = QListWidgetItem(self.describe(blocker))
            entry.setToolTip(entry.text())
            entry.setData(Qt.ItemDataRole.UserRole, blocker.section)
            self.blocker_list.addItem(entry)
        if not view.blockers:
            self.blocker_list.addItem(self.tr("Nothing: the review is ready for a decision."))
        self.blocker_list.itemActivated.connect(self._jump)
        layout.addWidget(self.blocker_list, 1)
        submit = QPushButton(self.tr("Submit for decision"))
        submit.setEnabled(view.state.value == "in_review")
        submit.clicked.connect(
            lambda: self.write(lambda s, p: actions.submit(s, p, self.review_id))
        )
        layout.addWidget(submit)
        self.body.setWidget(page)
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
                close.clicked.connect(lambda _=False, cid=c.id: self.record_answer(cid))
                side_layout.addWidget(close)
        with self.store.read() as session:
            log = clarifications.communications(session, view.order_id)
        side_layout.addWidget(QLabel(self.tr("<b>Communication log</b> ({0})").format(len(log))))
        for said in log:
            arrow = "←" if said.incoming else "→"
            line = QLabel(
                f"{said.occurred_on} {arrow} {said.kind.value}: {said.summary}"
                + (f" ({said.contact})" if said.contact else "")
            )
            line.setWordWrap(True)
            side_layout.addWidget(line)
        confirm = QPushButton(self.tr("Record a communication…"))
        confirm.clicked.connect(self.record_communication)
        side_layout.addWidget(confirm)
        if self.person.holds(Function.APPROVER):
            functions = QPushButton(self.tr("Required functions…"))
            functions.clicked.connect(self.edit_functions)
            functions.setEnabled(view.state.value in ("draft", "in_review"))
            side_layout.addWidget(functions)
        with self.store.read() as session:
            told = amendments.notices(session, self.review_id)
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
                f"{notice.display_name} ({label('owner', notice.function.value, self.language)})"
                f" — {amendments.touched_text(notice.reason, self.language)}: {state}"
            )
            who.setWordWrap(True)
            side_layout.addWidget(who)
            if notice.login == self.person.login and notice.acknowledged_at is None:
                ack = QPushButton(self.tr("Acknowledge"))
                ack.clicked.connect(
                    lambda _=False, nid=notice.id: self.write(
                        lambda s, p: amendments.acknowledge(s, p, nid)
                    )
                )
                side_layout.addWidget(ack)
        side_layout.addStretch()
        self.side.setWidget(side)
        self.sign_button.setVisible(False)

    def _show_decision(self) -> None:
        view = self.view
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(
                self.tr(
                    "<h3>Decision</h3>The approver decides and signs when "
                    "every function has signed and nothing is open."
                )
            )
        )
        self.decisions = QButtonGroup(page)
        for n, decision in enumerate(Decision):
            button = QRadioButton(label("decision", decision.value, self.language))
            button.setChecked(view.decision is decision)
            self.decisions.addButton(button, n)
            layout.addWidget(button)
        self.conditions = QPlainTextEdit(view.conditions or "")
        self.conditions.setPlaceholderText(
            self.tr("Conditions (needed when accepting with conditions)")
        )
        layout.addWidget(self.conditions)
        if view.decision_signature is not None:
            sig = view.decision_signature
            layout.addWidget(
                QLabel(
                    self.tr("Decided and signed by {0}, {1} — {2}").format(
                        sig.printed_name, sig.when, sig.meaning
                    )
                )
            )
            layout.addWidget(QLabel(self.tr("<h3>The signed record</h3>")))
            self.record_state = QLabel()
            self.record_state.setWordWrap(True)
            layout.addWidget(self.record_state)
            buttons = QHBoxLayout()
            self.record_language = QComboBox()
            for code, name in catalogues.available().items():
                self.record_language.addItem(name, code)
            self.record_language.setCurrentIndex(
                max(self.record_language.findData(catalogues.best(self.language)), 0)
            )
            self.record_language.setToolTip(self.tr("The language of the record"))
            buttons.addWidget(self.record_language)
            for caption, slot in (
                (self.tr("Make the record"), self.make_record),
                (self.tr("Sign the record…"), self.sign_record),
                (self.tr("View and print…"), self.view_record),
                (self.tr("Save the record as PDF…"), self.save_record),
                (self.tr("Export data to Excel…"), self.export_data),
            ):
                act = QPushButton(caption)
                act.clicked.connect(slot)
                buttons.addWidget(act)
            buttons.addStretch()
            layout.addLayout(buttons)
            self._show_record_state()
        layout.addStretch()
        self.body.setWidget(page)
        self.side.setWidget(QWidget())
        self.sign_button.setText(self.tr("Decide and sign…"))
        self.sign_button.setVisible(True)
        self.sign_button.setEnabled(
            self.person.holds(Function.APPROVER) and view.state.value == "ready_for_decision"
        )

    def describe(self, blocker: Blocker) -> str:
        """A blocker in words: the section's title and the item's or finding's own text."""
        section = next((s for s in self.view.sections if s.key == blocker.section), None)
        title = section.title(self.language) if section else ""
        item = (
            next((i.item for i in section.items if i.item.key == blocker.key), None)
            if (section)
            else None
        )
        if blocker.kind == "answer" and item is not None:
            return self.tr("{0}: not answered — {1}").format(title, item.text(self.language))
        if blocker.kind == "answer_disposition" and item is not None:
            return self.tr("{0}: “No” without disposition — {1}").format(
                title, item.text(self.language)
            )
        if blocker.kind == "finding" and section is not None:
            finding = next((f for f in section.findings if str(f.id) == blocker.key), None)
            if finding is not None:
                return self.tr("{0}: finding open — {1}").format(
                    title, finding.message(self.language)
                )
        if blocker.kind == "signature" and section is not None:
            owner = label("owner", section.function.value, self.language)
            return self.tr("{0}: not signed yet ({1})").format(title, owner)
        return blocker.message().message(self.language)

    # --- the record -------------------------------------------------------------------------------

    def _show_record_state(self) -> None:
        from qms_review.core.records import archive, pades, verification

        with self.store.read() as session:
            try:
                row = pades.latest(session, self.review_id)
            except QmsError:
                self.record_state.setText(self.tr("No record yet."))
                return
            result = verification.verify(session, row.pdf)
            expected = archive.signers_of(session, self.review_id)
        signed = [c.signer for c in result.signatures]
        self.record_state.setText(
            self.tr("Record SHA-256 {0}… — signed by {1} of {2}: {3}").format(
                row.sha256[:16], len(signed), len(expected), ", ".join(signed) or "—"
            )
        )

    def make_record(self) -> None:
        from qms_review.core.records import archive

        try:
            language = str(self.record_language.currentData())
            with self.store.write(self.person.actor) as session:
                made = archive.generate(session, self.review_id, language)
        except QmsError as exc:
            self.status.setText(exc.message(self.language))
            return
        self.status.setText(
            self.tr("Record {0} made; each signer now signs it.").format(made.record_id)
        )
        self._show_record_state()

    def sign_record(self) -> ActionDialog:
        from qms_review.core.records import pades
        from qms_review.gui.login import password_field

        password = password_field()
        meaning = text("record.meaning_signed", self.language)

        def act() -> str:
            pades.sign(
                self.store,
                self.person.login,
                password.text(),
                self.review_id,
                meaning,
                self.language,
            )
            return self.tr("You signed the record.")

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
            self._show_record_state()

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def view_record(self) -> QDialog | None:
        """The newest record in the viewer, to read and print."""
        from qms_review.core.records import pades
        from qms_review.gui.record_viewer import RecordViewer

        with self.store.read() as session:
            try:
                pdf = pades.latest(session, self.review_id).pdf
            except QmsError as exc:
                self.status.setText(exc.message(self.language))
                return None
        viewer = RecordViewer(pdf, self.tr("Record — {0}").format(self.view.order), self)
        viewer.open()
        return viewer

    def export_data(self, path: Path | None = None) -> Path | None:
        """The review's data (order, lines, findings, answers, questions, signatures) as .xlsx."""
        from qms_review.core.records import exports

        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export review data"),
                f"{self.view.order}-review.xlsx",
                self.tr("Excel workbook (*.xlsx)"),
            )
            if not name:
                return None
            path = Path(name)
        with self.store.read() as session:
            exports.review_xlsx(session, self.review_id, path, self.language)
        self.status.setText(self.tr("Saved {0}").format(path))
        return path

    def save_record(self, path: Path | None = None) -> Path | None:
        """The signed original, byte for byte (never re-saved through a viewer)."""
        from qms_review.core.records import pades

        with self.store.read() as session:
            try:
                row = pades.latest(session, self.review_id)
            except QmsError as exc:
                self.status.setText(exc.message(self.language))
                return None
            pdf = row.pdf
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self,
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

    def _jump(self, entry: QListWidgetItem) -> None:
        section = entry.data(Qt.ItemDataRole.UserRole)
        for n, s in enumerate(self.view.sections):
            if s.key == section:
                self.go(n)

    # --- acts -------------------------------------------------------------------------------------

    def sign_section(self) -> SigningDialog | None:
        """Sign the section shown, or (on the decision page) decide and sign."""
        section = self.section()
        if section is None:
            return self._decide()
        scope = signatures.section_scope(section.key)
        dialog = SigningDialog(
            self.store,
            self.person,
            self.review_id,
            scope,
            self.language,
            self,
            perform=lambda pw: actions.sign_section(
                self.store, self.person.login, pw, self.review_id, section.key, self.language
            ),
        )
        dialog.accepted.connect(self._signed)
        dialog.open()
        return dialog

    def _decide(self) -> SigningDialog | None:
        chosen = self.decisions.checkedId()
        if chosen < 0:
            self.status.setText(self.tr("Choose the decision first."))
            return None
        decision = list(Decision)[chosen]
        conditions = self.conditions.toPlainText()
        meaning = text(
            "meaning.approved",
            self.language,
            decision=label("decision", decision.value, self.language),
        )
        dialog = SigningDialog(
            self.store,
            self.person,
            self.review_id,
            signatures.DECISION,
            self.language,
            self,
            meaning=meaning,
            perform=lambda pw: actions.decide(
                self.store,
                self.person.login,
                pw,
                self.review_id,
                decision,
                conditions,
                self.language,
            ),
        )
        dialog.accepted.connect(self._signed)
        dialog.open()
        return dialog

    def _signed(self) -> None:
        self.reload()
        self.show_page()
        self.status.setText(self.tr("Signed."))

    def attach_evidence(self, key: str, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getOpenFileName(self, self.tr("Attach evidence"))
            if not name:
                return
            path = Path(name)
        chosen = path
        self.write(lambda s, p: actions.add_evidence(s, p, self.review_id, key, chosen))

    def ask_customer(
        self, item_key: str | None = None, finding_id: int | None = None
    ) -> ActionDialog:
        question = QPlainTextEdit()

        def act() -> str:
            with self.store.write(self.person.actor) as session:
                number = clarifications.raise_clarification(
                    session,
                    self.person,
                    self.review_id,
                    question.toPlainText(),
                    item_key,
                    finding_id,
                )
            return self.tr(
                "Clarification #{0} raised; it stays open until the customer's answer is recorded."
            ).format(number)

        return self._form(self.tr("Ask the customer"), [(self.tr("Question:"), question)], act)

    def record_answer(self, clarification_id: int) -> ActionDialog:
        answer, when = QPlainTextEdit(), QDateEdit(QDate.currentDate())
        when.setCalendarPopup(True)
        channel, contact = QLineEdit(), QLineEdit()
        chosen: list[Path] = []
        attach = QPushButton(self.tr("Attach the answer…"))

        def pick() -> None:
            name, _ = QFileDialog.getOpenFileName(self, self.tr("Attach the answer"))
            if name:
                chosen[:] = [Path(name)]
                attach.setText(Path(name).name)

        attach.clicked.connect(pick)

        def act() -> str:
            with self.store.write(self.person.actor) as session:
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
            act,
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

        def act() -> str:
            with self.store.write(self.person.actor) as session:
                clarifications.record_communication(
                    session,
                    self.person,
                    self.view.order_id,
                    kind.currentData(),
                    incoming.currentData(),
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
            act,
        )

    def edit_functions(self) -> ActionDialog:
        """The approver adds a function to this review or releases one, with a reason."""
        from qms_review.gui.users_dialog import FunctionBoxes

        with self.store.read() as session:
            required = tuple(actions.required_functions(session, self.review_id))
        boxes = FunctionBoxes(self.language, required)
        boxes.boxes[Function.APPROVER].setEnabled(False)
        boxes.boxes[Function.ADMINISTRATOR].setEnabled(False)
        reason = QLineEdit()

        def act() -> str:
            chosen = set(boxes.chosen())
            with self.store.write(self.person.actor) as session:
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
            act,
        )

    def _form(
        self, title: str, rows: list[tuple[str, QWidget]], act: Callable[[], str]
    ) -> ActionDialog:
        dialog = ActionDialog(title, rows, act, self.language, parent=self)

        def done() -> None:
            self.reload()
            self.show_page()
            self.status.setText(dialog.result_text)

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    # --- language -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Review — {0}").format(self.view.order))
        self.previous_button.setText(self.tr("Previous"))
        self.next_button.setText(self.tr("Next (Ctrl+Enter)"))
        self.reload()
        self.show_page()

    def showEvent(self, event: QShowEvent) -> None:
        """Override QDialog.showEvent: titles in the current language."""
        self.setWindowTitle(self.tr("Review — {0}").format(self.view.order))
        self.previous_button.setText(self.tr("Previous"))
        self.next_button.setText(self.tr("Next (Ctrl+Enter)"))
        super().showEvent(event)


def open_review(
    store: Store,
    person: Person,
    order_id: int,
    language: str,
    parent: QWidget | None = None,
    ask: bool = False,
    due_days: int = actions.DUE_WORKING_DAYS,
) -> ReviewWindow | str:
    """The order's review, started first when there is none (by sales or the approver); or
    why it cannot be opened."""
    with store.read() as session:
        review_id = actions.review_of(session, order_id)
    if review_id is None:
        packs = choose_packs(language, parent) if ask else ()
        if packs is None:
            return ""
        try:
            with store.write(person.actor) as session:
                review_id = actions.start(session, person, order_id, packs=packs, due_days=due_days)
        except QmsError as exc:
            return exc.message(language)
    window = ReviewWindow(store, person, review_id, language, parent)
    window.open()
    return window


def _day(field: QDateEdit) -> date:
    picked = field.date()
    return date(picked.year(), picked.month(), picked.day())


PACKS = (("iatf16949", "IATF 16949"), ("as9100d", "AS9100D"), ("iso13485", "ISO 13485"))


def choose_packs(language: str, parent: QWidget | None = None) -> tuple[str, ...] | None:
    """Ask which sector packs the new review adds to the ISO 9001 checklist (None: cancelled)."""
    from PySide6.QtWidgets import QCheckBox, QDialogButtonBox

    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("ReviewWindow", "Start the review"))
    layout = QVBoxLayout(dialog)
    layout.addWidget(
        QLabel(
            QCoreApplication.translate(
                "ReviewWindow", "The ISO 9001:2015 §8.2 checklist. Add a sector pack:"
            )
        )
    )
    boxes = []
    for key, name in PACKS:
        box = QCheckBox(name)
        box.setProperty("pack", key)
        boxes.append(box)
        layout.addWidget(box)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return tuple(box.property("pack") for box in boxes if box.isChecked())
