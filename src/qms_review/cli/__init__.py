"""The ``qms-review`` command: the GUI by default, subcommands for batch work.

``SUBCOMMANDS`` names every command, the module of this package that holds it and its help
line. The top-level parser is built from that table alone, so ``--help`` and ``--version``
import argparse and nothing else: none of the command modules, not even the context they share
(nor SQLAlchemy, Qt, pyHanko…). The chosen command's module is imported when argparse reaches
it, and adds its arguments then. Each command module holds ``COMMANDS``: name →
:class:`~qms_review.cli.context.Command`, and imports :mod:`~qms_review.cli.context`, never this
package. Only the GUI path imports Qt.

Every subcommand opens the store, does one unit of work, and answers with a message and an
exit code: 0 done, 1 refused or failed (nothing changed), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from qms_review import __version__

# typing.TYPE_CHECKING without importing typing (~5 ms of the start): the idiom PEP 781 cites.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any, NoReturn

    from qms_review.cli.context import Command

#: command → (module in this package, one-line help), in the order ``--help`` lists them.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "gui": ("gui", "open the desktop program (the default)"),
    "demo": ("demo", "load the demo dataset into an empty database"),
    "db": ("database", "database administration"),
    "backup": ("database", "copy the database to PATH (safe while in use)"),
    "restore": ("database", "replace the database by the backup at PATH"),
    "import": (
        "imports",
        "import orders, contracts, bids or quotations from spreadsheets or folders",
    ),
    "order": (
        "orders",
        "enter an order by hand (taken by phone or in person), or edit one as its next revision",
    ),
    "import-template": ("imports", "save an import template (.xlsx) with the expected headers"),
    "template": ("templates", "checklist templates: import, list, show"),
    "catalogue": ("catalogue", "the capability catalogue: import, list"),
    "check": ("checks", "run the automatic checks on an order and list the findings"),
    "user": ("users", "users and their functions (passwords are prompted)"),
    "ca": ("users", "the organisation's certification authority"),
    "review": (
        "review",
        "review an order: start, status, answer, dispose, sign, submit, decide, …",
    ),
    "customer": (
        "customers",
        "the customer's file: orders, communications, complaints, property; export",
    ),
    "record": ("records", "review records (PDF)"),
    "verify": (
        "records",
        "check a signed PDF record: every signature, the whole file, our CA and revocation list",
    ),
    "export": ("exports", "the register, or one review's data, to .xlsx"),
    "stats": ("stats", "the reviews' figures: open, overdue, cycle time, decisions, findings"),
    "report": ("stats", "the management-review report of a period (PDF with charts)"),
    "audit": ("database", "the audit trail"),
    "guide": ("guide", "the user guide: its topics, or one topic's page"),
}
GUI = "gui"


def command(name: str) -> Command:
    """The command ``name``, importing its module (once)."""
    module = importlib.import_module(f"{__name__}.{SUBCOMMANDS[name][0]}")
    found: Command = module.COMMANDS[name]
    return found


class _Parser(argparse.ArgumentParser):
    """A command's parser: only a name and a help line until argparse reaches it, when the
    command's module is imported and adds the arguments (``qms-review check --help`` included).
    Parsers the command adds itself (``db upgrade``) are of this class too, with no command."""

    def __init__(self, *args: Any, command: str | None = None, **kwargs: Any) -> None:
        from qms_review.cli.help_text import Formatter

        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)
        self._command = command

    def declare(self) -> None:
        """Add the command's arguments, once (argparse reaching the command does this)."""
        if self._command is not None:
            name, self._command = self._command, None
            command(name).arguments(self)

    # Overrides argparse.ArgumentParser.parse_known_args, which the subcommands action calls on
    # the chosen parser (test_cli_startup's `check --help` would catch a change of that).
    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[Any, list[str]]:
        self.declare()
        return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        from qms_review.cli.help_text import described

        return described(self)

    def error(self, message: str) -> NoReturn:
        """Usage, and the message after the catalogue's "error:" (argparse's text is English)."""
        from qms_review.cli import context
        from qms_review.core.messages import text
        from qms_review.core.store import paths

        self.print_usage(sys.stderr)
        language = context.language_of(paths.data_dir(os.environ), os.environ)
        self.exit(2, f"{self.prog}: {text('cli.error', language, message=message)}\n")


def parser() -> argparse.ArgumentParser:
    top = _Parser(
        prog="qms-review",
        description="Contract and order review before committing to supply (ISO 9001 §8.2). "
        "Without a command, the desktop program opens.",
    )
    top.add_argument("--version", action="version", version=f"qms-review {__version__}")
    top.add_argument(
        "--database",
        metavar="URL",
        help="database URL (default: $QMS_REVIEW_DATABASE, else the file in the data folder), "
        "e.g. sqlite:////path/to/file.sqlite3 or postgresql+psycopg://user@host/db",
    )
    commands = top.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (_module, help_line) in SUBCOMMANDS.items():
        commands.add_parser(name, help=help_line, command=name)
    return top


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    """Run the command ``argv`` asks for; its exit code.

    Output piped into a reader that stops early (``qms-review … | head -1``) ends the command
    quietly with exit code 1, as Python's own documentation advises for SIGPIPE: the reader
    has what it wanted, and no traceback about the closed pipe reaches the terminal.
    """
    try:
        code = _run(argv, env)
        sys.stdout.flush()  # a closed pipe shows here, not at exit where it cannot be caught
    except BrokenPipeError:
        _silence_stdout()
        return 1
    return code


def _silence_stdout() -> None:
    """Point standard output at the null device, so the interpreter's final flush of what is
    still buffered does not fail on the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture)
        pass


def _run(argv: Sequence[str] | None, env: Mapping[str, str] | None) -> int:
    env = os.environ if env is None else env
    try:
        args = parser().parse_args(argv)
    except Exception as exc:  # an option's type refused its value (a day: context.day)
        if not _told_refusal(exc, env):
            raise
        return 1
    # Only now, with --help, --version and bad arguments answered, is more than argparse needed
    # (the chosen command's module has imported the context already, but for the GUI).
    from qms_review.cli import context
    from qms_review.core.messages import QmsError

    ctx = context.resolve(args.database, env)
    chosen = command(args.command or GUI)
    if args.command in (None, GUI):
        return chosen.run(ctx, args)
    try:
        return chosen.run(ctx, args)
    except QmsError as exc:
        print(exc.message(ctx.language), file=sys.stderr)
        return context.EXIT_FAILED


def _told_refusal(exc: Exception, env: Mapping[str, str]) -> bool:
    """Whether ``exc`` was a refusal (a value refused while the command line is read), told in
    one line in the language of the command, as every refusal."""
    from qms_review.cli import context
    from qms_review.core.messages import QmsError
    from qms_review.core.store import paths

    if not isinstance(exc, QmsError):
        return False
    print(exc.message(context.language_of(paths.data_dir(env), env)), file=sys.stderr)
    return True
