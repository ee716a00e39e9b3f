"""Switching the user interface language: our gettext catalogues, read through a translator,
plus Qt's own translations for its standard dialogs.

Every ``self.tr()`` / ``QCoreApplication.translate`` call stays as Qt expects; our translator
answers them from the language's catalogue (``msgctxt`` = the Qt context, ``msgid`` = the
English source), the same file that holds core's messages (see
:mod:`qms_review.core.catalogues`).
"""

from __future__ import annotations

import gettext

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QDialog

from qms_review.core import catalogues


class CatalogueTranslator(QTranslator):
    """A QTranslator that looks strings up in one language's gettext catalogue (with its
    fallbacks, ``zh_CN`` → ``zh``), so the GUI and core share one file per language."""

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._catalogue: gettext.NullTranslations = catalogues.catalogue(language)

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        """Override QTranslator.translate: the catalogue's text, or None (a null QString, so Qt
        asks the next translator and finally shows the source; "" would show nothing) when it
        has none. ``tr(source, disambiguation)`` is looked up as ``msgctxt "Context|disambiguation"``.
        """
        if disambiguation:
            context = f"{context}|{disambiguation}"
        if n >= 0:
            found = self._catalogue.npgettext(context, source_text, source_text, n)
        else:
            found = self._catalogue.pgettext(context, source_text)
        return found if found and found != source_text else None

    def isEmpty(self) -> bool:
        """Override QTranslator.isEmpty: Qt skips empty translators."""
        return False

    def language(self) -> str:
        """Override QTranslator.language."""
        return self._language


_current = [catalogues.SOURCE]


def current() -> str:
    """The language of the interface (the one :meth:`Languages.apply` made current last)."""
    return _current[0]


class Languages:
    """Installs and swaps the translators of one application.

    Attributes:
        current: the language in force, a catalogue's code ("en", "zh_CN", …).
    """

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translators: list[QTranslator] = []
        self.current = catalogues.SOURCE

    def apply(self, language: str) -> None:
        """Make ``language`` current; widgets receive a LanguageChange event and retranslate."""
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        for translator in self._translators:
            self._app.removeTranslator(translator)
        self._translators.clear()
        self.current = _current[0] = language
        if language != catalogues.SOURCE:
            self._install(language)
        # Deliver the LanguageChange events now, so every window has retranslated on return.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)

    def _install(self, language: str) -> None:
        locale = QLocale(language)
        if locale.language() != QLocale.Language.C:
            QLocale.setDefault(locale)
        ours = CatalogueTranslator(language, self._app)
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
