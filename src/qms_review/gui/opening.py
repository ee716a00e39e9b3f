"""The windows and dialogs opened from the register: an order, its differences, its review,
the catalogue, the checklist templates, users, settings and one's password."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from qms_review.core.identity import users
from qms_review.core.intake.importer import Result
from qms_review.core.store import settings
from qms_review.core.store.database import Store
from qms_review.gui.catalogue_window import CatalogueWindow
from qms_review.gui.differences import DifferencesDialog
from qms_review.gui.i18n import Languages
from qms_review.gui.login import ChangePasswordDialog
from qms_review.gui.order_form import OrderForm
from qms_review.gui.order_view import OrderView
from qms_review.gui.review.start import open_review
from qms_review.gui.review.window import ReviewWindow
from qms_review.gui.settings_dialog import SettingsDialog
from qms_review.gui.templates_dialog import TemplatesDialog
from qms_review.gui.users_dialog import UsersDialog

if TYPE_CHECKING:
    _Window = QMainWindow  # what this is mixed into, for the type checker
else:
    _Window = object


class OpensWindows(_Window):
    """Part of :class:`~qms_review.gui.main_window.MainWindow`: what it opens."""

    store: Store
    languages: Languages
    folder: Path
    person: users.Person | None
    actor: str

    selected_order: Callable[[], int | None]
    refresh_rows: Callable[[], None]
    settings_saved: Callable[[], None]
    show_order: Callable[[int], None]

    def _order_or_selected(self, order_id: int | None) -> int | None:
        """``order_id`` when one was given, else the order selected in the register. A bool is
        not an order: a button's ``clicked(bool)`` or an action's ``triggered(bool)`` passes one
        (``isinstance(False, int)`` is true, and order 0 has no review)."""
        if isinstance(order_id, int) and not isinstance(order_id, bool):
            return order_id
        return self.selected_order()

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.folder, self.store.url, self)
        dialog.language_chosen.connect(self._apply_language)
        dialog.accepted.connect(self.settings_saved)
        dialog.exec()

    def _apply_language(self, language: str) -> None:
        self.languages.apply(settings.language_or_system(language, _system_locale()))

    def show_differences(self, order_id: int | None = None) -> DifferencesDialog | None:
        order_id = self._order_or_selected(order_id)
        if order_id is None:
            self.statusBar().showMessage(self.tr("Select an order first"), 5000)
            return None
        dialog = DifferencesDialog(self.store, order_id, self.languages.current, self)
        dialog.open()
        return dialog

    def open_order(self, order_id: int | None = None) -> OrderView | None:
        """The order view of ``order_id`` (or the selected order)."""
        order_id = self._order_or_selected(order_id)
        if order_id is None:
            self.statusBar().showMessage(self.tr("Select an order first"), 5000)
            return None
        view = OrderView(
            self.store,
            order_id,
            self.languages.current,
            self.actor,
            self,
            on_review=self.open_review if self.person is not None else None,
            on_edit=lambda order: self._edit_from(view, order),
        )
        view.finished.connect(lambda _result: self.refresh_rows())
        view.open()
        return view

    def new_order(self) -> OrderForm:
        """File → New order…: an order, contract, bid or enquiry typed in."""
        return self._order_form(None, self)

    def edit_order(self, order_id: int | None = None) -> OrderForm | None:
        """Edit order…: the selected order (or ``order_id``) in the form; saved as its next
        revision."""
        order_id = self._order_or_selected(order_id)
        if order_id is None:
            self.statusBar().showMessage(self.tr("Select an order first"), 5000)
            return None
        return self._order_form(order_id, self)

    def _edit_from(self, view: OrderView, order_id: int) -> OrderForm:
        form = self._order_form(order_id, view)
        form.saved.connect(lambda _result: view.load(None))
        return form

    def _order_form(self, order_id: int | None, parent: QWidget) -> OrderForm:
        due = settings.due_days(settings.Settings.in_folder(self.folder))
        form = OrderForm(self.store, self.languages.current, self.actor, parent, order_id, due)
        form.saved.connect(self.order_saved)
        form.open()
        return form

    def order_saved(self, result: Result) -> None:
        """A typed order or an edit was saved: its row selected, what it became said."""
        self.show_order(result.order_id)
        self.statusBar().showMessage(
            self.tr(
                "Saved {0} revision {1}: {2} lines; the checks found {3} things to review "
                "(Enter opens the order)"
            ).format(result.number, result.revision, result.lines, result.findings),
            10000,
        )

    def change_password(self) -> ChangePasswordDialog | None:
        if self.person is None:
            return None
        dialog = ChangePasswordDialog(self.store, self.person, self.languages.current, parent=self)
        dialog.accepted.connect(
            lambda: self.statusBar().showMessage(
                self.tr("Password changed; your signing key is re-encrypted with it."), 8000
            )
        )
        dialog.open()
        return dialog

    def open_users(self) -> UsersDialog | None:
        if self.person is None or not self.person.is_admin:
            return None
        dialog = UsersDialog(self.store, self.person, self.languages.current, self)
        dialog.open()
        return dialog

    def open_review(self, order_id: int | None = None) -> ReviewWindow | None:
        """The selected order's review; started first (by sales or the approver) if needed."""
        order_id = self._order_or_selected(order_id)
        if order_id is None or self.person is None:
            self.statusBar().showMessage(self.tr("Select an order first"), 5000)
            return None
        due = settings.due_days(settings.Settings.in_folder(self.folder))
        found = open_review(
            self.store,
            self.person,
            order_id,
            self.languages.current,
            self,
            ask=self.isVisible(),
            due_days=due,
        )
        if isinstance(found, str):
            if found:
                QMessageBox.information(self, self.tr("Review"), found)
            return None
        found.finished.connect(lambda _result: self.refresh_rows())
        return found

    def open_catalogue(self) -> CatalogueWindow:
        window = CatalogueWindow(self.store, self.languages.current, self.actor, self)
        window.open()
        return window

    def open_templates(self) -> TemplatesDialog:
        dialog = TemplatesDialog(self.store, self.languages.current, self.actor, self)
        dialog.open()
        return dialog


def _system_locale() -> str:
    from PySide6.QtCore import QLocale

    return QLocale.system().name()
