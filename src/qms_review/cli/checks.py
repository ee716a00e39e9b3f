"""``qms-review check``: run the automatic checks on an order and list its findings."""

from __future__ import annotations

import argparse
import json

from qms_review.cli.context import EXIT_OK, Command, Context, opened
from qms_review.core.checks import findings
from qms_review.core.messages import labelled, text
from qms_review.core.orders import lookup
from qms_review.core.store.vocabulary import OrderKind


def check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("order", metavar="ORDER", help="the order (or quotation) number")
    parser.add_argument("--revision", type=int, metavar="N", help="default: the latest")
    parser.add_argument("--customer", help="the customer's name or code, when numbers repeat")
    parser.add_argument("--kind", choices=[k.value for k in OrderKind])
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--all", action="store_true", help="include dispositioned and cleared ones")


def check(ctx: Context, args: argparse.Namespace) -> int:
    with opened(ctx, create=False) as store:
        with store.read() as session:
            order_id, number, kind = lookup.order_by_number(
                session, args.order, args.customer, args.kind
            )
            revision_id = lookup.revision_id_of(session, order_id, args.revision)
        with store.write(ctx.actor) as session:
            outcome = findings.run(session, revision_id)
        with store.read() as session:
            rows = findings.of_revision(session, revision_id, cleared=args.all)
            revision = lookup.revision_number(session, revision_id)
    if not args.all:
        rows = [r for r in rows if r.open]
    if args.format == "json":
        print(
            json.dumps(
                {
                    "order": number,
                    "kind": kind.value,
                    "revision": revision,
                    "findings": [findings.as_dict(r) for r in rows],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    language = ctx.language
    open_count = sum(1 for r in rows if r.open)
    print(
        text(
            "check.summary",
            language,
            order=number,
            revision=revision,
            open=open_count,
            total=outcome.found,
            added=outcome.added,
            cleared=outcome.cleared,
        )
    )
    current = None
    for row in rows:
        if row.kind != current:
            current = row.kind
            print(f"\n{text(f'check.kind.{row.kind.value}', language)}")
        severity = text(f"check.severity.{row.severity.value}", language)
        state = (
            " " + text("cli.check.state", language, state=labelled("disposition", row.disposition))
            if row.disposition
            else (" " + text("cli.check.cleared", language) if row.cleared else "")
        )
        print(f"  {severity:<8} {row.message(language)}{state}")
    return EXIT_OK


COMMANDS = {"check": Command(check_arguments, check)}
