"""What a review command can be refused for before its password is asked: the review's
state, the user's functions, a section that is not theirs, signed already or not ready, a
decision something still stands in the way of. The command line checks these first, so a
user does not type a password only to hear that the command could never have worked; the
action itself checks them again in its unit of work.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from qms_review.core.identity import users
from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError, Texts, labelled, one_or_many
from qms_review.core.review import amendments, signatures, templates
from qms_review.core.review.actions import item_of, may_start, not_your_section, section_named
from qms_review.core.review.progress import (
    review_row,
    section_blockers,
    section_of_finding,
    snapshot,
)
from qms_review.core.review.workflow import (
    Action,
    Blocker,
    decision_blockers,
    ready_blockers,
    refusal,
)
from qms_review.core.store.columns import is_row_id, row_of
from qms_review.core.store.database import Store
from qms_review.core.store.models import Clarification, Finding, Review
from qms_review.core.store.vocabulary import Decision, Function


def refuse_before_password(
    store: Store,
    login: str,
    review_id: int,
    action: Action,
    section_key: str | None = None,
    decision: Decision | None = None,
    conditions: str | None = None,
    item_key: str | None = None,
    finding_id: int | None = None,
) -> None:
    """Raise the refusal ``action`` would meet whatever password is given; an unknown login
    is left to the password check (it refuses both alike). ``item_key`` and ``finding_id``
    are what an answer, a disposition or a question is about."""
    with store.read() as session:
        try:
            person = users.find(session, login)
        except QmsError:
            return
        review = review_row(session, review_id)
        problem = refusal(review.state, action, frozenset(person.functions))
        if problem is not None:
            raise problem
        _refuse_about(session, person, review, item_key, finding_id)
        snap = snapshot(session, review_id)
        blockers: list[Blocker] = []
        key = many = ""
        title: Texts | str | None = None
        if action is Action.SIGN and section_key is not None:
            section = section_named(session, review, section_key)
            section_key, title = section.key, section.title
            function = Function(section.function)
            if not person.holds(function):
                raise QmsError(
                    "identity.not_your_function", function=labelled("owner", function.value)
                )
            if signatures.is_locked(session, review_id, signatures.section_scope(section_key)):
                raise QmsError("identity.already_signed", scope=title)
            blockers = section_blockers(snap, section_key)
            key, many = "review.section_not_ready_one", "review.section_not_ready"
        elif action is Action.SUBMIT:
            blockers = ready_blockers(snap)
            key, many = "review.not_ready_one", "review.not_ready"
        elif action is Action.DECIDE and decision is not None:
            blockers = decision_blockers(snap, decision, conditions)
            key, many = "review.cannot_decide_one", "review.cannot_decide"
    if blockers:
        raise QmsError(
            one_or_many(len(blockers), key, many),
            section=title,
            decision=labelled("decision", decision.value) if decision is not None else "",
            count=len(blockers),
            first=blockers[0].message(),
        )


def _refuse_about(
    session: Session,
    person: Person,
    review: Review,
    item_key: str | None,
    finding_id: int | None,
) -> None:
    """An item the checklist does not have or whose section is another function's; a finding
    that is not one of the reviewed revision's."""
    if item_key is not None:
        section = item_of(templates.of_review(session, review), item_key)[0]
        if not person.holds(Function(section.function)):
            raise not_your_section(section)
    if finding_id is not None:
        finding = row_of(session, Finding, finding_id)
        if finding is None or finding.revision_id != review.revision_id:
            raise QmsError("review.no_finding", finding=finding_id)
        found = section_of_finding(templates.of_review(session, review), finding)
        owner = Function(found.function) if found else Function.SALES
        if not (person.holds(owner) or person.holds(Function.APPROVER)):
            raise not_your_section(found, owner)


def refuse_start_before_password(
    store: Store, login: str, order_id: int, revision_number: int | None
) -> None:
    """The refusal a start would meet whatever the password: not sales nor the approver, the
    revision unknown or under review already."""
    with store.read() as session:
        try:
            person = users.find(session, login)
        except QmsError:
            return
        may_start(session, person, order_id, revision_number)


def refuse_closing_before_password(
    store: Store, login: str, order_id: int, clarification_id: int
) -> None:
    """The refusal recording the customer's answer would meet whatever the password: no such
    question about the order, closed already, or not the user's to close."""
    with store.read() as session:
        row = session.get(Clarification, clarification_id) if is_row_id(clarification_id) else None
        if row is None or row.order_id != order_id:  # only a question about the order named
            raise QmsError("review.no_clarification", id=clarification_id)
        try:
            person = users.find(session, login)
        except QmsError:
            return
        if row.closed_at is not None:
            raise QmsError("review.clarification_closed", id=clarification_id)
        if not (
            person.holds(Function.SALES)
            or person.holds(Function.APPROVER)
            or person.id == row.raised_by_id
        ):
            raise QmsError("review.who_answers_questions", id=clarification_id)


def refuse_acknowledging_before_password(store: Store, login: str, review_id: int) -> None:
    """Refused before the password when the user has no notice left to acknowledge."""
    with store.read() as session:
        try:
            person = users.find(session, login)
        except QmsError:
            return
        if not any(
            n.login == person.login and n.acknowledged_at is None
            for n in amendments.notices(session, review_id)
        ):
            raise QmsError("cli.review.no_notices", login=person.login)
