"""The review window among a team: it follows what others change, says who else has the review
open, and refuses to act on what changed under it.

- Every second (and at once on PostgreSQL, when notified) the window checks the audit head; when
  someone else changed this review or its order, it reads the review again and rebuilds the page,
  keeping what was typed and not saved, and the status line says who changed it.
- Its heartbeat (:mod:`qms_review.core.store.presence`) puts it among the review's readers; the
  top bar names the others ("Also open by …").
- Each change it makes carries the audit head it last read; the core refuses it when someone
  else meanwhile answered the same item, signed, changed the review's state or imported a newer
  revision (:func:`qms_review.core.store.changes.refuse_conflicts`): the status line says what
  changed, the review is read again, and the text typed stays in its field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea
from sqlalchemy.exc import SQLAlchemyError

from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError
from qms_review.core.store import changes, presence
from qms_review.core.store.database import Store
from qms_review.gui import live, operations

if TYPE_CHECKING:
    _Window = QDialog  # what this is mixed into, for the type checker
else:
    _Window = object


class LiveReview(_Window):
    """Part of :class:`~qms_review.gui.review.window.ReviewWindow`: live updates and presence.

    Attributes:
        seen: the audit head the review was last read at.
        others: the top bar's "Also open by …".
    """

    store: Store
    person: Person
    review_id: int
    language: str
    status: QLabel
    seen: int

    def start_live(self) -> None:
        self.others = QLabel()
        self.others.setObjectName("also-open")
        self.others.setStyleSheet("color: #7a4b00;")
        self._token = presence.new_token()
        self._beats = 0
        self.watch = live.Watch(self.store, self)  # the head now: the review is read next
        self.watch.changed.connect(self._database_changed)
        self.watch.timer.timeout.connect(self._beat)
        self.finished.connect(self._leave)
        QTimer.singleShot(0, self, self._beat)

    if TYPE_CHECKING:
        body: QScrollArea

        def refresh(self) -> None: ...

        def reload(self) -> None: ...

    def _beat(self) -> None:
        """Every tick: who else has it open; every few ticks, say that this window has."""
        write = self._beats % int(presence.BEAT.total_seconds()) == 0
        self._beats += 1
        name, actor = self.person.display_name, self.person.actor
        try:
            if write:
                names = presence.beat(self.store, self._token, self.review_id, actor, name)
            else:
                names = presence.others(self.store, self.review_id, self._token)
        except (QmsError, SQLAlchemyError):  # the server away: the next tick tries again
            return
        shown = self.tr("Also open by {0}").format(", ".join(names)) if names else ""
        if shown != self.others.text():
            self.others.setText(shown)

    def _leave(self) -> None:
        self.watch.stop()
        try:
            presence.leave(self.store, self._token)
        except SQLAlchemyError:  # closing never fails on a database that went away
            live.log.info("presence not cleared", exc_info=True)

    def _database_changed(self, before: int) -> None:
        """Someone changed the database: read the review again if it was this review."""
        seen = min(before, self.seen)
        op = operations.read(
            self,
            self.store,
            lambda s: [
                changes.who(s, c) for c in changes.for_review(s, self.review_id, seen, self._me)
            ],
            language=self.language,
        ).failure(lambda _refusal: None)
        names = op.run().result
        if names:
            if live.kept_text(self.body.widget()):
                # not the page under the typing: it follows once that is saved, which is
                # checked against what the page shows (so the head read stays as it was)
                seen = self.seen
                self.reload()
                self.seen = seen
            else:
                self.refresh()
            self.status.setText(
                self.tr("Updated: {0} changed this review.").format(", ".join(sorted(set(names))))
            )

    @property
    def _me(self) -> str:
        return self.person.actor

    def guarded(self, session: object, item_key: str | None = None) -> None:
        """Refuse the change being made when someone else changed what it rests on."""
        from sqlalchemy.orm import Session

        assert isinstance(session, Session)
        changes.refuse_conflicts(session, self.review_id, self.seen, self._me, item_key)

    def still_current(self) -> bool:
        """Before a signature: whether the review is still as last read (else refused, read
        again, and the status line says what changed)."""
        op = operations.read(
            self,
            self.store,
            lambda s: changes.refuse_conflicts(s, self.review_id, self.seen, self._me),
            language=self.language,
        )
        op.failure(self.stale).run()
        return op.ok

    def stale(self, refusal: QmsError) -> None:
        """Tell a refusal; one because the review changed meanwhile reads it again."""
        if refusal.key.startswith("live."):
            self.refresh()
        self.status.setText(refusal.message(self.language))
