"""The ``qms-review`` command: the GUI by default, subcommands for batch work.

Only the GUI path imports Qt. Every subcommand opens the store, does one unit of work, and
answers with a message and an exit code: 0 done, 1 refused or failed (nothing changed),
2 bad arguments.
"""

from __future__ import annotations

import argparse
import locale
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qms_review import __version__, cli_checks, cli_review, cli_users
from qms_review.core import catalogues
from qms_review.core.messages import QmsError, text
from qms_review.core.store import db, paths, settings
from qms_review.core.store.models import OrderKind

if TYPE_CHECKING:
    from qms_review.core.store.database import Store

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Context:
    """What every command needs, resolved once at the edge."""

    url: str
    folder: Path
    language: str
    env: Mapping[str, str]

    @property
    def actor(self) -> str:
        from qms_review.core.store.database import os_actor

        return os_actor()


def resolve_url(cli_value: str | None, env: Mapping[str, str], folder: Path) -> str:
    """--database, else $QMS_REVIEW_DATABASE, else the settings, else the data folder's file."""
    if cli_value:
        return cli_value
    if env.get(paths.ENV_DATABASE):
        return env[paths.ENV_DATABASE]
    configured = settings.Settings.in_folder(folder).get(settings.DATABASE_URL)
    return configured or db.sqlite_url(folder / paths.DATABASE_FILE)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="qms-review",
        description="Contract and order review before committing to supply (ISO 9001 §8.2). "
        "Without a command, the desktop program opens.",
    )
    top.add_argument("--version", action="version", version=f"qms-review {__version__}")
    top.add_argument(
        "--database",
        metavar="URL",
        help="database URL (default: $QMS_REVIEW_DATABASE, else the file in the data folder), "
        "e.g. sqlite:////path/to/file.sqlite3 or postgresql+psycopg://user@host/db",
    )
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("gui", help="open the desktop program (the default)")
    commands.add_parser("demo", help="load the demo dataset into an empty database")
    dbp = commands.add_parser("db", help="database administration")
    dbc = dbp.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    dbc.add_parser("upgrade", help="create or upgrade the schema to this version")
    dbc.add_parser("info", help="show where the database is and its schema version")
    bp = commands.add_parser("backup", help="copy the database to PATH (safe while in use)")
    bp.add_argument("path", type=Path, metavar="PATH")
    rp = commands.add_parser("restore", help="replace the database by the backup at PATH")
    rp.add_argument("path", type=Path, metavar="PATH")
    ip = commands.add_parser(
        "import", help="import an order, contract, bid or quotation from a spreadsheet"
    )
    ip.add_argument("file", type=Path, metavar="FILE", help=".xlsx .xlsm .xlsb .xls .ods or .csv")
    ip.add_argument("--kind", choices=[k.value for k in OrderKind], default="order")
    ip.add_argument("--customer", help="customer name (else read from the sheet)")
    ip.add_argument("--customer-code", help="customer code (else read from the sheet)")
    ip.add_argument("--order-number", help="order number (else read from the sheet)")
    ip.add_argument("--quotation", metavar="NUMBER", help="the quotation this order refers to")
    ip.add_argument(
        "--profile",
        metavar="CUSTOMER",
        help="use the column mapping saved for this customer (name or code)",
    )
    ip.add_argument("--sheet", help="the sheet holding the lines (when several could)")
    ip.add_argument(
        "--header-row", type=int, metavar="N", help="the row holding the column headers"
    )
    ip.add_argument(
        "--date-order",
        choices=["dmy", "mdy"],
        help="how to read dates like 03/04/2026: day first or month first",
    )
    ip.add_argument("--dry-run", action="store_true", help="check and summarise; write nothing")
    ip.add_argument(
        "--error-report",
        type=Path,
        metavar="XLSX",
        help="on problems, save the sheet with the bad cells marked",
    )
    tp = commands.add_parser(
        "import-template", help="save an import template (.xlsx) with the expected headers"
    )
    tp.add_argument("path", type=Path, metavar="PATH")
    cli_checks.add_parsers(commands)
    cli_users.add_parsers(commands)
    cli_review.add_parsers(commands)
    ap = commands.add_parser("audit", help="the audit trail")
    ac = ap.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    ac.add_parser(
        "verify", help="check that no audit event was edited, deleted, inserted or reordered"
    )
    return top


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    env = os.environ if env is None else env
    args = parser().parse_args(argv)
    folder = paths.data_dir(env)
    ctx = Context(
        url=resolve_url(args.database, env, folder),
        folder=folder,
        language=settings.language_or_system(
            settings.Settings.in_folder(folder).get(settings.LANGUAGE),
            catalogues.from_environment(env) or locale.getlocale()[0] or "",
        ),
        env=env,
    )
    if args.command in (None, "gui"):
        from qms_review.gui.app import run

        return run(ctx.url, ctx.folder, env)
    try:
        return COMMANDS[args.command](ctx, args)
    except QmsError as exc:
        print(exc.message(ctx.language), file=sys.stderr)
        return EXIT_FAILED


