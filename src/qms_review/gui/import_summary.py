"""After several files were imported one after another (dropped together, or chosen together
in File → Import): one summary of them all, files, orders, lines and the files not imported,
so the user need not piece it together from the status bar."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from qms_review.core.intake.importer import Result
from qms_review.gui import counts


@dataclass
class Tally:
    """What became of each file of one import of several."""

    files: list[Path]
    imported: dict[Path, list[Result]] = field(default_factory=dict)

    def add(self, path: Path, results: list[Result]) -> None:
        self.imported[path] = list(results)

    @property
    def not_imported(self) -> list[Path]:
        """The files refused, unreadable or left by the user (the wizard cancelled)."""
        return [path for path in self.files if path not in self.imported]

    def text(self) -> str:
        results = [r for found in self.imported.values() for r in found]
        translate = QCoreApplication.translate
        said = translate("ImportSummary", "{0}: {1} imported ({2}, {3}).").format(
            counts.files(len(self.files)),
            len(self.imported),
            counts.orders(len(results)),
            counts.lines(sum(r.lines for r in results)),
        )
        if self.not_imported:
            said += "\n\n" + translate("ImportSummary", "Not imported: {0}").format(
                ", ".join(path.name for path in self.not_imported)
            )
        return said


def show(parent: QWidget, tally: Tally) -> QMessageBox:
    """The summary, in a window-modal box the user closes (opened, not executed)."""
    box = QMessageBox(
        QMessageBox.Icon.Information if not tally.not_imported else QMessageBox.Icon.Warning,
        QCoreApplication.translate("ImportSummary", "Import of several files"),
        tally.text(),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("import-summary")
    box.open()
    return box
