"""The dashboard (View → Dashboard, Ctrl+Shift+D): the figures a quality manager watches, for a
period, a customer and a kind, with every figure clicking through to the orders behind it.

The figures come from :func:`stats.figures` (computed in SQL), the orders behind one from
:func:`behind.orders_behind`; the window hands them to the register (:attr:`orders_chosen`).
The same figures are saved as a workbook, or as the management-review report (PDF), for the
period chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from qms_review.core.messages import label, text
from qms_review.core.oversight import behind, fractions, stats
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import OrderKind
from qms_review.gui import counts, folders, guide, i18n, live, operations, screen
from qms_review.gui.charts import Bar, BarChart

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: The periods offered, in the order of the list; the first is the default.
PERIODS = ("12m", "3m", "year", "last_year", "all", "custom")
#: The single figures shown as tiles: (figure key for the orders behind, Figures attribute).
TILES = (
    ("open", "open_reviews"),
    ("not_started", "not_started"),
    ("due_this_week", "due_this_week"),
    ("overdue", "overdue"),
    ("questions_open", "questions_open"),
    ("orders", "orders"),
    ("decided", "decided"),
    ("amended", "amended_orders"),
)


def period_dates(period: str, today: date) -> tuple[date | None, date | None]:
    """The first and last day of a period of :data:`PERIODS` (``custom``: none)."""
    if period == "12m":
        return _year_before(today) + timedelta(days=1), today
    if period == "3m":
        return today - timedelta(days=91), today
    if period == "year":
        return date(today.year, 1, 1), today
    if period == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return None, None


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


class DashboardWindow(QWidget):
    """The figures of a period, with filters, charts, and exports.

    Attributes:
        figures: the figures shown (None before the first read).
        tiles: the single figures' buttons, by figure key.
        charts: the charts, by name (waiting, decisions, months, kinds, rules, vague).

    Signals:
        orders_chosen(str, list): a figure was clicked: its name and the ids of its orders.
    """

    orders_chosen = Signal(str, list)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.figures: stats.Figures | None = None
        self.today = date.today()

        self.period = QComboBox()
        self.period.currentIndexChanged.connect(self._period_changed)
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self._dates_changed())
        self.customer = QLineEdit()
        self.customer.setClearButtonEnabled(True)
        self.customer.setMinimumWidth(self.customer.fontMetrics().horizontalAdvance("M") * 12)
        self.customer.returnPressed.connect(self.refresh)
        self.customer.editingFinished.connect(self._customer_done)
        self.kind = QComboBox()
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.export_button, self.report_button = QPushButton(), QPushButton()
        self.export_button.clicked.connect(lambda: self.export_xlsx())
        self.report_button.clicked.connect(lambda: self.save_report())
        self.period_label, self.customer_label, self.kind_label = QLabel(), QLabel(), QLabel()
        filters = QHBoxLayout()
        for widget in (
            self.period_label,
            self.period,
            self.start,
            self.end,
            self.customer_label,
            self.customer,
            self.kind_label,
            self.kind,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)

        self.tiles: dict[str, QPushButton] = {}
        tiles = QHBoxLayout()
        for key, _attribute in TILES:
            tile = QPushButton()
            tile.setObjectName(f"tile-{key}")
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            tile.setMinimumHeight(tile.fontMetrics().height() * 3 + 12)
            tile.clicked.connect(lambda _c=False, k=key: self.choose(k))
            self.tiles[key] = tile
            tiles.addWidget(tile)
        self.cycle = QLabel()
        self.cycle.setWordWrap(True)

        self.charts = {
            "waiting": BarChart(),
            "decisions": BarChart(),
            "months": BarChart(vertical=True),
            "kinds": BarChart(),
            "rules": BarChart(),
            "vague": BarChart(),
        }
        grid = QGridLayout()
        for index, chart in enumerate(self.charts.values()):
            chart.chosen.connect(self.choose)
            grid.addWidget(chart, index // 3, index % 3)

        self.status = QLabel()
        self.status.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(tiles)
        layout.addWidget(self.cycle)
        layout.addLayout(grid, 1)
        layout.addLayout(bottom)

        refresh = QAction(self)
        refresh.setShortcuts(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(lambda: self.refresh())
        closing = QAction(self)
        closing.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close), QKeySequence("Esc")])
        closing.triggered.connect(lambda: self.close())
        self.addActions([refresh, closing])
        guide.offer(self, "dashboard")

        self._filling = True
        self._fill_lists()
        self.retranslate()
        self._filling = False
        self._period_changed()
        screen.fit(self, 1260, 720)
        # the figures follow what anyone records (a decision, an import) while they are shown
        self.watch = live.follow(
            self, store, None, lambda _names: self.refresh(), language=self.language
        )

    # --- language -------------------------------------------------------------------------------

    @property
    def language(self) -> str:
        return i18n.current()

    def changeEvent(self, event: QEvent) -> None:
        """Override QWidget.changeEvent: retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._filling = True
            self._fill_lists()
            self._filling = False
            self.retranslate()
            if self.figures is not None:
                self._show(self.figures)
        super().changeEvent(event)

    def _fill_lists(self) -> None:
        chosen_period = self.period.currentIndex()
        names = {
            "12m": self.tr("Last 12 months"),
            "3m": self.tr("Last 3 months"),
            "year": self.tr("This year"),
            "last_year": self.tr("Last year"),
            "all": self.tr("All time"),
            "custom": self.tr("From … to …"),
        }
        self.period.clear()
        for key in PERIODS:
            self.period.addItem(names[key], key)
        self.period.setCurrentIndex(max(chosen_period, 0))
        chosen_kind = self.kind.currentIndex()
        self.kind.clear()
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in OrderKind:
            self.kind.addItem(label("kind", kind.value, self.language), kind.value)
        self.kind.setCurrentIndex(max(chosen_kind, 0))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Dashboard — contract reviews"))
        self.period_label.setText(self.tr("Period:"))
        self.customer_label.setText(self.tr("Customer:"))
        self.kind_label.setText(self.tr("Kind:"))
        self.customer.setPlaceholderText(self.tr("name or code"))
        self.export_button.setText(self.tr("Save as &Excel…"))
        self.export_button.setToolTip(self.tr("The figures shown, as an .xlsx workbook"))
        self.report_button.setText(self.tr("Management &report (PDF)…"))
        self.report_button.setToolTip(
            self.tr("The management-review report (ISO 9001 §9.3) of the period chosen")
        )

    # --- reading --------------------------------------------------------------------------------

    def scope(self) -> stats.Scope:
        """The period, customer and kind chosen."""
        start: date | None = self.start.date().toPython()  # type: ignore[assignment]
        end: date | None = self.end.date().toPython()  # type: ignore[assignment]
        if self.period.currentData() == "all":
            start = end = None
        kind = self.kind.currentData()
        customer = self.customer.text().strip() or None
        return stats.Scope(start, end, customer, OrderKind(kind) if kind else None)

    def _period_changed(self) -> None:
        period = self.period.currentData()
        custom = period == "custom"
        for edit in (self.start, self.end):
            edit.setEnabled(custom)
            edit.setVisible(period != "all")
        if not custom:
            start, end = period_dates(period, self.today)
            self._filling, was = True, self._filling
            if start is not None and end is not None:
                self.start.setDate(QDate(start))
                self.end.setDate(QDate(end))
            self._filling = was
        self.refresh()

    def _dates_changed(self) -> None:
        if self.period.currentData() == "custom":
            self.refresh()

    def _customer_done(self) -> None:
        if self.figures is not None and (self.customer.text().strip() or None) != (
            self.figures.scope.customer
        ):
            self.refresh()

    def refresh(self) -> None:
        """Read the figures of the scope chosen and show them."""
        if self._filling:
            return
        scope, today = self.scope(), self.today
        operations.read(
            self, self.store, lambda s: stats.figures(s, scope, today), language=self.language
        ).success(self._show).run()

    # --- showing --------------------------------------------------------------------------------

    def _show(self, found: stats.Figures) -> None:
        self.figures = found
        lang = self.language
        for key, attribute in TILES:
            tile = self.tiles[key]
            name = text(f"stats.{attribute}", lang)
            tile.setText(f"{getattr(found, attribute)}\n{name}")
            tile.setAccessibleName(f"{name}: {getattr(found, attribute)}")
            tile.setToolTip(self.tr("Show these orders in the register"))
        self.cycle.setText(self._cycle_text(found))
        self._charts(found)
        self.status.setText(
            self.tr("{0} — as of {1}. Click a figure or a bar to see its orders.").format(
                _scope_text(found.scope, lang), found.today.isoformat()
            )
        )

    def _cycle_text(self, found: stats.Figures) -> str:
        def days(value: float | None) -> str:
            return "–" if value is None else counts.days(value)

        parts = [
            self.tr("Receipt to decision: median {0}, 90th percentile {1}").format(
                days(found.cycle_median_days), days(found.cycle_p90_days)
            ),
            self.tr("amendments per order {0}").format(
                fractions.one_decimal(found.amendments_per_order)
            ),
        ]
        if found.questions_open:
            parts.append(
                self.tr("questions open {0}, oldest {1}").format(
                    found.questions_open, days(found.oldest_question_days)
                )
            )
        return self.tr("; ").join(parts)

    def _charts(self, found: stats.Figures) -> None:
        lang, none = self.language, self.tr("Nothing in this period")
        self.charts["waiting"].set_bars(
            self.tr("Open reviews waiting for"),
            [
                Bar(f"waiting:{f.value}", label("owner", f.value, lang), n, str(n))
                for f, n in found.holding_up.items()
            ],
            self.tr("No review is waiting"),
        )
        self.charts["decisions"].set_bars(
            self.tr("Decisions"),
            [
                Bar(
                    f"decision:{d.value}",
                    label("decision", d.value, lang),
                    n,
                    f"{n} ({100 * (found.rate(d) or 0):.0f}%)",
                )
                for d, n in found.decisions.items()
            ],
            none,
        )
        self.charts["months"].set_bars(
            self.tr("Median days from receipt to decision, by month"),
            [
                Bar(f"month:{m.month}", m.month[5:], m.median_days, f"{m.median_days:.1f}")
                for m in found.by_month[-12:]
            ],
            none,
        )
        self.charts["kinds"].set_bars(
            self.tr("Findings by kind"),
            [
                Bar(f"kind:{k.value}", text(f"check.kind.{k.value}", lang), n, str(n))
                for k, n in found.findings_by_kind.items()
            ],
            none,
        )
        self.charts["rules"].set_bars(
            self.tr("Findings by rule"),
            [
                Bar(f"rule:{r}", label("check.rule", r, lang), n, str(n))
                for r, n in found.findings_by_rule
            ],
            none,
        )
        self.charts["vague"].set_bars(
            self.tr("Vaguest orders: clarity findings per revision"),
            [
                Bar(f"vague:{c}", c, n / max(r, 1), f"{n / max(r, 1):.1f} ({n}/{r})")
                for c, n, r in found.vaguest_customers
            ],
            none,
        )

    # --- clicking through -----------------------------------------------------------------------

    def choose(self, figure: str) -> None:
        """The orders behind ``figure``, handed to the register (:attr:`orders_chosen`)."""
        if self.figures is None:
            return
        scope, today = self.figures.scope, self.figures.today
        name = self._figure_name(figure)
        operations.read(
            self,
            self.store,
            lambda s: behind.orders_behind(s, scope, figure, today),
            language=self.language,
        ).success(lambda ids: self.orders_chosen.emit(name, ids)).run()

    def _figure_name(self, figure: str) -> str:
        for key, attribute in TILES:
            if key == figure:
                return text(f"stats.{attribute}", self.language)
        for chart in self.charts.values():
            for bar in chart.bars:
                if bar.key == figure:
                    return f"{chart.title}: {bar.label}"
        return figure

    # --- saving ---------------------------------------------------------------------------------

    def export_xlsx(self) -> None:
        """The figures shown as a workbook."""

        def write(session: Session, found: stats.Figures, path: Path, language: str) -> None:
            from qms_review.core.records import figures_workbook

            figures_workbook.stats_xlsx(found, path, language)

        self._save(
            self.tr("Save the figures"),
            "review-figures-{0}.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
            self.tr("Saving the figures…"),
            write,
        )

    def save_report(self) -> None:
        """The management-review report of the figures shown, as PDF."""

        def write(session: Session, found: stats.Figures, path: Path, language: str) -> None:
            from qms_review.core.records import management

            organisation = management.organisation_of(session)
            path.write_bytes(management.report_pdf(found, organisation, language))

        self._save(
            self.tr("Save the management-review report"),
            "management-review-{0}.pdf",
            self.tr("PDF document (*.pdf)"),
            self.tr("Making the report…"),
            write,
        )

    def _save(
        self,
        title: str,
        name: str,
        filters: str,
        busy: str,
        write: Callable[[Session, stats.Figures, Path, str], None],
    ) -> None:
        """Ask where, then ``write`` the figures of the scope shown, read again in the
        background: what was recorded since they were shown is in the file too (a report says
        when it was made, so its figures are of that moment)."""
        shown = self.figures
        if shown is None:
            return
        path = folders.save_name(
            self, folders.OUTPUTS, title, name.format(shown.today.isoformat()), filters
        )
        if not path:
            return
        language, scope, today = self.language, shown.scope, shown.today

        def save(session: Session) -> Path:
            write(session, stats.figures(session, scope, today), Path(path), language)
            return Path(path)

        operations.read(self, self.store, save, language=language).in_background(busy).success(
            self._saved
        ).run()

    def _saved(self, path: Path) -> None:
        self.refresh()  # the figures the file holds
        self.status.setText(self.tr("Saved {0}").format(path))


def _scope_text(scope: stats.Scope, language: str) -> str:
    from qms_review.core.records import figures_workbook

    return figures_workbook.scope_text(scope, language)
