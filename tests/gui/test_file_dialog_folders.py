"""The file dialogs start where the user chose last time, per kind of file (imports apart
from what is saved), across runs; the Documents folder before any choice."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from qms_review.core.store.database import Store
from qms_review.gui import folders
from qms_review.gui.i18n import Languages
from qms_review.gui.import_wizard import ImportWizard
from qms_review.gui.main_window import MainWindow
from tests import corpus


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "Documents"
    home.mkdir()
    monkeypatch.setattr(folders, "documents", lambda: home)
    return home


def test_save_and_open_dialogs_start_in_the_last_folder(
    qtbot, store: Store, languages: Languages, folder: Path, tmp_path: Path, documents: Path,
    monkeypatch: pytest.MonkeyPatch, demo_store,
):  # fmt: skip
    saves: list[str] = []
    opens: list[str] = []
    answers = [tmp_path / "exports" / "register.xlsx", tmp_path / "exports" / "again.xlsx"]
    (tmp_path / "exports").mkdir()
    (tmp_path / "mail").mkdir()

    def save(_parent, _title, where, _filters, *args, **kwargs):
        saves.append(where)
        return str(answers.pop(0)), ""

    def open_several(_parent, _title, where, _filters, *args, **kwargs):
        opens.append(where)
        return [], ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", open_several)

    window = MainWindow(store, languages, folder, "os:tester")
    qtbot.addWidget(window)
    window.refresh()
    window.act_export.trigger()  # the first time: in Documents, the proposed name
    assert saves == [str(documents / "register.xlsx")]
    window.act_export.trigger()  # then where the user saved
    assert saves[1] == str(tmp_path / "exports" / "register.xlsx")
    window.act_import.trigger()  # importing is another kind: still Documents
    assert opens == [str(documents)]
    window.close()

    # the next run remembers (gui-state.ini in the data folder)
    assert "exports" in (folder / "gui-state.ini").read_text(encoding="utf-8")
    answers.append(tmp_path / "exports" / "third.xlsx")
    later = MainWindow(store, languages, folder, "os:tester")
    qtbot.addWidget(later)
    later.act_export.trigger()
    assert saves[2] == str(tmp_path / "exports" / "register.xlsx")

    # an import chosen in a folder is where the next import starts
    spreadsheet = corpus.messy(tmp_path / "mail" / "po.xlsx")
    chosen = [[str(spreadsheet)], []]
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        lambda _p, _t, where, _f, *a, **k: (opens.append(where), (chosen.pop(0), ""))[1],
    )
    later.act_import.trigger()
    wizard = later.findChild(ImportWizard)
    assert wizard is not None
    wizard.reject()
    later.act_import.trigger()
    assert opens[1:] == [str(documents), str(tmp_path / "mail")]
    later.close()


def test_a_folder_gone_since_falls_back_to_documents(folder: Path, documents: Path, tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    folders.keep_in(folder)
    folders.remember(folders.OUTPUTS, str(gone / "x.pdf"))
    assert folders.start(folders.OUTPUTS, "y.pdf") == str(gone / "y.pdf")
    gone.rmdir()
    assert folders.start(folders.OUTPUTS, "y.pdf") == str(documents / "y.pdf")


def test_without_a_documents_folder_the_dialogs_start_at_home(
    qtbot, store: Store, languages: Languages, folder: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):  # fmt: skip
    """A first start on a new account: no Documents folder. The dialogs open in the home
    folder, never given the missing folder (Qt then opened elsewhere with "Documents" typed
    in the name field)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    saves: list[str] = []
    opens: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda _p, _t, where, *a, **k: (saves.append(where), ("", ""))[1],
    )
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        lambda _p, _t, where, *a, **k: (opens.append(where), ([], ""))[1],
    )
    window = MainWindow(store, languages, folder, "os:tester")
    qtbot.addWidget(window)
    window.act_export.trigger()
    window.act_import.trigger()
    assert saves == [str(home / "register.xlsx")]
    assert opens == [str(home)]
    assert not (home / "Documents").exists()
    window.close()


def test_the_error_report_of_an_import_starts_among_the_outputs(
    qtbot, window: MainWindow, tmp_path: Path, documents: Path, monkeypatch: pytest.MonkeyPatch
):
    """Incoming orders and what the program writes stay apart: the error report of a
    spreadsheet imported from the mail folder is proposed in the outputs' folder."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    (tmp_path / "mail").mkdir()
    spreadsheet = corpus.messy(tmp_path / "mail" / "po.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(spreadsheet)], ""))
    saves: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda _p, _t, where, *a, **k: (saves.append(where), ("", ""))[1],
    )
    window.act_import.trigger()
    wizard = window.findChild(ImportWizard)
    assert wizard is not None
    while wizard.currentPage() is not wizard.check_page:
        wizard.next()
    save = next(
        b for b in wizard.check_page.findChildren(QPushButton) if b.text() == "Save error report…"
    )
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert saves == [str(documents / "po-problems.xlsx")]
    wizard.reject()
