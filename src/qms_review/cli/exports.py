"""``qms-review export``: the register, or one order's review, to an .xlsx workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from qms_review.cli.context import EXIT_OK, Command, Context, opened, refuse_existing
from qms_review.cli.lookup import review_of_order
from qms_review.core.messages import one_or_many, text
from qms_review.core.records import exports


def export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, metavar="XLSX")
    parser.add_argument("--filter", default="", help="the register's filter words")
    parser.add_argument("--review-of", metavar="ORDER", help="one order's review instead")


def export(ctx: Context, args: argparse.Namespace) -> int:
    refuse_existing(args.path)
    with opened(ctx, create=False) as store:
        if args.review_of:
            _order_id, number, review_id = review_of_order(store, args.review_of, None)
            assert review_id is not None
            with store.read() as session:
                exports.review_xlsx(session, review_id, args.path, ctx.language)
            print(text("cli.export.review", ctx.language, order=number, path=args.path))
        else:
            with store.read() as session:
                count = exports.register_xlsx(session, args.path, args.filter, ctx.language)
            print(
                text(
                    one_or_many(count, "cli.export.register_one", "cli.export.register"),
                    ctx.language,
                    count=count,
                    path=args.path,
                )
            )
    return EXIT_OK


COMMANDS = {"export": Command(export_arguments, export)}
