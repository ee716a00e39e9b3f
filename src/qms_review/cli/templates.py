"""``qms-review template import|list|show``: the checklist templates and sector packs."""

from __future__ import annotations

import argparse
from pathlib import Path

from qms_review.cli.context import EXIT_OK, Command, Context, opened
from qms_review.core.messages import label, text
from qms_review.core.review import templates


def template_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="template_command", metavar="ACTION", required=True)
    imported = actions.add_parser(
        "import", help="store a checklist template or sector pack (.toml)"
    )
    imported.add_argument("file", type=Path, metavar="FILE")
    actions.add_parser("list", help="list the stored templates and their versions")
    show = actions.add_parser("show", help="show a template's sections and items")
    show.add_argument("key", metavar="KEY", help="e.g. iso9001, iatf16949")
    show.add_argument("--version", dest="template_version", metavar="V", help="default: newest")


def template(ctx: Context, args: argparse.Namespace) -> int:
    with opened(ctx) as store:
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


COMMANDS = {"template": Command(template_arguments, template)}
