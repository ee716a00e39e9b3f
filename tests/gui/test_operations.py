"""The operations layer: results, refusals, threads, cancel and bugs, each where it belongs."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import func, select

from qms_review.core.messages import QmsError
from qms_review.core.orders.revisions import find_or_create_customer
from qms_review.core.store.database import Store
from qms_review.core.store.models import Customer
from qms_review.gui import crash, operations


@pytest.fixture
def threaded() -> Iterator[None]:
    """Background operations on the worker thread, as in the program (not the tests' default)."""
    runner = operations.runner()
    before = runner.synchronous
    runner.synchronous = False
    yield
    runner.wait(5000)
    runner.synchronous = before


@pytest.fixture
def owner(qtbot) -> QWidget:
    widget = QWidget()
    widget.setWindowTitle("Owner")
    qtbot.addWidget(widget)
    return widget


def _customers(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(Customer)) or 0


def test_success_gets_the_result_and_the_change_is_saved(owner: QWidget, store: Store):
    got: list[int] = []
    op = operations.write(
        owner,
        store,
        "tester",
        lambda s: find_or_create_customer(s, "Northwind Pumps Ltd", "C-1001").id,
        language="en",
    )
    op.success(got.append).run()
    assert op.done
    assert op.ok
    assert got == [op.result]
    assert _customers(store) == 1


def test_a_refusal_is_told_in_a_box_and_changes_nothing(owner: QWidget, store: Store, monkeypatch):
    shown: list[tuple[object, str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[:3]))
    succeeded: list[object] = []

    def change(session) -> None:
        find_or_create_customer(session, "Northwind Pumps Ltd", "C-1001")
        raise QmsError("cli.secrets_differ")

    op = operations.write(owner, store, "tester", change, language="zh_CN")
    op.titled("Add user").success(succeeded.append).run()
    assert shown == [(owner, "Add user", QmsError("cli.secrets_differ").message("zh_CN"))]
    assert succeeded == []
    assert isinstance(op.error, QmsError)
    assert not op.ok
    assert _customers(store) == 0  # rolled back


def test_a_refusal_can_be_told_elsewhere(owner: QWidget, store: Store, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: pytest.fail("no box expected"))
    told: list[str] = []

    def refuse(_session) -> None:
        raise QmsError("cli.secrets_differ")

    operations.read(owner, store, refuse, language="en").failure(
        lambda exc: told.append(exc.message("en"))
    ).run()
    assert told == [QmsError("cli.secrets_differ").message("en")]


def test_slow_work_runs_off_the_gui_thread(qtbot, owner: QWidget, threaded: None):
    got: list[int] = []
    finished: list[bool] = []
    op = operations.call(owner, threading.get_ident, language="en").in_background("Working…")
    op.success(got.append).finished(lambda: finished.append(True)).run()
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert got
    assert got[0] != threading.get_ident()
    assert finished == [True]


def test_background_database_work_reports_back(qtbot, owner: QWidget, store: Store, threaded):
    got: list[int] = []
    op = operations.write(
        owner,
        store,
        "tester",
        lambda s: find_or_create_customer(s, "Acme", "C-1").id,
        language="en",
    ).in_background()
    op.success(got.append).run()
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert got == [op.result]
    assert _customers(store) == 1


def test_the_synchronous_runner_finishes_before_run_returns(owner: QWidget):
    runner = operations.runner()
    before = runner.synchronous
    runner.synchronous = True
    try:
        op = operations.call(owner, threading.get_ident, language="en").in_background().run()
    finally:
        runner.synchronous = before
    assert op.done
    assert op.result == threading.get_ident()


def test_cancel_stops_a_long_operation(qtbot, owner: QWidget, threaded: None):
    steps: list[int] = []
    progress: list[tuple[int, int]] = []
    cancelled: list[bool] = []
    succeeded: list[object] = []

    def long_work(report: operations.Progress) -> str:
        for step in range(500):
            report(step, 500)
            steps.append(step)
            time.sleep(0.01)
        return "finished"

    op = operations.task(owner, long_work, language="en").in_background(
        "Long work…", cancellable=True
    )
    op.progress(lambda done, total: progress.append((done, total)))
    op.cancelled(lambda: cancelled.append(True)).success(succeeded.append).run()
    qtbot.waitUntil(lambda: len(progress) >= 3, timeout=5000)
    op.cancel()
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert cancelled == [True]
    assert succeeded == []
    assert isinstance(op.error, operations.Cancelled)
    assert len(steps) < 500


@pytest.mark.parametrize("background", [False, True])
def test_a_bug_reaches_the_crash_handler(
    qtbot, owner: QWidget, monkeypatch, threaded: None, background: bool
):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: pytest.fail("not a refusal"))

    def buggy() -> int:
        return {}["missing"]

    previous = sys.excepthook
    sys.excepthook = crash.show_exception  # as crash.install() does in the program
    try:
        op = operations.call(owner, buggy, language="en")
        if background:
            op.in_background()
        op.run()
        qtbot.waitUntil(lambda: op.done, timeout=5000)
    finally:
        sys.excepthook = previous
    assert isinstance(op.error, KeyError)
    assert len(shown) == 1
    assert "missing" in shown[0]


