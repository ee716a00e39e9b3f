"""``qms-review`` and ``qms-review gui [FILE]``: the desktop program, the only path that imports
Qt. A FILE (what a desktop's "Open with QMS Review" passes) is opened once someone has signed in:
a spreadsheet in the import wizard, a record (.pdf) in the verification."""

from __future__ import annotations

import argparse
from pathlib import Path

from qms_review.cli.context import Command, Context
from qms_review.gui.app import run


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="FILE",
        help="an order spreadsheet to import, or a record (.pdf) to verify, once signed in",
    )


def gui(ctx: Context, args: argparse.Namespace) -> int:
    return run(ctx.url, ctx.folder, ctx.env, opening=getattr(args, "file", None))


COMMANDS = {"gui": Command(_arguments, gui)}
