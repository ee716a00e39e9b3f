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
from qms_review.core.identity import pki
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
    confirm = actions.add_parser(
        "confirm",
        help="confirm an accepted order to the customer: the order acknowledgement (PDF and "
        ".xlsx), kept with the review and entered in the communication log",
    )
    confirm.add_argument("order", metavar="ORDER")
    confirm.add_argument("--customer")
    confirm.add_argument("--as", dest="login", required=True, metavar="LOGIN")
    confirm.add_argument(
        "--language",
        choices=list(catalogues.available()),
        help="default: the customer's (Chinese for a customer in China, else English)",
    )
    _files(confirm)
    again = actions.add_parser(
        "confirmation", help="save the order acknowledgement kept with the review again"
    )
    again.add_argument("order", metavar="ORDER")
    again.add_argument("--customer")
    _files(again)


def _files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pdf", type=Path, required=True, metavar="FILE", help="save the PDF")
    parser.add_argument("--xlsx", type=Path, metavar="FILE", help="save the workbook too")


def record(ctx: Context, args: argparse.Namespace) -> int:
    if args.record_command in ("confirm", "confirmation"):
        return _confirm(ctx, args)
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
    if made.draft:
        print(text("cli.record.draft", ctx.language))
    return EXIT_OK


def _sign_record(ctx: Context, args: argparse.Namespace) -> int:
    with opened(ctx, create=False) as store:
        _order_id, _number, review_id = review_of_order(store, args.order, args.customer)
        assert review_id is not None
        pades.may_sign(store, args.login, review_id)  # a refusal before the password is asked
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


def _confirm(ctx: Context, args: argparse.Namespace) -> int:
    """The order acknowledgement: made (``confirm``, --as LOGIN with the password) or the kept
    one saved again (``confirmation``); the files are written only once it is kept."""
    from qms_review.core.identity import authentication
    from qms_review.core.records import acknowledgement

    outputs = [p for p in (args.pdf, args.xlsx) if p is not None]
    for path in outputs:
        can_save_new(path)
    with opened(ctx, create=False) as store:
        _order_id, _number, review_id = review_of_order(store, args.order, args.customer)
        assert review_id is not None
        if args.record_command == "confirm":
            with store.read() as session:
                acknowledgement.refuse_unless_accepted(session, review_id, args.login)
            password = secret(
                text("cli.prompt.password_of", ctx.language, login=args.login), ctx.language
            )
            person = authentication.check_password(store, args.login, password, "record")
            with store.write(person.actor) as session:
                made = acknowledgement.make(session, person, review_id, args.language)
        else:
            with store.read() as session:
                made = acknowledgement.kept(session, review_id)
    save_new(args.pdf, made.pdf)
    if args.xlsx is not None:
        save_new(args.xlsx, made.xlsx)
    paths = ", ".join(str(p) for p in outputs)
    if args.record_command == "confirm":
        name = catalogues.available().get(made.language, made.language)
        print(
            text(
                "cli.record.confirmed",
                ctx.language,
                reference=made.reference,
                written_in=name,
                paths=paths,
            )
        )
    else:
        print(
            text(
                "cli.record.confirmation_saved", ctx.language, reference=made.reference, paths=paths
            )
        )
    return EXIT_OK


def verify_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.pdf")
    parser.add_argument(
        "--ca",
        type=Path,
        metavar="CA.pem",
        help="check against this CA certificate (from 'qms-review ca export'): no database needed",
    )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise QmsError(
            "review.file_unreadable", file=str(path), error=exc.strerror or str(exc)
        ) from exc


def verify(ctx: Context, args: argparse.Namespace) -> int:
    """Check a PDF record; a plain report, and exit code 1 when anything fails. With ``--ca``
    the record is checked on its own when there is no database (or none that opens)."""
    pdf = _read(args.file)
    authorities = pki.read_certificates(_read(args.ca), str(args.ca)) if args.ca else None
    try:
        with opened(ctx, create=False) as store, store.read() as session:
            result = verification.verify(session, pdf, ctx.language, authorities)
    except QmsError:
        if authorities is None:
            raise
        result = verification.verify(None, pdf, ctx.language, authorities)
    _report(result, ctx.language)
    return EXIT_OK if result.ok else EXIT_FAILED


def _report(result: verification.Verification, language: str) -> None:
    for check in result.signatures:
        signer = f"{check.signer} ({check.login})" if check.login else check.signer
        when = (
            text(
                "cli.verify.stamped",
                language,
                time=check.signed_at.astimezone().strftime("%Y-%m-%d %H:%M:%S %z"),
            )
            if check.signed_at
            else text("cli.verify.unstamped", language)
        )
        facts = {"name": check.name, "signer": signer, "meaning": check.meaning, "when": when}
        if check.problems:
            problems = punctuation("semicolon", language).join(check.problems)
            print(text("cli.verify.invalid", language, problems=problems, **facts))
        else:
            print(text("cli.verify.valid", language, **facts))
    if result.data == verification.INTACT:
        print(text("cli.verify.data_intact", language, sha256=result.data_sha256))
    database = {
        None: "cli.verify.no_database",
        "matches": "cli.verify.database_matches",
        "not_kept": "cli.verify.database_not_kept",
    }.get(result.database)
    if database:
        print(text(database, language))
    for problem in result.problems:
        print(text("cli.verify.file", language, problem=problem))
    print(
        text("cli.verify.ok" if result.ok else "cli.verify.failed", language),
        file=sys.stdout if result.ok else sys.stderr,
    )


COMMANDS = {
    "record": Command(record_arguments, record),
    "verify": Command(verify_arguments, verify),
}
