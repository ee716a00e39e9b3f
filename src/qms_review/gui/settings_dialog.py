"""The settings dialog: language (applied at once), when reviews are due, after how long
without input the session locks (at once), and database location (at next start)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from qms_review.core import catalogues
from qms_review.core.store import engines, paths, settings
from qms_review.gui import guide


class SettingsDialog(QDialog):
    """Edits the settings file of the data folder.

    Signals:
        language_chosen(str): the user saved a language ("" for the system's, or a
            catalogue's code such as "en" or "zh_CN").
    """

    language_chosen = Signal(str)

    def __init__(self, folder: Path, current_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        guide.offer(self, "settings")
        self.setWindowTitle(self.tr("Settings"))
        self.folder = folder
        self.settings = settings.Settings.in_folder(folder)
        self._start_url = self.settings.get(settings.DATABASE_URL)

        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), "")
        for code, name in catalogues.available().items():
            self.language.addItem(name, code)
        index = self.language.findData(self.settings.get(settings.LANGUAGE))
        self.language.setCurrentIndex(max(index, 0))

        self.database = QLineEdit(self._start_url)
        self.database.setPlaceholderText(str(folder / paths.DATABASE_FILE))
        self.database.setMinimumWidth(420)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.database)
        row.addWidget(browse)

        note = QLabel(
            self.tr(
                "Leave the database empty for the file in the data folder, choose another SQLite "
                "file, or enter a PostgreSQL URL (postgresql+psycopg://user@server/database). "
                "A new database location takes effect at the next start.\n"
                "In use now: {0}"
            ).format(current_url)
        )
        note.setWordWrap(True)

        self.due_days = QSpinBox()
        self.due_days.setRange(0, 60)
        self.due_days.setValue(settings.due_days(self.settings))
        self.due_days.setSuffix(self.tr(" working days after receipt"))
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(0, settings.LOCK_MINUTES_MAX)
        self.lock_minutes.setValue(settings.lock_minutes(self.settings))
        self.lock_minutes.setSpecialValueText(self.tr("Never"))
        self.lock_minutes.setSuffix(self.tr(" minutes without keyboard or mouse input"))
        self.lock_minutes.setToolTip(
            self.tr(
                "The session locks: its windows are hidden until the same user enters their "
                "password again, or someone else signs in instead. 0 never locks."
            )
        )
        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(self.tr("Reviews are due:"), self.due_days)
        form.addRow(self.tr("Lock the session after:"), self.lock_minutes)
        form.addRow(self.tr("Database:"), row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Database file"),
            str(self.folder),
            self.tr("SQLite databases (*.sqlite3 *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if chosen:
            self.database.setText(engines.sqlite_url(Path(chosen)))

    def database_value(self) -> str | None:
        """The database setting as entered, or None (after telling the user) if it is invalid."""
        value = self.database.text().strip()
        if not value:
            return ""
        if "://" not in value:  # a plain path
            return engines.sqlite_url(Path(value).expanduser())
        try:
            backend = make_url(value).get_backend_name()
        except ArgumentError:
            backend = ""
        if backend not in ("sqlite", "postgresql"):
            QMessageBox.warning(
                self,
                self.tr("Settings"),
                self.tr(
                    "“{0}” is not a database location this program can use: give a file path, "
                    "an sqlite:/// URL or a postgresql:// URL."
                ).format(value),
            )
            return None
        return value

    def accept(self) -> None:
        """Override QDialog.accept: validate, save, and apply what can apply now."""
        url = self.database_value()
        if url is None:
            return
        language = str(self.language.currentData())
        self.settings.set(settings.LANGUAGE, language)
        self.settings.set(settings.DATABASE_URL, url)
        self.settings.set(settings.REVIEW_DUE_DAYS, str(self.due_days.value()))
        self.settings.set(settings.LOCK_AFTER_MINUTES, str(self.lock_minutes.value()))
        self.settings.save()
        self.language_chosen.emit(language)
        if url != self._start_url:
            QMessageBox.information(
                self,
                self.tr("Settings"),
                self.tr(
                    "The new database location will be used the next time you start QMS Review."
                ),
            )
        super().accept()
