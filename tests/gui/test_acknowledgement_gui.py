"""Confirm to the customer from the GUI: the review window's action (Ctrl+Shift+A), the
decision page's button and the register's action, each through a save-as dialog."""

from __future__ import annotations

import subprocess
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton
from sqlalchemy import select

from qms_review.core.store.database import Store
from qms_review.core.store.models import Acknowledgement, Communication, Order
from qms_review.core.store.vocabulary import CommunicationKind
from qms_review.gui.main_window import MainWindow
from qms_review.gui.review.window import ReviewWindow
from tests.gui.helpers import activate
from tests.helpers import find_person


def _order(store: Store, number: str) -> int:
    with store.read() as session:
        found = session.scalar(select(Order.id).where(Order.number == number))
    assert found is not None
    return found


def _text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _save_as(monkeypatch, path: Path) -> list[str]:
    asked: list[str] = []

    def answer(_parent, title, name, _filter, *_a, **_k):
        asked.append(Path(name).name)  # in the folder of the last save (gui-state.ini)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return asked


def _press_ctrl_shift_a(qtbot, window: ReviewWindow) -> None:
    """Ctrl+Shift+A where the keyboard is: the focused widget of the active window."""
    activate(qtbot, window)
    target = QApplication.focusWidget() or window
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(target, Qt.Key.Key_A, modifiers)


def _warnings(monkeypatch) -> list[str]:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, said, *_a: told.append(said))
    return told


def test_review_window_confirms_an_accepted_order_and_refuses_one_in_review(
    qtbot, store: Store, tmp_path: Path, monkeypatch, demo_store
):
    from qms_review.gui.review.start import open_review

    told = _warnings(monkeypatch)
    asked = _save_as(monkeypatch, tmp_path / "rush.pdf")
    rush = open_review(store, find_person(store, "sales"), _order(store, "PO-1001-RUSH"), "en")
    assert isinstance(rush, ReviewWindow)
    qtbot.addWidget(rush)
    rush.show()
    _press_ctrl_shift_a(qtbot, rush)
    assert told == [
        "PO-1001-RUSH revision 1 cannot be confirmed to the customer: only an accepted order "
        "(accepted, or accepted with conditions) is acknowledged, and its review is in review."
    ]
    assert asked == []  # refused before a file was asked for
    assert not (tmp_path / "rush.pdf").exists()

    pdf = tmp_path / "PO-1001-260927-acknowledgement.pdf"
    asked = _save_as(monkeypatch, pdf)
    window = open_review(store, find_person(store, "sales"), _order(store, "PO-1001-260927"), "en")
    assert isinstance(window, ReviewWindow)
    qtbot.addWidget(window)
    window.show()
    window.go(len(window.view.sections) + 1)  # the decision page
    button = next(
        b
        for b in window.findChildren(QPushButton)
        if b.text() == "Confirm to the customer…" and b.isVisible()
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == ["PO-1001-260927-acknowledgement.pdf"]
    assert "Order acknowledgement OA-PO-1001-260927-R1-1 kept with the review" in (
        window.status.text()
    )
    shown = _text(pdf)
    assert "Order acknowledgement" in shown  # Northwind writes in English
    assert "Deliveries in two batches; certificate 3.1 with each batch" in shown
    assert load_workbook(pdf.with_suffix(".xlsx")).sheetnames[0] == "Acknowledgement"
    # the shortcut makes the next one; both are kept and logged
    asked = _save_as(monkeypatch, tmp_path / "second.pdf")
    _press_ctrl_shift_a(qtbot, window)
    assert (tmp_path / "second.pdf").exists()
    with store.read() as session:
        assert len(session.scalars(select(Acknowledgement)).all()) == 2
        logged = session.scalars(
            select(Communication).where(Communication.kind == CommunicationKind.ACKNOWLEDGEMENT)
        ).all()
        assert len(logged) == 2


def test_register_confirms_the_selected_order_in_the_customers_language(
    qtbot, store: Store, languages, folder: Path, tmp_path: Path, monkeypatch, demo_store
):
    store.reload_identity()
    window = MainWindow(store, languages, folder, "", person=find_person(store, "sales"))
    qtbot.addWidget(window)
    window.refresh()
    order = _order(store, "采购-20261102-3")
    window.table.selectionModel().select(
        window.model.index(window.model.row_of(order), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    pdf = tmp_path / "oa.pdf"
    asked = _save_as(monkeypatch, pdf)
    assert window.act_confirm.shortcut().toString() == "Ctrl+Shift+A"
    window.act_confirm.trigger()
    assert asked == ["采购-20261102-3-acknowledgement.pdf"]
    assert "kept with the review" in window.statusBar().currentMessage()
    shown = _text(pdf)
    assert "订单确认书" in shown  # a customer in China gets Chinese
    assert "无：按订单原样接受。" in shown
    # an order without an accepting decision: refused with a message, nothing saved
    told = _warnings(monkeypatch)
    window.table.selectionModel().select(
        window.model.index(window.model.row_of(_order(store, "PO-1001-RUSH")), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    asked = _save_as(monkeypatch, tmp_path / "no.pdf")
    window.act_confirm.trigger()
    assert len(told) == 1
    assert "cannot be confirmed to the customer" in told[0]
    assert asked == []
