"""Starting the desktop program: application, language, crash handling, database, window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from qms_review import __version__
from qms_review.core.checks import rules
from qms_review.core.intake.reading import SUFFIXES
from qms_review.core.messages import QmsError
from qms_review.core.review import templates
from qms_review.core.store import paths, settings
from qms_review.core.store.database import open_store
from qms_review.gui import crash, operations
from qms_review.gui.i18n import Languages
from qms_review.gui.main_window import MainWindow
from qms_review.gui.session import Session
from qms_review.resources import resource

#: The desktop entry's name (Wayland matches windows to it): ``packaging/linux``.
DESKTOP_ID = "io.github.qmsreview.QMSReview"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

log = logging.getLogger(__name__)


def application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("QMS Review")
    app.setOrganizationName("QMS Review")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)
    app.setWindowIcon(icon())
    return app


def icon() -> QIcon:
    """The program's icon at every size drawn (``resources/icons``, from its SVG)."""
    found = QIcon()
    for size in ICON_SIZES:
        found.addFile(str(resource("icons", f"qms-review-{size}.png")), QSize(size, size))
    return found


def open_given(window: MainWindow, path: Path) -> None:
    """A file the program was started with: a record is verified, a spreadsheet imported."""
    suffix = path.suffix.lower()
    if not path.is_file():
        problem = QCoreApplication.translate("app", "There is no file {0}.").format(path)
    elif suffix == ".pdf":
        window.verify_file(path)
        return
    elif suffix in SUFFIXES:
        window.import_file(path)
        return
    else:
        problem = QCoreApplication.translate(
            "app", "QMS Review opens order spreadsheets ({0}) and records (.pdf), not {1}."
        ).format(" ".join(sorted(SUFFIXES)), path.name)
    QMessageBox.warning(window, "QMS Review", problem)


def run(url: str, folder: Path, env: Mapping[str, str], opening: Path | None = None) -> int:
    """Open the main window on the database at ``url`` (and ``opening`` in it, if given); the
    application's exit code."""
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
    window = session.start(person)
    if opening is not None:
        QTimer.singleShot(0, lambda: open_given(window, opening))
    try:
        return app.exec()
    finally:
        session.idle.stop()
        operations.runner().wait()  # a unit of work still running ends before the store closes
        store.close()
