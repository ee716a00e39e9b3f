"""Files made from the register: the register as a workbook, the records of the selected
orders printed in one job, and checking a record file. Printing and verifying run off the GUI
thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox, QTableView

from qms_review.gui import counts, folders, operations
from qms_review.gui.register_model import RegisterModel
from qms_review.gui.window_part import WindowPart

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from qms_review.core.records.verification import Verification


class RegisterFiles(WindowPart):
    """Part of :class:`~qms_review.gui.main_window.MainWindow`: its files."""

    model: RegisterModel
    table: QTableView

    def export_register(self, path: Path | None = None) -> Path | None:
        """The register as filtered now, to an Excel workbook (off the GUI thread, cancellable:
        100,000 orders take seconds); the path once written: at once with a synchronous runner
        (tests), else None and the status bar tells when done."""
        if path is None:
            name = folders.save_name(
                self,
                folders.OUTPUTS,
                self.tr("Export register"),
                "register.xlsx",
                self.tr("Excel workbook (*.xlsx)"),
            )
            if not name:
                return None
            path = Path(name)
        from qms_review.core.records import exports

        chosen, needle, only = path, self.model.needle, self.model.only
        language = self.languages.current
        op = operations.read_task(
            self,
            self.store,
            lambda s, progress: exports.register_xlsx(s, chosen, needle, language, only, progress),
            language=language,
        )
        op.in_background(
            self.tr("Exporting the register to {0}…").format(chosen.name), cancellable=True
        )
        op.titled(self.tr("Export register")).success(
            lambda count: self.statusBar().showMessage(
                self.tr("Exported {0} to {1}").format(counts.orders(count), chosen), 8000
            )
        ).cancelled(lambda: self.statusBar().showMessage(self.tr("Export cancelled"), 6000))
        return chosen if op.run().ok else None

    def selected_orders(self) -> list[int]:
        return [self.model.order_id(i.row()) for i in self.table.selectionModel().selectedRows()]

    def records_of(self, order_ids: list[int]) -> list[bytes]:
        """The newest record of each order's review in force (orders without one are skipped)."""
        from qms_review.core.records import pades
        from qms_review.core.review import progress

        def query(session: Session) -> list[bytes]:
            found = []
            for order_id in order_ids:
                review_id = progress.review_of(session, order_id)
                record = pades.newest(session, review_id) if review_id is not None else None
                if record is not None:
                    found.append(record.pdf)
            return found

        read = operations.read(self, self.store, query, language=self.languages.current).run()
        return read.result or []

    def print_records(self, printer: QPrinter | None = None) -> int:
        """Print the records of every selected order in one job (off the GUI thread); the pages
        printed, once printed: at once with a synchronous runner (tests), else 0 and the status
        bar tells when done."""
        from qms_review.gui.record_viewer import print_pdfs

        pdfs = self.records_of(self.selected_orders())
        if not pdfs:
            self.statusBar().showMessage(self.tr("The selected orders have no records yet"), 6000)
            return 0
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
                return 0
        chosen = printer
        op = operations.task(
            self,
            lambda progress: print_pdfs(chosen, pdfs, progress),
            language=self.languages.current,
        )
        op.in_background(
            self.tr("Printing {0}…").format(counts.records(len(pdfs))), cancellable=True
        )
        op.success(
            lambda pages: self.statusBar().showMessage(
                self.tr("Printed {0}, {1}").format(counts.records(len(pdfs)), counts.pages(pages)),
                8000,
            )
        )
        return op.run().result or 0

    def confirm_selected(self, path: Path | None = None) -> Path | None:
        """Confirm the selected order to the customer: its order acknowledgement (refused
        before an accepting decision), kept with its review and saved where the user chooses."""
        from qms_review.core.messages import QmsError
        from qms_review.core.review import progress
        from qms_review.core.store.models import Order
        from qms_review.gui import acknowledging

        chosen = self.selected_orders()
        if len(chosen) != 1 or self.person is None:
            self.statusBar().showMessage(self.tr("Select one order to confirm"), 6000)
            return None
        order_id, language, person = chosen[0], self.languages.current, self.person

        def find(session: Session) -> tuple[str, int]:
            order = session.get(Order, order_id)
            assert order is not None
            review_id = progress.review_of(session, order_id)
            if review_id is None:
                raise QmsError("review.none", order=order.number)
            return order.number, review_id

        title = self.tr("Confirm to the customer")
        found = operations.read(self, self.store, find, language=language).titled(title).run()
        if not found.ok or found.result is None:
            return None
        number, review_id = found.result
        return acknowledging.confirm(
            self,
            self.store,
            person,
            review_id,
            number,
            language,
            lambda said: self.statusBar().showMessage(said, 10000),
            path,
        )

    def verify_file(self, path: Path | None = None) -> str | None:
        """Check a signed record file (off the GUI thread) and show the plain report; the
        report once shown: at once with a synchronous runner (tests), else None."""
        from qms_review.core.records import verification

        if path is None:
            name = folders.open_name(
                self, folders.IMPORTS, self.tr("Verify a record file"), self.tr("PDF (*.pdf)")
            )
            if not name:
                return None
            path = Path(name)
        try:
            pdf = path.read_bytes()
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Verify"), str(exc))
            return None
        reports: list[str] = []
        operations.read(
            self,
            self.store,
            lambda s: verification.verify(s, pdf, self.languages.current),
            language=self.languages.current,
        ).in_background(self.tr("Verifying {0}…").format(path.name)).titled(
            self.tr("Verify")
        ).success(lambda result: reports.append(self._show_verification(result))).run()
        return reports[0] if reports else None

    def _show_verification(self, result: Verification) -> str:
        from qms_review.core.records import verification

        def when(check: verification.SignatureCheck) -> str:
            if check.signed_at is None:
                return self.tr("no timestamp")
            stamped = check.signed_at.astimezone().strftime("%Y-%m-%d %H:%M %z")
            return self.tr("timestamped {0}").format(stamped)

        lines = [
            f"{c.signer} ({when(c)}, “{c.meaning}”): "
            + (self.tr("valid") if not c.problems else "; ".join(c.problems))
            for c in result.signatures
        ] + result.problems
        if result.data == verification.INTACT:
            lines.append(self.tr("The attached review data is intact."))
        verdict = (
            self.tr("The record is intact and every signature is valid.")
            if result.ok
            else self.tr("The record FAILED verification.")
        )
        report = verdict + "\n\n" + "\n".join(lines)
        box = QMessageBox(
            QMessageBox.Icon.Information if result.ok else QMessageBox.Icon.Critical,
            self.tr("Verify"),
            report,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.open()
        return report
