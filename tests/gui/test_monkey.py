"""A bounded monkey (issue #12): every main window and dialog gets a few hundred random key
presses, clicks at random places of its visible widgets and focus changes, seeded so a failure
can be replayed (``QMS_MONKEY_SEED=7 uv run pytest tests/gui/test_monkey.py``). Whatever the
monkey opens is closed again: modal dialogs and message boxes are rejected as soon as they show,
file dialogs answer "cancelled". Nothing may crash (``faulthandler`` prints where if it does),
raise in the event loop (pytest-qt fails the test), warn about deleted objects, or leave the
audit trail broken.

Setting the windows up and putting a closed one back is the harness's part; only the monkey
acts on them.
"""

from __future__ import annotations

import faulthandler
import os
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QWidget,
)

from qms_review.cli import main as cli
from qms_review.core.records import pades
from qms_review.core.review import progress
from qms_review.core.store.database import Store
from qms_review.gui import guide
from qms_review.gui.catalogue_window import CatalogueWindow
from qms_review.gui.differences import DifferencesDialog
from qms_review.gui.i18n import Languages
from qms_review.gui.login import LoginDialog
from qms_review.gui.main_window import MainWindow
from qms_review.gui.order_view import OrderView
from qms_review.gui.record_viewer import RecordViewer
from qms_review.gui.review.window import ReviewWindow
from qms_review.gui.settings_dialog import SettingsDialog
from qms_review.gui.templates_dialog import TemplatesDialog
from qms_review.gui.users_dialog import UsersDialog
from tests import corpus
from tests.gui.driving import close_leftovers
from tests.gui.helpers import activate
from tests.helpers import find_person, order_id

faulthandler.enable()

#: random events per window (keys, clicks, focus changes); the whole file stays < ~2 minutes
EVENTS = 300
#: the first seed; each window adds its place in the list
SEED = int(os.environ.get("QMS_MONKEY_SEED", "20261130"))
#: Qt messages that mean an object was used after (or while) it was deleted
BAD_MESSAGES = ("deleted", "destroyed while", "QObject::")

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
KEYS: list[tuple[Qt.Key, Qt.KeyboardModifier]] = [
    *((Qt.Key(K.Key_A.value + n), NONE) for n in range(26)),
    *((Qt.Key(K.Key_0.value + n), NONE) for n in range(10)),
    *(
        (key, NONE)
        for key in (
            K.Key_Tab,
            K.Key_Return,
            K.Key_Escape,
            K.Key_Up,
            K.Key_Down,
            K.Key_Left,
            K.Key_Right,
            K.Key_Space,
            K.Key_Delete,
            K.Key_F1,
        )
    ),
    (K.Key_Tab, SHIFT),
    (K.Key_Z, CTRL),
    (K.Key_Y, CTRL),
]


