"""What every command shares: its context (database URL, data folder, language), the store
opened for one unit of work, the exit codes, password prompts and the refusal to overwrite.

Imported with the chosen command (never for ``--help`` or ``--version``), and light itself:
SQLAlchemy and the store come in only when a command runs and asks for them (``resolve_url``,
``opened``, ``Context.actor``), not for ``qms-review COMMAND --help``.
"""

from __future__ import annotations

import argparse
import getpass
import locale
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from qms_review.core import catalogues
from qms_review.core.messages import QmsError, text
from qms_review.core.store import paths, settings

if TYPE_CHECKING:
    from qms_review.core.store.database import Store

#: 0 done, 1 refused or failed (nothing changed), 2 bad arguments (argparse's own code).
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Context:
    """What every command needs, resolved once at the edge."""

    url: str
    folder: Path
    language: str
    env: Mapping[str, str]

    @property
    def actor(self) -> str:
        from qms_review.core.store.database import os_actor  # SQLAlchemy: only when asked

        return os_actor()


@dataclass(frozen=True)
class Command:
    """One subcommand: ``arguments`` adds its arguments to its parser (only when the command
    is chosen), ``run`` does it and answers with an exit code."""

    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[Context, argparse.Namespace], int]


def no_arguments(_parser: argparse.ArgumentParser) -> None:
    """For a command that takes none."""


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def day(option: str) -> Callable[[str], date]:
    """The type of an option that takes a day (``type=day("--from")``): see :func:`read_day`.
    Argparse calls it while it reads the command line, so a wrong day is refused before the
    command opens anything or asks for a password."""
    return lambda value: read_day(option, value)


def read_day(option: str, value: str) -> date:
    """The one reader of a day given on the command line: ``YYYY-MM-DD``, a day of the
    calendar; anything else (2027-13-01, 2027-02-30, 31/12/2026) is refused naming the option
    and the value."""
    match = _DAY.match(value.strip())
    try:
        if match is None:
            raise ValueError(value)
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise QmsError("cli.not_a_day", option=option, value=value) from None


def check_day(option: str, value: str | None) -> None:
    """A date typed in a free-text field (a line's delivery date, ``--set order_date=``): words
    such as "ASAP" stay for the checks to name, and other ways of writing a day are read as an
    import reads them; a text written as a day that is none (2027-13-01, 30.02.2027) is refused
    as :func:`read_day` refuses it."""
    from qms_review.core.orders.values import ImpossibleDate, parse_date

    if not value or not value.strip():
        return
    try:
        parse_date(value)
    except ImpossibleDate:
        raise QmsError("cli.not_a_day", option=option, value=value) from None
    except ValueError:
        pass  # not a date at all ("ASAP"), or one to ask about (03/04/2026): the entry's own


def resolve(database: str | None, env: Mapping[str, str]) -> Context:
    """The context of this run: the data folder, the database URL and the language."""
    folder = paths.data_dir(env)
    return Context(
        url=resolve_url(database, env, folder),
        folder=folder,
        language=language_of(folder, env),
        env=env,
    )


def language_of(folder: Path, env: Mapping[str, str]) -> str:
    """The language of the settings in ``folder``, else of the environment, else English."""
    return settings.language_or_system(
        settings.Settings.in_folder(folder).get(settings.LANGUAGE),
        catalogues.from_environment(env) or locale.getlocale()[0] or "",
    )


def resolve_url(cli_value: str | None, env: Mapping[str, str], folder: Path) -> str:
    """--database, else $QMS_REVIEW_DATABASE, else the settings, else the data folder's file."""
    if cli_value:
        return cli_value
    if env.get(paths.ENV_DATABASE):
        return env[paths.ENV_DATABASE]
    configured = settings.Settings.in_folder(folder).get(settings.DATABASE_URL)
    if configured:
        return configured
    return paths.sqlite_url(folder / paths.DATABASE_FILE)


@contextmanager
def opened(ctx: Context, create: bool = True) -> Iterator[Store]:
    """The store for one command, closed afterwards whatever happens."""
    from qms_review.core.review import templates
    from qms_review.core.store.database import open_store  # SQLAlchemy and the models

    store = open_store(ctx.url, ctx.folder, create=create, env=ctx.env)
    try:
        templates.ensure_builtin(store)
        yield store
    finally:
        store.close()


def refuse_existing(path: Path) -> None:
    """Refuse a target file that exists already (nothing is ever overwritten)."""
    if path.exists():
        raise QmsError("error.backup_target_exists", path=str(path))


def can_save_new(path: Path) -> None:
    """Refuse now, before any work is kept, a target that exists or cannot be written."""
    refuse_existing(path)
    paths.write_private(path, b"", private=False)
    path.unlink()


def save_new(path: Path, content: bytes) -> None:
    """Write a file that must not exist yet."""
    refuse_existing(path)
    paths.write_private(path, content, private=False)  # a record, to be passed on


def secret(prompt: str, language: str, confirm: bool = False) -> str:
    """A password read without echo after ``prompt`` (a text in ``language``); asked twice
    when ``confirm``.

    From the terminal, or from standard input, one per line, when it is not a terminal;
    never from arguments (they show in the process list and the shell's history).
    """
    value = _read(prompt)
    if confirm and _read(text("cli.prompt.again", language)) != value:
        raise QmsError("cli.secrets_differ")
    return value


def _read(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    print(prompt, end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().rstrip("\r\n")
