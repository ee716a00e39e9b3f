"""The review of one order revision: starting it, answering the checklist, dispositions,
clarifications with the customer, section signatures and the decision.

Every action checks :mod:`qms_review.core.review.workflow` first and refuses with a message that
says why; the GUI and the command line both come through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.identity import signatures, users
from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError, labelled
from qms_review.core.orders.revisions import store_file
from qms_review.core.review import checklists, templates
from qms_review.core.review.checklists import Item, Section, Template
from qms_review.core.review.workflow import (
    Action,
    Blocker,
    Snapshot,
    decision_blockers,
    ready_blockers,
    refusal,
)
from qms_review.core.store.columns import utcnow
from qms_review.core.store.database import Store
from qms_review.core.store.models import (
    Answer,
    AnswerEvidence,
    Clarification,
    Communication,
    CommunicationKind,
    Decision,
    Disposition,
    Finding,
    Function,
    OrderLine,
    OrderRevision,
    OrderStatus,
    Review,
    ReviewAnswer,
    ReviewFunction,
    ReviewState,
)

DEFAULT_TEMPLATE = "iso9001"


DUE_WORKING_DAYS = 3


IATF = "iatf16949"


_STATUS = {
    Decision.ACCEPTED: OrderStatus.ACCEPTED,
    Decision.ACCEPTED_WITH_CONDITIONS: OrderStatus.ACCEPTED_WITH_CONDITIONS,
    Decision.REFERRED_BACK: OrderStatus.REFERRED_BACK,
    Decision.DECLINED: OrderStatus.DECLINED,
}


def working_days_after(start: date, days: int) -> date:
    """The date ``days`` working days (Monday to Friday) after ``start``."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def review_row(session: Session, review_id: int) -> Review:
    review = session.get(Review, review_id)
    if review is None:
        raise QmsError("identity.no_review", review=review_id)
    return review


#: The review's template as it started, with its sector packs.
template_of = templates.of_review


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


def check_action(review: Review, action: Action, person: Person) -> None:
    problem = refusal(review.state, action, frozenset(person.functions))
    if problem is not None:
        raise problem


def start(
    session: Session,
    person: Person,
    order_id: int,
    revision_number: int | None = None,
    template_key: str = DEFAULT_TEMPLATE,
    packs: tuple[str, ...] = (),
    due_days: int = DUE_WORKING_DAYS,
) -> int:
    """Start the review of an order revision (its latest by default); the review's id."""
    if not (person.holds(Function.SALES) or person.holds(Function.APPROVER)):
        raise QmsError("review.who_starts")
    from qms_review.core.orders.lookup import revision_id_of

    revision_id = revision_id_of(session, order_id, revision_number)
    running = session.scalar(
        select(Review.id).where(
            Review.revision_id == revision_id, Review.state != ReviewState.SUPERSEDED
        )
    )
    if running is not None:
        raise QmsError("review.exists", review=running)
    template_id = templates.current_id(session, template_key)
    if template_id is None:
        raise QmsError("template.not_found", key=template_key)
    pack_ids = []
    for key in packs:
        found = templates.current_id(session, key)
        if found is None:
            raise QmsError("template.not_found", key=key)
        pack_ids.append(found)
    revision = session.get(OrderRevision, revision_id)
    assert revision is not None
    received = revision.received_at.astimezone().date()
    review = Review(
        revision_id=revision_id,
        template_id=template_id,
        packs=pack_ids,
        state=ReviewState.DRAFT,
        started_by_id=person.id,
        due_on=working_days_after(received, due_days),
    )
    session.add(review)
    session.flush()
    for owner in template_of(session, review).functions:
        if owner != Function.APPROVER.value:
            session.add(
                ReviewFunction(review_id=review.id, function=Function(owner), required=True)
            )
    revision.order.status = OrderStatus.IN_REVIEW
    session.flush()
    return review.id


