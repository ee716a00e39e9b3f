"""The program's start: the login shows at once, before the database is open.

Behind it, off the GUI thread and without a busy dialog, the database opens: the rule book of
the automatic checks is checked, SQLAlchemy and the store are loaded, the schema is checked,
the built-in templates are made sure of, and the main window's modules are loaded — while the
user types. A password typed before that has ended is checked once it has (the background work
runs one unit at a time, in order). A database without users turns the login into the first-run
setup; a rule book that cannot be used, or a database that cannot be opened, is said and ends
the program, as before (nothing is written then).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QMessageBox

from qms_review.core.messages import QmsError
from qms_review.gui import login, operations

if TYPE_CHECKING:
    from qms_review.core.identity.users import Person
    from qms_review.core.store.database import Store

log = logging.getLogger(__name__)

#: The login's result when the database has no user yet: the first-run setup follows.
SETUP = 2

#: Loaded behind the login with the database: what the first main window needs.
AFTER_LOGIN = "qms_review.gui.session"


class StartLogin(login.LoginDialog):
    """The login of the program's start, opening the database behind it from its first paint.

    Attributes:
        refusal: why the database could not be opened (the dialog is then rejected).
    """

    def __init__(self, url: str, folder: Path, env: Mapping[str, str], language: str) -> None:
        super().__init__(None, folder, language)
        self._url, self._env = url, env
        self.refusal: QmsError | None = None
        self._begun = False

    def paintEvent(self, event: QPaintEvent) -> None:
        """Override QWidget.paintEvent: once the login is on screen, open the database."""
        super().paintEvent(event)
        if not self._begun:
            QTimer.singleShot(0, self.begin)

    def showEvent(self, event: QShowEvent) -> None:
        """Override QWidget.showEvent: open the database soon even if no paint comes."""
        super().showEvent(event)
        QTimer.singleShot(200, self.begin)

    def begin(self) -> None:
        """Start opening the database (once)."""
        if self._begun:
            return
        self._begun = True
        operations.call(self, self._open, language=self.language).in_background(quiet=True).failure(
            self._not_opened
        ).success(self._opened).run()

    def submit(self) -> None:
        self.begin()  # the password is checked after the database has opened
        super().submit()

    def opened(self) -> Store:
        """The database (on the worker thread, after the work that opened it)."""
        if self.store is None:
            assert self.refusal is not None
            raise self.refusal
        return self.store

    def _open(self) -> bool:
        """On the worker thread: open the database; whether it needs the first-run setup."""
        try:
            from qms_review.core.checks import rules
            from qms_review.core.identity import users
            from qms_review.core.review import templates
            from qms_review.core.store.database import open_store

            rules.default()  # an edited rule book that cannot be used: said now, not mid-import
            store = open_store(self._url, self.folder, env=self._env)
            try:
                templates.ensure_builtin(store)
                with store.read() as session:
                    setup = users.needs_setup(session)
            except BaseException:
                store.close()
                raise
        except QmsError as exc:
            self.refusal = exc
            raise
        self.store = store
        importlib.import_module(AFTER_LOGIN)  # the main window's modules, while the user types
        return setup

    def _opened(self, setup: bool) -> None:
        if setup:
            self.done(SETUP)
        else:
            self.retranslate()  # the demo's hint, on a demo database

    def _not_opened(self, refusal: QmsError) -> None:
        log.error("cannot start: %s", refusal)
        self.reject()


@dataclass(frozen=True)
class Started:
    """Who signed in on which database; None where nobody did, or it could not be opened
    (``refusal`` says why)."""

    store: Store | None
    person: Person | None
    refusal: QmsError | None = None


def start(url: str, folder: Path, env: Mapping[str, str], language: str) -> Started:
    """The login shown at once, the database opened behind it, then the setup of a new
    database or the change of a password that must be changed."""
    dialog = StartLogin(url, folder, env, language)
    code = dialog.exec()
    operations.runner().wait()  # the opening, if the login was left before it had ended
    store, refusal = dialog.store, dialog.refusal
    if refusal is not None or store is None:
        if refusal is not None:
            QMessageBox.critical(None, "QMS Review", refusal.message(language))
        return Started(None, None, refusal)
    if code == SETUP:
        return Started(store, login.sign_in(store, folder, language))
    if code != QDialog.DialogCode.Accepted or dialog.person is None:
        return Started(store, None)
    return Started(store, login.own_password(store, dialog.person, language))
