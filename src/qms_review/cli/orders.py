"""``qms-review order new|edit``: an order typed in (taken by phone or in person, or from a
table of lines), and an edit of an order, which is always its next revision."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from qms_review.cli.context import EXIT_OK, Command, Context, check_day, day, opened
from qms_review.cli.imports import describe, print_differences
from qms_review.core.intake import entry
from qms_review.core.intake.importer import Result
from qms_review.core.messages import QmsError, counted, labelled, text
from qms_review.core.orders import lookup
from qms_review.core.review import amendments
from qms_review.core.store import settings
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import OrderKind

#: What a ``--line`` holds, separated by semicolons (the trailing parts may be left out).
LINE_SPEC = ("part_number", "quantity", "unit", "unit_price", "delivery_date", "description")
_KINDS = [k.value for k in OrderKind]


def _header_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--order-date", type=day("--order-date"), metavar="YYYY-MM-DD", help="e.g. 2026-11-02"
    )
    parser.add_argument("--buyer")
    parser.add_argument("--currency", metavar="CODE", help="three letters: EUR, USD, CNY …")
    parser.add_argument("--payment-terms", metavar="TEXT")
    parser.add_argument("--delivery-terms", metavar="TEXT", help="e.g. FCA Hamburg")
    parser.add_argument("--quotation", metavar="REF", help="the quotation the order refers to")
    parser.add_argument("--notes", metavar="TEXT")


def order_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="order_command", metavar="ACTION", required=True)
    new = actions.add_parser(
        "new", help="enter a new order, contract, bid, enquiry or quotation (revision 1)"
    )
    new.add_argument("--number", required=True, help="the customer's order number")
    new.add_argument("--customer", help="the customer's name (required unless --customer-code)")
    new.add_argument("--customer-code", metavar="CODE")
    new.add_argument("--kind", choices=_KINDS, default=OrderKind.ORDER.value)
    _header_arguments(new)
    new.add_argument(
        "--verbal",
        action="store_true",
        help="received by phone or in person: accepting it needs the written confirmation "
        "to the customer recorded first",
    )
    _line_arguments(new, "--line")
    edit = actions.add_parser(
        "edit", help="change an order: its next revision, with its differences and checks"
    )
    edit.add_argument("order", metavar="ORDER", help="the order (or bid, enquiry …) number")
    edit.add_argument("--customer", help="the customer's name or code, when numbers repeat")
    edit.add_argument("--kind", choices=_KINDS, help="when numbers repeat across kinds")
    edit.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help=f"change a header term ({', '.join(entry.HEADER)}); an empty value clears it",
    )
    verbal = edit.add_mutually_exclusive_group()
    verbal.add_argument("--verbal", dest="verbal", action="store_const", const=True)
    verbal.add_argument("--not-verbal", dest="verbal", action="store_const", const=False)
    edit.add_argument(
        "--change-line",
        action="append",
        default=[],
        metavar="N:FIELD=VALUE",
        help=f"change line N's field ({', '.join(entry.LINE)})",
    )
    edit.add_argument("--remove-line", action="append", default=[], type=int, metavar="N")
    _line_arguments(edit, "--add-line")
    edit.add_argument("--dry-run", action="store_true", help="show the differences; write nothing")


def _line_arguments(parser: argparse.ArgumentParser, flag: str) -> None:
    parser.add_argument(
        flag,
        dest="lines",
        action="append",
        default=[],
        metavar="SPEC",
        help="a line: PART;QUANTITY;UNIT;PRICE;DELIVERY-DATE;DESCRIPTION (may be repeated; "
        "trailing parts may be left out)",
    )
    parser.add_argument(
        "--lines-from",
        type=Path,
        metavar="FILE",
        help="lines from a CSV or tab-separated file (UTF-8) with a header row "
        "(Part No., Qty, Unit price …) or columns in the order of --line"
        + (" (they replace the order's lines)" if flag == "--add-line" else ""),
    )


def order(ctx: Context, args: argparse.Namespace) -> int:
    due = settings.due_days(settings.Settings.in_folder(ctx.folder))
    if args.order_command == "new":  # read and checked before the store is opened (or made)
        fields = {
            "kind": args.kind,
            "number": args.number,
            "customer": args.customer,
            "customer_code": args.customer_code,
            **_header(args),
        }
        lines = [*_file_lines(args.lines_from), *_spec_lines(args.lines, "--line")]
        typed = entry.read(fields, lines, args.verbal)
    with opened(ctx, create=args.order_command == "new") as store:
        if args.order_command == "new":
            result = amendments.save_entry(store, typed, ctx.actor, due_days=due)
        else:
            order_id, typed = _edited(store, args)
            if args.dry_run:
                changes = entry.differences(store, order_id, typed)
                print(text("cli.import.differences.previous", ctx.language, count=len(changes)))
                for change in changes:
                    print("  " + describe(change, ctx.language))
                print(text("cli.order.dry_run", ctx.language))
                return EXIT_OK
            result = amendments.save_entry(store, typed, ctx.actor, order_id, due_days=due)
    _print(result, ctx.language)
    return EXIT_OK


def _header(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "order_date": args.order_date,
        "buyer": args.buyer,
        "currency": args.currency,
        "payment_terms": args.payment_terms,
        "delivery_terms": args.delivery_terms,
        "quotation_ref": args.quotation,
        "notes": args.notes,
    }


def _spec_lines(specs: Sequence[str], flag: str) -> list[dict[str, str]]:
    found = []
    for spec in specs:
        parts = spec.split(";")
        if len(parts) > len(LINE_SPEC):
            raise QmsError("cli.order.line_spec", spec=spec, count=len(LINE_SPEC))
        line = dict(zip(LINE_SPEC, (p.strip() for p in parts), strict=False))
        check_day(flag, line.get("delivery_date"))
        found.append(line)
    return found


def _file_lines(path: Path | None) -> list[dict[str, str]]:
    if path is None:
        return []
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise QmsError("cli.order.lines_unreadable", file=path, error=reason) from None
    return entry.lines_from_table(content)


def _edited(store: Store, args: argparse.Namespace) -> tuple[int, entry.Entry]:
    """The order named and its latest revision with the changes asked for applied."""
    with store.read() as session:
        order_id, _number, _kind = lookup.order_by_number(
            session, args.order, args.customer, args.kind
        )
    now = entry.current(store, order_id)
    header = dict(now.header)
    for assignment in args.set:
        name, value = _assignment(assignment, entry.HEADER)
        if name == "order_date":
            check_day("--set", value)
        header[name] = value or None
    lines: list[dict[str, Any]] = [dict(line) for line in now.lines]
    if args.lines_from is not None:
        lines = _file_lines(args.lines_from)
    numbers = [line.get("line_no") or index for index, line in enumerate(lines, start=1)]
    for change in args.change_line:
        where, _colon, assignment = change.partition(":")
        line = _line_numbered(lines, numbers, where, change)
        name, value = _assignment(assignment, entry.LINE)
        if name == "delivery_date":
            check_day("--change-line", value)
        line[name] = value
        if name in ("quantity", "unit_price"):
            line["amount"] = None  # the stated amount was of the old quantity or price
    for number in args.remove_line:
        line = _line_numbered(lines, numbers, str(number), str(number))
        lines.remove(line)
    lines += _spec_lines(args.lines, "--add-line")
    fields = {
        "kind": now.kind.value,
        "number": now.number,
        "customer": now.customer,
        "customer_code": now.customer_code,
        **header,
    }
    verbal = now.verbal if args.verbal is None else args.verbal
    return order_id, entry.read(fields, lines, verbal)


def _assignment(assignment: str, names: Sequence[str]) -> tuple[str, str]:
    name, equals, value = assignment.partition("=")
    name = name.strip().replace("-", "_")
    if not equals or name not in names:
        raise QmsError("cli.order.bad_field", given=assignment, fields=", ".join(names))
    return name, value.strip()


def _line_numbered(
    lines: list[dict[str, Any]], numbers: Sequence[Any], where: str, given: str
) -> dict[str, Any]:
    for line, number in zip(lines, numbers, strict=False):
        if str(number) == where.strip():
            return line
    raise QmsError("cli.order.no_line", given=given, lines=", ".join(map(str, numbers)))


def _print(result: Result, language: str) -> None:
    saved = "cli.order.saved_new" if result.revision == 1 else "cli.order.saved"
    print(
        text(
            saved,
            language,
            kind=labelled("kind", result.kind.value),
            number=result.number,
            revision=result.revision,
            customer=result.customer,
            lines=counted(result.lines, "count.lines_one", "count.lines"),
            findings=counted(result.findings, "count.to_review_one", "count.to_review"),
        )
    )
    print_differences(result.changes, language)
    amendment = result.amendment
    if amendment is not None:
        reopened = ", ".join(
            labelled("owner", f.value).render(language) for f in amendment.reopened
        )
        print(
            text(
                "cli.order.review_carried",
                language,
                carried=counted(len(amendment.carried), "count.sections_one", "count.sections"),
                reopened=reopened or "—",
            ),
            file=sys.stdout,
        )


COMMANDS: Mapping[str, Command] = {"order": Command(order_arguments, order)}