def set_function(
    session: Session,
    person: Person,
    review_id: int,
    function: Function,
    required: bool,
    reason: str,
) -> None:
    """Add a function to the review, or release one the template requires — with a reason."""
    review = review_row(session, review_id)
    check_action(review, Action.SET_FUNCTIONS, person)
    if not reason.strip():
        raise QmsError("review.reason_needed")
    row = session.get(ReviewFunction, (review_id, function))
    if row is None:
        session.add(
            ReviewFunction(
                review_id=review_id, function=function, required=required, reason=reason.strip()
            )
        )
    else:
        row.required, row.reason = required, reason.strip()


def required_functions(session: Session, review_id: int) -> list[Function]:
    return [
        r.function
        for r in session.scalars(
            select(ReviewFunction).where(
                ReviewFunction.review_id == review_id, ReviewFunction.required.is_(True)
            )
        )
    ]


def _item(template: Template, item_key: str) -> tuple[Section, Item]:
    for section in template.sections:
        for item in section.items:
            if item.key == item_key:
                return section, item
    raise QmsError("review.no_item", item=item_key)


def answer(
    session: Session,
    person: Person,
    review_id: int,
    item_key: str,
    value: Answer | None,
    comment: str | None = None,
    now: datetime | None = None,
) -> None:
    """Answer (or clear, with ``value`` None) one checklist item."""
    review = review_row(session, review_id)
    check_action(review, Action.ANSWER, person)
    template = template_of(session, review)
    section, item = _item(template, item_key)
    if not item.applies(facts(session, review)):
        raise QmsError("review.not_applicable", item=item_key)
    if not person.holds(Function(section.function)):
        raise QmsError("review.not_your_section", section=section.key, function=section.function)
    if value is not None and value not in item.answers:
        raise QmsError("review.answer_not_allowed", item=item_key, answer=value.value)
    if signatures.is_locked(session, review_id, signatures.section_scope(section.key)):
        raise QmsError("review.locked", section=section.key)
    row = session.scalars(
        select(ReviewAnswer).where(
            ReviewAnswer.review_id == review_id, ReviewAnswer.item_key == item_key
        )
    ).first()
    if row is None:
        row = ReviewAnswer(review_id=review_id, item_key=item_key)
        session.add(row)
    row.value = value
    row.comment = (comment or "").strip() or None
    row.answered_by_id = person.id
    row.answered_at = now or utcnow()
    if value is not Answer.NO:
        row.disposition = None
        row.disposition_note = None
    if review.state is ReviewState.DRAFT:
        review.state = ReviewState.IN_REVIEW
    session.flush()


def dispose_answer(
    session: Session,
    person: Person,
    review_id: int,
    item_key: str,
    disposition: Disposition,
    note: str,
) -> None:
    """What happens about a "No": a condition, a clarification, or a justified waiver."""
    review = review_row(session, review_id)
    check_action(review, Action.DISPOSITION, person)
    section = _item(template_of(session, review), item_key)[0]
    if not person.holds(Function(section.function)):
        raise QmsError("review.not_your_section", section=section.key, function=section.function)
    row = session.scalars(
        select(ReviewAnswer).where(
            ReviewAnswer.review_id == review_id, ReviewAnswer.item_key == item_key
        )
    ).first()
    if row is None or row.value is not Answer.NO:
        raise QmsError("review.disposition_for_no", item=item_key)
    if signatures.is_locked(session, review_id, signatures.section_scope(section.key)):
        raise QmsError("review.locked", section=section.key)
    _need_note(disposition, note)
    row.disposition, row.disposition_note = disposition, note.strip()


def _need_note(disposition: Disposition, note: str) -> None:
    if disposition in (Disposition.WAIVED, Disposition.CONDITION) and not note.strip():
        raise QmsError("review.note_needed", disposition=disposition.value)


