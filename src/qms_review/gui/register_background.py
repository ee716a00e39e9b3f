"""Reading the register off the GUI thread: counting the matching orders, and the pages a jump
of the scrollbar lands on.

A keystroke in the filter shows the first page of its orders at once (``register.first_page``);
how many match in all is counted here, once typing pauses (:data:`PAUSE`). For a filter no
index finds (words shorter than the trigrams, labels) that the orders a keystroke reads hold
too few of, the keystroke shows what they held and the matches are looked for here too, in the
register's order: the first page and the pages' keys come with the count (:func:`counting`).
A jump of the scrollbar far from any page read (into the middle of 1,000,000 orders: seconds,
however it is read) shows its rows as they land (:func:`reading`), the table usable meanwhile.

Each :class:`Background` runs one job at a time on a thread of its own with a session of its
own, and delivers the result to the GUI thread by a queued signal. Only the newest job
matters: a newer one stops the statement of the one running (``engines.interrupter``) and
skips those waiting; the model drops what it receives for a filter no longer shown (or, after
a data change, for data no longer current).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from sqlalchemy import event
from sqlalchemy.orm import Session

from qms_review.core.oversight import register
from qms_review.core.oversight.register import Boundary, Column, RegisterRow
from qms_review.core.store import engines
from qms_review.core.store.database import Store

log = logging.getLogger(__name__)

#: A filter to count: the text typed and "these orders only" (None: all of them).
Wanted = tuple[str, tuple[int, ...] | None]
#: The first page to look for while counting (when the keystroke showed only what the first
#: orders held): the sort, which way, and the page's size.
Look = tuple[Column, bool, int]
#: Keys of matches in order and the rows of the first of them: a first page found while
#: counting (the keys up to :data:`HELD`), or the page a jump landed on.
Found = tuple[list[Boundary], list[RegisterRow]]
#: A count: the filter, how many match, and the first page when one was looked for.
Counted = tuple[Wanted, int, Found | None]
#: The matches whose keys a first page looked for in the background brings, in order (a filter
#: the first orders hold few of is mostly held by few: then their number is the count, and the
#: pages after the first are read by their keys; with more, they are counted apart).
HELD = 10_000

#: A count starts once typing pauses this long (ms): while a person types on, the counts of
#: the words on the way would only take the processor from the pages they are shown.
PAUSE = 150

Job = Callable[[Session], Any]


def counting(wanted: Wanted, look: Look | None) -> Job:
    """A job counting the orders ``wanted`` matches; with ``look``, finding its first page
    too (all the matches in order: their number is the count, up to :data:`HELD`)."""
    needle, only = wanted
    among = list(only) if only is not None else None

    def job(session: Session) -> Counted:
        if look is None:
            return wanted, register.count_matching(session, needle, among), None
        sort, descending, size = look
        keys = register.page(session, needle, sort, descending, HELD, only=among, share=0.0)
        found = keys, register.rows(session, [i for _, i in keys[:size]])
        count = len(keys)
        if count == HELD:
            count = register.count_matching(session, needle, among)
        return wanted, count, found

    return job


def reading(number: int, **where: Any) -> Job:
    """A job reading page ``number``'s keys (``register.page(**where)``) and rows."""

    def job(session: Session) -> tuple[int, Found]:
        keys = register.page(session, **where)
        return number, (keys, register.rows(session, [i for _, i in keys]))

    return job


class Background(QObject):
    """Runs jobs in the background, one at a time, the newest first.

    Signals:
        done(ticket, result): a job finished (on the GUI thread).
        failed(ticket): a job failed other than by being stopped.
    """

    done = Signal(int, object)
    failed = Signal(int)
    _done = Signal(int, object)  # from the worker thread
    _broke = Signal(int)

    def __init__(self, store: Store, pause: int = 0, parent: QObject | None = None) -> None:
        """``pause``: ms a job waits before it starts, for a newer one to take its place."""
        super().__init__(parent)
        self._store = store
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._lock = threading.Lock()
        self._latest = 0
        self._stop: Callable[[], None] | None = None  # stops the statement running, if any
        self._next: tuple[int, Job] | None = None  # to start once the pause is over
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(pause)
        self._pause.timeout.connect(self._begin)
        queued = Qt.ConnectionType.QueuedConnection
        self._done.connect(self.done, queued)
        self._broke.connect(self.failed, queued)

    def start(self, ticket: int, job: Job) -> None:
        """Run ``job`` (under ``ticket``, which its result carries) after the pause, stopping
        any older job at once."""
        self.cancel()
        self._next = ticket, job
        self._pause.start()

    def cancel(self) -> None:
        """Stop the job running (its statement at once: a flag on SQLite, one round trip on
        PostgreSQL, ~1 ms) and skip those waiting."""
        self._pause.stop()
        self._next = None
        with self._lock:  # the statement's connection serves no one else meanwhile
            self._latest = -1
            if self._stop is not None:
                self._stop()

    def _begin(self) -> None:
        if self._next is None:
            return
        ticket, job = self._next
        self._next = None
        with self._lock:
            self._latest = ticket
        self._pool.start(_Job(lambda: self._run(ticket, job)))

    def wait(self, msecs: int = -1) -> bool:
        """Block until no job runs (closing the window, tests); False on time-out."""
        return self._pool.waitForDone(msecs)

    def _run(self, ticket: int, job: Job) -> None:
        """On the worker thread."""
        try:
            with self._store.read() as session:
                engines.in_background(session)
                with self._lock:
                    if ticket != self._latest:
                        return  # superseded: the newer job is waiting
                    self._stop = engines.interrupter(session)

                def stopped(*_: Any) -> None:
                    """Stopped before a statement began: the interrupt stops only one running."""
                    if ticket != self._latest:
                        raise _Superseded

                event.listen(session.connection(), "before_cursor_execute", stopped)
                try:
                    result = job(session)
                finally:
                    with self._lock:  # before the connection can serve anyone else
                        self._stop = None
                with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                    self._done.emit(ticket, result)
        except Exception:  # stopped (superseded), or broken: the model reads it itself
            with self._lock:
                superseded = ticket != self._latest
            if not superseded:
                log.exception("reading the register in the background failed")
                with contextlib.suppress(RuntimeError):
                    self._broke.emit(ticket)


class _Superseded(Exception):
    """A newer job came before this one's next statement."""


class _Job(QRunnable):
    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__()
        self.work = work

    def run(self) -> None:
        """Override QRunnable.run."""
        self.work()