@contextmanager
def _opened(ctx: Context, create: bool = True) -> Iterator[Store]:
    """The store for one command, closed afterwards whatever happens."""
    from qms_review.core.store.database import open_store

    store = open_store(ctx.url, ctx.folder, create=create, env=ctx.env)
    try:
        yield store
    finally:
        store.close()


def _demo(ctx: Context, _args: argparse.Namespace) -> int:
    from qms_review.core import demo

    with _opened(ctx) as store:
        created = demo.load(store, ctx.actor)
    print(f"Loaded the demo: {created} orders and quotations into {store.url}")
    print("Demo users (login / password — functions):")
    for login, name, functions in demo.USERS:
        print(
            f"  {login:<12} {demo.password_of(login):<18} {name} — "
            f"{', '.join(f.value for f in functions)}"
        )
    print(f"The demo CA passphrase (to add users): {demo.CA_PASSPHRASE}")
    return EXIT_OK


def _db(ctx: Context, args: argparse.Namespace) -> int:
    from qms_review.core.store import schema
    from qms_review.core.store.database import open_store

    if args.db_command == "info":
        engine = db.create(ctx.url)
        try:
            revision = schema.state(engine)
        finally:
            engine.dispose()
        language = ctx.language
        print(text("cli.info.database", language, where=schema.where(engine)))
        shown = revision or text("cli.info.empty", language)
        print(text("cli.info.schema", language, revision=shown, head=schema.HEAD))
        print(text("cli.info.data", language, folder=ctx.folder))
        return EXIT_OK
    engine = db.create(ctx.url)
    try:
        before = schema.state(engine)
        if before != schema.HEAD:
            schema.upgrade(engine)
    finally:
        engine.dispose()
    open_store(ctx.url, ctx.folder, env=ctx.env).close()
    if before == schema.HEAD:
        print(f"The database is up to date (schema {schema.HEAD}).")
    else:
        print(f"Upgraded the database from {before or '(empty)'} to schema {schema.HEAD}.")
    return EXIT_OK


def _backup(ctx: Context, args: argparse.Namespace) -> int:
    from qms_review.core.store import backup

    with _opened(ctx, create=False) as store:
        target = backup.backup(store, args.path)
    print(f"Backed up {store.url} to {target}")
    return EXIT_OK


def _restore(ctx: Context, args: argparse.Namespace) -> int:
    from qms_review.core.store import backup

    kept = backup.restore(ctx.url, ctx.folder, args.path, ctx.actor, ctx.env)
    print(f"Restored from {args.path}.")
    if kept:
        print(f"The database as it was before is kept at {kept}")
    return EXIT_OK


def _audit(ctx: Context, _args: argparse.Namespace) -> int:
    with _opened(ctx, create=False) as store:
        report = store.verify_audit()
    print(report.message(ctx.language), file=sys.stdout if report.ok else sys.stderr)
    return EXIT_OK if report.ok else EXIT_FAILED


def _import(ctx: Context, args: argparse.Namespace) -> int:
    from qms_review.core.intake import analysis, importer, report

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
    with _opened(ctx) as store:
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
        result = importer.commit(store, plan, ctx.actor)
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


def _import_template(ctx: Context, args: argparse.Namespace) -> int:
    from qms_review.core.intake import report

    if args.path.exists():
        raise QmsError("error.backup_target_exists", path=str(args.path))
    report.save_template(args.path)
    print(f"Saved the import template to {args.path}")
    return EXIT_OK


COMMANDS = {
    "import": _import,
    "import-template": _import_template,
    "template": cli_checks.template,
    "catalogue": cli_checks.catalogue,
    "check": cli_checks.check,
    "user": cli_users.user,
    "ca": cli_users.ca,
    "review": cli_review.review,
    "record": cli_review.record,
    "verify": cli_review.verify,
    "export": cli_review.export,
    "demo": _demo,
    "db": _db,
    "backup": _backup,
    "restore": _restore,
    "audit": _audit,
}