def section_of_finding(template: Template, finding: Finding) -> Section | None:
    if finding.checklist_item_key is None:
        return None
    return template.section_of(finding.checklist_item_key)


def dispose_finding(
    session: Session,
    person: Person,
    review_id: int,
    finding_id: int,
    disposition: Disposition,
    note: str,
    now: datetime | None = None,
) -> None:
    """Disposition a finding of the reviewed revision: resolved, accepted with a condition,
    clarified with the customer, or waived with a justification."""
    review = review_row(session, review_id)
    check_action(review, Action.DISPOSITION, person)
    finding = session.get(Finding, finding_id)
    if finding is None or finding.revision_id != review.revision_id:
        raise QmsError("review.no_finding", finding=finding_id)
    section = section_of_finding(template_of(session, review), finding)
    owner = Function(section.function) if section else Function.SALES
    if not (person.holds(owner) or person.holds(Function.APPROVER)):
        raise QmsError(
            "review.not_your_section", section=section.key if section else "—", function=owner.value
        )
    if section and signatures.is_locked(session, review_id, signatures.section_scope(section.key)):
        raise QmsError("review.locked", section=section.key)
    _need_note(disposition, note)
    finding.disposition, finding.disposition_note = disposition, note.strip() or None
    finding.dispositioned_by_id, finding.dispositioned_at = person.id, now or utcnow()


def add_evidence(
    session: Session, person: Person, review_id: int, item_key: str, path: Path
) -> int:
    """Attach a file to an answered item (kept in the database with its SHA-256)."""
    review = review_row(session, review_id)
    check_action(review, Action.ANSWER, person)
    section = _item(template_of(session, review), item_key)[0]
    if signatures.is_locked(session, review_id, signatures.section_scope(section.key)):
        raise QmsError("review.locked", section=section.key)
    row = session.scalars(
        select(ReviewAnswer).where(
            ReviewAnswer.review_id == review_id, ReviewAnswer.item_key == item_key
        )
    ).first()
    if row is None:
        raise QmsError("review.evidence_needs_answer", item=item_key)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise QmsError(
            "review.file_unreadable", file=str(path), error=exc.strerror or str(exc)
        ) from exc
    import mimetypes

    stored = store_file(
        session,
        path.name,
        content,
        mimetypes.guess_type(path.name)[0] or "application/octet-stream",
    )
    evidence = AnswerEvidence(answer_id=row.id, file_id=stored.id, added_by_id=person.id)
    session.add(evidence)
    session.flush()
    return evidence.id


def snapshot(session: Session, review_id: int) -> Snapshot:
    """The review as the gates see it."""
    review = review_row(session, review_id)
    template = template_of(session, review)
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
    open_findings = [
        (s.key if (s := section_of_finding(template, f)) else None, f.id)
        for f in session.scalars(
            select(Finding)
            .where(
                Finding.revision_id == review.revision_id,
                Finding.disposition.is_(None),
                Finding.cleared_at.is_(None),
            )
            .order_by(Finding.id)
        )
    ]
    required = set(required_functions(session, review_id))
    unsigned = [
        s.key
        for s in template.sections
        if s.function != Function.APPROVER.value
        and Function(s.function) in required
        and not signatures.is_locked(session, review_id, signatures.section_scope(s.key))
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
        open_clarifications=clarifications,
        conditions=review.conditions,
    )


def _holders(session: Session, user_ids: list[int]) -> dict[int, tuple[Function, ...]]:
    from qms_review.core.store.models import User

    return {
        u.id: tuple(f.function for f in u.functions)
        for u in session.scalars(select(User).where(User.id.in_(set(user_ids))))
    }


def section_blockers(snap: Snapshot, section_key: str) -> list[Blocker]:
    """What keeps one section from being signed."""
    return [b for b in ready_blockers(snap) if b.section == section_key and b.kind != "signature"]


