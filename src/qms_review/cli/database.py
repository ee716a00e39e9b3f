"""``qms-review db upgrade|info``, ``backup``, ``restore`` and ``audit verify``: looking after
the database itself."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qms_review.cli.context import EXIT_FAILED, EXIT_OK, Command, Context, opened
from qms_review.core.messages import text
from qms_review.core.store import backup as backups
from qms_review.core.store import database, engines, schema


def db_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    actions.add_parser("upgrade", help="create or upgrade the schema to this version")
    actions.add_parser("info", help="show where the database is and its schema version")


def db_command(ctx: Context, args: argparse.Namespace) -> int:
    if args.db_command == "info":
        revision = database.schema_revision(ctx.url)
        language = ctx.language
        print(text("cli.info.database", language, where=_shown(ctx.url)))
        shown = revision or text("cli.info.empty", language)
        print(text("cli.info.schema", language, revision=shown, head=schema.HEAD))
        print(text("cli.info.data", language, folder=ctx.folder))
        return EXIT_OK
    before = database.upgrade(ctx.url, ctx.folder)
    with opened(ctx):  # creates or upgrades the schema and stores the built-in templates
        pass
    if before == schema.HEAD:
        print(text("cli.db.up_to_date", ctx.language, head=schema.HEAD))
    else:
        before_shown = before or text("cli.info.empty", ctx.language)
        print(text("cli.db.upgraded", ctx.language, before=before_shown, head=schema.HEAD))
    return EXIT_OK


def _shown(url: str) -> str:
    """The database's URL as shown (password hidden)."""
    return engines.parsed(url).render_as_string(hide_password=True)


def path_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, metavar="PATH")


def backup(ctx: Context, args: argparse.Namespace) -> int:
    with opened(ctx, create=False) as store:
        target = backups.backup(store, args.path)
    print(text("cli.backup.done", ctx.language, url=store.url, path=target))
    return EXIT_OK


def restore(ctx: Context, args: argparse.Namespace) -> int:
    kept = backups.restore(ctx.url, ctx.folder, args.path, ctx.actor, ctx.env)
    print(text("cli.restore.done", ctx.language, path=args.path))
    if kept:
        print(text("cli.restore.kept", ctx.language, path=kept))
    return EXIT_OK


def audit_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    actions.add_parser(
        "verify", help="check that no audit event was edited, deleted, inserted or reordered"
    )


def audit(ctx: Context, _args: argparse.Namespace) -> int:
    with opened(ctx, create=False) as store:
        report = store.verify_audit()
    print(report.message(ctx.language), file=sys.stdout if report.ok else sys.stderr)
    return EXIT_OK if report.ok else EXIT_FAILED


COMMANDS = {
    "db": Command(db_arguments, db_command),
    "backup": Command(path_argument, backup),
    "restore": Command(path_argument, restore),
    "audit": Command(audit_arguments, audit),
}
