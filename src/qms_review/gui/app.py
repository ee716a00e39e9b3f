"""Starting the desktop program: application, language, crash handling, then the login,
shown before the database is open (:mod:`~qms_review.gui.starting`), then the session.

What the login needs is all this module imports at first: the database, SQLAlchemy and the
main window's modules load behind the login (``bench/startup.py`` lists what loads before it).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from qms_review import __version__
from qms_review.core.store import paths, settings
from qms_review.gui import crash, operations, starting
from qms_review.gui.i18n import Languages
from qms_review.resources import resource

if TYPE_CHECKING:
    from qms_review.gui.main_window import MainWindow

#: The desktop entry's name (Wayland matches windows to it): ``packaging/linux``.
DESKTOP_ID = "io.github.qmsreview.QMSReview"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

log = logging.getLogger(__name__)


def application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    # A thread in the background (the register's count, a signature, an import) hands the
    # interpreter to the GUI thread within 1 ms rather than Python's 5: what a keystroke
    # typed meanwhile waits at most, each time both want it.
    sys.setswitchinterval(0.001)
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
    from qms_review.core.intake.reading import SUFFIXES

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
    started = starting.start(url, folder, env, languages.current)
    if started.refusal is not None:
        return 1
    store, person = started.store, started.person
    if store is None:
        return 0
    if person is None:
        store.close()
        return 0
    from qms_review.gui.session import Session  # loaded behind the login already

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
