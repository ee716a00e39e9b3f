"""``qms-review review start|status|answer|dispose|sign|decide``: the review from a script,
with the same rules and messages as the GUI (both act through :mod:`qms_review.core.review.actions`).

Whoever acts is named with ``--as LOGIN`` and proves it with their password, read without echo.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from qms_review.core import catalogues
from qms_review.core.messages import label, text

if TYPE_CHECKING:
    from pathlib import Path

    from qms_review.cli import Context
    from qms_review.core.identity.users import Person
    from qms_review.core.store.database import Store

EXIT_OK = 0


def add_parsers(commands: Any) -> None:
    from qms_review.core.store.models import Answer, Decision, Disposition

    rp = commands.add_parser(
        "review", help="review an order: start, status, answer, dispose, sign, decide"
    )
    rc = rp.add_subparsers(dest="review_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = rc.add_parser(name, help=help_text)
        sub.add_argument("order", metavar="ORDER", help="the order number")
        sub.add_argument("--customer", help="the customer's name or code, when numbers repeat")
        if name != "status":
            sub.add_argument(
                "--as",
                dest="login",
                required=True,
                metavar="LOGIN",
                help="who does it (the password is asked)",
            )
        return sub

    start = action("start", "start the review of an order revision")
    start.add_argument("--revision", type=int, metavar="N", help="default: the latest")
    start.add_argument("--template", default="iso9001")
    start.add_argument(
        "--pack",
        action="append",
        default=[],
        help="a sector pack to add: iatf16949, as9100d, iso13485",
    )
    action("status", "where the review stands and what blocks a decision")
    answer = action("answer", "answer a checklist item")
    answer.add_argument("item", metavar="ITEM", help="the item key, e.g. technical.parts_revisions")
    answer.add_argument("value", choices=[a.value for a in Answer])
    answer.add_argument("--comment", default="")
    dispose = action("dispose", "disposition a finding (by number) or a “No” answer")
    dispose.add_argument("what", metavar="FINDING|ITEM")
    dispose.add_argument("disposition", choices=[d.value for d in Disposition])
    dispose.add_argument("--note", default="", help="the condition or the justification")
    sign = action("sign", "sign a section of the checklist (as its function)")
    sign.add_argument("section", metavar="SECTION")
    decide = action("decide", "the approver's decision, signed")
    decide.add_argument("decision", choices=[d.value for d in Decision])
    decide.add_argument("--conditions", default="")

    from pathlib import Path

    rec = commands.add_parser("record", help="review records (PDF)")
    recs = rec.add_subparsers(dest="record_command", metavar="ACTION", required=True)
    make = recs.add_parser("make", help="make and keep the PDF record of an order's review")
    make.add_argument("order", metavar="ORDER")
    make.add_argument("--customer")
    make.add_argument(
        "--language", choices=list(catalogues.available()), help="default: the UI language"
    )
    make.add_argument("--output", type=Path, metavar="PDF", help="also save it to this file")
    sign = recs.add_parser("sign", help="sign the order's newest record with your key (PAdES)")
    sign.add_argument("order", metavar="ORDER")
    sign.add_argument("--customer")
    sign.add_argument("--as", dest="login", required=True, metavar="LOGIN")
    sign.add_argument("--output", type=Path, metavar="PDF", help="also save the signed file")
    verify = commands.add_parser(
        "verify",
        help="check a signed PDF record: every signature, "
        "the whole file, our CA and revocation list",
    )
    verify.add_argument("file", type=Path, metavar="FILE.pdf")
    export = commands.add_parser("export", help="the register, or one review's data, to .xlsx")
    export.add_argument("path", type=Path, metavar="XLSX")
    export.add_argument("--filter", default="", help="the register's filter words")
    export.add_argument("--review-of", metavar="ORDER", help="one order's review instead")


def _review_of_order(
    store: Store, order: str, customer: str | None, required: bool = True
) -> tuple[int, str, int | None]:
    """(order id, number, review in force) of the order numbered ``order``; the review must
    exist when ``required``."""
    from qms_review.core.messages import QmsError
    from qms_review.core.orders import lookup
    from qms_review.core.review import actions

    with store.read() as session:
        order_id, number, _kind = lookup.order_by_number(session, order, customer)
        review_id = actions.review_of(session, order_id)
    if required and review_id is None:
        raise QmsError("review.none", order=number)
    return order_id, number, review_id


def _save_new(path: Path, content: bytes) -> None:
    """Write a file that must not exist yet (nothing is ever overwritten)."""
    from qms_review.core.messages import QmsError

    if path.exists():
        raise QmsError("error.backup_target_exists", path=str(path))
    path.write_bytes(content)


def review(ctx: Context, args: argparse.Namespace) -> int:
    from qms_review.cli import _opened

    with _opened(ctx) as store:
        order_id, _number, review_id = _review_of_order(
            store, args.order, args.customer, required=args.review_command != "start"
        )
        if args.review_command == "status":
            assert review_id is not None
            return _status(ctx, store, review_id)
        message = _act(ctx, store, args, order_id, review_id)
    print(message)
    return EXIT_OK


def _who(store: Store, login: str) -> tuple[Person, str]:
    from qms_review.cli_users import secret
    from qms_review.core.identity import users

    password = secret(f"Password of {login}: ")
    return users.check_password(store, login, password, "review"), password


def _act(
    ctx: Context, store: Store, args: argparse.Namespace, order_id: int, review_id: int | None
) -> str:
    from qms_review.core.review import actions
    from qms_review.core.store.models import Answer, Decision, Disposition

    person, password = _who(store, args.login)
    command = args.review_command
    if command == "start":
        with store.write(person.actor) as session:
            from qms_review.core.store import settings

            days = settings.due_days(settings.Settings.in_folder(ctx.folder))
            new = actions.start(
                session, person, order_id, args.revision, args.template, tuple(args.pack), days
            )
            due = actions.status(session, new).due_on
        return f"Review #{new} started on {args.order}; due {due}."
    assert review_id is not None
    if command == "answer":
        with store.write(person.actor) as session:
            actions.answer(session, person, review_id, args.item, Answer(args.value), args.comment)
        return f"{args.item}: {label('answer', args.value, ctx.language)}"
    if command == "dispose":
        disposition = Disposition(args.disposition)
        with store.write(person.actor) as session:
            if args.what.isdigit():
                actions.dispose_finding(
                    session, person, review_id, int(args.what), disposition, args.note
                )
            else:
                actions.dispose_answer(
                    session, person, review_id, args.what, disposition, args.note
                )
        return f"{args.what}: {label('disposition', disposition.value, ctx.language)}"
    if command == "sign":
        signed = actions.sign_section(
            store, args.login, password, review_id, args.section, ctx.language
        )
        return f"{signed.meaning} — {signed.printed_name}, {signed.local_time()}"
    signed = actions.decide(
        store,
        args.login,
        password,
        review_id,
        Decision(args.decision),
        args.conditions,
        ctx.language,
    )
    return f"{signed.meaning} — {signed.printed_name}, {signed.local_time()}"


def _status(ctx: Context, store: Store, review_id: int) -> int:
    from qms_review.core.review import actions

    with store.read() as session:
        found = actions.status(session, review_id)
    language = ctx.language
    state = label("review_state", found.state.value, language)
    decided = f", {label('decision', found.decision.value, language)}" if found.decision else ""
    print(
        f"{found.order} revision {found.revision}: review #{found.review_id} {state}{decided}; "
        f"due {found.due_on}; template {found.template}"
    )
    if found.blockers:
        print(text("review.blocking", language, count=len(found.blockers)))
        for blocker in found.blockers:
            print("  " + blocker.message().message(language))
    return EXIT_OK


def record(ctx: Context, args: argparse.Namespace) -> int:
    from qms_review.cli import _opened
    from qms_review.core.records import archive
    from qms_review.core.store.models import Record

    if args.record_command == "sign":
        return _sign_record(ctx, args)
    with _opened(ctx) as store:
        _order_id, _number, review_id = _review_of_order(store, args.order, args.customer)
        assert review_id is not None
        with store.write(ctx.actor) as session:
            made = archive.generate(session, review_id, args.language or ctx.language)
            row = session.get(Record, made.id)
            pdf = row.pdf if row is not None else b""
    if args.output:
        _save_new(args.output, pdf)
    print(
        f"Record {made.record_id} kept (SHA-256 {made.sha256})"
        + (f"; saved to {args.output}" if args.output else "")
    )
    return EXIT_OK


def _sign_record(ctx: Context, args: argparse.Namespace) -> int:
    from qms_review.cli import _opened
    from qms_review.cli_users import secret
    from qms_review.core.records import pades

    with _opened(ctx) as store:
        _order_id, _number, review_id = _review_of_order(store, args.order, args.customer)
        assert review_id is not None
        password = secret(f"Password of {args.login}: ")
        meaning = text("record.meaning_signed", ctx.language)
        row = pades.sign(store, args.login, password, review_id, meaning, ctx.language)
        if args.output:
            _save_new(args.output, row.pdf)
    print(
        f"Signed; the record is now {row.sha256}"
        + (f", saved to {args.output}" if args.output else "")
    )
    return EXIT_OK


def verify(ctx: Context, args: argparse.Namespace) -> int:
    """Check a PDF record; a plain report, and exit code 1 when anything fails."""
    import sys

    from qms_review.cli import _opened
    from qms_review.core.messages import QmsError
    from qms_review.core.records import verification

    try:
        pdf = args.file.read_bytes()
    except OSError as exc:
        raise QmsError(
            "review.file_unreadable", file=str(args.file), error=exc.strerror or str(exc)
        ) from exc
    with _opened(ctx, create=False) as store, store.read() as session:
        result = verification.verify(session, pdf)
    for check in result.signatures:
        state = "valid" if not check.problems else "INVALID: " + "; ".join(check.problems)
        print(f"{check.name}: {check.signer} — {state}")
    for problem in result.problems:
        print(f"file: {problem}")
    print(
        "Record verified: OK" if result.ok else "Record verification FAILED",
        file=sys.stdout if result.ok else sys.stderr,
    )
    return EXIT_OK if result.ok else 1


def export(ctx: Context, args: argparse.Namespace) -> int:
    from qms_review.cli import _opened
    from qms_review.core.messages import QmsError
    from qms_review.core.records import exports

    if args.path.exists():
        raise QmsError("error.backup_target_exists", path=str(args.path))
    with _opened(ctx, create=False) as store:
        if args.review_of:
            _order_id, number, review_id = _review_of_order(store, args.review_of, None)
            assert review_id is not None
            with store.read() as session:
                exports.review_xlsx(session, review_id, args.path, ctx.language)
            print(f"Saved the review of {number} to {args.path}")
        else:
            with store.read() as session:
                count = exports.register_xlsx(session, args.path, args.filter, ctx.language)
            print(f"Saved {count} orders to {args.path}")
    return EXIT_OK
