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
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
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
