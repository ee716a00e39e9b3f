"""Command-line commands for checklist templates, the capability catalogue and the automatic
checks: ``template import|list|show``, ``catalogue import|list`` and ``check``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from qms_review.core.messages import label, text
from qms_review.core.store.models import OrderKind

if TYPE_CHECKING:
    from qms_review.cli import Context

EXIT_OK, EXIT_FAILED = 0, 1


def add_parsers(commands: Any) -> None:
    """Add the commands to the ``qms-review`` parser's subcommands."""
    from pathlib import Path

    tp = commands.add_parser("template", help="checklist templates: import, list, show")
    tc = tp.add_subparsers(dest="template_command", metavar="ACTION", required=True)
    ti = tc.add_parser("import", help="store a checklist template or sector pack (.toml)")
    ti.add_argument("file", type=Path, metavar="FILE")
    tc.add_parser("list", help="list the stored templates and their versions")
    ts = tc.add_parser("show", help="show a template's sections and items")
    ts.add_argument("key", metavar="KEY", help="e.g. iso9001, iatf16949")
    ts.add_argument("--version", dest="template_version", metavar="V", help="default: newest")

    cp = commands.add_parser("catalogue", help="the capability catalogue: import, list")
    cc = cp.add_subparsers(dest="catalogue_command", metavar="ACTION", required=True)
    ci = cc.add_parser("import", help="add or update parts from a spreadsheet")
    ci.add_argument("file", type=Path, metavar="FILE", help=".xlsx .xls .ods or .csv")
    ci.add_argument("--dry-run", action="store_true", help="check the file; write nothing")
    cc.add_parser("list", help="list the parts")

    kp = commands.add_parser(
        "check", help="run the automatic checks on an order and list the findings"
    )
    kp.add_argument("order", metavar="ORDER", help="the order (or quotation) number")
    kp.add_argument("--revision", type=int, metavar="N", help="default: the latest")
    kp.add_argument("--customer", help="the customer's name or code, when numbers repeat")
    kp.add_argument("--kind", choices=[k.value for k in OrderKind])
    kp.add_argument("--format", choices=["text", "json"], default="text")
    kp.add_argument("--all", action="store_true", help="include dispositioned and cleared ones")


def template(ctx: Context, args: argparse.Namespace) -> int:
    from qms_review.cli import _opened
    from qms_review.core.review import templates

    with _opened(ctx) as store:
        if args.template_command == "import":
            with store.write(ctx.actor) as session:
                found, created = templates.import_file(session, args.file)
            key = "template.imported" if created else "template.already"
            print(
                text(
                    key, ctx.language, key=found.key, version=found.version, items=len(found.items)
                )
            )
            return EXIT_OK
        with store.read() as session:
            if args.template_command == "list":
                for s in templates.listing(session):
                    base = f" + {s.extends}" if s.extends else ""
                    print(
                        f"{s.key:<12} {s.version:<8} {s.kind:<8}{base:<12} "
                        f"{s.title(ctx.language)}  [{s.source}, {s.sha256[:12]}]"
                    )
                return EXIT_OK
            shown = templates.find(session, args.key, args.template_version)
    language = ctx.language
    print(f"{shown.key} {shown.version} — {shown.title(language)}")
    for number, section in enumerate(shown.sections, start=1):
        owner = label("owner", section.function, language) if section.function else "—"
        print(f"\n{number}. {section.title(language) or section.key} ({owner})")
        for item in section.items:
            marks = "" if item.mandatory else " (optional)"
            when = [label("condition", c, language) for c in (*item.when, *item.when_any)]
            if when:
                marks += f" [{'; '.join(when)}]"
            print(f"   {item.key:<34} {item.clause:<22} {item.text(language)}{marks}")
    return EXIT_OK


def catalogue(ctx: Context, args: argparse.Namespace) -> int:
    from qms_review.cli import _opened
    from qms_review.core.intake import catalogue_import
    from qms_review.core.orders import catalogue as parts

    with _opened(ctx) as store:
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
            print(f"error: {issue.message(ctx.language)}", file=sys.stderr)
        if not plan.ok:
            print(catalogue_import.CatalogueRefused(plan).message(ctx.language), file=sys.stderr)
            return EXIT_FAILED
        print(f"{len(plan.rows)} parts in {args.file.name} (sheet {plan.sheet})")
        if args.dry_run:
            print("Dry run: nothing was imported.")
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


def check(ctx: Context, args: argparse.Namespace) -> int:
    from qms_review.cli import _opened
    from qms_review.core.checks import findings
    from qms_review.core.orders import lookup

    with _opened(ctx) as store:
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
            f" [{row.disposition.value}]"
            if row.disposition
            else (" [cleared]" if row.cleared else "")
        )
        print(f"  {severity:<8} {row.message(language)}{state}")
    return EXIT_OK
