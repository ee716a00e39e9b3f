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
from qms_review.core.intake import analysis, importer, outlook, report
from qms_review.core.intake.reading import SPREADSHEETS
from qms_review.core.messages import Message, QmsError, counted, labelled, text
from qms_review.core.review import amendments
from qms_review.core.store import settings
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import OrderKind

#: what a folder given to ``import`` is read for (a .txt in a folder is more likely a note)
FOLDER_SUFFIXES = (*SPREADSHEETS, ".csv")


def import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        type=Path,
        nargs="+",
        metavar="FILE",
        help=".xlsx .xlsm .xlsb .xls .ods or .csv files, or folders of them; each file is "
        "imported on its own (a file refused does not stop the others)",
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
        help="on problems, save the sheet with the bad cells marked (with several files: "
        "XLSX's name followed by each file's)",
    )


def import_order(ctx: Context, args: argparse.Namespace) -> int:
    if args.header_row is not None and args.header_row < 1:
        print(text("cli.import.header_row", ctx.language), file=sys.stderr)
        return EXIT_USAGE
    language = ctx.language
    files, refused = _spreadsheets(args.files, language)
    several = len(files) > 1 or any(path.is_dir() for path in args.files)
    done = orders = 0
    with opened(ctx) as store:
        for path in files:
            if several:
                print(text("cli.import.file", language, file=path))
            try:
                orders += _import_file(ctx, store, args, path, several)
                done += 1
            except QmsError as exc:
                print(exc.message(language), file=sys.stderr)
                refused.append(path)
            except OSError as exc:  # a file that went away, a report that cannot be written
                reason = exc.strerror or str(exc)
                print(
                    text("cli.import.os_error", language, file=path, error=reason), file=sys.stderr
                )
                refused.append(path)
    if several:
        summary = "cli.import.files_dry" if args.dry_run else "cli.import.files"
        print(
            text(
                summary,
                language,
                files=counted(len(files), "count.files_one", "count.files"),
                done=done,
                orders=counted(orders, "count.orders_one", "count.orders"),
                refused=len(refused),
            )
        )
        if refused:
            names = ", ".join(path.name for path in refused)
            print(text("cli.import.refused_files", language, files=names), file=sys.stderr)
    return EXIT_FAILED if refused else EXIT_OK


def _spreadsheets(paths: list[Path], language: str) -> tuple[list[Path], list[Path]]:
    """The files named, a folder standing for the spreadsheets in it (by name); and the
    folders without any."""
    found: list[Path] = []
    empty: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES
            )
            if not inside:
                print(text("cli.import.no_files", language, folder=path), file=sys.stderr)
                empty.append(path)
            found += inside
        else:
            found.append(path)
    return found, empty


def _import_file(
    ctx: Context, store: Store, args: argparse.Namespace, path: Path, several: bool
) -> int:
    """Import (or check) one file, its own unit of work: the orders it holds, or a refusal."""
    language = ctx.language
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
    plan = importer.prepare(store, path, options, args.profile)
    _print_issues(plan, language)
    if not plan.ok:
        if args.error_report:
            target = args.error_report
            if several:
                target = target.with_name(f"{target.stem}-{path.stem}{target.suffix or '.xlsx'}")
            report.save_error_report(plan, target, language)
            print(text("cli.import.error_report", language, path=target), file=sys.stderr)
        raise importer.ImportRefused(plan)
    sheet = plan.layout.sheet if plan.layout else "?"
    ahead = outlook.preview(store, plan)
    for found in ahead:
        if found.unchanged:
            becomes = Message("cli.import.becomes.unchanged", revision=found.revision - 1)
        elif found.revision == 1:
            becomes = Message("cli.import.becomes.new")
        else:
            becomes = Message("cli.import.becomes.revision", revision=found.revision)
        print(
            text(
                "cli.import.summary",
                language,
                kind=labelled("kind", options.kind.value),
                number=found.number,
                customer=found.customer,
                lines=counted(found.lines, "count.lines_one", "count.lines"),
                warnings=counted(found.warnings, "count.warnings_one", "count.warnings"),
                becomes=becomes,
                sheet=sheet,
            )
        )
    if args.dry_run:
        print(text("cli.dry_run", language))
        if ahead and all(found.unchanged for found in ahead):  # as the import would refuse it
            first = ahead[0]
            raise importer.Unchanged(path.name, str(first.number), first.revision - 1)
        return len(plan.orders)
    due = settings.due_days(settings.Settings.in_folder(ctx.folder))
    results = amendments.import_orders(store, plan, ctx.actor, due_days=due)
    for result in results:
        _print_result(result, language)
    return len(results)


def _print_result(result: importer.Result, language: str) -> None:
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
    print_differences(result.changes, language)


def _print_issues(plan: Any, language: str) -> None:
    for issue in plan.errors:
        print(text("cli.error", language, message=issue.message(language)), file=sys.stderr)
    for issue in plan.warnings[:100]:
        print(text("cli.warning", language, message=issue.message(language)), file=sys.stderr)
    if len(plan.warnings) > 100:
        more = Message("cli.and_more", count=len(plan.warnings) - 100)
        print(text("cli.warning", language, message=more), file=sys.stderr)


def print_differences(changes_by_basis: Any, language: str, most: int = 50) -> None:
    """The differences to the revision before and to the quotation: a count, then the first
    ``most`` in words."""
    for basis, changes in changes_by_basis.items():
        print(text(f"cli.import.differences.{basis}", language, count=len(changes)))
        for change in changes[:most]:
            print("  " + describe(change, language))
        if len(changes) > most:
            print("  " + text("cli.and_more", language, count=len(changes) - most))


def describe(change: Any, language: str) -> str:
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
