"""Every user action runs through here: one operation object owns the unit of work, the thread
and what the user is told when the core refuses.

    operations.write(self, store, actor, lambda s: actions.submit(s, person, review_id),
                     language=lang).success(self.refresh).run()

``write`` and ``read`` run one unit of work (``Store.write(actor)`` / ``Store.read()``;
``read_task`` a reading one that reports progress);
``call`` runs a core function that opens its own (signing, the demo, a password check); ``task``
is work that reports progress. Each returns an :class:`Op`, not yet started: add callbacks, move
it off the GUI thread with :meth:`Op.in_background` when it may take longer than ~100 ms, then
:meth:`Op.run`.

What happens after the work, always on the GUI thread:

- it returned: each ``success`` callback gets the result;
- the core refused (:class:`QmsError`): the ``failure`` callback gets it, or by default a
  warning box, parented to the owning window, says why in the user's language; nothing was
  written (the unit of work rolled back);
- the user cancelled (:class:`Cancelled`, raised by the progress call): the ``cancelled``
  callbacks;
- anything else is a bug: it goes to ``sys.excepthook`` — the crash handler of
  :mod:`qms_review.gui.crash` in the program, pytest-qt's (a failed test) in tests. Never
  swallowed.
- then the ``finished`` callbacks, whatever happened.

When the owning window was deleted while the work ran, the callbacks (which would touch its
widgets) are skipped; a bug is still reported.

Background work runs on one worker thread, so database work is serialised (Anki's task manager);
the result comes back by a queued signal, never by a ``processEvents()`` loop. Tests make the
runner synchronous (``runner().synchronous = True``): background work then runs at once in the
calling thread, so an action has finished when its method returns (Picard's test runner).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressBar, QProgressDialog, QWidget

from qms_review.core.messages import QmsError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qms_review.core.store.database import Store

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""``progress(done, total)``: reports how far the work is; raises Cancelled once cancelled."""

BUSY_AFTER_MS = 300
"""A background operation shows its busy dialog only when it takes longer than this."""


class Cancelled(Exception):
    """Raised inside the work (from its progress call) when the user cancelled."""


class Runner:
    """Where background operations run: one worker thread, or (tests) the calling thread.

    Attributes:
        synchronous: run background work at once in the calling thread.
    """

    def __init__(self) -> None:
        self.synchronous = False
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(1)  # database work one unit at a time, in order
        self.running: set[Op[Any]] = set()  # kept alive until their results are delivered

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (closing the program, tests); False on time-out."""
        return self.pool.waitForDone(msecs)


_runner: Runner | None = None


def runner() -> Runner:
    """The application's runner (made on first use, after the QApplication)."""
    global _runner
    if _runner is None:
        _runner = Runner()
    return _runner


class _Bridge(QObject):
    """Carries the outcome from the worker thread to the GUI thread: it lives in the GUI
    thread, so its signals, emitted by the worker, reach its slots there (queued)."""

    returned = Signal(object)
    raised = Signal(object)
    progressed = Signal(int, int)

    def __init__(self, op: Op[Any]) -> None:
        super().__init__()
        self.op = op
        queued = Qt.ConnectionType.QueuedConnection
        self.returned.connect(self._returned, queued)
        self.raised.connect(self._raised, queued)
        self.progressed.connect(self._progressed, queued)

    @Slot(object)
    def _returned(self, result: object) -> None:
        self.op._deliver_result(result)

    @Slot(object)
    def _raised(self, error: BaseException) -> None:
        self.op._deliver_error(error)

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        self.op._report(done, total)

    @Slot()
    def cancel(self) -> None:
        self.op.cancel()


class _Job(QRunnable):
    def __init__(self, op: Op[Any]) -> None:
        super().__init__()
        self.op = op

    def run(self) -> None:
        """Override QRunnable.run: the work, on the worker thread."""
        bridge = self.op._bridge
        try:
            result = self.op._work(self.op._progress_from_worker)
        except BaseException as exc:  # delivered to the GUI thread, never lost
            bridge.raised.emit(exc)
        else:
            bridge.returned.emit(result)


