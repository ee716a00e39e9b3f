"""``qms-review record make|sign`` and ``verify``: the review's PDF record, kept, signed
(PAdES) and checked."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qms_review.cli.context import (
    EXIT_FAILED,
    EXIT_OK,
    Command,
    Context,
    can_save_new,
    opened,
    save_new,
    secret,
)
from qms_review.cli.lookup import review_of_order
from qms_review.core import catalogues
from qms_review.core.messages import QmsError, punctuation, text
from qms_review.core.records import archive, pades, verification
from qms_review.core.store.models import Record


def record_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="record_command", metavar="ACTION", required=True)
    make = actions.add_parser("make", help="make and keep the PDF record of an order's review")
    make.add_argument("order", metavar="ORDER")
    make.add_argument("--customer")
    make.add_argument(
        "--language", choices=list(catalogues.available()), help="default: the UI language"
    )
    make.add_argument("--output", type=Path, metavar="PDF", help="also save it to this file")
    sign = actions.add_parser("sign", help="sign the order's newest record with your key (PAdES)")
    sign.add_argument("order", metavar="ORDER")
    sign.add_argument("--customer")
    sign.add_argument("--as", dest="login", required=True, metavar="LOGIN")
    sign.add_argument("--output", type=Path, metavar="PDF", help="also save the signed file")


def record(ctx: Context, args: argparse.Namespace) -> int:
    if args.output:
        can_save_new(args.output)  # a record kept but its copy refused would be half done
    if args.record_command == "sign":
        return _sign_record(ctx, args)
    with opened(ctx, create=False) as store:
        _order_id, _number, review_id = review_of_order(store, args.order, args.customer)
        assert review_id is not None
        with store.write(ctx.actor) as session:
            made = archive.generate(session, review_id, args.language or ctx.language)
            row = session.get(Record, made.id)
            pdf = row.pdf if row is not None else b""
    if args.output:
        save_new(args.output, pdf)
    kept = "cli.record.kept_saved" if args.output else "cli.record.kept"
    print(text(kept, ctx.language, record=made.record_id, sha256=made.sha256, path=args.output))
    return EXIT_OK


def _sign_record(ctx: Context, args: argparse.Namespace) -> int:
    with opened(ctx, create=False) as store:
        _order_id, _number, review_id = review_of_order(store, args.order, args.customer)
        assert review_id is not None
        password = secret(
            text("cli.prompt.password_of", ctx.language, login=args.login), ctx.language
        )
        meaning = text("record.meaning_signed", ctx.language)
        row = pades.sign(store, args.login, password, review_id, meaning, ctx.language)
        if args.output:
            save_new(args.output, row.pdf)
    signed = "cli.record.signed_saved" if args.output else "cli.record.signed"
    print(text(signed, ctx.language, sha256=row.sha256, path=args.output))
    return EXIT_OK


def verify_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.pdf")


def verify(ctx: Context, args: argparse.Namespace) -> int:
    """Check a PDF record; a plain report, and exit code 1 when anything fails."""
    try:
        pdf = args.file.read_bytes()
    except OSError as exc:
        raise QmsError(
            "review.file_unreadable", file=str(args.file), error=exc.strerror or str(exc)
        ) from exc
    with opened(ctx, create=False) as store, store.read() as session:
        result = verification.verify(session, pdf, ctx.language)
    language = ctx.language
    for check in result.signatures:
        if check.problems:
            problems = punctuation("semicolon", language).join(check.problems)
            line = text(
                "cli.verify.invalid",
                language,
                name=check.name,
                signer=check.signer,
                problems=problems,
            )
        else:
            line = text("cli.verify.valid", language, name=check.name, signer=check.signer)
        print(line)
    for problem in result.problems:
        print(text("cli.verify.file", language, problem=problem))
    print(
        text("cli.verify.ok" if result.ok else "cli.verify.failed", language),
        file=sys.stdout if result.ok else sys.stderr,
    )
    return EXIT_OK if result.ok else EXIT_FAILED


COMMANDS = {
    "record": Command(record_arguments, record),
    "verify": Command(verify_arguments, verify),
}
