"""A file that used to end the user's session (the far-cell .xlsx aborted the process) is
refused in the import wizard's way in, by name, and the program goes on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from qms_review.gui import operations
from qms_review.gui.import_wizard import ImportWizard
from qms_review.gui.main_window import MainWindow
from tests import corpus, hostile
from tests.core.helpers import counts


def _choose(monkeypatch, path: Path) -> list[str]:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(path)], ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    return shown


def test_far_cell_file_is_refused_from_the_menu(
    qtbot, window: MainWindow, tmp_path: Path, folder: Path, monkeypatch
):
    before = counts(folder / "qms-review.sqlite3")
    shown = _choose(monkeypatch, hostile.far_cell(tmp_path / "far.xlsx"))
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File → Import
    assert len(shown) == 1
    assert shown[0].startswith("Cannot read far.xlsx: this file is too large or malformed")
    assert "sheet Order reaches cell XFD1048576" in shown[0]
    assert counts(folder / "qms-review.sqlite3") == before
    # The session goes on: the next file opens the wizard.
    _choose(monkeypatch, corpus.messy(tmp_path / "po.xlsx"))
    window.act_import.trigger()
    wizard = window.findChild(ImportWizard)
    assert wizard is not None
    assert wizard.isVisible()
    assert wizard.plan.ok


def test_refusal_arrives_from_the_worker_thread(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
):
    """Read off the GUI thread (as in the program): the window keeps answering meanwhile."""
    operations.runner().synchronous = False
    shown = _choose(monkeypatch, hostile.four_cells(tmp_path / "four.xlsx"))
    window.act_import.trigger()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=10_000)
    assert "sheet Order reaches cell SF150000" in shown[0]
    assert window.isVisible()


def test_cancel_while_the_child_reads_stops_it_and_writes_nothing(
    qtbot, window: MainWindow, tmp_path: Path, folder: Path, monkeypatch
):
    """A child that would read for a minute: Cancel in the busy dialog kills it at once, no
    wizard opens and nothing is written."""
    import subprocess
    import sys

    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from qms_review.core.intake import sandbox

    started: list[subprocess.Popen[bytes]] = []
    real_popen = subprocess.Popen

    def popen(*args, **kwargs):
        started.append(real_popen(*args, **kwargs))
        return started[-1]

    slow = "import sys, time; sys.stdin.buffer.read(); time.sleep(60)"
    monkeypatch.setattr(sandbox, "_child_command", lambda: [sys.executable, "-c", slow])
    monkeypatch.setattr(sandbox.subprocess, "Popen", popen)
    monkeypatch.setattr(operations, "BUSY_AFTER_MS", 0)
    operations.runner().synchronous = False
    before = counts(folder / "qms-review.sqlite3")
    _choose(monkeypatch, corpus.messy(tmp_path / "po.xlsx"))
    window.act_import.trigger()

    def busy() -> QProgressDialog | None:
        found = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: busy() is not None and len(started) == 1, timeout=10_000)
    child = started[0]
    assert child.poll() is None  # reading
    dialog = busy()
    assert dialog is not None
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=5_000)  # well before its minute
    qtbot.waitUntil(lambda: busy() is None, timeout=5_000)
    operations.runner().wait(5_000)
    assert window.findChild(ImportWizard) is None
    assert counts(folder / "qms-review.sqlite3") == before