@dataclass
class Monkey:
    """Random events on ``target`` (made again by ``make`` when the monkey closed it)."""

    qtbot: object
    make: Callable[[], QWidget]
    seed: int
    target: QWidget = field(init=False)
    closed: list[str] = field(default_factory=list)
    made: list[QWidget] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self._new()

    def _new(self) -> QWidget:
        target = self.make()
        self.target = target  # before any event: the sweep must not take it for another
        self.made.append(target)
        if not target.isVisible():
            target.show()
        self.qtbot.waitExposed(target)
        activate(self.qtbot, target)
        return target

    def sweep(self) -> None:
        """Close a modal dialog the monkey opened (also from the timer, for one in ``exec()``);
        no random choice here, so the events stay those of the seed."""
        modal = QApplication.activeModalWidget()
        if modal is None or modal is self.target or not shiboken6.isValid(modal):
            return
        self.closed.append(type(modal).__name__)
        if isinstance(modal, QDialog):
            modal.reject()
        else:
            modal.close()

    def run(self, events: int) -> None:
        for _ in range(events):
            if not shiboken6.isValid(self.target) or not self.target.isVisible():
                self._new()
            elif (
                QApplication.activeWindow() is not self.target
                and not QApplication.activeModalWidget()
            ):
                self.target.activateWindow()
            popup = QApplication.activePopupWidget()  # a combo's list, a menu
            if popup is not None and self.rng.random() < 0.3:
                popup.close()
            roll = self.rng.random()
            if roll < 0.55:
                self._key()
            elif roll < 0.9:
                self._click()
            else:
                self._focus()
            QApplication.processEvents()
            self.sweep()

    def _widgets(self) -> list[QWidget]:
        return [
            w
            for w in self.target.findChildren(QWidget)
            if w.isVisible() and w.width() > 0 and w.height() > 0 and w.window() is self.target
        ]

    def _key(self) -> None:
        key, modifiers = self.rng.choice(KEYS)
        popup = QApplication.activePopupWidget()
        focus = QApplication.focusWidget()
        if focus is None or focus.window() is not self.target:
            focus = self.target
        receiver = popup or focus
        _safely(lambda: self.qtbot.keyClick(receiver, key, modifiers), receiver)

    def _click(self) -> None:
        widgets = self._widgets()
        if not widgets:
            return
        widget = self.rng.choice(widgets)
        # buttons more often than their share: they are what does something
        buttons = [w for w in widgets if isinstance(w, QAbstractButton)]
        if buttons and self.rng.random() < 0.4:
            widget = self.rng.choice(buttons)
        at = QPoint(self.rng.randrange(widget.width()), self.rng.randrange(widget.height()))
        if self.rng.random() < 0.1:
            _safely(
                lambda: self.qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=at), widget
            )
        else:
            _safely(
                lambda: self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at), widget
            )

    def _focus(self) -> None:
        focusable = [w for w in self._widgets() if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
        if focusable:
            self.rng.choice(focusable).setFocus(Qt.FocusReason.MouseFocusReason)

    def close_all(self) -> None:
        """Close every window made; a window holding typed text (the monkey's, kept across a
        refusal as a person's is) asks first: the answer is Discard."""
        from PySide6.QtWidgets import QMessageBox

        ask = QMessageBox.question
        QMessageBox.question = lambda *_a, **_k: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
        try:
            for target in self.made:
                if shiboken6.isValid(target):
                    target.close()
                    target.deleteLater()
        finally:
            QMessageBox.question = ask  # type: ignore[method-assign]


def _safely(act: Callable[[], None], widget: QWidget) -> None:
    """``act`` on ``widget``; a widget the event itself deleted (a page rebuilt under the
    release of a click) ends the event, as it would for a person."""
    try:
        act()
    except RuntimeError:
        if shiboken6.isValid(widget):
            raise


@pytest.fixture
def no_file_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("getOpenFileName", "getSaveFileName", "getOpenFileNames"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *_a, **_k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: ""))
    # the printer's dialogs are the platform's too (and a preview renders every page first)
    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda _self: QDialog.DialogCode.Rejected)


# --- the windows ----------------------------------------------------------------------------------------


@dataclass
class Bench:
    """What the windows are made from: the demo store, a main window of the administrator
    (also an approver) to own the dialogs, and a folder for files."""

    store: Store
    languages: Languages
    folder: Path
    files: Path
    host: MainWindow


def _main_of(qtbot, store: Store, languages: Languages, folder: Path) -> MainWindow:
    """The administrator's main window, to own the dialogs."""
    host = MainWindow(store, languages, folder, "", person=find_person(store, "admin"))
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    return host


def _main(bench: Bench, login: str = "sales") -> QWidget:
    window = MainWindow(
        bench.store, bench.languages, bench.folder, "", person=find_person(bench.store, login)
    )
    window.show()
    return window


def _review(bench: Bench, number: str, login: str, page: int) -> QWidget:
    person = find_person(bench.store, login)
    with bench.store.read() as session:
        review_id = progress.review_of(session, order_id(bench.store, number))
    assert review_id is not None
    window = ReviewWindow(bench.store, person, review_id, "en", bench.host)
    window.go(page if page >= 0 else len(window.view.sections) + 1 + page)
    return window


def _wizard(bench: Bench) -> QWidget:
    path = corpus.messy(bench.files / f"po-{random.random():.6f}.xlsx")
    wizard = bench.host.import_file(path)
    assert wizard is not None
    return wizard


def _record(bench: Bench) -> QWidget:
    with bench.store.read() as session:
        review_id = progress.review_of(session, order_id(bench.store, "PO-1001-260927"))
        assert review_id is not None
        record = pades.newest(session, review_id)
        assert record is not None
        pdf = record.pdf
    return RecordViewer(pdf, "Record", bench.host, "en")


