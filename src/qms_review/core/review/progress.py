"""Where a review stands: the snapshot its workflow judges, what still blocks a section, its
status, and the reviews waiting for someone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError, Texts
from qms_review.core.review import checklists, integrity, signatures, templates
from qms_review.core.review.checklists import Section, Template
from qms_review.core.review.workflow import (
    Blocker,
    Snapshot,
    ready_blockers,
)
from qms_review.core.store.models import (
    Clarification,
    Communication,
    Finding,
    OrderLine,
    OrderRevision,
    Review,
    ReviewAnswer,
    ReviewFunction,
    Signature,
    User,
)
from qms_review.core.store.vocabulary import (
    Answer,
    CommunicationKind,
    Decision,
    Function,
    ReviewState,
)


def review_row(session: Session, review_id: int) -> Review:
    review = session.get(Review, review_id)
    if review is None:
        raise QmsError("identity.no_review", review=review_id)
    return review


def facts(session: Session, review: Review) -> set[str]:
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    drawings = (
        session.scalar(
            select(OrderLine.id)
            .where(OrderLine.revision_id == revision.id, OrderLine.drawing_number.is_not(None))
            .limit(1)
        )
        is not None
    )
    return checklists.facts_of(
        revision.order.kind,
        revision.number,
        revision.verbal,
        drawings,
        revision.quotation_revision_id is not None,
    )


def required_functions(session: Session, review_id: int) -> list[Function]:
    return [
        r.function
        for r in session.scalars(
            select(ReviewFunction).where(
                ReviewFunction.review_id == review_id, ReviewFunction.required.is_(True)
            )
        )
    ]


def section_of_finding(template: Template, finding: Finding) -> Section | None:
    if finding.checklist_item_key is None:
        return None
    return template.section_of(finding.checklist_item_key)


def snapshot(session: Session, review_id: int) -> Snapshot:
    """The review as the gates see it."""
    review = review_row(session, review_id)
    template = templates.of_review(session, review)
    have = facts(session, review)
    answers = {
        a.item_key: a
        for a in session.scalars(select(ReviewAnswer).where(ReviewAnswer.review_id == review_id))
    }
    holders = _holders(session, [a.answered_by_id for a in answers.values() if a.answered_by_id])
    unanswered, wrong, undisposed = [], [], []
    for section in template.sections:
        if section.function == Function.APPROVER.value:
            continue
        for item in section.items:
            if not item.applies(have):
                continue
            row = answers.get(item.key)
            if row is None or row.value is None:
                if item.mandatory:
                    unanswered.append((section.key, item.key))
                continue
            if Function(section.function) not in holders.get(row.answered_by_id or 0, ()):
                wrong.append((section.key, item.key))
            if row.value is Answer.NO and item.no_needs_disposition and row.disposition is None:
                undisposed.append((section.key, item.key))
    names: dict[str, Texts] = {}
    for section in template.sections:
        names[section.key] = section.title
        names.update((item.key, item.text) for item in section.items)
    found = list(
        session.scalars(
            select(Finding)
            .where(
                Finding.revision_id == review.revision_id,
                Finding.disposition.is_(None),
                Finding.cleared_at.is_(None),
            )
            .order_by(Finding.id)
        )
    )
    names.update((str(f.id), Texts(f.messages)) for f in found)
    open_findings = [
        (s.key if (s := section_of_finding(template, f)) else None, f.id) for f in found
    ]
    required = set(required_functions(session, review_id))
    unsigned = [
        s.key
        for s in template.sections
        if s.function != Function.APPROVER.value
        and Function(s.function) in required
        and not signatures.is_locked(session, review_id, signatures.section_scope(s.key))
    ]
    bad = integrity.broken(session, review_id)
    broken = [
        s.key
        for s in template.sections
        if s.function != Function.APPROVER.value and signatures.section_scope(s.key) in bad
    ]
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    clarifications = tuple(
        session.scalars(
            select(Clarification.id).where(
                Clarification.order_id == revision.order_id, Clarification.closed_at.is_(None)
            )
        )
    )
    confirmed = (
        session.scalar(
            select(Communication.id)
            .where(
                Communication.order_id == revision.order_id,
                Communication.kind == CommunicationKind.CONFIRMATION,
                Communication.incoming.is_(False),
            )
            .limit(1)
        )
        is not None
    )
    return Snapshot(
        state=review.state,
        waived=review.waived,
        waiver_evidence=review.waiver_evidence_id is not None and bool(review.waiver_note),
        verbal=revision.verbal,
        verbal_confirmed=confirmed,
        unanswered=tuple(unanswered),
        wrongly_answered=tuple(wrong),
        undispositioned_no=tuple(undisposed),
        open_findings=tuple(open_findings),
        unsigned=tuple(unsigned),
        broken=tuple(broken),
        open_clarifications=clarifications,
        conditions=review.conditions,
        names=names,
    )


def _holders(session: Session, user_ids: list[int]) -> dict[int, tuple[Function, ...]]:

    return {
        u.id: tuple(f.function for f in u.functions)
        for u in session.scalars(select(User).where(User.id.in_(set(user_ids))))
    }


def section_blockers(snap: Snapshot, section_key: str) -> list[Blocker]:
    """What keeps one section from being signed."""
    return [b for b in ready_blockers(snap) if b.section == section_key and b.kind != "signature"]


@dataclass(frozen=True)
class Status:
    review_id: int
    order: str
    revision: int
    state: ReviewState
    decision: Decision | None
    due_on: date | None
    template: str
    blockers: list[Blocker]
    #: Signatures that no longer hold (the data they cover changed since): not signed.
    broken: list[integrity.Broken]


def status(session: Session, review_id: int) -> Status:
    review = review_row(session, review_id)
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    template = templates.of_review(session, review)
    blockers = (
        []
        if review.state in (ReviewState.DECIDED, ReviewState.SUPERSEDED)
        else (ready_blockers(snapshot(session, review_id)))
    )
    return Status(
        review.id,
        revision.order.number,
        revision.number,
        review.state,
        review.decision,
        review.due_on,
        f"{template.key} {template.version}",
        blockers,
        list(integrity.broken(session, review_id).values()),
    )


def review_of(session: Session, order_id: int) -> int | None:
    """The order's review in force (on its newest reviewed revision, not superseded)."""
    return session.scalar(
        select(Review.id)
        .join(OrderRevision, OrderRevision.id == Review.revision_id)
        .where(OrderRevision.order_id == order_id, Review.state != ReviewState.SUPERSEDED)
        .order_by(Review.id.desc())
        .limit(1)
    )


def my_open_orders(session: Session, person: Person) -> list[int]:
    """Orders whose review in force waits for this person: a section of one of their functions
    still unsigned (or, for the approver, a review ready for a decision)."""

    mine = set(person.functions)
    found = []
    rows = session.execute(
        select(Review, OrderRevision.order_id)
        .join(OrderRevision, OrderRevision.id == Review.revision_id)
        .where(
            Review.state.in_(
                (ReviewState.DRAFT, ReviewState.IN_REVIEW, ReviewState.READY_FOR_DECISION)
            )
        )
    ).all()
    for review, order_id in rows:
        if review.state is ReviewState.READY_FOR_DECISION:
            if Function.APPROVER in mine:
                found.append(order_id)
            continue
        required = set(required_functions(session, review.id)) & mine
        if not required:
            continue
        signed = set(
            session.scalars(
                select(Signature.scope).where(
                    Signature.review_id == review.id, Signature.lapsed_at.is_(None)
                )
            )
        )
        if any(
            Function(s.function) in required and signatures.section_scope(s.key) not in signed
            for s in templates.of_review(session, review).sections
            if s.function != Function.APPROVER.value
        ):
            found.append(order_id)
    return found
