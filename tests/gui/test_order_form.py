"""The order form: a new order typed in with its shortcut, lines pasted from the clipboard as
Excel copies them and undone, the verbal mark, Save; an edit shows its differences first and
becomes the next revision in the register."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit
from sqlalchemy import select

from qms_review.core.oversight.register import Column
from qms_review.core.store.models import Order, OrderLine, OrderRevision
from qms_review.gui.differences import DifferencesDialog
from qms_review.gui.main_window import MainWindow
from qms_review.gui.order_form import OrderForm
from tests.gui.helpers import CTRL_SHIFT, activate
from tests.helpers import order_id

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton
#: Three rows as Excel puts them on the clipboard: a header row, tab-separated cells, CRLF.
COPIED = (
    "Part No.\tDescription\tQty\tUnit\tUnit price\tDelivery date\r\n"
    "HB-1020\tHydraulic block\t1,200\tpcs\t12.50\t2027-01-15\r\n"
    "SH-2210\t\t300\tpcs\t8.75\t2027-02-01\r\n"
)


def _form(qtbot, window: MainWindow) -> OrderForm:
    form = window.findChild(OrderForm)
    assert isinstance(form, OrderForm)
    qtbot.waitExposed(form)
    activate(qtbot, form)
    return form


def _save(qtbot, form: OrderForm) -> None:
    button = form.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, LEFT)


def _revision(window: MainWindow, number: str) -> tuple[int, bool, list[tuple[str, Decimal]]]:
    with window.store.read() as session:
        revision = session.scalars(
            select(OrderRevision)
            .join(Order)
            .where(Order.number == number)
            .order_by(OrderRevision.number.desc())
        ).first()
        assert revision is not None
        lines = session.execute(
            select(OrderLine.part_number, OrderLine.quantity)
            .where(OrderLine.revision_id == revision.id)
            .order_by(OrderLine.line_no)
        ).all()
        return revision.number, revision.verbal, [(p, q) for p, q in lines]


def test_an_order_taken_by_phone_typed_pasted_and_saved(qtbot, window: MainWindow, demo_store):
    window.refresh()
    activate(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_N, CTRL)  # File → New order…
    form = _form(qtbot, window)
    assert form.windowTitle() == "New order"
    qtbot.keyClicks(form.texts["number"], "TEL-2001")
    qtbot.keyClicks(form.texts["customer"], "Harbour Pumps Ltd")
    qtbot.keyClicks(form.texts["currency"], "eur")
    qtbot.keyClicks(form.texts["delivery_terms"], "FCA Hamburg")
    qtbot.mouseClick(form.verbal, LEFT, pos=form.verbal.rect().topLeft() + _inside())
    assert form.verbal.isChecked()

    QGuiApplication.clipboard().setText(COPIED)
    form.table.setFocus()
    form.table.setCurrentIndex(form.model.index(0, 0))
    qtbot.keyClick(form.table, Qt.Key.Key_V, CTRL)
    assert form.model.rowCount() == 2
    assert form.model.index(0, 3).data() == "1,200"
    # the catalogue brought nothing yet (pasted, not typed); Ctrl+Z undoes the paste, Ctrl+Y
    # puts it back
    qtbot.keyClick(form.table, Qt.Key.Key_Z, CTRL)
    assert form.model.rowCount() == 1
    assert form.model.index(0, 0).data() == ""
    qtbot.keyClick(form.table, Qt.Key.Key_Y, CTRL)
    assert form.model.rowCount() == 2

    # a line typed: the part number looked up in the catalogue brings revision and description
    qtbot.mouseClick(form.add_button, LEFT)
    assert form.model.rowCount() == 3
    assert form.table.currentIndex().row() == 2
    qtbot.keyClick(form.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert editor.completer() is not None
    qtbot.keyClicks(editor, "FL-3305")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: form.model.index(2, 2).data() == "Flange DN50 PN16")
    assert form.model.index(2, 1).data() == "D"
    form.table.setCurrentIndex(form.model.index(2, 3))
    qtbot.keyClick(form.table, Qt.Key.Key_F2)
    quantity = QApplication.focusWidget()
    assert isinstance(quantity, QLineEdit)
    qtbot.keyClicks(quantity, "twelve")
    qtbot.keyClick(quantity, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.model.index(2, 3).data() == "twelve")

    # Save refuses and says where; nothing written
    _save(qtbot, form)
    assert form.problem.text() == "Line 3: the quantity “twelve” is not a number."
    assert form.isVisible()
    assert form.table.selectionModel().isRowSelected(2)
    with window.store.read() as session:
        assert session.scalar(select(Order.id).where(Order.number == "TEL-2001")) is None

    activate(qtbot, form)
    form.table.setFocus()
    form.table.setCurrentIndex(form.model.index(2, 3))
    qtbot.keyClick(form.table, Qt.Key.Key_F2)
    quantity = QApplication.focusWidget()
    assert isinstance(quantity, QLineEdit)
    quantity.selectAll()
    qtbot.keyClicks(quantity, "40")
    qtbot.keyClick(quantity, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.model.index(2, 3).data() == "40")
    _save(qtbot, form)
    assert not form.isVisible()
    assert _revision(window, "TEL-2001") == (
        1,
        True,
        [("HB-1020", Decimal(1200)), ("SH-2210", Decimal(300)), ("FL-3305", Decimal(40))],
    )
    assert window.selected_order() == order_id(window.store, "TEL-2001")
    assert "Saved TEL-2001 revision 1: 3 lines" in window.statusBar().currentMessage()
    # the order view says it was taken by phone
    from qms_review.gui.order_view import OrderView

    activate(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), OrderView))
    view = QApplication.activeWindow()
    assert "received by phone or in person (verbal)" in view.title.text()
    view.close()


def _inside():
    from PySide6.QtCore import QPoint

    return QPoint(8, 8)


def test_an_edit_shows_its_differences_and_becomes_the_next_revision(
    qtbot, window: MainWindow, demo_store
):
    window.refresh()
    activate(qtbot, window)
    order = order_id(window.store, "PO-1002-261006")
    row = window.model.row_of(order)
    assert row is not None
    window.table.setCurrentIndex(window.model.index(row, 0))
    before = window.model.index(row, Column.REVISION).data()
    qtbot.keyClick(window.table, Qt.Key.Key_E, CTRL_SHIFT)  # Edit order…
    form = _form(qtbot, window)
    assert form.windowTitle() == "Edit order PO-1002-261006"
    assert form.texts["number"].text() == "PO-1002-261006"
    assert form.texts["number"].isReadOnly()
    assert not form.texts["customer"].isEnabled()
    first = form.model.index(0, 3).data()

    # unchanged: refused, nothing written
    _save(qtbot, form)
    dialog = form.findChild(DifferencesDialog)
    assert dialog is None
    assert form.problem.text().startswith("Nothing changed: PO-1002-261006 revision ")
    activate(qtbot, form)
    form.table.setFocus()

    form.table.setCurrentIndex(form.model.index(0, 3))
    qtbot.keyClick(form.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "777")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.model.index(0, 3).data() == "777")
    _save(qtbot, form)
    dialog = form.findChild(DifferencesDialog)
    assert isinstance(dialog, DifferencesDialog)
    qtbot.waitExposed(dialog)
    assert dialog.tabs.count() == 1
    shown = dialog.tabs.widget(0).model()  # type: ignore[attr-defined]
    assert shown.rowCount() == 1
    assert (shown.index(0, 3).data(), shown.index(0, 4).data(), shown.index(0, 5).data()) == (
        "Qty",
        first,
        "777",
    )
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Save), LEFT)
    qtbot.waitUntil(lambda: not form.isVisible())
    row = window.model.row_of(order)
    assert row is not None
    assert window.model.index(row, Column.REVISION).data() == str(int(before) + 1)
    assert window.selected_order() == order


def test_an_edit_from_the_order_view_shows_there_as_the_next_revision(
    qtbot, window: MainWindow, demo_store
):
    window.refresh()
    order = order_id(window.store, "PO-1002-261006")
    view = window.open_order(order)
    assert view is not None
    qtbot.waitExposed(view)
    activate(qtbot, view)
    assert view.edit_button.isVisible()
    qtbot.mouseClick(view.edit_button, LEFT)
    form = view.findChild(OrderForm)
    assert isinstance(form, OrderForm)
    qtbot.waitExposed(form)
    activate(qtbot, form)
    qtbot.mouseClick(form.verbal, LEFT, pos=form.verbal.rect().topLeft() + _inside())
    form.table.setFocus()
    form.table.setCurrentIndex(form.model.index(1, 0))
    qtbot.mouseClick(form.remove_button, LEFT)
    assert form.model.rowCount() == 3
    form.table.setFocus()
    qtbot.keyClick(form.table, Qt.Key.Key_Z, CTRL)  # the removal undone
    assert form.model.rowCount() == 4
    form.table.setCurrentIndex(form.model.index(3, 0))
    qtbot.mouseClick(form.remove_button, LEFT)
    assert form.model.rowCount() == 3
    _save(qtbot, form)
    dialog = form.findChild(DifferencesDialog)
    assert isinstance(dialog, DifferencesDialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Save), LEFT)
    qtbot.waitUntil(lambda: not form.isVisible())
    number, verbal, lines = _revision(window, "PO-1002-261006")
    assert (number, verbal, len(lines)) == (2, True, 3)
    qtbot.waitUntil(lambda: view.view is not None and view.view.revision == 2)
    assert "revision 2" in view.windowTitle()


def test_enter_moves_on_escape_asks_and_pasted_parts_come_from_the_catalogue(
    qtbot, window: MainWindow, monkeypatch, demo_store
):
    """Enter in the lines goes to the next cell and never saves a half-typed order; a pasted
    part number found in the catalogue brings its revision and description as a typed one
    does; the count says how many lines hold something; Escape asks before discarding."""
    from PySide6.QtWidgets import QMessageBox

    window.refresh()
    activate(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_N, CTRL)
    form = _form(qtbot, window)
    qtbot.keyClicks(form.texts["number"], "TEL-ENTER")
    form.table.setFocus()
    form.table.setCurrentIndex(form.model.index(0, 0))
    qtbot.keyClick(form.table, Qt.Key.Key_Return)
    assert form.isVisible()  # not saved
    assert form.table.currentIndex().column() == 1
    with window.store.read() as session:
        assert session.scalar(select(Order.id).where(Order.number == "TEL-ENTER")) is None

    QGuiApplication.clipboard().setText("FL-3305\t\t\t5\r\n")
    form.table.setCurrentIndex(form.model.index(0, 0))
    qtbot.keyClick(form.table, Qt.Key.Key_V, CTRL)
    line = form.model.lines()[0]
    assert (line["part_number"], line["part_revision"]) == ("FL-3305", "D")
    assert "Flange" in line["description"]
    assert form.lines_label.text().startswith("Lines: 1")

    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton):
        def ask(_parent, _title, question, *_rest):
            asked.append(question)
            return button

        return ask

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(form.table, Qt.Key.Key_Escape)
    assert asked
    assert "not saved" in asked[0]
    assert form.isVisible()
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Discard))
    qtbot.keyClick(form.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not form.isVisible())