class Op[T]:
    """One user action: its work, where it runs, and what follows on the GUI thread.

    Attributes:
        done: the work has ended (whatever the outcome) and the callbacks have run.
        ok: it succeeded.
        result: what the work returned, once it succeeded.
        error: the refusal, cancellation or bug it raised.
    """

    def __init__(
        self, parent: QWidget | None, work: Callable[[Progress], T], *, language: str
    ) -> None:
        self.parent = parent
        self.language = language
        self._work = work
        self._title = ""
        self._on_success: list[Callable[[T], object]] = []
        self._on_failure: Callable[[QmsError], object] | None = None
        self._on_cancelled: list[Callable[[], object]] = []
        self._on_finished: list[Callable[[], object]] = []
        self._on_progress: list[Progress] = []
        self._background = False
        self._label = ""
        self._cancellable = False
        self._quiet = False
        self._cancel_requested = False
        self._dialog: QProgressDialog | None = None
        self._bar: QProgressBar | None = None
        self._bridge = _Bridge(self)
        self.done = False
        self.ok = False
        self.result: T | None = None
        self.error: BaseException | None = None

    # --- building -------------------------------------------------------------------------------

    def success(self, callback: Callable[[T], object]) -> Self:
        """Call ``callback(result)`` when the work has returned."""
        self._on_success.append(callback)
        return self

    def failure(self, callback: Callable[[QmsError], object]) -> Self:
        """Tell a refusal with ``callback`` (an error line, a status line) instead of a box."""
        self._on_failure = callback
        return self

    def cancelled(self, callback: Callable[[], object]) -> Self:
        self._on_cancelled.append(callback)
        return self

    def finished(self, callback: Callable[[], object]) -> Self:
        """Call ``callback()`` after the outcome's callbacks, whatever the outcome."""
        self._on_finished.append(callback)
        return self

    def progress(self, callback: Progress) -> Self:
        """Call ``callback(done, total)`` on the GUI thread as the work reports progress."""
        self._on_progress.append(callback)
        return self

    def titled(self, title: str) -> Self:
        """The title of the message box that tells a refusal."""
        self._title = title
        return self

    def in_background(
        self, label: str = "", *, cancellable: bool = False, quiet: bool = False
    ) -> Self:
        """Run off the GUI thread; past BUSY_AFTER_MS a busy dialog shows ``label`` (and a
        Cancel button when ``cancellable``; the work stops at its next progress call) — unless
        ``quiet``: work the user did not ask for and need not wait for (opening the database
        behind the login), where a busy dialog would only get in the way of their typing."""
        self._background = True
        self._label = label
        self._cancellable = cancellable
        self._quiet = quiet
        return self

    # --- running --------------------------------------------------------------------------------

    def run(self) -> Self:
        """Start the work. In the GUI thread (or with a synchronous runner) it has ended, and its
        callbacks have run, when this returns."""
        pool = runner()
        if not self._background or pool.synchronous:
            try:
                result = self._work(self._progress_inline)
            except Exception as exc:
                self._deliver_error(exc)
            else:
                self._deliver_result(result)
            return self
        pool.running.add(self)
        if not self._quiet:
            self._show_busy()
        pool.pool.start(_Job(self))
        return self

    def cancel(self) -> None:
        """Ask the work to stop; it does at its next progress call."""
        self._cancel_requested = True

    @property
    def cancel_requested(self) -> bool:
        return self._cancel_requested

    def _progress_inline(self, done: int, total: int) -> None:
        if self._cancel_requested:
            raise Cancelled()
        self._report(done, total)

    def _progress_from_worker(self, done: int, total: int) -> None:
        if self._cancel_requested:
            raise Cancelled()
        self._bridge.progressed.emit(done, total)

    def _report(self, done: int, total: int) -> None:
        # The dialog's own bar, not QProgressDialog.setValue: on a shown modal dialog that runs
        # processEvents(), and the outcome could then be delivered inside this call.
        bar = self._bar
        if bar is not None and shiboken6.isValid(bar):
            bar.setMaximum(max(total, 0))
            bar.setValue(min(done, total) if total else 0)
        for callback in self._on_progress:
            callback(done, total)

    def _show_busy(self) -> None:
        owner = self._owner()
        translate = QCoreApplication.translate
        dialog = QProgressDialog(
            self._label or translate("operations", "Working…"),
            translate("operations", "Cancel"),
            0,
            0,
            owner,
        )
        if self._cancellable:
            dialog.canceled.connect(self._bridge.cancel)
        else:
            dialog.setCancelButton(None)  # no Cancel: the work cannot stop halfway
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        self._bar = QProgressBar()
        self._bar.setRange(0, 0)  # busy until the work reports a total
        dialog.setBar(self._bar)
        dialog.setMinimumDuration(BUSY_AFTER_MS)
        dialog.setValue(0)  # starts the timer that shows it (not shown yet: no event loop)
        self._dialog = dialog

    def _close_busy(self) -> None:
        dialog, self._dialog, self._bar = self._dialog, None, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.blockSignals(True)  # hiding it is not the user cancelling
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()

    def _owner(self) -> QWidget | None:
        """The owning window, unless it was closed and deleted meanwhile."""
        return self.parent if self.parent is not None and shiboken6.isValid(self.parent) else None

    # --- delivering (GUI thread) ----------------------------------------------------------------

    def _deliver_result(self, result: T) -> None:
        self._close_busy()
        self.ok, self.result = True, result
        try:
            if not self._orphaned():
                for callback in self._on_success:
                    callback(result)
        finally:
            self._finish()

    def _deliver_error(self, error: BaseException) -> None:
        self._close_busy()
        self.error = error
        try:
            if isinstance(error, Cancelled):
                if not self._orphaned():
                    for cancelled in self._on_cancelled:
                        cancelled()
            elif isinstance(error, QmsError):
                self._refused(error)
            else:
                # A bug, not a refusal: the crash handler logs it and tells the user.
                sys.excepthook(type(error), error, error.__traceback__)
        finally:
            self._finish()

    def _orphaned(self) -> bool:
        """The owning window was closed and deleted while the work ran: its callbacks would
        touch deleted widgets, so they are skipped (the work itself is done or rolled back)."""
        return self.parent is not None and self._owner() is None

    def _refused(self, error: QmsError) -> None:
        if self._orphaned():
            log.info("refused after its window closed: %s", error.message("en"))
            return
        if self._on_failure is not None:
            self._on_failure(error)
            return
        owner = self._owner()
        title = self._title or (owner.windowTitle() if owner is not None else "") or "QMS Review"
        QMessageBox.warning(owner, title, error.message(self.language))

    def _finish(self) -> None:
        self.done = True
        runner().running.discard(self)
        if not self._orphaned():
            for callback in self._on_finished:
                callback()


