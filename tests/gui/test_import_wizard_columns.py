"""The import wizard as a newcomer met it: the columns page says which field each column fills
(the order's, for a file of several orders), shows an unreadable value marked with its problem
instead of dropping it, and several files end with one summary of them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWizard

from qms_review.gui.import_wizard import ImportWizard
from qms_review.gui.main_window import MainWindow
from tests import corpus, erp_exports


def _import(qtbot, window: MainWindow, monkeypatch, *paths: Path) -> ImportWizard:
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        lambda *_a, **_k: ([str(p) for p in paths], ""),
    )
    window.act_import.trigger()
    return _wizard(qtbot, window, paths[0].name)


def _wizard(qtbot, window: MainWindow, name: str) -> ImportWizard:
    found: list[ImportWizard] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in window.findChildren(ImportWizard)
            if w.isVisible() and name in w.windowTitle()
        ]
        return bool(found)

    qtbot.waitUntil(shown)
    return found[0]


def _next(qtbot, wizard: ImportWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_an_unreadable_value_is_shown_marked_not_dropped(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path
):
    wizard = _import(qtbot, window, monkeypatch, corpus.messy(tmp_path / "po.xlsx"))
    _next(qtbot, wizard)  # sheet → columns
    assert wizard.currentPage() is wizard.mapping_page
    model = wizard.mapping_page.table.model()
    headers = [model.index(r, 1).data() for r in range(model.rowCount())]
    delivery = model.index(headers.index("交期"), 3)
    assert delivery.data() == "2026-12-20 · ⚠ 尽快 · 2027-01-15"
    assert delivery.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert "“尽快” is not a date" in delivery.data(Qt.ItemDataRole.ToolTipRole)
    assert "row 9" in delivery.data(Qt.ItemDataRole.ToolTipRole)
    quantities = model.index(headers.index("数量"), 3)
    assert quantities.data(Qt.ItemDataRole.ToolTipRole) is None  # all read: nothing marked
    combo = wizard.mapping_page.combos[headers.index("交期")]
    assert combo.currentText() == "Line: Delivery date"
    wizard.reject()


@pytest.mark.parametrize(
    ("language", "said"), [("en", "Order: Order No."), ("zh_CN", "订单：订单号")]
)
def test_the_orders_own_columns_say_so(
    qtbot, window: MainWindow, languages, monkeypatch, tmp_path: Path, language: str, said: str
):
    languages.apply(language)
    export = erp_exports.xlsx(tmp_path / "november.xlsx", erp_exports.ROWS)
    wizard = _import(qtbot, window, monkeypatch, export)
    _next(qtbot, wizard)
    combo = wizard.mapping_page.combos[0]
    assert combo.currentText() == said
    assert not combo.isEnabled()  # read per order, not a line's field to choose
    assert combo.currentData() == ""  # and not in the lines' mapping
    wizard.reject()


def test_several_files_end_with_one_summary(qtbot, window: MainWindow, monkeypatch, tmp_path: Path):
    export = erp_exports.xlsx(tmp_path / "november.xlsx", erp_exports.ROWS)
    other = corpus.messy(tmp_path / "po.xlsx")
    first = _import(qtbot, window, monkeypatch, export, other)
    while first.currentPage() is not first.check_page:
        _next(qtbot, first)
    qtbot.mouseClick(first.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(first.outcomes))
    imported = first.outcomes
    second = _wizard(qtbot, window, "po.xlsx")
    qtbot.mouseClick(second.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)

    def summary() -> QMessageBox | None:
        box = window.findChild(QMessageBox, "import-summary")
        return box if box is not None and box.isVisible() else None

    qtbot.waitUntil(lambda: summary() is not None)
    box = summary()
    assert box is not None
    lines = sum(r.lines for r in imported)
    assert box.text() == (
        f"2 files: 1 imported ({len(imported)} orders, {lines} lines).\n\nNot imported: po.xlsx"
    )
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert QApplication.activeModalWidget() is None or not box.isVisible()
