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
