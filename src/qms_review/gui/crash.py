"""The program never dies silently: uncaught exceptions are logged and shown."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from qms_review.core.store.paths import PRIVATE_FILE, log_dir, private_folder

log = logging.getLogger("qms_review")
LOG_FILE = "qms-review.log"


class _PrivateLog(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file is readable by its owner only: the log names people,
    orders and files (overrides ``FileHandler._open``, which opens each new file)."""

    def _open(self):  # type: ignore[no-untyped-def]
        stream = super()._open()
        os.chmod(self.baseFilename, PRIVATE_FILE)
        return stream


def setup_logging(folder: Path) -> Path:
    """Log to a rotating file in the data folder (1 MB × 5), owner-only."""
    directory = log_dir(folder)
    private_folder(directory)
    path = directory / LOG_FILE
    handler = _PrivateLog(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def show_exception(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    """Log an uncaught exception and tell the user, with the details one click away."""
    details = "".join(traceback.format_exception(kind, value, tb))
    log.error("uncaught exception:\n%s", details)
    if QApplication.instance() is None:
        sys.__excepthook__(kind, value, tb)
        return
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("crash", "Unexpected error"))
    box.setText(
        QCoreApplication.translate(
            "crash",
            "Something went wrong: {error}\n\nYour data is safe: the unfinished change was not "
            "saved. The details are in the log file.",
        ).format(error=value)
    )
    box.setDetailedText(details)
    box.exec()


def install() -> None:
    sys.excepthook = show_exception

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        value = args.exc_value or RuntimeError("unknown error in a background thread")
        log.error(
            "uncaught exception in thread %s:\n%s",
            args.thread.name if args.thread else "?",
            "".join(traceback.format_exception(args.exc_type, value, args.exc_traceback)),
        )

    threading.excepthook = thread_hook