def test_the_demo_loads_off_the_gui_thread(qtbot, window, threaded: None, monkeypatch):
    from qms_review.core import demo

    real = demo.load
    threads: list[int] = []

    def load(store: Store, actor: str) -> int:
        threads.append(threading.get_ident())
        return real(store, actor)

    monkeypatch.setattr(demo, "load", load)
    window.load_demo()
    qtbot.waitUntil(lambda: window.model.total == 44, timeout=60000)
    assert threads
    assert threads[0] != threading.get_ident()
    assert "[DEMO DATABASE]" in window.windowTitle()
    assert "Loaded the demo" in window.statusBar().currentMessage()


def test_a_closed_window_gets_no_callbacks(qtbot, store: Store, threaded: None):
    import shiboken6

    gone = QWidget()
    called: list[object] = []
    op = operations.write(
        gone, store, "tester", lambda s: find_or_create_customer(s, "Acme", "C-1").id, language="en"
    ).in_background()
    op.success(called.append).finished(lambda: called.append("finished")).run()
    shiboken6.delete(gone)  # the user closed it meanwhile
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert called == []
    assert op.ok  # the work itself was done
    assert _customers(store) == 1


def test_the_busy_dialog_shows_progress_and_its_cancel_stops_the_work(
    qtbot, owner: QWidget, threaded: None, monkeypatch
):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressBar, QProgressDialog, QPushButton

    monkeypatch.setattr(operations, "BUSY_AFTER_MS", 0)
    owner.show()

    def long_work(report: operations.Progress) -> None:
        for step in range(500):
            report(step, 500)
            time.sleep(0.01)

    op = operations.task(owner, long_work, language="en")
    op.in_background("Long work…", cancellable=True).run()

    def dialog() -> QProgressDialog | None:
        found = owner.findChild(QProgressDialog)
        return found if found is not None and found.isVisible() else None

    qtbot.waitUntil(lambda: dialog() is not None, timeout=5000)
    shown = dialog()
    assert shown is not None
    assert shown.labelText() == "Long work…"
    bar = shown.findChild(QProgressBar)
    qtbot.waitUntil(lambda: bar.maximum() == 500 and bar.value() > 0, timeout=5000)
    qtbot.mouseClick(shown.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert isinstance(op.error, operations.Cancelled)
    assert dialog() is None


@pytest.mark.parametrize("done", [True, False])
def test_a_lost_connection_while_saving_never_saves_twice(
    owner: QWidget, store: Store, monkeypatch, done: bool
):
    from tests.helpers import cut_commit

    cut = cut_commit(store, monkeypatch, done=done)
    got: list[int] = []
    tries: list[int] = []

    def change(session) -> int:  # a second try would add a second customer
        tries.append(1)
        return find_or_create_customer(session, f"Customer {len(tries)}", f"C-{len(tries)}").id

    op = operations.write(owner, store, "tester", change, language="en")
    op.success(got.append).run()
    assert tries == ([1] if done else [1, 1])
    assert cut == [1]  # the first commit was cut off: after the server did it, or before
    assert op.ok
    assert got == [op.result]
    assert _customers(store) == 1  # done once: not lost, not twice
