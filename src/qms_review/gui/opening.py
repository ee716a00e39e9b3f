"""The windows and dialogs opened from the register: an order, its differences, its review,
its customer's file (or the customer picker), the dashboard (and the orders behind one of its
figures), the catalogue, the checklist templates, users,
settings and one's password."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton, QWidget

from qms_review.core.intake.importer import Result
from qms_review.core.store import settings
from qms_review.gui import counts
from qms_review.gui.catalogue_window import CatalogueWindow
from qms_review.gui.customer_file import CustomerFileWindow
from qms_review.gui.customer_picker import CustomerPicker
from qms_review.gui.dashboard import DashboardWindow
from qms_review.gui.differences import DifferencesDialog
from qms_review.gui.login import ChangePasswordDialog
from qms_review.gui.order_form import OrderForm
from qms_review.gui.order_view import OrderView
from qms_review.gui.register_model import RegisterModel
from qms_review.gui.review.start import open_review
from qms_review.gui.review.window import ReviewWindow
from qms_review.gui.settings_dialog import SettingsDialog
from qms_review.gui.templates_dialog import TemplatesDialog
from qms_review.gui.users_dialog import UsersDialog
from qms_review.gui.window_part import WindowPart


class OpensWindows(WindowPart):
    """Part of :class:`~qms_review.gui.main_window.MainWindow`: what it opens."""

    model: RegisterModel
    selected_order: Callable[[], int | None]
    refresh_rows: Callable[[], None]
    settings_saved: Callable[[], None]
    _update_count: Callable[[], None]
    #: the orders behind a dashboard figure are shown: this button (in the status bar) says
    #: which, and a click on it shows every order again
    shown_figure: QPushButton | None = None

    def _shown(self, key: tuple[str, int]) -> QDialog | None:
        """The order view or review window ``key`` opened before and still shown, brought to
        the front (one window per order and per review: two would disagree)."""
        shown: dict[tuple[str, int], QDialog] = self.__dict__.setdefault("_windows", {})
        window = shown.get(key)
        if window is None or not shiboken6.isValid(window) or not window.isVisible():
            shown.pop(key, None)
            return None
        window.raise_()
        window.activateWindow()
        return window

    def _remember(self, key: tuple[str, int], window: QDialog) -> None:
        self.__dict__.setdefault("_windows", {})[key] = window

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
        if isinstance(shown := self._shown(("order", order_id)), OrderView):
            return shown
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
        # Not modal: the register stays usable beside it (another order, a filter, a review).
        view.setWindowModality(Qt.WindowModality.NonModal)
        view.show()
        self._remember(("order", order_id), view)
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
                "Saved {0} revision {1}: {2}; the checks found {3} (Enter opens the order)"
            ).format(
                result.number,
                result.revision,
                counts.lines(result.lines),
                counts.to_review(result.findings),
            ),
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
        if isinstance(shown := self._shown(("review", order_id)), ReviewWindow):
            return shown
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
        self._remember(("review", order_id), found)
        return found

    def open_customer_file(self, customer_id: int | None = None) -> QDialog | None:
        """The file of ``customer_id``, else of the selected order's customer; with no order
        selected, the customer picker."""
        if customer_id is None:
            order_id = self.selected_order()
            if order_id is None:
                return self.pick_customer()
            from qms_review.core.customers.file import customer_of_order
            from qms_review.gui import operations

            read = operations.read(
                self,
                self.store,
                lambda s: customer_of_order(s, order_id),
                language=self.languages.current,
            ).run()
            if read.result is None:
                return None
            customer_id = read.result
        if (shown := self._shown(("customer", customer_id))) is not None:
            return shown
        window = CustomerFileWindow(
            self.store,
            customer_id,
            self.languages.current,
            self.person,
            self,
            on_order=lambda order_id: self.open_order(order_id),
        )
        # Not modal: the orders it opens, and the register, stay usable beside it.
        window.setWindowModality(Qt.WindowModality.NonModal)
        window.show()
        self._remember(("customer", customer_id), window)
        return window

    def pick_customer(self) -> CustomerPicker:
        """The customers, found by name, code, complaint or property; the one chosen opens."""
        picker = CustomerPicker(
            self.store, self.languages.current, lambda chosen: self.open_customer_file(chosen), self
        )
        picker.open()
        return picker

    def open_catalogue(self) -> CatalogueWindow:
        window = CatalogueWindow(self.store, self.languages.current, self.actor, self)
        window.open()
        return window

    def open_templates(self) -> TemplatesDialog:
        dialog = TemplatesDialog(self.store, self.languages.current, self.actor, self)
        dialog.open()
        return dialog

    def open_dashboard(self) -> DashboardWindow:
        """The dashboard (one per register window): made on first use, then brought forward."""
        found = self.findChild(DashboardWindow, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if found is None:
            found = DashboardWindow(self.store, self)
            found.orders_chosen.connect(self.show_orders)
        found.show()
        found.raise_()
        found.activateWindow()
        return found

    def show_orders(self, figure: str, order_ids: list[int]) -> None:
        """Show only ``order_ids`` in the register (the orders behind a dashboard ``figure``),
        with a button in the status bar that says so and shows every order again."""
        if self.shown_figure is None:
            self.shown_figure = QPushButton()
            self.shown_figure.setFlat(True)
            self.shown_figure.clicked.connect(lambda: self.show_all_orders())
            self.statusBar().addWidget(self.shown_figure)
        mine = getattr(self, "mine", None)
        if mine is not None and mine.isChecked():
            mine.blockSignals(True)
            mine.setChecked(False)
            mine.blockSignals(False)
        self.model.set_only(order_ids)
        self._update_count()
        self.shown_figure.setText(
            self.tr("Orders behind “{0}” ({1}) — click to show all").format(figure, len(order_ids))
        )
        self.shown_figure.show()
        self.raise_()
        self.activateWindow()

    def show_all_orders(self) -> None:
        """Every order again, after the orders behind a figure."""
        if self.shown_figure is not None:
            self.shown_figure.hide()
        self.model.set_only(None)
        self._update_count()


def _system_locale() -> str:
    from PySide6.QtCore import QLocale

    return QLocale.system().name()