def sign_section(
    store: Store, login: str, password: str, review_id: int, section_key: str, language: str = "en"
) -> signatures.Signed:
    """Sign a section once everything in it is answered and dispositioned; it is then locked."""
    with store.read() as session:
        review = review_row(session, review_id)
        person = users.find(session, login)
        check_action(review, Action.SIGN, person)
        section = next(
            (s for s in template_of(session, review).sections if s.key == section_key), None
        )
        if section is None:
            raise QmsError("identity.no_scope", scope=section_key)
        blockers = section_blockers(snapshot(session, review_id), section_key)
    if blockers:
        raise QmsError(
            "review.section_not_ready",
            section=section_key,
            count=len(blockers),
            first=blockers[0].message(),
        )
    return signatures.sign(
        store,
        login,
        password,
        review_id,
        signatures.section_scope(section_key),
        Function(section.function),
        language,
    )


def submit(session: Session, person: Person, review_id: int) -> None:
    """In review → ready for decision, when nothing but the decision is left."""
    review = review_row(session, review_id)
    check_action(review, Action.SUBMIT, person)
    blockers = ready_blockers(snapshot(session, review_id))
    if blockers:
        raise QmsError(
            "review.not_ready",
            count=len(blockers),
            first=blockers[0].message(),
        )
    review.state = ReviewState.READY_FOR_DECISION


def reopen(session: Session, person: Person, review_id: int, reason: str) -> None:
    review = review_row(session, review_id)
    check_action(review, Action.REOPEN, person)
    if not reason.strip():
        raise QmsError("review.reason_needed")
    review.state = ReviewState.IN_REVIEW


def decide(
    store: Store,
    login: str,
    password: str,
    review_id: int,
    decision: Decision,
    conditions: str | None = None,
    language: str = "en",
) -> signatures.Signed:
    """The approver decides and signs, in one unit of work (after the password is checked)."""
    approver = users.check_password(store, login, password, "decision")
    with store.write(approver.actor) as session:
        return decide_in_session(
            session, approver, password, review_id, decision, conditions, language
        )


def decide_in_session(
    session: Session,
    approver: Person,
    password: str,
    review_id: int,
    decision: Decision,
    conditions: str | None = None,
    language: str = "en",
) -> signatures.Signed:
    """The decision and its signature in the caller's unit of work (password already checked)."""
    review = review_row(session, review_id)
    check_action(review, Action.DECIDE, approver)
    blockers = decision_blockers(snapshot(session, review_id), decision, conditions)
    if blockers:
        raise QmsError(
            "review.cannot_decide",
            decision=labelled("decision", decision.value),
            count=len(blockers),
            first=blockers[0].message(),
        )
    review.decision = decision
    review.conditions = (conditions or "").strip() or None
    review.decided_at = utcnow()
    review.state = ReviewState.DECIDED
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    revision.order.status = _STATUS[decision]
    session.flush()
    return signatures.sign_in_session(
        session, approver, password, review_id, signatures.DECISION, Function.APPROVER, language
    )


def waive(session: Session, person: Person, review_id: int, note: str, evidence: Path) -> None:
    """IATF 16949 8.2.3.1.1: the formal review waived, with the customer's authorisation."""
    review = review_row(session, review_id)
    check_action(review, Action.WAIVE, person)
    if IATF not in {templates.by_id(session, p).key for p in review.packs or []}:
        raise QmsError("review.waiver_iatf_only")
    if not note.strip():
        raise QmsError("review.note_needed", disposition="waived")
    review.waiver_evidence_id = store_file(
        session, evidence.name, evidence.read_bytes(), "application/octet-stream"
    ).id
    review.waiver_note = note.strip()
    review.waived = True


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


def status(session: Session, review_id: int) -> Status:
    review = review_row(session, review_id)
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    template = template_of(session, review)
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
    from qms_review.core.store.models import Signature

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
            for s in template_of(session, review).sections
            if s.function != Function.APPROVER.value
        ):
            found.append(order_id)
    return found
