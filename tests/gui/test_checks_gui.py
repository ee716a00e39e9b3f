"""Findings, templates and the catalogue as a user meets them in the GUI."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from sqlalchemy import select

from qms_review.core.intake import catalogue_import
from qms_review.core.orders import catalogue
from qms_review.core.oversight.register import Column
from qms_review.core.store.models import CatalogueItem, OrderRevision
from qms_review.gui.main_window import MainWindow
from qms_review.gui.order_view import COLUMNS
from tests.helpers import order_id


def test_register_shows_open_findings_per_order(window: MainWindow, demo_store):
    window.refresh()
    row = window.model.row_of(order_id(window.store, "PO-1001-RUSH"))
    assert row is not None
    assert window.model.index(row, Column.FINDINGS).data() == "8"
    assert window.model.headerData(Column.FINDINGS, Qt.Orientation.Horizontal) == "Open findings"
    window.table.horizontalHeader().setSortIndicator(Column.FINDINGS, Qt.SortOrder.DescendingOrder)
    assert window.model._sort == Column.FINDINGS  # sorted in SQL, most open findings first
    assert window.table.horizontalHeader().sortIndicatorSection() == Column.FINDINGS
    assert window.model.index(0, Column.FINDINGS).data() == "8"


def test_order_view_groups_findings_and_jumps_to_their_place(qtbot, window: MainWindow, demo_store):
    window.refresh()
    window.table.selectRow(window.model.row_of(order_id(window.store, "PO-1001-RUSH")) or 0)
    view = window.open_order()
    assert view is not None
    qtbot.addWidget(view)
    assert view.findings_label.text() == "Findings: 8 open of 8"
    kinds = [view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())]
    assert kinds == ["Clarity (4)", "Capability (4)"]
    assert view.tree.topLevelItem(1).child(0).text(0) == "Error (2)"

    assert view.view is not None
    obsolete = next(f for f in view.view.findings if f.rule == "capability.obsolete")
    view.tree.itemActivated.emit(view.finding_item(obsolete.id), 0)
    current = view.lines.currentIndex()
    assert view.lines_model.lines[current.row()]["line_no"] == 10
    assert COLUMNS[current.column()] == "part_revision"

    missing = next(f for f in view.view.findings if f.rule == "clarity.header_missing")
    view.tree.itemActivated.emit(view.finding_item(missing.id), 0)
    assert view.header_fields["delivery_terms"].hasFocus() or "background" in (
        view.header_fields["delivery_terms"].styleSheet()
    )


def test_rerunning_checks_after_a_catalogue_fix_clears_the_finding(
    qtbot, window: MainWindow, demo_store
):
    view = window.open_order(order_id(window.store, "PO-1001-RUSH"))
    assert view is not None
    qtbot.addWidget(view)
    with window.store.write("quality") as session:
        catalogue.save(
            session, None, {"part_number": "XV-9000", "revision": "", "lead_time_days": 30}
        )
    view.run_checks()
    assert "1 cleared" in view.status_label.text()
    assert view.findings_label.text() == "Findings: 7 open of 7"
    view.show_all.setChecked(True)
    assert any(view._state(f) == "cleared" for f in view.view.findings)


def test_templates_dialog_lists_versions_shows_items_and_imports(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
):
    dialog = window.open_templates()
    qtbot.addWidget(dialog)
    assert dialog.versions.topLevelItemCount() == 4
    assert dialog.shown is not None
    assert dialog.shown.key == "iso9001"
    first_section = dialog.content.topLevelItem(0)
    assert first_section.text(0).startswith("1. ")
    dialog.content.setCurrentItem(first_section.child(0))
    assert "8.2.3.1" in dialog.guidance.toPlainText()
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: messages.append(a[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: messages.append(a[2]))
    bad = tmp_path / "bad.toml"
    bad.write_text('key = "x"\n', encoding="utf-8")
    assert not dialog.import_file(bad)
    assert "bad.toml" in messages[-1]
    good = tmp_path / "mini.toml"
    good.write_text(
        'key = "mini"\nversion = "2.0"\ntitle = { en = "Mini", zh = "迷你" }\n[[sections]]\n'
        'key = "s"\nfunction = "quality"\ntitle = { en = "S", zh = "节" }\n[[sections.items]]\n'
        'key = "s.1"\nclause = "8.2"\ntext = { en = "One", zh = "一" }\n',
        encoding="utf-8",
    )
    assert dialog.import_file(good)
    assert "mini version 2.0 stored" in messages[-1]
    assert dialog.versions.topLevelItemCount() == 5
    assert dialog.shown is not None
    assert dialog.shown.key == "mini"


def _names(window: MainWindow) -> list[tuple[str, str]]:
    with window.store.read() as session:
        return sorted((i.part_number, i.revision) for i in session.scalars(select(CatalogueItem)))


def _settled(qtbot, dialog) -> None:
    """Wait for the catalogue's reload, which runs after the edit's event (a zero timer)."""
    qtbot.waitUntil(lambda: not dialog.reload_pending)


def test_catalogue_edits_undo_and_redo(qtbot, window: MainWindow):
    dialog = window.open_catalogue()
    qtbot.addWidget(dialog)
    part = dialog.add("P-100", "A")
    assert part is not None
    assert _names(window) == [("P-100", "A")]
    _settled(qtbot, dialog)
    row = dialog.model.row_of(part)
    assert row is not None
    lead = dialog.model.index(row, 4)
    assert dialog.model.setData(lead, "21")
    _settled(qtbot, dialog)
    assert dialog.model.rows[dialog.model.row_of(part) or 0]["lead_time_days"] == 21
    # A value the catalogue refuses is not written, and the status says why.
    assert dialog.model.setData(dialog.model.index(row, 4), "-3")
    assert "negative" in dialog.status.text()
    _settled(qtbot, dialog)
    assert dialog.model.rows[0]["lead_time_days"] == 21
    assert dialog.undo_stack.count() == 2
    dialog.undo_stack.undo()
    _settled(qtbot, dialog)
    assert dialog.model.rows[0]["lead_time_days"] is None
    dialog.undo_stack.redo()
    _settled(qtbot, dialog)
    assert dialog.model.rows[0]["lead_time_days"] == 21
    dialog.table.selectRow(0)
    dialog.delete_selected()
    assert _names(window) == []
    dialog.undo_stack.undo()
    assert _names(window) == [("P-100", "A")]
    _settled(qtbot, dialog)
    assert dialog.model.rows[0]["lead_time_days"] == 21
    dialog.undo_stack.undo()  # the lead time edit
    dialog.undo_stack.undo()  # the addition
    assert _names(window) == []
    assert window.store.verify_audit().ok


def _lead_time(window: MainWindow, part_number: str) -> int | None:
    with window.store.read() as session:
        item = session.scalar(select(CatalogueItem).where(CatalogueItem.part_number == part_number))
        assert item is not None
        return item.lead_time_days


def test_catalogue_cell_typed_committed_and_undone_by_keyboard(qtbot, window: MainWindow):
    """The way a user edits: select a cell, F2, type, Enter (the edit is stored from inside
    the editor's commit, the model read again after it), then the platform's undo shortcut;
    then the same with Tab, which moves on to the next cell's editor."""
    dialog = window.open_catalogue()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    assert dialog.add("P-200", "B") is not None
    _settled(qtbot, dialog)
    lead = catalogue.FIELDS.index("lead_time_days")
    row = dialog.model.row_of(dialog.model.rows[0]["id"])
    assert row is not None

    def cell() -> QModelIndex:
        return dialog.proxy.mapFromSource(dialog.model.index(0, lead))

    for commit in (Qt.Key.Key_Return, Qt.Key.Key_Tab):
        dialog.table.setFocus()
        dialog.table.setCurrentIndex(cell())
        qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit)
        editor.selectAll()
        qtbot.keyClicks(editor, "35")
        qtbot.keyClick(editor, commit)  # the delegate commits at the next turn of the loop
        qtbot.waitUntil(lambda: _lead_time(window, "P-200") == 35)
        _settled(qtbot, dialog)
        assert dialog.model.index(0, lead).data() == "35"
        on = dialog.proxy.mapToSource(dialog.table.currentIndex())
        assert (on.row(), on.column()) == (0, lead if commit == Qt.Key.Key_Return else lead + 1)

        dialog.table.setFocus()
        qtbot.keySequence(dialog.table, QKeySequence(QKeySequence.StandardKey.Undo))
        _settled(qtbot, dialog)
        assert _lead_time(window, "P-200") is None
        assert dialog.model.index(0, lead).data() == ""
    assert window.store.verify_audit().ok