WINDOWS: dict[str, Callable[[Bench], QWidget]] = {
    "register": _main,
    "review, first section": lambda b: _review(b, "PO-1001-RUSH", "sales", 0),
    "review, engineering": lambda b: _review(b, "PO-1001-RUSH", "engineering", 2),
    "review, summary": lambda b: _review(b, "采购-20261109-7", "sales", -2),
    "review, decision": lambda b: _review(b, "PO-1001-260927", "approver", -1),
    "order view": lambda b: OrderView(
        b.store, order_id(b.store, "PO-1001-RUSH"), "en", "user:sales", b.host
    ),
    "import wizard": _wizard,
    "catalogue": lambda b: CatalogueWindow(b.store, "en", "user:admin", b.host),
    "templates": lambda b: TemplatesDialog(b.store, "en", "user:admin", b.host),
    "users": lambda b: UsersDialog(b.store, find_person(b.store, "admin"), "en", b.host),
    "settings": lambda b: SettingsDialog(b.folder, b.store.url, b.host),
    "record viewer": _record,
    "differences": lambda b: DifferencesDialog(
        b.store, order_id(b.store, "PO-1003-260919"), "en", b.host
    ),
    "login": lambda b: LoginDialog(b.store, b.folder, "en"),
    "guide": lambda b: guide.open_at(b.host, "review"),
}


@pytest.fixture
def bench(
    qtbot,
    demo_records: None,
    demo_store: Store,
    languages: Languages,
    folder: Path,
    tmp_path: Path,
    no_file_dialogs: None,
) -> Iterator[Bench]:
    close_leftovers()
    host = _main_of(qtbot, demo_store, languages, folder)
    files = tmp_path / "files"
    files.mkdir()
    yield Bench(demo_store, languages, folder, files, host)
    languages.apply("en")


def test_the_monkey_breaks_no_window(qtbot, qtlog, bench: Bench, url: str):
    shown = set(QApplication.topLevelWidgets())
    for n, (name, make) in enumerate(WINDOWS.items()):
        started = time.perf_counter()
        monkey = Monkey(qtbot, lambda make=make: make(bench), SEED + n)
        sweeper = QTimer()
        sweeper.timeout.connect(monkey.sweep)
        sweeper.start(15)
        try:
            monkey.run(EVENTS)
        finally:
            sweeper.stop()
            monkey.close_all()
            for window in QApplication.topLevelWidgets():
                if window not in shown and window is not bench.host and window.isVisible():
                    window.close()
            QApplication.processEvents()
        print(f"{name}: {time.perf_counter() - started:.1f} s, closed {monkey.closed}")
        bad = [r.message for r in qtlog.records if any(b in r.message for b in BAD_MESSAGES)]
        assert bad == [], f"{name} (seed {SEED + n}): {bad}"
    assert cli(["--database", url, "audit", "verify"]) == 0


# --- what the monkey found --------------------------------------------------------------------------------


def test_a_disposition_without_its_note_is_refused_in_the_status_line(
    qtbot, demo_store: Store, languages: Languages, folder: Path
):
    """Found by the monkey: "Apply" on a "No" answer (or a finding) with "condition" chosen and
    no note raised AttributeError in the event loop (the combo hands back a str, the refusal
    wanted the enum's ``.value``); the refusal is said in the status line."""
    from PySide6.QtWidgets import QPushButton

    from qms_review.core.store.vocabulary import Answer, Disposition
    from qms_review.gui.review.items import FindingRowWidget, ItemRow

    host = _main_of(qtbot, demo_store, languages, folder)
    review = _review(Bench(demo_store, languages, folder, folder, host), "PO-1001-RUSH", "sales", 1)
    review.show()
    qtbot.waitExposed(review)

    def settle() -> None:
        qtbot.waitUntil(lambda: not review._rebuild.isActive())

    rows = [
        r for r in review.body.widget().findChildren(ItemRow) if r.view.item.no_needs_disposition
    ]
    key = rows[0].view.item.key
    qtbot.mouseClick(rows[0].group.button(2), Qt.MouseButton.LeftButton)  # No
    settle()
    row = next(r for r in review.body.widget().findChildren(ItemRow) if r.view.item.key == key)
    assert row.view.value is Answer.NO
    assert row.disposition.currentData() == Disposition.CONDITION  # the first choice
    apply = next(b for b in row.findChildren(QPushButton) if b.text() == "Apply")
    qtbot.mouseClick(apply, Qt.MouseButton.LeftButton)
    assert "needs its condition or justification written" in review.status.text()

    finding = next(
        w for w in review.side.widget().findChildren(FindingRowWidget) if w.choice.isEnabled()
    )
    qtbot.keyClick(finding.choice, Qt.Key.Key_Down)  # "accepted with a condition"
    review.status.clear()
    apply = next(b for b in finding.findChildren(QPushButton) if b.text() == "Apply")
    qtbot.mouseClick(apply, Qt.MouseButton.LeftButton)
    assert "needs its condition or justification written" in review.status.text()
    review.close()
