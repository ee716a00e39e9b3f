"""``qms-review`` and ``qms-review gui``: the desktop program, the only path that imports Qt."""

from __future__ import annotations

import argparse

from qms_review.cli.context import Command, Context, no_arguments
from qms_review.gui.app import run


def gui(ctx: Context, _args: argparse.Namespace) -> int:
    return run(ctx.url, ctx.folder, ctx.env)


COMMANDS = {"gui": Command(no_arguments, gui)}
