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
from qms_review.core.checks.rules import default
from qms_review.core.intake import analysis, importer, report
from qms_review.core.messages import Message, labelled, text
from qms_review.core.review import amendments
from qms_review.core.store import settings
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
    parser.add_argument(
        "--verbal",
        action="store_true",
        help="the order was received verbally (by phone): accepting it needs the written "
        "confirmation first (review log ORDER … --kind confirmation)",
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
        print(text("cli.import.header_row", ctx.language), file=sys.stderr)
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
        verbal=args.verbal,
    )
    with opened(ctx) as store:
        plan = importer.prepare(store, args.file, options, args.profile)
        _print_issues(plan, ctx.language)
        if not plan.ok:
            if args.error_report:
                report.save_error_report(plan, args.error_report, ctx.language)
                print(
                    text("cli.import.error_report", ctx.language, path=args.error_report),
                    file=sys.stderr,
                )
            print(importer.ImportRefused(plan).message(ctx.language), file=sys.stderr)
            return EXIT_FAILED
        header = plan.header
        language = ctx.language
        print(
            text(
                "cli.import.summary",
                language,
                kind=labelled("kind", options.kind.value),
                number=header["order_number"],
                customer=header.get("customer") or header.get("customer_code"),
                lines=len(plan.lines),
                warnings=len(plan.warnings),
                sheet=plan.layout.sheet if plan.layout else "?",
            )
        )
        if args.dry_run:
            print(text("cli.dry_run", language))
            return EXIT_OK
        due = settings.due_days(settings.Settings.in_folder(ctx.folder))
        result = amendments.import_order(store, plan, ctx.actor, due_days=due)
    imported = "cli.import.imported_new" if result.customer_created else "cli.import.imported"
    print(
        text(
            imported,
            language,
            number=result.number,
            revision=result.revision,
            customer=result.customer,
        )
    )
    for basis, changes in result.changes.items():
        print(text(f"cli.import.differences.{basis}", language, count=len(changes)))
        for change in changes[:50]:
            print("  " + _describe(change, language))
        if len(changes) > 50:
            print("  " + text("cli.and_more", language, count=len(changes) - 50))
    return EXIT_OK


def _print_issues(plan: Any, language: str) -> None:
    for issue in plan.errors:
        print(text("cli.error", language, message=issue.message(language)), file=sys.stderr)
    for issue in plan.warnings[:100]:
        print(text("cli.warning", language, message=issue.message(language)), file=sys.stderr)
    if len(plan.warnings) > 100:
        more = Message("cli.and_more", count=len(plan.warnings) - 100)
        print(text("cli.warning", language, message=more), file=sys.stderr)


def _describe(change: Any, language: str) -> str:
    """One difference to the revision before (or the quotation), in words."""
    if change.change not in ("header", "changed", "added", "removed"):
        raise ValueError(change.change)
    field = default().field_name(change.field, language) if change.field else ""
    where = text("cli.import.line", language, line=change.line_no, part=change.part_number or "")
    return text(
        f"cli.import.change.{change.change}",
        language,
        where=where.strip(),
        field=field,
        old="—" if change.old is None else change.old,
        new="—" if change.new is None else change.new,
    )


def template_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, metavar="PATH")


def import_template(ctx: Context, args: argparse.Namespace) -> int:
    refuse_existing(args.path)
    report.save_template(args.path)
    print(text("cli.import_template.saved", ctx.language, path=args.path))
    return EXIT_OK


COMMANDS = {
    "import": Command(import_arguments, import_order),
    "import-template": Command(template_arguments, import_template),
}
