"""Importing orders from the main window: files chosen, dropped or given at the start, each
through its wizard, one after another; the register then shows what came in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from qms_review.core.intake import report
from qms_review.core.intake.analysis import Plan
from qms_review.core.intake.importer import Result
from qms_review.core.intake.reading import SUFFIXES
from qms_review.core.store import settings
from qms_review.gui import counts, folders, import_summary
from qms_review.gui.import_wizard import ImportWizard, open_file
from qms_review.gui.window_part import WindowPart


class RegisterImports(WindowPart):
    """Part of :class:`~qms_review.gui.main_window.MainWindow`: its imports."""

    show_order: Callable[[int], None]  # the main window's
    show_differences: Callable[[int], object]  # OpensWindows'

    def choose_import(self) -> None:
        suffixes = " ".join(f"*{s}" for s in SUFFIXES)
        paths = folders.open_names(
            self,
            folders.IMPORTS,
            self.tr("Import order"),
            self.tr("Spreadsheets ({0});;All files (*)").format(suffixes),
        )
        self.import_files([Path(path) for path in paths])

    def import_files(self, paths: list[Path]) -> None:
        """Several files, one after another: each through its wizard, the next one once the
        wizard before is closed (imported or not) or its file could not be read."""
        waiting = list(paths)
        tally = import_summary.Tally(list(paths)) if len(paths) > 1 else None

        def next_file() -> None:
            if waiting:
                self.import_file(waiting.pop(0), next_file, tally)
            elif tally is not None:
                import_summary.show(self, tally)

        next_file()

    def import_file(
        self,
        path: Path,
        then: Callable[[], object] | None = None,
        tally: import_summary.Tally | None = None,
    ) -> ImportWizard | None:
        """Read ``path`` (off the GUI thread) and walk the user through importing it; then
        ``then()``, once the wizard is closed or the file could not be read. The wizard once
        it is open: at once with a synchronous runner (tests), else None and it opens when the
        file has been read."""
        opened: list[ImportWizard] = []

        def show(plan: Plan) -> None:
            due = settings.due_days(settings.Settings.in_folder(self.folder))
            wizard = ImportWizard(
                self.store, plan, self.actor, self.languages.current, self, due_days=due
            )
            wizard.imported.connect(self._imported)
            if tally is not None:
                wizard.imported.connect(lambda results: tally.add(path, results))
            if then is not None:
                wizard.finished.connect(lambda _code: QTimer.singleShot(0, self, then))
            wizard.open()
            opened.append(wizard)

        open_file(self, self.store, path, self.languages.current, show, then)
        return opened[0] if opened else None

    def _imported(self, results: list[Result]) -> None:
        result = results[0]
        self.show_order(result.order_id)
        if len(results) > 1:
            self.statusBar().showMessage(
                self.tr("Imported {0} ({1}): {2}; the checks found {3}").format(
                    counts.orders(len(results)),
                    self.tr(", ").join(
                        self.tr("{0} rev. {1}").format(r.number, r.revision) for r in results
                    ),
                    counts.lines(sum(r.lines for r in results)),
                    counts.to_review(sum(r.findings for r in results)),
                ),
                10000,
            )
            return
        self.statusBar().showMessage(
            self.tr(
                "Imported {0} revision {1}: {2}; the checks found {3} (Enter opens the order)"
            ).format(
                result.number,
                result.revision,
                counts.lines(result.lines),
                counts.to_review(result.findings),
            ),
            10000,
        )
        if any(result.changes.values()):
            self.show_differences(result.order_id)

    def save_template(self) -> None:
        path = folders.save_name(
            self,
            folders.OUTPUTS,
            self.tr("Save import template"),
            "order-template.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            report.save_template(Path(path))
            self.statusBar().showMessage(self.tr("Saved {0}").format(path), 8000)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Override QMainWindow.dragEnterEvent: accept spreadsheet files."""
        if _dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Override QMainWindow.dropEvent: import the dropped files, one after another."""
        paths = _dropped_files(event.mimeData())
        if len(paths) == 1:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.import_file(paths[0]))
        elif paths:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.import_files(paths))


def _dropped_files(mime: QMimeData) -> list[Path]:
    """The spreadsheets among the local files dropped (anything else is left out)."""
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [path for path in paths if path.suffix.lower() in SUFFIXES]
