"""Long work off the GUI thread: run a function in the thread pool, get its result, error and
progress back as signals on the GUI thread. Tests use ``Tasks(synchronous=True)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Progress = Callable[[int, int], None]
Work = Callable[[Progress], Any]


class Cancelled(Exception):
    """Raised inside the work (from its progress call) when the user cancelled."""


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, work: Work, signals: _Signals, cancelled: Callable[[], bool]) -> None:
        super().__init__()
        self._work = work
        self._signals = signals
        self._cancelled = cancelled

    def run(self) -> None:
        """Override QRunnable.run: the work, in a pool thread."""

        def progress(done: int, total: int) -> None:
            if self._cancelled():
                raise Cancelled()
            self._signals.progress.emit(done, total)

        try:
            result = self._work(progress)
        except BaseException as exc:  # delivered to the GUI thread, never lost
            self._signals.failed.emit(exc)
        else:
            self._signals.done.emit(result)


class Task(QObject):
    """One running piece of work.

    Signals:
        done(object): the work's result.
        failed(object): the exception it raised (Cancelled after cancel()).
        progress(int, int): done, total.
    """

    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_requested = False

    def cancel(self) -> None:
        self.cancel_requested = True


class Tasks(QObject):
    """Starts tasks; ``synchronous`` runs them at once in the calling thread (tests)."""

    def __init__(self, synchronous: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._running: set[_Signals] = set()

    def start(self, work: Work) -> Task:
        task = Task(self)
        signals = _Signals()
        signals.done.connect(task.done)
        signals.failed.connect(task.failed)
        signals.progress.connect(task.progress)
        self._running.add(signals)
        signals.done.connect(lambda _r: self._running.discard(signals))
        signals.failed.connect(lambda _e: self._running.discard(signals))
        job = _Job(work, signals, lambda: task.cancel_requested)
        if self.synchronous:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, job.run)
        else:
            QThreadPool.globalInstance().start(job)
        return task
