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
