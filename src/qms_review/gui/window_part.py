"""The base of the main window's parts (what it opens, its files, its imports: mixins kept in
modules of their own): what they share of the window, declared once for the type checker."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from qms_review.core.identity.users import Person
    from qms_review.core.store.database import Store
    from qms_review.gui.i18n import Languages

    _Window = QMainWindow  # what the parts are mixed into
else:
    _Window = object


class WindowPart(_Window):
    """Part of :class:`~qms_review.gui.main_window.MainWindow`."""

    store: Store
    languages: Languages
    folder: Path
    actor: str
    person: Person | None
