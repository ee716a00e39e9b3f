"""Every screen speaks a language made only of files: with the pseudo-language ``xx`` (every
English text bracketed, see ``tests/catalogues.py``), no window or dialog of the program shows a
text that the catalogues hold in English — a label, button, group, tab, header, action or
placeholder left in English would be a string that bypasses the catalogue."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
    QWizard,
)
from sqlalchemy import select

from qms_review.core.catalogues import CORE, SOURCE
from qms_review.core.store.database import Store
from qms_review.core.store.models import Order
from qms_review.gui.login import LoginDialog
from qms_review.gui.main_window import MainWindow
from qms_review.gui.settings_dialog import SettingsDialog
from qms_review.resources import ENVIRONMENT
from tests import corpus, erp_exports
from tests.catalogues import CLOSE, OPEN, PSEUDO, entries, pseudo_resources
from tests.helpers import find_person

PLACEHOLDER = re.compile(r"\{\w*\}")


@pytest.fixture
def pseudo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = pseudo_resources(tmp_path / "resources", data=True)
    monkeypatch.setenv(ENVIRONMENT, str(folder))
    return folder


def _plain(text: str) -> str:
    return text.replace("&", "").strip()


def english(folder: Path) -> set[str]:
    """Every English text of the catalogues that a screen could show as it is: the GUI's sources
    and the core's messages without placeholders."""
    translations = folder / "translations"
    core = {text for (_, _), text in entries(translations / f"{SOURCE}.po", CORE).items()}
    gui = {source for (context, source) in entries(translations / "zh_CN.po") if context != CORE}
    return {_plain(t) for t in core | gui if t and not PLACEHOLDER.search(t) and len(t) > 1}


def shown(widget: QWidget) -> Iterable[str]:
    """The texts a person sees on ``widget`` and its visible children."""
    yield widget.windowTitle()
    for child in [widget, *widget.findChildren(QWidget)]:
        if child is not widget and not child.isVisibleTo(widget):
            continue
        if isinstance(child, (QLabel, QAbstractButton)):
            yield child.text()
        elif isinstance(child, QGroupBox):
            yield child.title()
        elif isinstance(child, QLineEdit):
            yield child.placeholderText()
        elif isinstance(child, QTabWidget):
            yield from (child.tabText(i) for i in range(child.count()))
        if isinstance(child, (QTableView, QTreeView)):
            header = child.horizontalHeader() if isinstance(child, QTableView) else child.header()
            model = header.model()
            if model is not None:
                for section in range(header.count()):
                    yield str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        for action in child.actions():
            yield action.text()


def qt_labels(widget: QWidget) -> set[str]:
    """Texts Qt writes itself on standard buttons (translated by Qt's own qtbase catalogue
    where one exists for the language, not by ours)."""
    found: set[str] = set()
    for box in [widget, *widget.findChildren(QDialogButtonBox)]:
        if isinstance(box, QDialogButtonBox):
            found |= {
                _plain(b.text())
                for b in box.buttons()
                if box.standardButton(b) != QDialogButtonBox.StandardButton.NoButton
            }
    if isinstance(widget, QWizard):
        for which in (QWizard.WizardButton.CancelButton, QWizard.WizardButton.BackButton):
            found.add(_plain(widget.button(which).text()))
    return found


def untranslated(widget: QWidget, known: set[str]) -> list[str]:
    qt = qt_labels(widget)
    return sorted(
        {
            t
            for t in map(_plain, shown(widget))
            if t in known and t not in qt and not (OPEN in t and CLOSE in t)
        }
    )


@pytest.fixture
def ready(pseudo: Path, store: Store, languages, folder: Path, qtbot, demo_store) -> MainWindow:
    store.reload_identity()
    languages.apply(PSEUDO)
    window = MainWindow(store, languages, folder, "", person=find_person(store, "admin"))
    qtbot.addWidget(window)
    window.refresh()
    return window


def _order(store: Store, number: str) -> int:
    with store.read() as session:
        found = session.scalar(select(Order.id).where(Order.number == number))
    assert found is not None
    return found


def test_the_register_and_its_menus(ready: MainWindow, pseudo: Path):
    assert untranslated(ready, english(pseudo)) == []


def test_the_order_view_and_its_differences(ready: MainWindow, pseudo: Path, qtbot):
    known = english(pseudo)
    view = ready.open_order(_order(ready.store, "PO-1001-RUSH"))
    assert view is not None
    qtbot.addWidget(view)
    assert untranslated(view, known) == []
    differences = ready.show_differences(_order(ready.store, "PO-1001-260901"))
    assert differences is not None
    qtbot.addWidget(differences)
    assert untranslated(differences, known) == []


def test_the_order_form_new_and_edit(ready: MainWindow, pseudo: Path, qtbot):
    known = english(pseudo)
    for form in (ready.new_order(), ready.edit_order(_order(ready.store, "PO-1001-RUSH"))):
        assert form is not None
        qtbot.addWidget(form)
        assert untranslated(form, known) == []


def test_every_page_of_the_review_window(ready: MainWindow, pseudo: Path, qtbot):
    known = english(pseudo)
    review = ready.open_review(_order(ready.store, "PO-1001-RUSH"))
    assert review is not None
    qtbot.addWidget(review)
    pages = review.pages.count()
    assert pages > 3
    for page in range(pages):
        review.pages.setCurrentRow(page)
        qtbot.wait(1)  # the page is built after the event that chose it
        assert untranslated(review, known) == [], review.pages.item(page).text()


def test_the_tools_and_their_dialogs(ready: MainWindow, pseudo: Path, qtbot, folder: Path):
    known = english(pseudo)
    for dialog in (
        ready.open_catalogue(),
        ready.open_templates(),
        ready.open_users(),
        ready.change_password(),
        SettingsDialog(folder, ready.store.url, ready),
        LoginDialog(ready.store, folder, PSEUDO),
    ):
        assert dialog is not None
        qtbot.addWidget(dialog)
        assert untranslated(dialog, known) == [], type(dialog).__name__


def test_the_dashboard_and_its_charts(ready: MainWindow, pseudo: Path, qtbot):
    known = english(pseudo)
    dashboard = ready.open_dashboard()
    qtbot.addWidget(dashboard)
    assert untranslated(dashboard, known) == []
    for chart in dashboard.charts.values():  # painted, not widgets: their texts checked here
        assert OPEN in chart.title, chart.title
        assert all(_plain(bar.label) not in known for bar in chart.bars), chart.title
    dashboard.choose("overdue")
    assert untranslated(ready, known) == []


@pytest.mark.parametrize("orders", ["one", "several"])
def test_the_import_wizard(ready: MainWindow, pseudo: Path, qtbot, tmp_path: Path, orders: str):
    known = english(pseudo)
    if orders == "one":
        path = corpus.messy(tmp_path / "order.xlsx")
    else:
        path = erp_exports.xlsx(tmp_path / "export.xlsx")
    wizard = ready.import_file(path)
    assert wizard is not None
    qtbot.addWidget(wizard)
    seen = []
    while True:
        assert untranslated(wizard, known) == [], type(wizard.currentPage()).__name__
        seen.append(type(wizard.currentPage()).__name__)
        if (
            wizard.currentPage().isFinalPage()
            or not wizard.button(wizard.WizardButton.NextButton).isEnabled()
        ):
            break
        wizard.next()
    assert len(seen) >= 3
    assert ("OrdersPage" in seen) == (orders == "several")
