"""Counting the register's matching orders off the GUI thread.

A keystroke in the filter shows the first page of its orders at once (``register.first_page``);
how many match in all is counted here, once typing pauses (:data:`PAUSE`), on a thread of its
own with a session of its own, and delivered to the GUI thread by a queued signal. Only the
newest count matters: a keystroke stops the statement of the count running
(``engines.interrupter``) and a count superseded before it started is skipped; the model drops
what it receives for a filter no longer shown (or, after a data change, for data no longer
current).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal

from qms_review.core.oversight import register
from qms_review.core.store import engines
from qms_review.core.store.database import Store

log = logging.getLogger(__name__)

#: A filter to count: the text typed and "these orders only" (None: all of them).
Wanted = tuple[str, tuple[int, ...] | None]

#: A count starts once typing pauses this long (ms): while a person types on, the counts of
#: the words on the way would only take the processor from the pages they are shown.
PAUSE = 150


class Counter(QObject):
    """Counts in the background, one count at a time, the newest first.

    Signals:
        counted(ticket, wanted, count): a count finished (on the GUI thread).
        failed(ticket): a count failed other than by being stopped.
    """

    counted = Signal(int, object, int)
    failed = Signal(int)
    _done = Signal(int, object, int)  # from the worker thread
    _broke = Signal(int)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._lock = threading.Lock()
        self._latest = 0
        self._stop: Callable[[], None] | None = None  # stops the statement running, if any
        self._next: tuple[int, list[Wanted]] | None = None  # to count once typing pauses
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE)
        self._pause.timeout.connect(self._begin)
        queued = Qt.ConnectionType.QueuedConnection
        self._done.connect(self.counted, queued)
        self._broke.connect(self.failed, queued)

    def count(self, ticket: int, wanted: Sequence[Wanted]) -> None:
        """Count ``wanted`` (under ``ticket``, which the results carry) once typing pauses,
        stopping any older count at once."""
        self.cancel()
        self._next = ticket, list(wanted)
        self._pause.start()

    def cancel(self) -> None:
        """Stop the count running and skip those waiting. The statement is stopped from a
        thread of its own: on PostgreSQL that is a round trip on a new connection (3–10 ms
        at 1,000,000 orders), which the keystroke that stops it need not wait for."""
        self._pause.stop()
        self._next = None
        with self._lock:
            self._latest = -1
            stop = self._stop
        if stop is not None:
            threading.Thread(target=self._stop_now, args=(stop,), daemon=True).start()

    def _stop_now(self, stop: Callable[[], None]) -> None:
        with self._lock:  # the statement's connection serves no one else meanwhile
            if self._stop is stop:
                stop()

    def _begin(self) -> None:
        if self._next is None:
            return
        ticket, wanted = self._next
        self._next = None
        with self._lock:
            self._latest = ticket
        self._pool.start(_Job(self, ticket, wanted))

    def wait(self, msecs: int = -1) -> bool:
        """Block until no count runs (closing the window, tests); False on time-out."""
        return self._pool.waitForDone(msecs)

    def _run(self, ticket: int, wanted: list[Wanted]) -> None:
        """On the worker thread."""
        try:
            with self._store.read() as session:
                engines.in_background(session)
                for needle, only in wanted:
                    with self._lock:
                        if ticket != self._latest:
                            return  # superseded: the newer count is waiting
                        self._stop = engines.interrupter(session)
                    try:
                        found = register.count_matching(
                            session, needle, list(only) if only is not None else None
                        )
                    finally:
                        with self._lock:  # before the connection can serve anyone else
                            self._stop = None
                    with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                        self._done.emit(ticket, (needle, only), found)
        except Exception:  # stopped (superseded), or broken: the model counts it itself
            with self._lock:
                superseded = ticket != self._latest
            if not superseded:
                log.exception("counting the register's orders in the background failed")
                with contextlib.suppress(RuntimeError):
                    self._broke.emit(ticket)


class _Job(QRunnable):
    def __init__(self, counter: Counter, ticket: int, wanted: list[Wanted]) -> None:
        super().__init__()
        self.counter, self.ticket, self.wanted = counter, ticket, wanted

    def run(self) -> None:
        """Override QRunnable.run."""
        self.counter._run(self.ticket, self.wanted)
