"""Where the file dialogs start: in the folder the user chose last time for that kind of file,
kept in ``gui-state.ini`` of the data folder across runs; the user's Documents folder before
the first choice (their home if there is none).

Three kinds, so that saving a record does not move the folder spreadsheets are imported from:
:data:`IMPORTS` (order spreadsheets, catalogues, checklist templates, record files to verify),
:data:`OUTPUTS` (records, exports, reports, certificates written) and :data:`ATTACHMENTS`
(evidence, customers' answers, key files attached).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from qms_review.core.store import paths

IMPORTS = "imports"
OUTPUTS = "outputs"
ATTACHMENTS = "attachments"

_kept_in: list[Path] = []


def keep_in(folder: Path) -> None:
    """Keep the folders in ``folder``/gui-state.ini (the main window's data folder)."""
    _kept_in[:] = [folder]


def _state() -> QSettings:
    folder = _kept_in[0] if _kept_in else paths.data_dir()
    return QSettings(str(folder / "gui-state.ini"), QSettings.Format.IniFormat)


def documents() -> Path:
    """The user's Documents folder, or their home if the system names none or it does not
    exist (a dialog given a missing folder opens elsewhere, its name typed as the file's)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def start(kind: str, name: str = "") -> str:
    """Where a dialog for ``kind`` opens, with ``name`` proposed in it."""
    last = _state().value(f"folders/{kind}")
    folder = Path(str(last)) if last and Path(str(last)).is_dir() else documents()
    return str(folder / name) if name else str(folder)


def remember(kind: str, chosen: str) -> None:
    """The folder of the file the user ``chosen`` (nothing if they cancelled)."""
    if chosen:
        state = _state()
        state.setValue(f"folders/{kind}", str(Path(chosen).parent))
        state.sync()


def save_name(
    parent: QWidget | None,
    kind: str,
    title: str,
    name: str,
    filters: str,
) -> str:
    """The file the user chose to save to, starting in the last folder of ``kind``; "" if they
    cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, start(kind, name), filters)
    remember(kind, chosen)
    return chosen


def open_name(parent: QWidget | None, kind: str, title: str, filters: str = "") -> str:
    """The file the user chose to open, starting in the last folder of ``kind``; "" if none."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, start(kind), filters)
    remember(kind, chosen)
    return chosen


def open_names(parent: QWidget | None, kind: str, title: str, filters: str) -> list[str]:
    """The files the user chose to open (several), starting in the last folder of ``kind``."""
    chosen, _ = QFileDialog.getOpenFileNames(parent, title, start(kind), filters)
    if chosen:
        remember(kind, chosen[0])
    return list(chosen)
