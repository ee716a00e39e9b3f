"""Starting the desktop program: application, language, crash handling, database, window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from qms_review import __version__
from qms_review.core.checks import rules
from qms_review.core.messages import QmsError
from qms_review.core.review import templates
from qms_review.core.store import paths, settings
from qms_review.core.store.database import open_store
from qms_review.gui import crash, operations
from qms_review.gui.i18n import Languages
from qms_review.gui.session import Session

log = logging.getLogger(__name__)


def application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("QMS Review")
    app.setOrganizationName("QMS Review")
    app.setApplicationVersion(__version__)
    return app


def run(url: str, folder: Path, env: Mapping[str, str]) -> int:
    """Open the main window on the database at ``url``; the application's exit code."""
    paths.private_folder(folder)
    crash.setup_logging(folder)
    app = application()
    languages = Languages(app)
    configured = settings.Settings.in_folder(folder).get(settings.LANGUAGE)
    languages.apply(settings.language_or_system(configured, QLocale.system().name()))
    crash.install()
    log.info("QMS Review %s starting on %s", __version__, url)
    try:
        rules.default()  # an edited rule book that cannot be used is said now, not mid-import
    except QmsError as exc:
        log.error("cannot use the rule book of the automatic checks: %s", exc)
        QMessageBox.critical(None, "QMS Review", exc.message(languages.current))
        return 1
    try:
        store = open_store(url, folder, env=env)
        templates.ensure_builtin(store)
    except QmsError as exc:  # not an operation: no window yet, and a refusal ends the program
        log.error("cannot open the database: %s", exc)
        QMessageBox.critical(None, "QMS Review", exc.message(languages.current))
        return 1
    from qms_review.gui.login import sign_in

    person = sign_in(store, folder, languages.current)
    if person is None:
        store.close()
        return 0
    # The session ends the program (the main window closed, or nobody signed in after a
    # sign-out); between two people no window may be open, so not "when the last one closes".
    app.setQuitOnLastWindowClosed(False)
    session = Session(store, languages, folder)
    session.ended.connect(app.quit)
    session.start(person)
    try:
        return app.exec()
    finally:
        session.idle.stop()
        operations.runner().wait()  # a unit of work still running ends before the store closes
        store.close()
