"""Counting the register's matching orders off the GUI thread.

A keystroke in the filter shows the first page of its orders at once (``register.first_page``);
how many match in all is counted here, once typing pauses (:data:`PAUSE`), on a thread of its
own with a session of its own, and delivered to the GUI thread by a queued signal. Only the
newest count matters: a keystroke stops the statement of the count running
(``engines.interrupter``) and a count superseded before it started is skipped; the model drops
what it receives for a filter no longer shown (or, after a data change, for data no longer
current). For a filter no index finds (words shorter than the trigrams, labels) that the
orders a keystroke reads hold too few of, the keystroke shows what they held and the matches
are looked for here too, in the register's order: the first page and the pages' keys come
with the count.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal

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
#: A first page found in the background: the keys of the matches in order (up to
#: :data:`HELD`), and the first page's rows.
Found = tuple[list[Boundary], list[RegisterRow]]
#: The matches whose keys a first page looked for in the background brings, in order (a filter
#: the first orders hold few of is mostly held by few: then their number is the count, and the
#: pages after the first are read by their keys; with more, they are counted apart).
HELD = 10_000

#: A count starts once typing pauses this long (ms): while a person types on, the counts of
#: the words on the way would only take the processor from the pages they are shown.
PAUSE = 150


class Counter(QObject):
    """Counts in the background, one count at a time, the newest first.

    Signals:
        counted(ticket, wanted, count, found): a count finished (on the GUI thread), with the
            first page when one was looked for (else None).
        failed(ticket): a count failed other than by being stopped.
    """

    counted = Signal(int, object, int, object)
    failed = Signal(int)
    _done = Signal(int, object, int, object)  # from the worker thread
    _broke = Signal(int)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._lock = threading.Lock()
        self._latest = 0
        self._stop: Callable[[], None] | None = None  # stops the statement running, if any
        self._stops_at_once = store.engine.dialect.name == "sqlite"
        # to count once typing pauses
        self._next: tuple[int, list[Wanted], Look | None] | None = None
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE)
        self._pause.timeout.connect(self._begin)
        queued = Qt.ConnectionType.QueuedConnection
        self._done.connect(self.counted, queued)
        self._broke.connect(self.failed, queued)

    def count(self, ticket: int, wanted: Sequence[Wanted], look: Look | None = None) -> None:
        """Count ``wanted`` (under ``ticket``, which the results carry) once typing pauses,
        stopping any older count at once; with ``look``, find each one's first page too."""
        self.cancel()
        self._next = ticket, list(wanted), look
        self._pause.start()

    def cancel(self) -> None:
        """Stop the count running and skip those waiting. On PostgreSQL the statement is
        stopped from a thread of its own: that is a round trip on a new connection (3–10 ms
        at 1,000,000 orders), which the keystroke that stops it need not wait for."""
        self._pause.stop()
        self._next = None
        with self._lock:
            self._latest = -1
            stop = self._stop
            if stop is not None and self._stops_at_once:  # SQLite: a flag set, no waiting
                stop()
                return
        if stop is not None:
            threading.Thread(target=self._stop_now, args=(stop,), daemon=True).start()

    def _stop_now(self, stop: Callable[[], None]) -> None:
        with self._lock:  # the statement's connection serves no one else meanwhile
            if self._stop is stop:
                stop()

    def _begin(self) -> None:
        if self._next is None:
            return
        ticket, wanted, look = self._next
        self._next = None
        with self._lock:
            self._latest = ticket
        self._pool.start(_Job(lambda: self._run(ticket, wanted, look)))

    def wait(self, msecs: int = -1) -> bool:
        """Block until no count runs (closing the window, tests); False on time-out."""
        return self._pool.waitForDone(msecs)

    def _run(self, ticket: int, wanted: list[Wanted], look: Look | None) -> None:
        """On the worker thread."""
        try:
            with self._store.read() as session:
                engines.in_background(session)
                for needle, only in wanted:
                    with self._lock:
                        if ticket != self._latest:
                            return  # superseded: the newer count is waiting
                        self._stop = engines.interrupter(session)
                    among = list(only) if only is not None else None
                    first: Found | None = None
                    try:
                        if look is None:
                            count = register.count_matching(session, needle, among)
                        else:  # the matches in order: the first page, and the count
                            sort, descending, size = look
                            keys = register.page(
                                session, needle, sort, descending, HELD, only=among, share=0.0
                            )
                            first = keys, register.rows(session, [i for _, i in keys[:size]])
                            count = len(keys)
                            if count == HELD:
                                count = register.count_matching(session, needle, among)
                    finally:
                        with self._lock:  # before the connection can serve anyone else
                            self._stop = None
                    with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                        self._done.emit(ticket, (needle, only), count, first)
        except Exception:  # stopped (superseded), or broken: the model counts it itself
            with self._lock:
                superseded = ticket != self._latest
            if not superseded:
                log.exception("counting the register's orders in the background failed")
                with contextlib.suppress(RuntimeError):
                    self._broke.emit(ticket)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__()
        self.work = work

    def run(self) -> None:
        """Override QRunnable.run."""
        self.work()
