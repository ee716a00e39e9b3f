"""User settings, declared once (key, type, default) and kept in ``settings.ini``.

The GUI's settings dialog and the command line read and write the same file, so core owns it
(no Qt here); window geometry and such GUI-only state live elsewhere.
"""

from __future__ import annotations

import configparser
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from qms_review.core import catalogues
from qms_review.core.store import paths

SETTINGS_FILE = "settings.ini"


@dataclass(frozen=True)
class Setting:
    section: str
    name: str
    default: str
    description: str


LANGUAGE = Setting(
    "general",
    "language",
    "",
    "User interface language: the code of a catalogue in resources/translations (en, zh_CN, …), "
    "or empty for the system's",
)
DATABASE_URL = Setting("database", "url", "", "Database URL; empty for the file in the data folder")
LAST_LOGIN = Setting("general", "last_login", "", "Login name of the last user")
REVIEW_DUE_DAYS = Setting(
    "review", "due_working_days", "3", "A review is due this many working days after receipt"
)
LOCK_AFTER_MINUTES = Setting(
    "security",
    "lock_after_minutes",
    "15",
    "Lock the session after this many minutes without keyboard or mouse input (0: never)",
)

ALL = (LANGUAGE, DATABASE_URL, LAST_LOGIN, REVIEW_DUE_DAYS, LOCK_AFTER_MINUTES)

LOCK_MINUTES_MAX = 480


def due_days(values: Settings) -> int:
    """The review due-date setting, as a number of working days (the default if unreadable)."""
    try:
        days = int(values.get(REVIEW_DUE_DAYS))
    except ValueError:
        return int(REVIEW_DUE_DAYS.default)
    return min(max(days, 0), 60)


def lock_minutes(values: Settings) -> int:
    """The idle time after which the session locks, in minutes (0: never; the default if
    unreadable)."""
    try:
        minutes = int(values.get(LOCK_AFTER_MINUTES))
    except ValueError:
        return int(LOCK_AFTER_MINUTES.default)
    return min(max(minutes, 0), LOCK_MINUTES_MAX)


class Settings:
    """The settings file of one data folder. Unknown keys in the file are kept as they are."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._parser = configparser.ConfigParser(interpolation=None)
        if path.exists():
            self._parser.read(path, encoding="utf-8")

    @classmethod
    def in_folder(cls, folder: Path) -> Settings:
        return cls(folder / SETTINGS_FILE)

    def get(self, setting: Setting) -> str:
        return self._parser.get(setting.section, setting.name, fallback=setting.default)

    def set(self, setting: Setting, value: str) -> None:
        if not self._parser.has_section(setting.section):
            self._parser.add_section(setting.section)
        self._parser.set(setting.section, setting.name, value)

    def save(self) -> None:
        """Write the file atomically, so a crash never leaves half a settings file."""
        paths.private_folder(self.path.parent)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                self._parser.write(handle)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def language_or_system(value: str, system_locale: str) -> str:
    """The language to use: the one there is a catalogue for that serves the setting (``zh``
    or ``zh_CN``), else the system's locale (English if neither has one)."""
    return catalogues.match(value) or catalogues.best(system_locale)
