"""``qms-review template import|list|show``: the checklist templates and sector packs."""

from __future__ import annotations

import argparse
from pathlib import Path

from qms_review.cli.context import EXIT_OK, Command, Context, opened
from qms_review.core.messages import label, punctuation, text
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
    with opened(ctx, create=args.template_command == "import") as store:
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
                language = ctx.language
                for s in templates.listing(session):
                    base = (
                        text("cli.template.extends", language, base=s.extends) if s.extends else ""
                    )
                    print(
                        text(
                            "cli.template.listed",
                            language,
                            key=f"{s.key:<12}",
                            version=f"{s.version:<8}",
                            kind=f"{label('template_kind', s.kind, language):<8}",
                            extends=f"{base:<11}",
                            title=s.title(language),
                            source=s.source,
                            sha256=s.sha256[:12],
                        )
                    )
                return EXIT_OK
            shown = templates.find(session, args.key, args.template_version)
    language = ctx.language
    print(
        text(
            "cli.template.heading",
            language,
            key=shown.key,
            version=shown.version,
            title=shown.title(language),
        )
    )
    for number, section in enumerate(shown.sections, start=1):
        owner = (
            label("owner", section.function, language)
            if section.function
            else text("cli.template.no_owner", language)
        )
        title = section.title(language) or section.key
        print()
        print(text("cli.template.section", language, number=number, title=title, owner=owner))
        for item in section.items:
            marks = "" if item.mandatory else " " + text("cli.template.optional", language)
            when = [label("condition", c, language) for c in (*item.when, *item.when_any)]
            if when:
                conditions = punctuation("semicolon", language).join(when)
                marks += " " + text("cli.template.conditions", language, conditions=conditions)
            line = text(
                "cli.template.item",
                language,
                key=f"{item.key:<34}",
                clause=f"{item.clause:<22}",
                text=item.text(language),
            )
            print(f"   {line}{marks}")
    return EXIT_OK


COMMANDS = {"template": Command(template_arguments, template)}
