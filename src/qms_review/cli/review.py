"""``qms-review review start|status|answer|dispose|sign|decide``: the review from a script,
with the same rules and messages as the GUI (both act through :mod:`qms_review.core.review.actions`).

Whoever acts is named with ``--as LOGIN`` and proves it with their password, read without echo.
"""

from __future__ import annotations

import argparse
from typing import Any

from qms_review.cli.context import EXIT_OK, Command, Context, opened, secret
from qms_review.cli.lookup import review_of_order
from qms_review.core.identity import authentication
from qms_review.core.identity.users import Person
from qms_review.core.messages import label, labelled, text
from qms_review.core.review import actions, progress
from qms_review.core.store import settings
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import Answer, Decision, Disposition


def review_arguments(parser: argparse.ArgumentParser) -> None:
    rc = parser.add_subparsers(dest="review_command", metavar="ACTION", required=True)

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


def review(ctx: Context, args: argparse.Namespace) -> int:
    with opened(ctx) as store:
        order_id, _number, review_id = review_of_order(
            store, args.order, args.customer, required=args.review_command != "start"
        )
        if args.review_command == "status":
            assert review_id is not None
            return _status(ctx, store, review_id)
        message = _act(ctx, store, args, order_id, review_id)
    print(message)
    return EXIT_OK


def _who(store: Store, login: str, language: str) -> tuple[Person, str]:
    password = secret(text("cli.prompt.password_of", language, login=login), language)
    return authentication.check_password(store, login, password, "review"), password


def _act(
    ctx: Context, store: Store, args: argparse.Namespace, order_id: int, review_id: int | None
) -> str:
    person, password = _who(store, args.login, ctx.language)
    command = args.review_command
    if command == "start":
        with store.write(person.actor) as session:
            days = settings.due_days(settings.Settings.in_folder(ctx.folder))
            new = actions.start(
                session, person, order_id, args.revision, args.template, tuple(args.pack), days
            )
            due = progress.status(session, new).due_on
        return text("cli.review.started", ctx.language, review=new, order=args.order, due=due)
    assert review_id is not None
    if command == "answer":
        with store.write(person.actor) as session:
            actions.answer(session, person, review_id, args.item, Answer(args.value), args.comment)
        return text(
            "cli.review.answered",
            ctx.language,
            item=args.item,
            answer=labelled("answer", args.value),
        )
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
        return text(
            "cli.review.disposed",
            ctx.language,
            what=args.what,
            disposition=labelled("disposition", disposition.value),
        )
    if command == "sign":
        signed = actions.sign_section(
            store, args.login, password, review_id, args.section, ctx.language
        )
        return _signed(signed, ctx.language)
    signed = actions.decide(
        store,
        args.login,
        password,
        review_id,
        Decision(args.decision),
        args.conditions,
        ctx.language,
    )
    return _signed(signed, ctx.language)


def _signed(signed: Any, language: str) -> str:
    return text(
        "cli.review.signed",
        language,
        meaning=signed.meaning,
        name=signed.printed_name,
        time=signed.local_time(),
    )


def _status(ctx: Context, store: Store, review_id: int) -> int:
    with store.read() as session:
        found = progress.status(session, review_id)
    language = ctx.language
    state = label("review_state", found.state.value, language)
    print(
        text(
            "cli.review.status_decided" if found.decision else "cli.review.status",
            language,
            order=found.order,
            revision=found.revision,
            review=found.review_id,
            state=state,
            decision=labelled("decision", found.decision.value) if found.decision else "",
            due=found.due_on,
            template=found.template,
        )
    )
    if found.blockers:
        print(text("review.blocking", language, count=len(found.blockers)))
        for blocker in found.blockers:
            print("  " + blocker.message().message(language))
    return EXIT_OK


COMMANDS = {"review": Command(review_arguments, review)}
