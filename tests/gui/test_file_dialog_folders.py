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
