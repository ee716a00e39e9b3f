"""``qms-review guide [TOPIC]``: the user guide in the terminal, in the command line's language
(the same pages F1 shows in the desktop program)."""

from __future__ import annotations

import argparse

from qms_review.cli.context import EXIT_OK, Command, Context
from qms_review.core import guide
from qms_review.core.messages import text


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "topic", nargs="?", metavar="TOPIC", help="a topic of the guide (without one: the list)"
    )


def show(ctx: Context, args: argparse.Namespace) -> int:
    language = ctx.language
    if args.topic is None:
        print(text("cli.guide.contents", language))
        for found in guide.contents(language):
            print(f"  {found.topic:<14} {found.title}")
        print(text("cli.guide.hint", language))
        return EXIT_OK
    print(guide.page(args.topic, language).text, end="")
    return EXIT_OK


COMMANDS = {"guide": Command(_arguments, show)}
