"""``qms-review customer show|list|complaint|property|export``: the customer's file from a
script — their orders, reviews and communications, feedback and complaints, the property we
hold for them — with the same rules and messages as the GUI (both act through
:mod:`qms_review.core.customers`). Whoever writes is named with ``--as LOGIN`` and proves it
with their password, read without echo."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from qms_review.cli.context import (
    EXIT_OK,
    Command,
    Context,
    day,
    opened,
    refuse_existing,
    secret,
)
from qms_review.cli.tables import print_table
from qms_review.core.customers import custody, early, feedback, file
from qms_review.core.identity import authentication
from qms_review.core.identity.users import Person
from qms_review.core.messages import label, text
from qms_review.core.orders import lookup
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import FeedbackKind, FeedbackStatus, IncidentKind


def _day(parser: argparse.ArgumentParser, flag: str, help_text: str) -> None:
    parser.add_argument(flag, type=day(flag), metavar="YYYY-MM-DD", help=help_text, dest=flag[2:])


def _as(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as", dest="login", required=True, metavar="LOGIN", help="who (the password is asked)"
    )


def _customer(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("customer", metavar="CUSTOMER", help="the customer's code (or name)")


def arguments(parser: argparse.ArgumentParser) -> None:
    cc = parser.add_subparsers(dest="customer_command", metavar="ACTION", required=True)
    show = cc.add_parser("show", help="the customer's file: orders, reviews, communications, …")
    _customer(show)
    show.add_argument("--format", choices=("text", "json"), default="text")
    found = cc.add_parser("list", help="customers whose name, code, complaints or property hold")
    found.add_argument("words", nargs="*", metavar="WORD")
    export = cc.add_parser("export", help="the customer's file as an .xlsx workbook")
    _customer(export)
    export.add_argument("--xlsx", type=Path, required=True, metavar="PATH")
    export.add_argument("--language", help="the workbook's language (default: the command's)")

    complaint = cc.add_parser("complaint", help="feedback and complaints: add, close, list")
    fc = complaint.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = fc.add_parser("add", help="record feedback or a complaint")
    _customer(add)
    add.add_argument("summary", metavar="TEXT", help="what the customer said")
    add.add_argument("--kind", choices=[k.value for k in FeedbackKind], default="complaint")
    _day(add, "--received", "when it was received (default: today)")
    add.add_argument("--order", metavar="NUMBER", help="the order it is about")
    add.add_argument("--line", type=int, metavar="N", help="the order's line it is about")
    add.add_argument("--owner", metavar="LOGIN", help="who deals with it")
    _day(add, "--due", "by when it is to be dealt with")
    _as(add)
    close = fc.add_parser("close", help="close it with a note on how it was dealt with")
    close.add_argument("id", type=int, metavar="ID")
    close.add_argument("--note", required=True, help="how it was dealt with")
    _day(close, "--date", "when (default: today)")
    _as(close)
    listed = fc.add_parser("list", help="the customer's feedback and complaints")
    _customer(listed)
    listed.add_argument("--open", action="store_true", help="only those still open")
    listed.add_argument("--format", choices=("text", "json"), default="text")

    held = cc.add_parser("property", help="the customer's property we hold: add, damage, …")
    pc = held.add_subparsers(dest="action", metavar="ACTION", required=True)
    received = pc.add_parser("add", help="record property received from the customer")
    _customer(received)
    received.add_argument("item", metavar="ITEM")
    received.add_argument("--condition", required=True, help="its condition when received")
    received.add_argument("--location", required=True, help="where it is kept")
    received.add_argument("--quantity", metavar="N")
    received.add_argument("--unit", default="")
    _day(received, "--received", "when (default: today)")
    received.add_argument("--order", metavar="NUMBER", help="the order it came for")
    _as(received)
    damage = pc.add_parser("damage", help="record a loss of or damage to it")
    damage.add_argument("id", type=int, metavar="ID")
    damage.add_argument("description", metavar="TEXT")
    damage.add_argument("--kind", choices=[k.value for k in IncidentKind], default="damage")
    _day(damage, "--date", "when it happened (default: today)")
    _day(damage, "--reported", "when the customer was told (if they were)")
    _as(damage)
    told = pc.add_parser("reported", help="the customer was told of a loss or damage")
    told.add_argument("incident", type=int, metavar="INCIDENT")
    _day(told, "--date", "when (default: today)")
    _as(told)
    back = pc.add_parser("return", help="the property went back to the customer")
    back.add_argument("id", type=int, metavar="ID")
    back.add_argument("--note", default="")
    _day(back, "--date", "when (default: today)")
    _as(back)
    kept = pc.add_parser("list", help="the property we hold (and held) for the customer")
    _customer(kept)
    kept.add_argument("--format", choices=("text", "json"), default="text")


def run(ctx: Context, args: argparse.Namespace) -> int:
    command = args.customer_command
    with opened(ctx, create=False) as store:
        if command == "show":
            return _show(ctx, store, args)
        if command == "list":
            return _list(ctx, store, args)
        if command == "export":
            return _export(ctx, store, args)
        if args.action == "list":
            return _listed(ctx, store, args, command)
        print(_write(ctx, store, args, command))
    return EXIT_OK


def _customer_id(store: Store, code: str) -> int:
    with store.read() as session:
        return file.find_customer(session, code)


def _order_id(store: Store, customer: str, number: str | None) -> int | None:
    if number is None:
        return None
    with store.read() as session:
        return lookup.order_by_number(session, number, customer)[0]


def _who(ctx: Context, store: Store, login: str) -> Person:
    password = secret(text("cli.prompt.password_of", ctx.language, login=login), ctx.language)
    return authentication.check_password(store, login, password, "customer")


def _write(ctx: Context, store: Store, args: argparse.Namespace, command: str) -> str:
    today = date.today()
    if args.action == "add":
        customer_id = _customer_id(store, args.customer)
        order_id = _order_id(store, args.customer, args.order)
    early.refuse_before_password(store, args.login, command, args.action, getattr(args, "id", None))
    person = _who(ctx, store, args.login)
    with store.write(person.actor) as session:
        if command == "complaint" and args.action == "add":
            said = feedback.Said(
                FeedbackKind(args.kind),
                args.received or today,
                args.summary,
                order_id,
                args.line,
                args.owner,
                args.due,
            )
            new = feedback.add_feedback(session, person, customer_id, said)
            return text("cli.customer.feedback_added", ctx.language, id=new)
        if command == "complaint":
            feedback.close_feedback(session, person, args.id, args.note, args.date or today)
            return text("cli.customer.feedback_closed", ctx.language, id=args.id)
        if args.action == "add":
            received = custody.Received(
                args.item,
                args.received or today,
                args.condition,
                args.location,
                args.quantity,
                args.unit,
                order_id,
            )
            new = custody.add_property(session, person, customer_id, received)
            return text("cli.customer.property_added", ctx.language, id=new)
        if args.action == "damage":
            new = custody.report_incident(
                session,
                person,
                args.id,
                IncidentKind(args.kind),
                args.date or today,
                args.description,
                args.reported,
            )
            return text("cli.customer.incident_added", ctx.language, id=new, property=args.id)
        if args.action == "reported":
            custody.customer_told(session, person, args.incident, args.date or today)
            return text("cli.customer.incident_reported", ctx.language, id=args.incident)
        custody.return_property(session, person, args.id, args.date or today, args.note)
        return text("cli.customer.property_returned", ctx.language, id=args.id)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return str(value)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, default=_plain)


def _show(ctx: Context, store: Store, args: argparse.Namespace) -> int:
    with store.read() as session:
        found = file.customer_file(session, file.find_customer(session, args.customer))
    if args.format == "json":
        print(_json(asdict(found)))
        return EXIT_OK
    lang = ctx.language
    print(text("cli.customer.heading", lang, name=found.name, code=found.code or "—"))
    print(text("cli.customer.orders", lang, count=len(found.orders)))
    for order in found.orders:
        for revision in order.revisions:
            review = revision.reviews[-1] if revision.reviews else None
            where = (
                label("decision", review.decision.value, lang)
                if review is not None and review.decision is not None
                else label("review_state", review.state.value, lang)
                if review is not None
                else "—"
            )
            print(
                "\t".join(
                    [
                        label("kind", order.kind.value, lang),
                        order.number,
                        str(revision.number),
                        revision.received_at.date().isoformat(),
                        label("status", order.status.value, lang)
                        if revision is order.latest
                        else "",
                        where,
                    ]
                )
            )
    print(text("cli.customer.communications", lang, count=len(found.communications)))
    for c in found.communications:
        arrow = "←" if c.incoming else "→"
        print(
            "\t".join([c.occurred_on.isoformat(), c.order_number, arrow, c.kind.value, c.summary])
        )
    _print_feedback(lang, list(found.feedback))
    _print_property(lang, list(found.held))
    return EXIT_OK


def _print_feedback(lang: str, entries: list[feedback.FeedbackEntry]) -> None:
    print(text("cli.customer.feedback", lang, count=len(entries)))
    for f in entries:
        print(
            "\t".join(
                [
                    f"#{f.id}",
                    f.received_on.isoformat(),
                    label("feedback_kind", f.kind.value, lang),
                    label("feedback_status", f.status.value, lang),
                    f.order_number or "",
                    f.owner or "",
                    f.due_on.isoformat() if f.due_on else "",
                    f.summary,
                    f.closing_note or "",
                ]
            )
        )


def _print_property(lang: str, entries: list[custody.Held]) -> None:
    print(text("cli.customer.property", lang, count=len(entries)))
    for p in entries:
        amount = f"{p.quantity} {p.unit or ''}".strip() if p.quantity is not None else ""
        print(
            "\t".join(
                [
                    f"#{p.id}",
                    p.item,
                    amount,
                    p.received_on.isoformat(),
                    p.location,
                    p.condition,
                    p.returned_on.isoformat() if p.returned_on else "",
                ]
            )
        )
        for i in p.incidents:
            told = i.reported_on.isoformat() if i.reported_on else "—"
            print(
                "\t"
                + text(
                    "cli.customer.incident",
                    lang,
                    id=i.id,
                    kind=label("incident_kind", i.kind.value, lang),
                    date=i.occurred_on.isoformat(),
                    description=i.description,
                    reported=told,
                )
            )


def _listed(ctx: Context, store: Store, args: argparse.Namespace, command: str) -> int:
    with store.read() as session:
        customer_id = file.find_customer(session, args.customer)
        if command == "complaint":
            entries: list[Any] = feedback.feedback_of(session, customer_id)
            if args.open:
                entries = [f for f in entries if f.status is FeedbackStatus.OPEN]
        else:
            entries = custody.property_of(session, customer_id)
    if args.format == "json":
        print(_json([asdict(e) for e in entries]))
    elif command == "complaint":
        _print_feedback(ctx.language, entries)
    else:
        _print_property(ctx.language, entries)
    return EXIT_OK


def _list(ctx: Context, store: Store, args: argparse.Namespace) -> int:
    with store.read() as session:
        hits = file.customers(session, " ".join(args.words))
    if not hits:
        print(text("cli.customer.none_found", ctx.language))
        return EXIT_OK
    searched = bool(args.words)  # where each was found: only when words were looked for
    columns = ("code", "name", "orders", "open_feedback", "property_held", "matched")
    print_table(
        [text(f"cli.customer.column.{c}", ctx.language) for c in columns[: 5 + searched]],
        (
            [
                hit.code or "",
                hit.name,
                str(hit.orders),
                str(hit.open_feedback),
                str(hit.property_held),
                *([label("customer_match", hit.matched, ctx.language)] if searched else []),
            ]
            for hit in hits
        ),
    )
    return EXIT_OK


def _export(ctx: Context, store: Store, args: argparse.Namespace) -> int:
    from qms_review.core import catalogues
    from qms_review.core.records import customer_workbook

    language = catalogues.best(args.language) if args.language else ctx.language
    refuse_existing(args.xlsx)
    with store.read() as session:
        found = file.customer_file(session, file.find_customer(session, args.customer))
    customer_workbook.customer_xlsx(found, args.xlsx, language)
    print(text("cli.customer.exported", ctx.language, path=args.xlsx))
    return EXIT_OK


COMMANDS = {"customer": Command(arguments, run)}
