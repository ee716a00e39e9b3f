"""What a review command can be refused for before its password is asked: the review's
state, the user's functions, a section that is not theirs, signed already or not ready, a
decision something still stands in the way of. The command line checks these first, so a
user does not type a password only to hear that the command could never have worked; the
action itself checks them again in its unit of work.
"""

from __future__ import annotations

from qms_review.core.identity import users
from qms_review.core.messages import QmsError, labelled, one_or_many
from qms_review.core.review import signatures, templates
from qms_review.core.review.progress import review_row, section_blockers, snapshot
from qms_review.core.review.workflow import (
    Action,
    Blocker,
    decision_blockers,
    ready_blockers,
    refusal,
)
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import Decision, Function


def refuse_before_password(
    store: Store,
    login: str,
    review_id: int,
    action: Action,
    section_key: str | None = None,
    decision: Decision | None = None,
    conditions: str | None = None,
) -> None:
    """Raise the refusal ``action`` would meet whatever password is given; an unknown login
    is left to the password check (it refuses both alike)."""
    with store.read() as session:
        try:
            person = users.find(session, login)
        except QmsError:
            return
        review = review_row(session, review_id)
        problem = refusal(review.state, action, frozenset(person.functions))
        if problem is not None:
            raise problem
        snap = snapshot(session, review_id)
        blockers: list[Blocker] = []
        key = many = ""
        if action is Action.SIGN and section_key is not None:
            section = next(
                (s for s in templates.of_review(session, review).sections if s.key == section_key),
                None,
            )
            if section is None:
                raise QmsError("identity.no_scope", scope=section_key)
            function = Function(section.function)
            if not person.holds(function):
                raise QmsError(
                    "identity.not_your_function", function=labelled("owner", function.value)
                )
            if signatures.is_locked(session, review_id, signatures.section_scope(section_key)):
                raise QmsError("identity.already_signed", scope=section_key)
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
            section=section_key,
            decision=labelled("decision", decision.value) if decision is not None else "",
            count=len(blockers),
            first=blockers[0].message(),
        )
