"""The review walkthrough, as several people in their own functions use it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit, QPushButton, QWidget
from sqlalchemy import select

from qms_review.core import demo
from qms_review.core.review import actions, amendments
from qms_review.core.store.database import Store
from qms_review.core.store.models import Finding, Order
from qms_review.core.store.vocabulary import Answer, Decision, Disposition, OrderStatus, ReviewState
from qms_review.gui.main_window import MainWindow
from qms_review.gui.review.items import ItemRow
from qms_review.gui.review.window import ReviewWindow
from qms_review.gui.signing_dialog import SigningDialog
from qms_review.gui.users_dialog import ActionDialog
from tests.gui.helpers import press_ok
from tests.helpers import DEMO_LOGINS, find_person, order_id


def _sign(qtbot, dialog: SigningDialog | None, password: str) -> None:
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.password.insert(password)
    press_ok(dialog)
    assert dialog.signed is not None, dialog.error.text()


def test_a_review_from_imported_to_accepted_with_conditions(
    qtbot, store: Store, languages, folder: Path, demo_store
):
    store.reload_identity()
    with store.read() as session:
        order = session.scalar(select(Order.id).where(Order.number == "PO-1002-261006"))
    assert order is not None

    # sales starts the review from the register
    main = MainWindow(store, languages, folder, "", person=find_person(store, "sales"))
    qtbot.addWidget(main)
    window = main.open_review(order)
    assert isinstance(window, ReviewWindow)
    qtbot.addWidget(window)
    assert window.view.state is ReviewState.DRAFT
    assert window.position.text() == f"Section 1 of {len(window.view.sections)}"

    # each function answers its sections in its own window, by keyboard: 1 = Yes
    sections = window.view.sections
    for index, section in enumerate(sections):
        if section.function.value == "approver":
            continue
        person = find_person(store, DEMO_LOGINS[section.function.value])
        mine = ReviewWindow(store, person, window.review_id, "en")
        qtbot.addWidget(mine)
        mine.go(index)
        rows = mine.body.widget().findChildren(ItemRow)
        assert rows
        for n in range(len(rows)):
            row = mine.body.widget().findChildren(ItemRow)[n]
            qtbot.keyClick(row, Qt.Key.Key_1)
        assert all(i.value is Answer.YES for i in mine.view.sections[index].items if i.applies)
        # the findings of the section are dispositioned beside it
        for finding in mine.view.sections[index].findings:
            assert mine.write(
                lambda s, p, f=finding, w=mine: actions.dispose_finding(
                    s, p, w.review_id, f.id, Disposition.RESOLVED, "checked"
                )
            )
        mine.go(index)
        _sign(qtbot, mine.sign_section(), f"{person.login}-demo")
        assert mine.view.sections[index].signature is not None

    # a clarification raised and answered from the summary
    approver = ReviewWindow(store, find_person(store, "approver"), window.review_id, "en")
    qtbot.addWidget(approver)
    ask = approver.ask_customer(item_key="commercial.quantities_prices")
    qtbot.addWidget(ask)
    ask.findChild(QPlainTextEdit).setPlainText("Confirm the price of line 10?")
    press_ok(ask)
    approver.go(len(approver.view.sections))
    assert approver.view.clarifications[0].open
    answer = approver.record_answer(approver.view.clarifications[0].id)
    qtbot.addWidget(answer)
    assert isinstance(answer, ActionDialog)
    answer.findChild(QPlainTextEdit).setPlainText("Price confirmed")
    mail = folder / "answer.eml"
    mail.write_text("Subject: price confirmed", encoding="utf-8")
    answer.attachment.append(mail)
    press_ok(answer)
    assert not approver.view.clarifications[0].open
    with store.read() as session:
        from qms_review.core.store.models import Clarification

        closed = session.get(Clarification, approver.view.clarifications[0].id)
        assert closed.attachment_id is not None

    # remaining findings not tied to a section, then submit and decide
    with store.write("user:approver") as session:
        person = find_person(store, "approver")
        review = session.get(actions.Review, window.review_id)
        for finding in session.scalars(
            select(Finding).where(
                Finding.revision_id == review.revision_id, Finding.disposition.is_(None)
            )
        ):
            actions.dispose_finding(
                session, person, window.review_id, finding.id, Disposition.RESOLVED, "checked"
            )
    approver.reload()
    approver.go(len(approver.view.sections))
    assert approver.view.blockers == [], [b.message().message("en") for b in approver.view.blockers]
    approver.write(lambda s, p: actions.submit(s, p, approver.review_id))
    assert approver.view.state is ReviewState.READY_FOR_DECISION
    approver.go(len(approver.view.sections) + 1)
    approver.decisions.button(list(Decision).index(Decision.ACCEPTED_WITH_CONDITIONS)).setChecked(
        True
    )
    approver.conditions.setPlainText("Delivery in two batches")
    _sign(qtbot, approver.sign_section(), "approver-demo")
    assert approver.view.state is ReviewState.DECIDED
    with store.read() as session:
        assert session.get(Order, order).status is OrderStatus.ACCEPTED_WITH_CONDITIONS


def test_keys_answer_and_undo_redo(qtbot, store: Store, demo_store):
    window = _sales_review(qtbot, store)
    row = window.body.widget().findChildren(ItemRow)[0]
    key = row.view.item.key
    qtbot.keyClick(row, Qt.Key.Key_2)  # No
    assert _value(window, key) is Answer.NO
    qtbot.keyClick(window.body.widget().findChildren(ItemRow)[0], Qt.Key.Key_1)
    assert _value(window, key) is Answer.YES
    window.undo_stack.undo()
    assert _value(window, key) is Answer.NO
    window.undo_stack.undo()
    assert _value(window, key) is None
    window.undo_stack.redo()
    assert _value(window, key) is Answer.NO
    # another function's section is read-only for sales
    window.go(2)
    assert not any(r.comment.isEnabled() for r in window.body.widget().findChildren(ItemRow))
    assert not window.sign_button.isEnabled()


def _sales_review(qtbot, store: Store) -> ReviewWindow:
    """The demo loaded and its order PO-1002-261006 opened in review by sales."""
    from qms_review.gui.review.start import open_review

    window = open_review(
        store, find_person(store, "sales"), order_id(store, "PO-1002-261006"), "en"
    )
    assert isinstance(window, ReviewWindow)
    qtbot.addWidget(window)
    return window


def _value(window: ReviewWindow, key: str) -> Answer | None:
    return next(i.value for s in window.view.sections for i in s.items if i.item.key == key)


def test_register_shows_reviews_and_my_open_items(
    qtbot, store: Store, languages, folder: Path, demo_store
):
    from qms_review.core.oversight.register import Column

    store.reload_identity()
    window = MainWindow(store, languages, folder, "", person=find_person(store, "engineering"))
    qtbot.addWidget(window)
    window.refresh()

    def cell(number: str, column: Column) -> str:
        with store.read() as session:
            order = session.scalar(select(Order.id).where(Order.number == number))
        row = window.model.row_of(order)
        assert row is not None
        return window.model.index(row, column).data()

    assert cell("PO-1001-260927", Column.STATUS) == "Accepted with conditions"
    assert cell("PO-1001-260927", Column.REVIEW) == "Decided"
    assert cell("PO-1001-RUSH", Column.STATUS) == "In review"
    assert cell("PO-1001-RUSH", Column.REVIEW) == "Functions signing"
    assert cell("采购-20261109-7", Column.CLARIFICATIONS) == "1"
    assert "(overdue)" in cell("PO-1001-RUSH", Column.DUE)  # due in November 2026, long past
    window.mine.setChecked(True)
    mine = {window.model.index(r, Column.NUMBER).data() for r in range(window.model.rowCount())}
    assert "PO-1001-RUSH" in mine  # engineering answered, but has not signed
    assert "PO-1001-260927" not in mine  # decided
    assert window.count_label.text().endswith("orders match")
    window.mine.setChecked(False)
    assert window.model.rowCount() == window.model.total


def test_amended_review_lists_who_is_informed_and_they_acknowledge(qtbot, store: Store, demo_store):
    from PySide6.QtWidgets import QPushButton

    from qms_review.gui.review.start import open_review

    with store.read() as session:
        order = session.scalar(select(Order.id).where(Order.number == "PO-1001-260901"))
    window = open_review(store, find_person(store, "planning"), order, "en")
    assert isinstance(window, ReviewWindow)
    qtbot.addWidget(window)
    assert window.view.revision == 2
    carried = [s.key for s in window.view.sections if s.signature is not None]
    assert "quality" in carried  # untouched by the amendment: signature carried over
    assert "delivery" not in carried  # re-opened
    window.go(len(window.view.sections))
    buttons = [
        b for b in window.side.widget().findChildren(QPushButton) if b.text() == "Acknowledge"
    ]
    assert len(buttons) == 1
    buttons[0].click()
    with store.read() as session:
        told = {n.login: n.acknowledged_at for n in amendments.notices(session, window.review_id)}
    assert told["planning"] is not None
    assert "engineering" in told


def test_starting_a_review_asks_for_sector_packs(qtbot, store: Store, monkeypatch, demo_store):
    from qms_review.gui.review import start as review_window

    with store.read() as session:
        order = session.scalar(select(Order.id).where(Order.number == "PO-1002-261006"))
    monkeypatch.setattr(review_window, "choose_packs", lambda *_a: ("iatf16949",))
    window = review_window.open_review(store, find_person(store, "sales"), order, "en", ask=True)
    assert isinstance(window, ReviewWindow)
    qtbot.addWidget(window)
    assert any(s.key == "feasibility" for s in window.view.sections)
    monkeypatch.setattr(review_window, "choose_packs", lambda *_a: None)
    with store.read() as session:
        other = session.scalar(select(Order.id).where(Order.number == "采购-20261024-3"))
    assert (
        review_window.open_review(store, find_person(store, "sales"), other, "en", ask=True) == ""
    )


def _button(window: QWidget, caption: str) -> QPushButton:
    return next(
        b for b in window.findChildren(QPushButton) if b.text() == caption and b.isVisible()
    )


def test_the_record_is_made_signed_and_saved_from_the_decision_page(
    qtbot, store: Store, tmp_path: Path, demo_records: None, monkeypatch
):
    from qms_review.core.records import verification
    from qms_review.gui.review.start import open_review

    demo.load(store, "tester")
    with store.read() as session:
        order = session.scalar(select(Order.id).where(Order.number == "PO-1001-260927"))
    window = open_review(store, find_person(store, "approver"), order, "en")
    assert isinstance(window, ReviewWindow)
    qtbot.addWidget(window)
    window.go(len(window.view.sections) + 1)
    # the demo's record is signed by everyone; a new one starts unsigned
    assert "signed by 8 of 8" in window.record_state.text()
    window.record_language.setCurrentIndex(1)  # the record in Chinese
    window.make_record()
    assert "-R1-1.2 made" in window.status.text()  # the demo's record was the first
    assert "each signer now signs it" in window.status.text()
    # the approver signs last: a message box says who signs first, and nothing is signed
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, said, *_a: told.append(said))
    qtbot.mouseClick(_button(window, "Sign the record…"), Qt.MouseButton.LeftButton)
    assert told == [
        "王丽 Wang Li signs the record before Margaret Okafor (in the order of the "
        "checklist, the approver last)."
    ]
    assert "signed by 0 of 8" in window.record_state.text()
    sales = open_review(store, find_person(store, "sales"), order, "en")
    assert isinstance(sales, ReviewWindow)
    qtbot.addWidget(sales)
    sales.go(len(sales.view.sections) + 1)
    qtbot.mouseClick(_button(sales, "Sign the record…"), Qt.MouseButton.LeftButton)
    dialog = next(d for d in sales.findChildren(ActionDialog) if d.isVisible())
    from qms_review.gui.login import QLineEdit

    dialog.findChild(QLineEdit).insert("sales-demo")
    press_ok(dialog)
    assert "signed by 1 of 8: 王丽 Wang Li" in sales.record_state.text()
    qtbot.mouseClick(_button(sales, "Sign the record…"), Qt.MouseButton.LeftButton)
    assert told[-1] == "王丽 Wang Li has already signed this record."
    exported = window.export_data(tmp_path / "review.xlsx")
    assert exported is not None
    assert exported.stat().st_size > 0
    saved = window.save_record(tmp_path / "record.pdf")
    assert saved is not None
    with store.read() as session:
        assert verification.verify(session, saved.read_bytes()).signatures[0].signer == (
            "王丽 Wang Li"
        )


def test_register_export_follows_the_filter(
    qtbot, store: Store, languages, folder: Path, tmp_path: Path, demo_store
):
    import openpyxl

    window = MainWindow(store, languages, folder, "", person=find_person(store, "sales"))
    qtbot.addWidget(window)
    window.refresh()
    window.filter.insert("华强")
    path = window.export_register(tmp_path / "r.xlsx")
    assert path is not None
    rows = list(openpyxl.load_workbook(path).active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == window.model.rowCount() == 7


def test_record_viewer_shows_and_prints_pages(qtbot, store: Store, tmp_path: Path, demo_store):
    from PySide6.QtPrintSupport import QPrinter

    from qms_review.gui.review.start import open_review

    with store.read() as session:
        order = session.scalar(select(Order.id).where(Order.number == "PO-1001-260927"))
    window = open_review(store, find_person(store, "approver"), order, "en")
    assert isinstance(window, ReviewWindow)
    qtbot.addWidget(window)
    window.go(len(window.view.sections) + 1)
    window.make_record()
    viewer = window.view_record()
    assert viewer is not None
    qtbot.addWidget(viewer)
    assert viewer.shown.pages == 3
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert viewer.print_to(printer) == 3
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    saved = viewer.save(tmp_path / "original.pdf")
    assert saved is not None
    with store.read() as session:
        from qms_review.core.records import pades

        assert saved.read_bytes() == pades.latest(session, window.review_id).pdf


def test_print_several_records_and_verify_a_file(
    qtbot, store: Store, languages, folder: Path, tmp_path: Path, demo_records: None
):
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtPrintSupport import QPrinter

    demo.load(store, "tester")
    store.reload_identity()
    window = MainWindow(store, languages, folder, "", person=find_person(store, "approver"))
    qtbot.addWidget(window)
    window.refresh()
    with store.read() as session:
        orders = [
            session.scalar(select(Order.id).where(Order.number == n))
            for n in ("PO-1001-260927", "采购-20261102-3", "PO-1001-RUSH")
        ]
    selection = window.table.selectionModel()
    for order in orders:
        row = window.model.row_of(order)
        selection.select(
            window.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "batch.pdf"))
    from qms_review.gui.record_viewer import Loaded

    pages = sum(Loaded(pdf, window).pages for pdf in window.records_of(orders))
    assert window.print_records(printer) == pages >= 6  # two records; RUSH has none yet
    assert f"Printed 2 records, {pages} pages" in window.statusBar().currentMessage()
    record = tmp_path / "record.pdf"
    record.write_bytes(window.records_of(orders[:1])[0])
    report = window.verify_file(record)
    assert report is not None
    assert report.startswith("The record is intact")
    assert report.count(": valid") == 8


def test_typing_a_comment_and_tabbing_away_saves_it_without_a_crash(
    qtbot, store: Store, demo_store
):
    """The page is rebuilt after each change; it must not be while Qt still delivers the
    comment box its focus-out (that crashed: SIGSEGV on Tab after typing a comment)."""
    import faulthandler

    assert faulthandler.is_enabled()  # pytest's faulthandler plugin: a crash says where
    window = _sales_review(qtbot, store)
    window.show()
    qtbot.waitExposed(window)

    def first_row() -> ItemRow:
        return window.body.widget().findChildren(ItemRow)[0]

    key = first_row().view.item.key
    yes = first_row().group.button(1)
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first_row().view.value is Answer.YES)
    comment = first_row().comment
    qtbot.mouseClick(comment, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(comment.hasFocus)
    qtbot.keyClicks(comment, "Checked against the drawing")
    qtbot.keyClick(comment, Qt.Key.Key_Tab)
    qtbot.wait(50)  # the deferred rebuild runs; the old widgets are deleted later
    qtbot.waitUntil(lambda: first_row().view.comment == "Checked against the drawing")
    assert _value(window, key) is Answer.YES
    with store.read() as session:
        from qms_review.core.store.models import ReviewAnswer

        saved = session.scalar(
            select(ReviewAnswer.comment).where(
                ReviewAnswer.review_id == window.review_id, ReviewAnswer.item_key == key
            )
        )
    assert saved == "Checked against the drawing"


def test_a_summary_entry_activated_by_keyboard_goes_to_its_section(qtbot, store: Store, demo_store):
    """Enter on an entry of the summary's list goes to its section; the summary page holding
    the list is replaced after that key press, not inside it."""
    window = _sales_review(qtbot, store)
    window.show()
    qtbot.waitExposed(window)
    window.go(len(window.view.sections))  # the summary
    blockers = window.blocker_list
    entry = next(
        blockers.item(r)
        for r in range(blockers.count())
        if blockers.item(r).data(Qt.ItemDataRole.UserRole) is not None
    )
    section = entry.data(Qt.ItemDataRole.UserRole)
    blockers.setFocus()
    blockers.setCurrentItem(entry)
    summary = window.body.widget()
    qtbot.keyClick(blockers, Qt.Key.Key_Return)
    assert window.body.widget() is summary  # still there while the key press is delivered
    qtbot.waitUntil(lambda: window.body.widget() is not summary)
    assert window.section() is not None
    assert window.section().key == section
    assert window.pages.currentRow() == window.page


def test_each_person_opens_the_review_at_their_own_part(qtbot, store: Store, demo_store):
    """Engineering opens the review at engineering's section, not at sales' first one; the
    demo's approver, who also holds sales, at sales' section (the decision comes after)."""
    sales = _sales_review(qtbot, store)
    sections = sales.view.sections
    assert sales.pages.currentRow() == 0
    engineering = next(n for n, s in enumerate(sections) if s.function.value == "engineering")
    assert engineering > 0
    person = find_person(store, DEMO_LOGINS["engineering"])
    window = ReviewWindow(store, person, sales.review_id, "en")
    qtbot.addWidget(window)
    assert window.pages.currentRow() == engineering
    assert window.position.text() == f"Section {engineering + 1} of {len(sections)}"
    approver = ReviewWindow(store, find_person(store, "approver"), sales.review_id, "en")
    qtbot.addWidget(approver)
    assert approver.pages.currentRow() == 0
