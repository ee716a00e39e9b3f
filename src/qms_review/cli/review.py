"""``qms-review review start|status|answer|dispose|sign|submit|reopen|waive|ask|answer-question|
log|acknowledge|decide``: the review from a script, with the same rules and messages as the GUI
(both act through :mod:`qms_review.core.review.actions`, ``clarifications`` and ``amendments``).

Whoever acts is named with ``--as LOGIN`` and proves it with their password, read without echo.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from qms_review.cli.context import EXIT_FAILED, EXIT_OK, Command, Context, day, opened, secret
from qms_review.cli.lookup import review_of_order
from qms_review.core.identity import authentication
from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError, label, labelled, one_or_many, text
from qms_review.core.review import actions, amendments, clarifications, progress, workflow
from qms_review.core.review.early import (
    refuse_acknowledging_before_password,
    refuse_before_password,
    refuse_closing_before_password,
    refuse_start_before_password,
)
from qms_review.core.review.workflow import Action
from qms_review.core.store import settings
from qms_review.core.store.columns import is_row_id
from qms_review.core.store.database import Store
from qms_review.core.store.models import Clarification
from qms_review.core.store.vocabulary import (
    Answer,
    CommunicationKind,
    Decision,
    Disposition,
    ReviewState,
)

#: The actions that need no review of the order yet.
_WITHOUT_REVIEW = ("start", "log")


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
    answer.add_argument(
        "value",
        type=lambda typed: "na" if typed.casefold() in ("n/a", "na") else typed.casefold(),
        choices=[a.value for a in Answer],
        help="yes, no, or na (n/a) when the item does not apply",
    )
    answer.add_argument("--comment", default="")
    dispose = action("dispose", "disposition a finding (by number) or a “No” answer")
    dispose.add_argument("what", metavar="FINDING|ITEM")
    dispose.add_argument("disposition", choices=[d.value for d in Disposition])
    dispose.add_argument("--note", default="", help="the condition or the justification")
    sign = action("sign", "sign a section of the checklist (as its function)")
    sign.add_argument(
        "section",
        metavar="SECTION",
        help="the section's key or its title, as “review status” shows them (e.g. finance)",
    )
    action("submit", "submit the review for decision (nothing but the decision left)")
    reopen = action("reopen", "the approver takes a review ready for decision back into review")
    reopen.add_argument("--reason", required=True, help="why it is looked at again")
    waive = action(
        "waive", "IATF 16949: waive the formal review, with the customer's authorisation"
    )
    waive.add_argument(
        "--evidence", type=Path, required=True, metavar="FILE", help="the customer's authorisation"
    )
    waive.add_argument("--note", required=True, help="what the customer authorised")
    ask = action("ask", "ask the customer a question (open until answered)")
    ask.add_argument("question", metavar="QUESTION")
    ask.add_argument("--item", metavar="ITEM", help="the checklist item it is about")
    ask.add_argument("--finding", type=int, metavar="N", help="the finding it is about")
    answered = action("answer-question", "record the customer's answer and close the question")
    answered.add_argument("clarification", type=int, metavar="CLARIFICATION")
    answered.add_argument("answer", metavar="ANSWER")
    _said(answered)
    answered.add_argument("--attachment", type=Path, metavar="FILE")
    log = action("log", "record a communication with the customer in the order's log")
    log.add_argument("summary", metavar="SUMMARY")
    log.add_argument(
        "--kind",
        choices=[k.value for k in CommunicationKind if k is not CommunicationKind.ACKNOWLEDGEMENT],
        default=CommunicationKind.CONFIRMATION.value,
        help="default: confirmation (ours, in writing, of a verbal order)",
    )
    log.add_argument(
        "--from-customer", action="store_true", help="incoming (default: to the customer)"
    )
    _said(log)
    action("acknowledge", "acknowledge your notices of an amendment that re-opened your part")
    decide = action("decide", "the approver's decision, signed")
    decide.add_argument("decision", choices=[d.value for d in Decision])
    decide.add_argument(
        "--conditions",
        default="",
        help="the conditions, when accepting with conditions (they are printed on the record)",
    )


def _said(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", type=day("--date"), metavar="YYYY-MM-DD", help="default: today")
    parser.add_argument("--channel", default="", help="e-mail, phone, …")
    parser.add_argument("--contact", default="", help="who, at the customer")


def review(ctx: Context, args: argparse.Namespace) -> int:
    with opened(ctx, create=False) as store:
        order_id, _number, review_id = review_of_order(
            store, args.order, args.customer, required=args.review_command not in _WITHOUT_REVIEW
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
    command = args.review_command
    early = _EARLY.get(command)
    if early is not None and review_id is not None:  # what refuses whatever the password
        refuse_before_password(
            store,
            args.login,
            review_id,
            early,
            section_key=getattr(args, "section", None),
            decision=Decision(args.decision) if command == "decide" else None,
            conditions=getattr(args, "conditions", None),
            item_key=_item_key(args),
            finding_id=_finding_id(args),
        )
    if command == "start":
        refuse_start_before_password(store, args.login, order_id, args.revision)
    elif command == "answer-question":
        refuse_closing_before_password(store, args.login, order_id, args.clarification)
    elif command == "acknowledge" and review_id is not None:
        refuse_acknowledging_before_password(store, args.login, review_id)
    person, password = _who(store, args.login, ctx.language)
    if command == "start":
        with store.write(person.actor) as session:
            days = settings.due_days(settings.Settings.in_folder(ctx.folder))
            new = actions.start(
                session, person, order_id, args.revision, args.template, tuple(args.pack), days
            )
            due = progress.status(session, new).due_on
        return text("cli.review.started", ctx.language, review=new, order=args.order, due=due)
    if command == "log":
        with store.write(person.actor) as session:
            entry = clarifications.record_communication(
                session,
                person,
                order_id,
                CommunicationKind(args.kind),
                args.from_customer,
                args.date or date.today(),
                args.summary,
                args.channel,
                args.contact,
            )
        return text("cli.review.logged", ctx.language, id=entry, order=args.order)
    assert review_id is not None
    if command in _MORE:
        return _MORE[command](ctx, store, args, person, order_id, review_id)
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


def _item_key(args: argparse.Namespace) -> str | None:
    """The checklist item an answer or a disposition is about (a question may be about any
    item)."""
    if args.review_command == "dispose":
        return None if args.what.isdigit() else str(args.what)
    return args.item if args.review_command == "answer" else None


def _finding_id(args: argparse.Namespace) -> int | None:
    """The finding a disposition or a question is about."""
    if args.review_command == "dispose":
        return int(args.what) if args.what.isdigit() else None
    return getattr(args, "finding", None)


def _submit(
    ctx: Context, store: Store, args: argparse.Namespace, person: Person, _order: int, review: int
) -> str:
    with store.write(person.actor) as session:
        actions.submit(session, person, review)
    return text("cli.review.submitted", ctx.language, review=review)


def _reopen(
    ctx: Context, store: Store, args: argparse.Namespace, person: Person, _order: int, review: int
) -> str:
    with store.write(person.actor) as session:
        actions.reopen(session, person, review, args.reason)
    return text("cli.review.reopened", ctx.language, review=review, reason=args.reason.strip())


def _waive(
    ctx: Context, store: Store, args: argparse.Namespace, person: Person, _order: int, review: int
) -> str:
    with store.write(person.actor) as session:
        actions.waive(session, person, review, args.note, args.evidence)
    return text("cli.review.waived", ctx.language, review=review, file=args.evidence.name)


def _ask(
    ctx: Context, store: Store, args: argparse.Namespace, person: Person, _order: int, review: int
) -> str:
    with store.write(person.actor) as session:
        asked = clarifications.raise_clarification(
            session, person, review, args.question, args.item, args.finding
        )
    return text("cli.review.asked", ctx.language, id=asked)


def _answer_question(
    ctx: Context, store: Store, args: argparse.Namespace, person: Person, order: int, _review: int
) -> str:
    with store.write(person.actor) as session:
        row = (
            session.get(Clarification, args.clarification)
            if is_row_id(args.clarification)
            else None
        )
        if row is None or row.order_id != order:  # only a question about the order named
            raise QmsError("review.no_clarification", id=args.clarification)
        clarifications.close_clarification(
            session,
            person,
            args.clarification,
            args.answer,
            args.date or date.today(),
            args.channel,
            args.contact,
            args.attachment,
        )
    return text("cli.review.question_answered", ctx.language, id=args.clarification)


def _acknowledge(
    ctx: Context, store: Store, args: argparse.Namespace, person: Person, _order: int, review: int
) -> str:
    with store.write(person.actor) as session:
        mine = [
            n.id
            for n in amendments.notices(session, review)
            if n.login == person.login and n.acknowledged_at is None
        ]
        if not mine:
            raise QmsError("cli.review.no_notices", login=person.login)
        for notice in mine:
            amendments.acknowledge(session, person, notice)
    return text("cli.review.acknowledged", ctx.language, count=len(mine))


#: The commands whose refusals can be told before the password is asked, and their action.
_EARLY = {
    "answer": Action.ANSWER,
    "dispose": Action.DISPOSITION,
    "sign": Action.SIGN,
    "submit": Action.SUBMIT,
    "reopen": Action.REOPEN,
    "waive": Action.WAIVE,
    "ask": Action.CLARIFY,
    "decide": Action.DECIDE,
}

_MORE = {
    "submit": _submit,
    "reopen": _reopen,
    "waive": _waive,
    "ask": _ask,
    "answer-question": _answer_question,
    "acknowledge": _acknowledge,
}


def _signed(signed: Any, language: str) -> str:
    return text(
        "cli.review.signed",
        language,
        meaning=signed.meaning,
        name=signed.printed_name,
        time=signed.local_time(),
    )


def _status(ctx: Context, store: Store, review_id: int) -> int:
    from qms_review.core.records import acknowledgement

    with store.read() as session:
        found = progress.status(session, review_id)
        confirmed = acknowledgement.confirmed(session, review_id)
        # What stands between the review and an acceptance: beyond what keeps it from being
        # ready, the open questions to the customer and a verbal order's written confirmation.
        blockers = (
            workflow.decision_blockers(
                progress.snapshot(session, review_id), Decision.ACCEPTED, None
            )
            if found.state not in (ReviewState.DECIDED, ReviewState.SUPERSEDED)
            else found.blockers
        )
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
    for reference, made_at, made_by in confirmed:
        when = made_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(text("cli.review.confirmed", language, reference=reference, when=when, by=made_by))
    for broken in found.broken:
        print(broken.message().message(language))
    if blockers:
        print(
            text(
                one_or_many(len(blockers), "review.blocking_one", "review.blocking"),
                language,
                count=len(blockers),
            )
        )
        for blocker in blockers:
            print("  " + blocker.message(keyed=True).message(language))
    return EXIT_FAILED if found.broken else EXIT_OK


COMMANDS = {"review": Command(review_arguments, review)}
