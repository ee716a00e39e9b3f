"""The main window: the order register at its centre, with menus, toolbar and status bar."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QWidget,
)

from qms_review import __version__
from qms_review.core import demo
from qms_review.core.identity import users
from qms_review.core.messages import label
from qms_review.core.oversight.register import SORTABLE, Column
from qms_review.core.store import engines
from qms_review.core.store.database import Store
from qms_review.core.store.paths import PRIVATE_FILE
from qms_review.gui import counts, folders, guide, live, operations, screen
from qms_review.gui.empty_register import EmptyRegister
from qms_review.gui.i18n import Languages
from qms_review.gui.opening import OpensWindows
from qms_review.gui.register_files import RegisterFiles
from qms_review.gui.register_imports import RegisterImports
from qms_review.gui.register_model import RegisterModel


class MainWindow(OpensWindows, RegisterFiles, RegisterImports, QMainWindow):
    """The register of orders and reviews.

    Attributes:
        store: the open database.
        model: the register's table model.
        last_filter_ms: how long the last filter change took to answer, in milliseconds.

    Signals:
        sign_out_requested: File → Sign out; the session closes this window and its others.
        switch_user_requested: File → Switch user…; the same, the next person's login asked.
        settings_changed: the settings were saved (the idle time before locking, say).
        closed: the window was closed (the program ends unless the session closed it).
    """

    sign_out_requested = Signal()
    switch_user_requested = Signal()
    settings_changed = Signal()
    closed = Signal()

    def __init__(
        self,
        store: Store,
        languages: Languages,
        folder: Path,
        actor: str,
        parent: QWidget | None = None,
        person: users.Person | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.languages = languages
        self.folder = folder
        folders.keep_in(folder)
        self.person = person
        self.actor = person.actor if person is not None else actor
        self.last_filter_ms = 0.0
        #: asked before File → Quit closes the window; False keeps it open (the session's)
        self.close_guard: Callable[[], bool] | None = None
        self.setAcceptDrops(True)
        self.model = RegisterModel(store, languages.current, self)
        self.model.counted.connect(self._update_count)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(Column.RECEIVED, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        self._sort_indicator = (Column.RECEIVED, Qt.SortOrder.DescendingOrder)
        self.table.activated.connect(
            lambda index: self.open_order(self.model.order_id(index.row()))
        )
        self._size_columns()

        self.empty = EmptyRegister()
        self.empty.load_demo.connect(self.load_demo)
        self.empty.import_requested.connect(self.choose_import)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        self.setCentralWidget(self.stack)

        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(320)
        self.filter.textChanged.connect(self._filter_changed)
        self.filter.installEventFilter(self)  # Escape clears it
        self.count_label = QLabel()
        self.store_label = QLabel()
        self.person_label = QLabel()
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.person_label)
        self.statusBar().addPermanentWidget(self.store_label)

        self._build_actions()
        self._restore_geometry()
        self.retranslate()
        # The first query runs once the window is up, so it is painted without waiting for it.
        QTimer.singleShot(0, self.refresh)
        # What others change (answers, signatures, decisions, imports) shows within a second.
        self.watch = live.Watch(store, self)
        self.watch.changed.connect(lambda _seen: self.refresh_rows())

    # --- building ----------------------------------------------------------------------------

    def _action(self, slot: Callable[[], object], shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(self)
        # Called with no argument: triggered(bool) would hand its ``checked`` (False) to the
        # slot's first optional parameter, an order id or a path.
        action.triggered.connect(lambda: slot())
        if shortcut is not None:
            action.setShortcut(shortcut)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.act_import = self._action(self.choose_import, QKeySequence(keys.Open))
        self.act_new_order = self._action(self.new_order, QKeySequence(keys.New))
        self.act_edit_order = self._action(self.edit_order, QKeySequence("Ctrl+Shift+E"))
        self.act_template = self._action(self.save_template)
        self.act_export = self._action(self.export_register, QKeySequence("Ctrl+E"))
        self.act_print = self._action(self.print_records, QKeySequence(keys.Print))
        self.act_verify = self._action(self.verify_file)
        self.act_confirm = self._action(self.confirm_selected, QKeySequence("Ctrl+Shift+A"))
        self.act_changes = self._action(self.show_differences, QKeySequence("Ctrl+D"))
        self.act_dashboard = self._action(self.open_dashboard, QKeySequence("Ctrl+Shift+D"))
        self.act_open = self._action(self.open_order, QKeySequence("Ctrl+Return"))
        self.act_review = self._action(self.open_review, QKeySequence("Ctrl+Shift+R"))
        self.act_customer = self._action(self.open_customer_file, QKeySequence("Ctrl+Shift+C"))
        self.act_customers = self._action(self.pick_customer, QKeySequence("Ctrl+Shift+U"))
        self.act_catalogue = self._action(self.open_catalogue, QKeySequence("Ctrl+Shift+K"))
        self.act_templates = self._action(self.open_templates, QKeySequence("Ctrl+Shift+T"))
        self.act_demo = self._action(self.load_demo)
        self.act_refresh = self._action(self.refresh, QKeySequence(keys.Refresh))
        self.act_find = self._action(self._focus_filter, QKeySequence(keys.Find))
        self.act_settings = self._action(self.open_settings, _standard(keys.Preferences, "Ctrl+,"))
        self.act_password = self._action(self.change_password)
        self.act_users = self._action(self.open_users)
        self.act_sign_out = self._action(self.sign_out_requested.emit, QKeySequence("Ctrl+Shift+Q"))
        self.act_switch_user = self._action(
            self.switch_user_requested.emit, QKeySequence("Ctrl+Shift+L")
        )
        for action in (self.act_sign_out, self.act_switch_user):
            # From every window of the session: the session adds them to each one it sees.
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.act_quit = self._action(self.close, _standard(keys.Quit, "Ctrl+Q"))
        self.act_guide = self._action(
            lambda: guide.open_at(self, "register"), QKeySequence(keys.HelpContents)
        )
        self.act_keys = self._action(lambda: guide.open_at(self, "keys"))
        self.act_about = self._action(self.about)
        self.act_about_qt = self._action(lambda: QMessageBox.aboutQt(self))

        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addAction(self.act_new_order)
        self.menu_file.addAction(self.act_import)
        self.menu_file.addAction(self.act_template)
        self.menu_file.addAction(self.act_export)
        self.menu_file.addAction(self.act_print)
        self.menu_file.addAction(self.act_confirm)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_demo)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_settings)
        self.menu_file.addAction(self.act_password)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_switch_user)
        self.menu_file.addAction(self.act_sign_out)
        self.menu_file.addAction(self.act_quit)
        self.menu_view = bar.addMenu("")
        self.menu_view.addAction(self.act_find)
        self.menu_view.addAction(self.act_refresh)
        self.menu_view.addAction(self.act_open)
        self.menu_view.addAction(self.act_review)
        self.menu_view.addAction(self.act_changes)
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.act_customer)
        self.menu_view.addAction(self.act_customers)
        self.menu_view.addAction(self.act_dashboard)
        self.menu_view.addAction(self.act_edit_order)
        self.menu_tools = bar.addMenu("")
        self.menu_tools.addAction(self.act_catalogue)
        self.menu_tools.addAction(self.act_templates)
        self.menu_tools.addAction(self.act_verify)
        self.menu_tools.addSeparator()
        self.menu_tools.addAction(self.act_users)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_guide)
        self.menu_help.addAction(self.act_keys)
        self.menu_help.addSeparator()
        self.menu_help.addAction(self.act_about)
        self.menu_help.addAction(self.act_about_qt)

        self.toolbar = self.addToolBar("")
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addAction(self.act_import)
        self.toolbar.addAction(self.act_open)
        self.toolbar.addAction(self.act_review)
        self.toolbar.addAction(self.act_changes)
        self.toolbar.addAction(self.act_refresh)
        self.toolbar.addAction(self.act_dashboard)
        self.toolbar.addSeparator()
        self.filter_label = QLabel()
        self.toolbar.addWidget(self.filter_label)
        self.toolbar.addWidget(self.filter)
        self.mine = QCheckBox()
        # Never narrower than its text (a longer translation), and not flush with the edge.
        self.mine.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.mine.toggled.connect(self._mine_toggled)
        self.toolbar.addWidget(self.mine).setVisible(self.person is not None)
        room = QWidget()
        room.setFixedWidth(8)
        self.toolbar.addWidget(room)

    def _size_columns(self) -> None:
        widths = {
            Column.CUSTOMER: 240,
            Column.KIND: 90,
            Column.NUMBER: 160,
            Column.REVISION: 45,
            Column.ORDER_DATE: 95,
            Column.RECEIVED: 130,
            Column.LINES: 50,
            Column.STATUS: 140,
            Column.FINDINGS: 100,
            Column.REVIEW: 150,
            Column.DUE: 150,
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)

    # --- language ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Override QObject.eventFilter: in the filter box, Escape clears the filter, Down goes
        to the first order found and Enter opens it."""
        if (
            watched is self.filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            key = event.key()
            if key == Qt.Key.Key_Escape and self.filter.text():
                self.filter.clear()
                return True
            if (
                key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.model.rowCount()
            ):
                # on to the rows found: the first selected; Enter opens it at once
                self.table.setFocus()
                self.table.selectRow(0)
                self.table.setCurrentIndex(self.model.index(0, 0))
                if key != Qt.Key.Key_Down:
                    self.open_order(self.model.order_id(0))
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        """Override QMainWindow.changeEvent: retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        title = self.tr("QMS Review — contract and order review")
        if self.person is not None:
            title += " — " + self.person.display_name
        if self.store.identity.is_demo:
            title += " " + self.tr("[DEMO DATABASE]")
        self.setWindowTitle(title)
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_tools.setTitle(self.tr("&Tools"))
        self.act_open.setText(self.tr("&Open order"))
        self.act_open.setToolTip(
            self.tr("The selected order's lines and findings (Enter or double-click)")
        )
        self.act_catalogue.setText(self.tr("Capability &catalogue…"))
        self.act_customer.setText(self.tr("&Customer file…"))
        self.act_customer.setToolTip(
            self.tr(
                "The selected order's customer: orders, reviews, communications, feedback and "
                "complaints, property"
            )
        )
        self.act_customers.setText(self.tr("C&ustomers…"))
        self.act_customers.setToolTip(
            self.tr("Find a customer by name, code, complaint or property, and open their file")
        )
        self.act_review.setText(self.tr("Re&view"))
        self.act_review.setToolTip(
            self.tr("Walk through the selected order's review (started when there is none)")
        )
        self.act_review.setEnabled(self.person is not None)
        self.mine.setText(self.tr("My open items"))
        self.mine.setToolTip(self.tr("Only orders whose review waits for one of your functions"))
        self.act_templates.setText(self.tr("Checklist &templates…"))
        self.act_password.setText(self.tr("C&hange password…"))
        self.act_users.setText(self.tr("&Users and security…"))
        self.act_password.setEnabled(self.person is not None)
        self.act_sign_out.setText(self.tr("Sign &out"))
        self.act_sign_out.setToolTip(
            self.tr("Close every window of your session and show the login for the next person")
        )
        self.act_switch_user.setText(self.tr("S&witch user…"))
        self.act_switch_user.setToolTip(
            self.tr("Close every window of your session and let another user sign in")
        )
        self.act_sign_out.setEnabled(self.person is not None)
        self.act_switch_user.setEnabled(self.person is not None)
        self.act_users.setEnabled(self.person is not None and self.person.is_admin)
        if self.person is not None:
            functions = ", ".join(
                label("owner", f.value, self.languages.current) for f in self.person.functions
            )
            self.person_label.setText(self.tr("Signed in: {0}").format(self.person.display_name))
            self.person_label.setToolTip(f"{self.person.login} — {functions}")
        self.menu_help.setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        self.act_import.setText(self.tr("&Import order…"))
        self.act_import.setToolTip(
            self.tr("Import an order, contract, bid or quotation from a spreadsheet")
        )
        self.act_new_order.setText(self.tr("&New order…"))
        self.act_new_order.setToolTip(
            self.tr("Type in an order, contract, bid or enquiry (taken by phone, say)")
        )
        self.act_edit_order.setText(self.tr("&Edit order…"))
        self.act_edit_order.setToolTip(
            self.tr("Change the selected order: saved as its next revision, with its differences")
        )
        self.act_template.setText(self.tr("Save import &template…"))
        self.act_export.setText(self.tr("&Export register to Excel…"))
        self.act_print.setText(self.tr("&Print records of the selected orders…"))
        self.act_verify.setText(self.tr("&Verify a record file…"))
        self.act_confirm.setText(self.tr("&Confirm to the customer…"))
        self.act_confirm.setToolTip(
            self.tr("The selected order's acknowledgement (PDF and .xlsx), once it is accepted")
        )
        self.act_export.setToolTip(self.tr("The orders shown (with the current filter) as .xlsx"))
        self.act_changes.setText(self.tr("&Differences…"))
        self.act_changes.setToolTip(self.tr("What the selected order's latest revision changed"))
        self.act_dashboard.setText(self.tr("Das&hboard"))
        self.act_dashboard.setToolTip(
            self.tr("Reviews open, due and overdue, cycle time, decisions, findings (Ctrl+Shift+D)")
        )
        self.act_demo.setText(self.tr("Load &demo data"))
        self.act_refresh.setText(self.tr("&Refresh"))
        self.act_find.setText(self.tr("&Find in register"))
        self.act_settings.setText(self.tr("&Settings…"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_guide.setText(self.tr("User &guide"))
        self.act_keys.setText(self.tr("&Keyboard shortcuts"))
        self.act_about.setText(self.tr("&About QMS Review"))
        self.act_about_qt.setText(self.tr("About &Qt"))
        self.filter_label.setText(self.tr("Filter:") + " ")
        self.filter.setPlaceholderText(
            self.tr("customer, number, kind or status — every word must match")
        )
        self.store_label.setText(self.tr("Database: {0}").format(self._store_name()))
        self.store_label.setToolTip(self.store.url)
        self.empty.retranslate()
        self.model.set_language(self.languages.current)
        self._update_count()

    def _store_name(self) -> str:
        path = engines.sqlite_path(self.store.url)
        return path.name if path is not None else self.store.url

    # --- behaviour ---------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.person is not None and self.mine.isChecked():
            self._mine_toggled(True)
            return
        self.model.reload()
        self._update_count()

    def _filter_changed(self, text: str) -> None:
        started = time.perf_counter()
        self.model.set_filter(text)
        self.table.scrollToTop()  # a new filter shows its first match first, whatever was shown
        self._update_count()
        self.last_filter_ms = (time.perf_counter() - started) * 1000

    def _mine_toggled(self, checked: bool) -> None:
        """Show only the orders waiting for the signed-in user (or all again)."""
        if self.shown_figure is not None:
            self.shown_figure.hide()
        if checked and self.person is not None:
            from qms_review.core.review import progress

            person = self.person
            operations.read(
                self,
                self.store,
                lambda s: progress.my_open_orders(s, person),
                language=self.languages.current,
            ).success(self.model.set_only).run()
        else:
            self.model.set_only(None)
        self._update_count()

    def _focus_filter(self) -> None:
        """View → Find in register (Ctrl+F). On a narrow window the filter is in the toolbar's
        overflow, out of sight: the toolbar is expanded first (its » button), or the keys would
        do nothing."""
        if not self.filter.isVisible():
            more = self.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
            if more is not None and more.isVisible():
                animated = self.isAnimated()
                self.setAnimated(False)  # expanded at once, so the filter can take the focus
                more.click()
                self.setAnimated(animated)
        self.filter.setFocus()
        self.filter.selectAll()

    def _update_count(self) -> None:
        total, shown = self.model.total, self.model.rowCount()
        self.stack.setCurrentWidget(self.table if total else self.empty)
        self.filter.setEnabled(total > 0)
        # The demo goes only into a new database or a demo one, never among an organisation's
        # own users (the core refuses that too).
        offer_demo = self.person is None or self.store.identity.is_demo
        self.act_demo.setEnabled(total == 0 and offer_demo)
        self.empty.offer_demo(offer_demo)
        if not total:
            self.count_label.setText(self.tr("No orders yet"))
        elif self.model.counting and not shown:  # none among the orders a keystroke reads
            self.count_label.setText(
                self.tr("Looking through all {0} orders…").format(counts.grouped(total))
            )
        elif self.model.counting:  # the first page is shown; the rest is being counted
            self.count_label.setText(
                self.tr("At least {0} of {1} orders match (counting…)").format(
                    counts.grouped(shown), counts.grouped(total)
                )
            )
        elif self.model.needle or self.model.only is not None:
            self.count_label.setText(
                self.tr("{0} of {1} orders match").format(
                    counts.grouped(shown), counts.grouped(total)
                )
            )
        else:
            self.count_label.setText(counts.orders(total))

    def load_demo(self) -> None:
        """Load the demo data (seconds: off the GUI thread, with a busy dialog)."""

        def loaded(created: int) -> None:
            self.store.reload_identity()
            self.refresh()
            self.retranslate()
            self.statusBar().showMessage(
                self.tr("Loaded the demo: {0} orders and quotations").format(created), 8000
            )

        operations.call(
            self, lambda: demo.load(self.store, self.actor), language=self.languages.current
        ).in_background(self.tr("Loading the demo…")).titled(self.tr("Demo data")).success(
            loaded
        ).run()

    def show_order(self, order_id: int) -> None:
        """The register read again without a filter (nor a dashboard figure's orders), the
        order's row selected and shown."""
        self.filter.clear()
        if self.model.only is not None:
            self.show_all_orders()
        self.refresh()
        row = self.model.row_of(order_id)
        if row is not None:
            self._select_row(row)
            self.table.scrollTo(self.model.index(row, 0))

    def selected_order(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.order_id(rows[0].row()) if rows else None

    def refresh_rows(self) -> None:
        """Read the visible rows again (findings may have changed), keeping the selection."""
        selected = self.selected_order()
        self.refresh()
        row = self.model.row_of(selected) if selected is not None else None
        if row is not None:
            self._select_row(row)

    def _select_row(self, row: int) -> None:
        """Select ``row`` alone, whatever keys are held (``QTableView.selectRow`` reads the
        modifiers: with Ctrl still down from a shortcut it would toggle the row off)."""
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        """A column the register cannot sort by keeps the previous sort indicator."""
        if Column(column) in SORTABLE:
            self._sort_indicator = (Column(column), order)
            return
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(*self._sort_indicator)
        header.blockSignals(False)

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About QMS Review"),
            self.tr(
                "<h3>QMS Review {0}</h3>"
                "<p>Review of customer enquiries, bids, contracts and orders before committing to "
                "supply (ISO 9001:2015 clause 8.2), with a signed, tamper-evident record.</p>"
                "<p>Database: {1}<br>Data folder: {2}</p>"
                "<p>Supports the principles of 21 CFR Part 11 and EU GMP Annex 11 for audit "
                "trails and electronic signatures.</p>"
            ).format(__version__, self.store.url, self.folder),
        )

    def settings_saved(self) -> None:
        self.settings_changed.emit()

    # --- window state ------------------------------------------------------------------------

    def _gui_state(self) -> QSettings:
        return QSettings(str(self.folder / "gui-state.ini"), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        state = self._gui_state()
        geometry = state.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen.fit(self, 1180, 720)
        header = state.value("main/header")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Override QMainWindow.closeEvent: ask ``close_guard`` first (text typed in other
        windows), then remember the window's size and columns."""
        if self.close_guard is not None and not self.close_guard():
            event.ignore()
            return
        state = self._gui_state()
        state.setValue("main/geometry", self.saveGeometry())
        state.setValue("main/header", self.table.horizontalHeader().saveState())
        state.sync()
        with contextlib.suppress(OSError):  # Qt writes it with the umask's permissions
            os.chmod(state.fileName(), PRIVATE_FILE)
        super().closeEvent(event)
        if event.isAccepted():
            for watch in self.findChildren(live.Watch):  # its own, the dashboard's
                watch.stop()
            self.model.stop()
            self.closed.emit()


def _standard(key: QKeySequence.StandardKey, otherwise: str) -> QKeySequence:
    """The platform's keys for ``key``, or ``otherwise`` where it has none (Quit and
    Preferences have none on some Linux desktops)."""
    bindings = QKeySequence.keyBindings(key)
    return bindings[0] if bindings else QKeySequence(otherwise)
