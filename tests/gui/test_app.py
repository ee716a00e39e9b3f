"""Starting the desktop program."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_review.core.store import engines
from qms_review.gui import app


def test_an_unusable_rule_book_is_said_at_start(
    qapp, folder: Path, edited_rules: Path, monkeypatch: pytest.MonkeyPatch
):
    content = edited_rules.read_text(encoding="utf-8")
    edited = content.replace('severity = "info"', 'severity = "urgent"')
    edited_rules.write_text(edited, encoding="utf-8")
    monkeypatch.setattr(app.crash, "setup_logging", lambda _folder: None)
    monkeypatch.setattr(app.crash, "install", lambda: None)
    shown: list[str] = []
    monkeypatch.setattr(
        app.QMessageBox, "critical", lambda _parent, _title, text: shown.append(text)
    )
    url = engines.sqlite_url(folder / "qms-review.sqlite3")
    assert app.run(url, folder, {}) == 1
    assert shown == [
        f"The rule book of the automatic checks {edited_rules} cannot be used — at "
        'rules."capability.no_catalogue".severity: “urgent” is not one of error, warning, info'
    ]
    assert not (folder / "qms-review.sqlite3").exists()


def test_a_file_the_program_was_started_with_is_opened_once_signed_in(
    qtbot, window, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    """``qms-review gui FILE`` (a desktop's "Open with QMS Review"): a spreadsheet goes to the
    import wizard, a record to the verification, anything else is said."""
    from PySide6.QtWidgets import QMessageBox

    from qms_review.cli import parser
    from qms_review.gui.import_wizard import ImportWizard

    order = tmp_path / "order.csv"
    order.write_text(
        "PO No.: OPEN-1\nCustomer: Opened Ltd\n\nLine,Part number,Quantity,Unit price\n"
        "1,P-1,10,2.50\n",
        encoding="utf-8",
    )
    assert parser().parse_args(["gui", str(order)]).file == order
    app.open_given(window, order)
    wizard = window.findChild(ImportWizard)
    assert isinstance(wizard, ImportWizard)
    wizard.reject()

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box.text()))
    record = tmp_path / "record.pdf"
    record.write_bytes(b"%PDF-1.4 nothing signed here")
    app.open_given(window, record)
    assert "FAILED" in shown[0]

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    app.open_given(window, tmp_path / "gone.xlsx")
    app.open_given(window, tmp_path / "order.docx")
    assert warned[0] == f"There is no file {tmp_path / 'gone.xlsx'}."
    (tmp_path / "order.docx").write_bytes(b"PK")
    app.open_given(window, tmp_path / "order.docx")
    assert warned[2].startswith("QMS Review opens order spreadsheets (")
    assert warned[2].endswith(") and records (.pdf), not order.docx.")


#: What the login dialog does not need: loaded behind it, once it shows.
NOT_BEFORE_LOGIN = (
    "sqlalchemy",
    "alembic",
    "pyhanko",
    "reportlab",
    "openpyxl",
    "qms_review.core.store.database",
    "qms_review.core.demo",
    "qms_review.gui.main_window",
    "qms_review.gui.session",
)

SHOW_LOGIN = """
import json, sys
from PySide6.QtWidgets import QDialog
import qms_review.gui.login as login
def exec_(self):
    self.show()
    print(json.dumps(sorted(sys.modules)), flush=True)
    return QDialog.DialogCode.Rejected
login.LoginDialog.exec = exec_
from qms_review.cli import main
sys.exit(main([]))
"""


def test_the_login_shows_before_the_database_and_the_main_window_are_loaded(folder: Path):
    """``qms-review``: the login dialog is up with only what it shows loaded (the program's
    start); the database, SQLAlchemy and the main window load behind it."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "QMS_REVIEW_DATA_DIR": str(folder), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("QMS_REVIEW_DATABASE", None)
    done = subprocess.run(
        [sys.executable, "-c", SHOW_LOGIN], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.splitlines()[0])
    assert "qms_review.gui.login" in loaded
    early = [m for m in loaded if m.split(".")[0] in NOT_BEFORE_LOGIN or m in NOT_BEFORE_LOGIN]
    assert early == []


def test_a_person_signs_in_at_the_start_while_the_database_opens(
    qapp, qtbot, demo_store, url: str, folder: Path, monkeypatch: pytest.MonkeyPatch
):
    """The program's start on a demo database: the login shows, the demo's users appear in
    its hint once the database is open, the password typed signs in, the register shows."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from qms_review.gui.main_window import MainWindow
    from qms_review.gui.starting import StartLogin
    from tests.gui.driving import answer_modal

    monkeypatch.setattr(app.crash, "setup_logging", lambda _folder: None)
    monkeypatch.setattr(app.crash, "install", lambda: None)
    seen: dict[str, object] = {}

    def type_in(dialog) -> None:
        assert isinstance(dialog, StartLogin)
        qtbot.waitUntil(lambda: "sales-demo" in dialog.hint.text())  # the database is open
        qtbot.keyClicks(dialog.login, "sales")
        qtbot.keyClicks(dialog.password, "sales-demo")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        QTimer.singleShot(0, close_main)

    def close_main() -> None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        shown = [w for w in found if w.isVisible()]
        if not shown:
            QTimer.singleShot(20, close_main)
            return
        seen["person"] = shown[0].person.login if shown[0].person else None
        shown[0].close()

    answered = answer_modal(StartLogin, type_in)
    try:
        assert app.run(url, folder, {}) == 0
    finally:
        qapp.setQuitOnLastWindowClosed(True)
    assert answered
    assert seen["person"] == "sales"


def test_a_new_database_turns_the_login_into_the_setup(
    qapp, folder: Path, url: str, monkeypatch: pytest.MonkeyPatch
):
    """The first start on a new database: the login shows at once, then — the database open
    and without users — the setup of the organisation; cancelling it ends the program."""
    from qms_review.gui.login import SetupDialog
    from tests.gui.driving import answer_modal

    monkeypatch.setattr(app.crash, "setup_logging", lambda _folder: None)
    monkeypatch.setattr(app.crash, "install", lambda: None)
    answered = answer_modal(SetupDialog, lambda dialog: dialog.reject())
    assert app.run(url, folder, {}) == 0
    assert answered
    assert (folder / "qms-review.sqlite3").exists()
