"""``qms-review import`` an order (contract, bid, quotation) from a spreadsheet, and
``import-template``: a blank sheet with the headers the import expects."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from qms_review.cli.context import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    Command,
    Context,
    opened,
    refuse_existing,
)
from qms_review.core.intake import analysis, importer, report
from qms_review.core.review import amendments
from qms_review.core.store.vocabulary import OrderKind


def import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", type=Path, metavar="FILE", help=".xlsx .xlsm .xlsb .xls .ods or .csv"
    )
    parser.add_argument("--kind", choices=[k.value for k in OrderKind], default="order")
    parser.add_argument("--customer", help="customer name (else read from the sheet)")
    parser.add_argument("--customer-code", help="customer code (else read from the sheet)")
    parser.add_argument("--order-number", help="order number (else read from the sheet)")
    parser.add_argument("--quotation", metavar="NUMBER", help="the quotation this order refers to")
    parser.add_argument(
        "--profile",
        metavar="CUSTOMER",
        help="use the column mapping saved for this customer (name or code)",
    )
    parser.add_argument("--sheet", help="the sheet holding the lines (when several could)")
    parser.add_argument(
        "--header-row", type=int, metavar="N", help="the row holding the column headers"
    )
    parser.add_argument(
        "--date-order",
        choices=["dmy", "mdy"],
        help="how to read dates like 03/04/2026: day first or month first",
    )
    parser.add_argument("--dry-run", action="store_true", help="check and summarise; write nothing")
    parser.add_argument(
        "--error-report",
        type=Path,
        metavar="XLSX",
        help="on problems, save the sheet with the bad cells marked",
    )


def import_order(ctx: Context, args: argparse.Namespace) -> int:
    if args.header_row is not None and args.header_row < 1:
        print("--header-row counts from 1", file=sys.stderr)
        return EXIT_USAGE
    options = analysis.Options(
        kind=OrderKind(args.kind),
        customer=args.customer,
        customer_code=args.customer_code,
        order_number=args.order_number,
        quotation_ref=args.quotation,
        sheet=args.sheet,
        header_row=args.header_row,
        date_order=args.date_order,
    )
    with opened(ctx) as store:
        plan = importer.prepare(store, args.file, options, args.profile)
        _print_issues(plan, ctx.language)
        if not plan.ok:
            if args.error_report:
                report.save_error_report(plan, args.error_report, ctx.language)
                print(f"Error report: {args.error_report}", file=sys.stderr)
            print(importer.ImportRefused(plan).message(ctx.language), file=sys.stderr)
            return EXIT_FAILED
        header = plan.header
        print(
            f"{options.kind.value} {header['order_number']} for "
            f"{header.get('customer') or header.get('customer_code')}: "
            f"{len(plan.lines)} lines, {len(plan.warnings)} warnings "
            f"(sheet {plan.layout.sheet if plan.layout else '?'})"
        )
        if args.dry_run:
            print("Dry run: nothing was imported.")
            return EXIT_OK
        result = amendments.import_order(store, plan, ctx.actor)
    print(
        f"Imported as {result.number} revision {result.revision} "
        f"(customer {result.customer}{', new' if result.customer_created else ''})."
    )
    for basis, changes in result.changes.items():
        print(
            f"Differences to the {basis} {'revision' if basis == 'previous' else ''}: "
            f"{len(changes)}".replace("  ", " ")
        )
        for change in changes[:50]:
            print("  " + _describe(change))
        if len(changes) > 50:
            print(f"  … and {len(changes) - 50} more")
    return EXIT_OK


def _print_issues(plan: Any, language: str) -> None:
    for issue in plan.errors:
        print(f"error: {issue.message(language)}", file=sys.stderr)
    for issue in plan.warnings[:100]:
        print(f"warning: {issue.message(language)}", file=sys.stderr)
    if len(plan.warnings) > 100:
        print(f"warning: … and {len(plan.warnings) - 100} more", file=sys.stderr)


def _describe(change: Any) -> str:
    where = f"line {change.line_no} {change.part_number or ''}".strip()
    if change.change == "header":
        return f"{change.field}: {change.old} → {change.new}"
    if change.change == "changed":
        return f"{where}: {change.field} {change.old} → {change.new}"
    return f"{where}: {change.change}"


def template_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, metavar="PATH")


def import_template(_ctx: Context, args: argparse.Namespace) -> int:
    refuse_existing(args.path)
    report.save_template(args.path)
    print(f"Saved the import template to {args.path}")
    return EXIT_OK


COMMANDS = {
    "import": Command(import_arguments, import_order),
    "import-template": Command(template_arguments, import_template),
}
