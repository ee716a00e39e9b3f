"""GUI fixtures: a main window over a temporary store, in English to start with."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication

from qms_review.core.store.database import Store
from qms_review.gui.i18n import Languages
from qms_review.gui.main_window import MainWindow
from qms_review.gui.session import Session


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[Languages]:
    langs = Languages(qapp)
    langs.apply("en")
    yield langs
    langs.apply("en")


@pytest.fixture
def window(qtbot, store: Store, languages: Languages, folder: Path) -> MainWindow:
    win = MainWindow(store, languages, folder, "os:tester")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.total >= 0 and win.count_label.text() != "")
    win.refresh()
    return win


@pytest.fixture(autouse=True)
def synchronous_operations() -> Iterator[None]:
    """Background operations run at once in the test's thread, so an action has finished when
    its method returns; ``test_operations`` runs them on the worker thread too."""
    from qms_review.gui import operations

    runner = operations.runner()
    before = runner.synchronous
    runner.synchronous = True
    yield
    runner.synchronous = before


@pytest.fixture
def make_session(
    qtbot, demo_store: Store, languages: Languages, folder: Path
) -> Iterator[Callable[..., Session]]:
    made: list[Session] = []

    def make(lock_after_ms: int = 0) -> Session:
        session = Session(demo_store, languages, folder, lock_after_ms=lock_after_ms)
        made.append(session)
        return session

    yield make
    for session in made:
        session.idle.stop()
        session._drop_lock()
        for dialog in (session.login_dialog, session.change_dialog, session.question):
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.done(0)
        if session.window is not None:
            window, session.window = session.window, None
            window.close()
            window.deleteLater()
    qtbot.wait(10)


@pytest.fixture(autouse=True)
def no_real_file_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real file dialog would wait for a person and hang the run: a test that opens one
    without answering it (by replacing the function) fails at once instead."""
    from PySide6.QtWidgets import QFileDialog

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a real file dialog opened in a test: answer it in the test")

    for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, refuse)


@pytest.fixture(autouse=True)
def windows_not_live(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows do not follow others' changes (a watch's timer firing inside another test's
    nested dialog loop would change what that test drives), but in the tests marked
    ``live``, which test exactly that."""
    if request.node.get_closest_marker("live") is None:
        from qms_review.gui import live

        monkeypatch.setattr(live, "ENABLED", False)