def test_catalogue_import_whole_or_nothing(qtbot, window: MainWindow, tmp_path: Path):
    dialog = window.open_catalogue()
    qtbot.addWidget(dialog)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Part number", "Rev", "Status", "Lead time", "MOQ"])
    sheet.append(["A-1", "A", "released", 10, 5])
    sheet.append(["A-2", "A", "withdrawn?", 10, 5])
    book.save(tmp_path / "bad.xlsx")
    assert dialog.import_file(tmp_path / "bad.xlsx") is None
    assert "row 3" in dialog.status.text()
    assert _names(window) == []
    sheet["C3"] = "obsolete"
    book.save(tmp_path / "good.xlsx")
    summary = dialog.import_file(tmp_path / "good.xlsx")
    assert summary == catalogue_import.Summary(2, 0, 0)
    assert dialog.model.rowCount() == 2
    assert "Catalogue: 2 added" in dialog.status.text()


def test_lines_and_catalogue_models_pass_the_model_tester(
    qtmodeltester, window: MainWindow, demo_store
):
    view = window.open_order(order_id(window.store, "采购-20261109-7"))
    assert view is not None
    qtmodeltester.check(view.lines_model)
    dialog = window.open_catalogue()
    qtmodeltester.check(dialog.model)


def test_order_view_revision_chosen_with_the_keyboard(qtbot, window: MainWindow, demo_store):
    """Up and Down in the revision combo load that revision (after the combo's own event,
    which the load refills), then Tab moves on; nothing crashes."""
    with window.store.read() as session:
        amended = session.scalar(
            select(OrderRevision.order_id).where(OrderRevision.number == 2).limit(1)
        )
    assert amended is not None
    view = window.open_order(amended)
    assert view is not None
    qtbot.addWidget(view)
    qtbot.waitExposed(view)
    view.activateWindow()
    assert view.view is not None
    revisions, latest = view.view.revisions, view.view.revision
    assert len(revisions) >= 2
    assert latest == revisions[-1]
    combo = view.revision_box
    combo.setFocus()
    refilled: list[int] = []
    combo.model().rowsRemoved.connect(lambda *_: refilled.append(1))

    qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert view.view.revision == latest  # loaded after the combo's event, not inside it
    qtbot.waitUntil(lambda: view.view is not None and view.view.revision == revisions[-2])
    assert combo.currentText() == str(revisions[-2])
    assert view.windowTitle().endswith(f"revision {revisions[-2]}")
    assert combo.count() == len(revisions)

    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: view.view is not None and view.view.revision == latest)
    assert combo.currentText() == str(latest)
    assert view.windowTitle().endswith(f"revision {latest}")

    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    qtbot.wait(10)
    assert not combo.hasFocus()
    assert view.view.revision == latest
    assert combo.currentText() == str(latest)
    assert not refilled  # the same revisions: the combo is never cleared under the user
