"""The review walkthrough: one section at a time, each item with its guidance and clause,
Yes / No / N/A (keys 1, 2, 3), comment and evidence; the section's findings beside it with their
dispositions; signing the section; a summary of what still blocks a decision, each entry jumping
to its place; and the decision page.

Every change is saved at once (one audited unit of work each); answer edits can be undone and
redone (Ctrl+Z / Ctrl+Y). The rules are the core's: a refused change says why in the status line
and changes nothing.

A change is often made from inside an event Qt is still delivering to a widget of the page (a
key press on an item, a comment box losing the focus). The review is read again at once, but
the page is rebuilt only after that event (a zero timer), and the old page is deleted with
``deleteLater``: rebuilding it under the widget crashed Qt. While a mouse button is held the
rebuild waits for its release, so a click that took the focus from a comment box (and so saved
the comment) still ends on the button it began on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from qms_review.core.identity.users import Person
from qms_review.core.messages import label, text
from qms_review.core.review import actions, signatures, walkthrough
from qms_review.core.review.walkthrough import ItemView, SectionView, WalkthroughView
from qms_review.core.store import changes
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import Answer, Decision, Function
from qms_review.gui import folders, guide, live, operations, screen
from qms_review.gui.i18n import TranslatedDialog
from qms_review.gui.keys import undo_actions
from qms_review.gui.review.decision_page import DecisionPage
from qms_review.gui.review.forms import CustomerForms
from qms_review.gui.review.items import AnswerCommand
from qms_review.gui.review.live_review import LiveReview
from qms_review.gui.review.record import RecordActions
from qms_review.gui.review.section_page import SectionPage
from qms_review.gui.review.summary_page import SummaryPage
from qms_review.gui.signing_dialog import SigningDialog
from qms_review.gui.typed import has_typed_text


class ReviewWindow(LiveReview, RecordActions, CustomerForms, TranslatedDialog):
    """The review of one order revision, walked through section by section.

    Attributes:
        view: the review as last read.
        pages: the list on the left: sections, then the summary and the decision.
        undo_stack: answer edits that can be undone.
        body, side: the scroll areas holding the page shown and its side panel.
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
        self.record_state: QLabel | None = None
        self.record_language = None
        self.undo_stack = QUndoStack(self)
        self._rebuild = QTimer(self)
        self._rebuild.setSingleShot(True)
        self._rebuild.setInterval(0)
        self._rebuild.timeout.connect(self._rebuild_page)
        self._held = 0  # how often the rebuild has waited for a mouse button to be released
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        screen.fit(self, 1200, 800)
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.position = QLabel()
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(230)
        self.seen = 0  # the audit head the review was read at (see reload)
        self.start_live()
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.others)
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
        ):
            QShortcut(QKeySequence(keys), self, slot)
        # Confirm to the customer (the decision page's button too): the order acknowledgement
        self.act_confirm = QAction(self.tr("Confirm to the customer…"), self)
        self.act_confirm.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.act_confirm.triggered.connect(lambda: self.confirm_to_customer())
        self.addAction(self.act_confirm)
        # the platform's undo and redo keys, and Ctrl+Y
        self.act_undo, self.act_redo = undo_actions(
            self.undo_stack, self, self.tr("Undo"), self.tr("Redo")
        )
        # F1: the decision page has its own part of the guide
        guide.offer(self, lambda: "decision" if self.page > len(self.view.sections) else "review")
        self.view: WalkthroughView
        self.reload()
        self.go(self._first_page())

    def _first_page(self) -> int:
        """Where this person's work is: their first section not signed yet (else their first
        section); the summary for an approver who holds no section; else the first section."""
        view = getattr(self, "view", None)
        if view is None:
            return 0
        mine = [n for n, s in enumerate(view.sections) if self.person.holds(s.function)]
        for n in mine:
            signature = view.sections[n].signature
            if signature is None or signature.lapsed:
                return n
        if mine:
            return mine[0]
        return len(view.sections) if self.person.holds(Function.APPROVER) else 0

    def reject(self) -> None:
        """Override QDialog.reject (Escape, the close button): ask first when a field holds
        text that is not saved (a finding's note before Apply, a question half typed)."""
        if has_typed_text(self):
            answer = QMessageBox.question(
                self,
                self.tr("Close the review"),
                self.tr("Text typed here is not saved yet. Close the review and discard it?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    # --- data -----------------------------------------------------------------------------------

    def reload(self) -> None:
        read = operations.read(
            self,
            self.store,
            lambda s: (changes.head(s), walkthrough.load(s, self.review_id)),
            language=self.language,
        ).run()
        if read.result is None:
            return  # refused (the box said why): the review as last read stays
        self.seen, self.view = read.result
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
            sig = section.signature
            mark = "" if sig is None or sig.lapsed else "✗ " if sig.broken else "✓ "
            owner = label("owner", section.function.value, self.language)
            entry = QListWidgetItem(
                f"{mark}{number}. {section.title(self.language)}\n"
                f"   {owner} · {section.answered}/{section.applicable}"
            )
            if not section.required:
                entry.setForeground(Qt.GlobalColor.gray)
            self.pages.addItem(entry)
        self.pages.addItem(
            self.tr("Summary — {0} open").format(len(view.blockers) + len(view.before_accepting))
        )
        self.pages.addItem(self.tr("Decision"))
        self.pages.setCurrentRow(max(current, 0))
        self.pages.blockSignals(False)

    def refresh(self) -> None:
        """Read the review again now; rebuild the page once Qt has delivered the event in
        progress (several changes in one event rebuild it once)."""
        self.reload()
        self._rebuild.start(0)

    def _rebuild_page(self) -> None:
        """The deferred rebuild; while a mouse button is held it waits for its release, so a
        click that began on the old page (a comment box losing the focus to an answer button)
        ends on the widget it began on (at most ~2 s: a button never released does not stop
        the page)."""
        if QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton and self._held < 100:
            self._held += 1
            self._rebuild.start(20)
            return
        self.show_page()

    def write(self, change: Callable[..., object], item_key: str | None = None) -> bool:
        """``change(session, person)`` as one unit of work by the person working; False (and
        why, in the status line) if refused, as when someone else changed what it rests on
        meanwhile (about ``item_key``, the whole review): the review is then read again."""

        def unit(session: object) -> object:
            self.guarded(session, item_key)
            return change(session, self.person)

        op = operations.write(self, self.store, self.person.actor, unit, language=self.language)
        op.failure(self.stale).success(lambda _result: self._changed()).run()
        return op.ok

    def _changed(self) -> None:
        self.status.clear()
        self.refresh()

    def _item(self, key: str) -> ItemView:
        return next(i for s in self.view.sections for i in s.items if i.item.key == key)

    def set_answer(self, key: str, value: Answer | None, comment: str | None) -> bool:
        item = self._item(key)
        before = (item.value, item.comment)
        after = (value, comment)
        if before == after:
            return False
        self.current_item = key
        if self.write(lambda s, p: actions.answer(s, p, self.review_id, key, value, comment), key):
            self.undo_stack.push(AnswerCommand(self, key, before, after))
            return True
        return False

    def set_comment(self, key: str, comment: str) -> bool:
        """Save an item's comment, with its answer; an item not answered yet keeps it (saved
        with no answer: the answer chosen later goes with it), and the status line says so."""
        item = self._item(key)
        if (comment.strip() or None) == (item.comment or None):
            return False
        saved = self.set_answer(key, item.value, comment)
        if saved and item.value is None and comment.strip():
            self.status.setText(
                self.tr(
                    "Comment saved. The item is not answered yet: choose Yes, No or N/A "
                    "(keys 1, 2, 3)."
                )
            )
        return saved

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
        """Build the page shown from the review as last read (never from inside an event to
        one of the page's own widgets: see ``refresh``)."""
        self._rebuild.stop()
        self._held = 0
        count = len(self.view.sections)
        section = self.section()
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < count + 1)
        self.record_state = self.record_language = None
        if section is not None:
            self.position.setText(self.tr("Section {0} of {1}").format(self.page + 1, count))
            page = SectionPage(self, section)
            self._replace(page, page.side)
            self.sign_button.setText(self.tr("Sign section…"))
            self.sign_button.setVisible(True)
            self.sign_button.setEnabled(
                self.editable(section) and section.function is not Function.APPROVER
            )
            if page.focus is not None:
                page.focus.setFocus()
        elif self.page == count:
            self.position.setText(self.tr("Summary"))
            summary = SummaryPage(self)
            self.blocker_list = summary.blocker_list
            self._replace(summary, summary.side)
            self.sign_button.setVisible(False)
        else:
            self.position.setText(self.tr("Decision"))
            decision = DecisionPage(self)
            self.decisions, self.conditions = decision.decisions, decision.conditions
            self.record_state = decision.record_state
            self.record_language = decision.record_language
            self._replace(decision, QWidget())
            self.sign_button.setText(self.tr("Decide and sign…"))
            self.sign_button.setVisible(True)
            self.sign_button.setEnabled(
                self.person.holds(Function.APPROVER)
                and self.view.state.value == "ready_for_decision"
            )
            self.show_record_state()

    def _replace(self, body: QWidget, side: QWidget) -> None:
        """Show the new page; the old one is deleted once the events queued for it are done.
        Text typed in the old page and not saved is carried over to the same fields."""
        kept = live.kept_text(self.body.widget()) | live.kept_text(self.side.widget())
        for area, widget in ((self.body, body), (self.side, side)):
            old = area.takeWidget()
            area.setWidget(widget)
            live.restore_text(widget, kept)
            if old is not None:
                old.hide()
                old.deleteLater()

    def jump(self, entry: QListWidgetItem) -> None:
        """Go to the section of a summary entry. The summary's own list delivers this, and the
        page holding it is replaced: after the event, like ``refresh``."""
        section = entry.data(Qt.ItemDataRole.UserRole)
        for n, s in enumerate(self.view.sections):
            if s.key == section:
                self.page = n
                self.pages.setCurrentRow(n)  # _page_chosen: already this page
                self._rebuild.start(0)

    # --- acts -------------------------------------------------------------------------------------

    def sign_section(self) -> SigningDialog | None:
        """Sign the section shown, or (on the decision page) decide and sign."""
        if not self.still_current():
            return None
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
        self.refresh()
        self.status.setText(self.tr("Signed."))

    def attach_evidence(self, key: str, path: Path | None = None) -> None:
        if path is None:
            name = folders.open_name(self, folders.ATTACHMENTS, self.tr("Attach evidence"))
            if not name:
                return
            path = Path(name)
        chosen = path
        self.write(lambda s, p: actions.add_evidence(s, p, self.review_id, key, chosen))

    # --- language -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Review — {0}").format(self.view.order))
        self.previous_button.setText(self.tr("Previous"))
        self.next_button.setText(self.tr("Next (Ctrl+Enter)"))
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Override QDialog.showEvent: titles in the current language."""
        self.setWindowTitle(self.tr("Review — {0}").format(self.view.order))
        self.previous_button.setText(self.tr("Previous"))
        self.next_button.setText(self.tr("Next (Ctrl+Enter)"))
        super().showEvent(event)
