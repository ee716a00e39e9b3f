"""Switching the user interface language: our Qt Linguist catalogue plus Qt's own."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QDialog

from qms_review.resources import resource

TRANSLATIONS = "translations"
CATALOGUE = "qms_review"


class Languages:
    """Installs and swaps the translators of one application.

    Attributes:
        current: the language in force, "en" or "zh_CN".
    """

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translators: list[QTranslator] = []
        self.current = "en"

    def apply(self, language: str) -> None:
        """Make ``language`` current; widgets receive a LanguageChange event and retranslate."""
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        for translator in self._translators:
            self._app.removeTranslator(translator)
        self._translators.clear()
        self.current = language
        if language != "en":
            self._install(language)
        # Deliver the LanguageChange events now, so every window has retranslated on return.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)

    def _install(self, language: str) -> None:
        QLocale.setDefault(QLocale(language))
        ours = QTranslator(self._app)
        if ours.load(str(resource(TRANSLATIONS, f"{CATALOGUE}_{language}.qm"))):
            self._app.installTranslator(ours)
            self._translators.append(ours)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt = QTranslator(self._app)
        if qt.load(f"qtbase_{language}", qt_dir):
            self._app.installTranslator(qt)
            self._translators.append(qt)


class TranslatedDialog(QDialog):
    """A dialog that sets its texts in ``retranslate`` and calls it again when the language
    changes."""

    def changeEvent(self, event: QEvent) -> None:
        """Override QDialog.changeEvent: retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Override: set every text the dialog shows."""