# --- the kinds of work ----------------------------------------------------------------------------


def write[T](
    parent: QWidget | None,
    store: Store,
    actor: str,
    change: Callable[[Session], T],
    *,
    language: str,
) -> Op[T]:
    """``change(session)`` as one unit of work by ``actor``: all of it is committed, or none."""

    def work(_progress: Progress) -> T:
        def unit() -> T:
            with store.write(actor) as session:
                return change(session)

        return _once_more(store, unit)

    return Op(parent, work, language=language)


def read[T](
    parent: QWidget | None, store: Store, query: Callable[[Session], T], *, language: str
) -> Op[T]:
    """``query(session)`` in a reading unit of work."""

    def work(_progress: Progress) -> T:
        def unit() -> T:
            with store.read() as session:
                return query(session)

        return _once_more(store, unit)

    return Op(parent, work, language=language)


def read_task[T](
    parent: QWidget | None,
    store: Store,
    query: Callable[[Session, Progress], T],
    *,
    language: str,
) -> Op[T]:
    """``query(session, progress)`` in a reading unit of work that reports its progress (and
    so can be cancelled): an export, say."""

    def work(progress: Progress) -> T:
        with store.read() as session:
            return query(session, progress)

    return Op(parent, work, language=language)


def _once_more[T](store: Store, unit: Callable[[], T]) -> T:
    """Run a unit of work; when the connection to the server was lost (a restart), once more
    on a new connection. Nothing is done twice: a unit whose commit was cut off is retried only
    when the database says it was not committed (``Store.write`` asks; a commit that went
    through ends as done, one it cannot tell about is a refusal). A database that still cannot
    be reached is a refusal that says so: the window keeps what was typed."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    try:
        return unit()
    except DBAPIError as exc:
        if not (exc.connection_invalidated or isinstance(exc, OperationalError)):
            raise
        log.info("connection lost (%s); once more", str(exc.orig).splitlines()[0])
    try:
        return unit()
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise QmsError("error.db_unavailable", where=store.url, reason=reason) from exc


def call[T](parent: QWidget | None, work: Callable[[], T], *, language: str) -> Op[T]:
    """A core function that opens its own units of work (a signature, the demo, a login)."""
    return Op(parent, lambda _progress: work(), language=language)


def task[T](parent: QWidget | None, work: Callable[[Progress], T], *, language: str) -> Op[T]:
    """Work that reports its progress (and so can be cancelled): an import, say."""
    return Op(parent, work, language=language)
