"""``qms-review catalogue import|list``: the capability catalogue (parts, revisions, lead
times, lots and capacity) that the checks compare orders with."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qms_review.cli.context import EXIT_FAILED, EXIT_OK, Command, Context, opened
from qms_review.core.intake import catalogue_import
from qms_review.core.messages import one_or_many, text
from qms_review.core.orders import catalogue as parts


def catalogue_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="catalogue_command", metavar="ACTION", required=True)
    imported = actions.add_parser("import", help="add or update parts from a spreadsheet")
    imported.add_argument("file", type=Path, metavar="FILE", help=".xlsx .xls .ods or .csv")
    imported.add_argument("--dry-run", action="store_true", help="check the file; write nothing")
    actions.add_parser("list", help="list the parts")


def catalogue(ctx: Context, args: argparse.Namespace) -> int:
    with opened(ctx, create=args.catalogue_command == "import") as store:
        if args.catalogue_command == "list":
            with store.read() as session:
                rows = parts.rows(session)
            for row in rows:
                print(
                    "\t".join("" if row[name] is None else str(row[name]) for name in parts.FIELDS)
                )
            return EXIT_OK
        plan = catalogue_import.analyse(args.file)
        for issue in plan.issues:
            print(
                text("cli.error", ctx.language, message=issue.message(ctx.language)),
                file=sys.stderr,
            )
        if not plan.ok:
            print(catalogue_import.CatalogueRefused(plan).message(ctx.language), file=sys.stderr)
            return EXIT_FAILED
        print(
            text(
                one_or_many(len(plan.rows), "cli.catalogue.parts_one", "cli.catalogue.parts"),
                ctx.language,
                count=len(plan.rows),
                file=args.file.name,
                sheet=plan.sheet,
            )
        )
        if args.dry_run:
            print(text("cli.dry_run", ctx.language))
            return EXIT_OK
        with store.write(ctx.actor) as session:
            summary = catalogue_import.commit(session, plan)
    print(
        text(
            "catalogue.imported",
            ctx.language,
            added=summary.added,
            updated=summary.updated,
            unchanged=summary.unchanged,
        )
    )
    return EXIT_OK


COMMANDS = {"catalogue": Command(catalogue_arguments, catalogue)}
