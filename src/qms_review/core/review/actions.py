"""The review of one order revision: starting it, answering the checklist, dispositions,
clarifications with the customer, section signatures and the decision.

Every action checks :mod:`qms_review.core.review.workflow` first and refuses with a message that
says why; the GUI and the command line both come through here.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.identity import authentication, users
from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError, labelled, one_or_many
from qms_review.core.orders import revisions
from qms_review.core.orders.lookup import revision_id_of
from qms_review.core.orders.revisions import store_file, working_days_after
from qms_review.core.review import signatures, templates
from qms_review.core.review.checklists import Item, Section, Template
from qms_review.core.review.progress import (
    facts,
    review_row,
    section_blockers,
    section_of_finding,
    snapshot,
)
from qms_review.core.review.workflow import (
    Action,
    decision_blockers,
    ready_blockers,
    refusal,
)
from qms_review.core.store import audit
from qms_review.core.store.columns import row_of, utcnow
from qms_review.core.store.database import Store
from qms_review.core.store.models import (
    AnswerEvidence,
    Finding,
    OrderRevision,
    Review,
    ReviewAnswer,
    ReviewFunction,
)
from qms_review.core.store.vocabulary import (
    Answer,
    Decision,
    Disposition,
    Function,
    OrderStatus,
    ReviewState,
)
from qms_review.core.text_fields import checked

DEFAULT_TEMPLATE = "iso9001"


#: A review is due this many working days after receipt, unless the settings say otherwise.
DUE_WORKING_DAYS = revisions.DUE_WORKING_DAYS


IATF = "iatf16949"


_STATUS = {
    Decision.ACCEPTED: OrderStatus.ACCEPTED,
    Decision.ACCEPTED_WITH_CONDITIONS: OrderStatus.ACCEPTED_WITH_CONDITIONS,
    Decision.REFERRED_BACK: OrderStatus.REFERRED_BACK,
    Decision.DECLINED: OrderStatus.DECLINED,
}


#: The review's template as it started, with its sector packs.
template_of = templates.of_review


def check_action(review: Review, action: Action, person: Person) -> None:
    problem = refusal(review.state, action, frozenset(person.functions))
    if problem is not None:
        raise problem


def may_start(session: Session, person: Person, order_id: int, revision_number: int | None) -> int:
    """The revision whose review ``person`` may start; refused to anyone but sales or the
    approver, and when the revision is under review already."""
    if not (person.holds(Function.SALES) or person.holds(Function.APPROVER)):
        raise QmsError("review.who_starts")
    revision_id = revision_id_of(session, order_id, revision_number)
    running = session.scalar(
        select(Review.id).where(
            Review.revision_id == revision_id, Review.state != ReviewState.SUPERSEDED
        )
    )
    if running is not None:
        raise QmsError("review.exists", review=running)
    return revision_id


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
    revision_id = may_start(session, person, order_id, revision_number)
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
    checked(reason, "reason")
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


def item_of(template: Template, item_key: str) -> tuple[Section, Item]:
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
    checked(comment or "", "comment")
    template = template_of(session, review)
    section, item = item_of(template, item_key)
    if not item.applies(facts(session, review)):
        raise QmsError("review.not_applicable", item=item_key)
    if not person.holds(Function(section.function)):
        raise not_your_section(section)
    if value is not None and value not in item.answers:
        raise QmsError("review.answer_not_allowed", item=item_key, answer=value.value)
    _refuse_if_signed(session, review_id, section)
    row = _answer_row(session, review_id, item_key)
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
    section = item_of(template_of(session, review), item_key)[0]
    if not person.holds(Function(section.function)):
        raise not_your_section(section)
    row = _answer_row(session, review_id, item_key)
    if row is None or row.value is not Answer.NO:
        raise QmsError("review.disposition_for_no", item=item_key)
    _refuse_if_signed(session, review_id, section)
    checked(note, "note")
    _need_note(disposition, note)
    row.disposition, row.disposition_note = disposition, note.strip()


def _refuse_if_signed(session: Session, review_id: int, section: Section) -> None:
    """A signed section's answers, dispositions and evidence stay as they were signed."""
    if signatures.is_locked(session, review_id, signatures.section_scope(section.key)):
        raise QmsError("review.locked", section=section.title)


def not_your_section(section: Section | None, owner: Function | None = None) -> QmsError:
    """The refusal of a section's work to someone without its function (named by its title
    and the function's name, in the reader's language)."""
    function = owner or (Function(section.function) if section else Function.SALES)
    return QmsError(
        "review.not_your_section",
        section=section.title if section else "—",
        function=labelled("owner", function.value),
    )


def _answer_row(session: Session, review_id: int, item_key: str) -> ReviewAnswer | None:
    return session.scalars(
        select(ReviewAnswer).where(
            ReviewAnswer.review_id == review_id, ReviewAnswer.item_key == item_key
        )
    ).first()


def _need_note(disposition: Disposition, note: str) -> None:
    if disposition in (Disposition.WAIVED, Disposition.CONDITION) and not note.strip():
        raise QmsError("review.note_needed", disposition=disposition.value)


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
    finding = row_of(session, Finding, finding_id)
    if finding is None or finding.revision_id != review.revision_id:
        raise QmsError("review.no_finding", finding=finding_id)
    section = section_of_finding(template_of(session, review), finding)
    owner = Function(section.function) if section else Function.SALES
    if not (person.holds(owner) or person.holds(Function.APPROVER)):
        raise not_your_section(section, owner)
    if section:
        _refuse_if_signed(session, review_id, section)
    checked(note, "note")
    _need_note(disposition, note)
    finding.disposition, finding.disposition_note = disposition, note.strip() or None
    finding.dispositioned_by_id, finding.dispositioned_at = person.id, now or utcnow()


def add_evidence(
    session: Session, person: Person, review_id: int, item_key: str, path: Path
) -> int:
    """Attach a file to an answered item (kept in the database with its SHA-256)."""
    review = review_row(session, review_id)
    check_action(review, Action.ANSWER, person)
    section = item_of(template_of(session, review), item_key)[0]
    _refuse_if_signed(session, review_id, section)
    row = _answer_row(session, review_id, item_key)
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


def sign_section(
    store: Store, login: str, password: str, review_id: int, section_key: str, language: str = "en"
) -> signatures.Signed:
    """Sign a section once everything in it is answered and dispositioned; it is then locked.
    ``section_key`` may be the section's key or its title in any language."""
    with store.read() as session:
        review = review_row(session, review_id)
        person = users.find(session, login)
        check_action(review, Action.SIGN, person)
        section = section_named(session, review, section_key)
        section_key = section.key
        blockers = section_blockers(snapshot(session, review_id), section_key)
    if blockers:
        raise QmsError(
            one_or_many(len(blockers), "review.section_not_ready_one", "review.section_not_ready"),
            section=section.title,
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


def section_named(session: Session, review: Review, typed: str) -> Section:
    """The review's section named ``typed`` (its key, or its title in any language)."""
    section = template_of(session, review).section_named(typed)
    if section is None:
        raise QmsError("identity.no_scope", scope=typed)
    return section


def submit(session: Session, person: Person, review_id: int) -> None:
    """In review → ready for decision, when nothing but the decision is left."""
    review = review_row(session, review_id)
    check_action(review, Action.SUBMIT, person)
    blockers = ready_blockers(snapshot(session, review_id))
    if blockers:
        raise QmsError(
            one_or_many(len(blockers), "review.not_ready_one", "review.not_ready"),
            count=len(blockers),
            first=blockers[0].message(),
        )
    review.state = ReviewState.READY_FOR_DECISION


def reopen(session: Session, person: Person, review_id: int, reason: str) -> None:
    """Ready for decision → in review again (the approver, with a reason kept in the audit
    trail): something must be looked at again before deciding."""
    review = review_row(session, review_id)
    check_action(review, Action.REOPEN, person)
    checked(reason, "reason")
    if not reason.strip():
        raise QmsError("review.reason_needed")
    review.state = ReviewState.IN_REVIEW
    audit.record(
        session,
        audit.Change(
            "review_reopened",
            "reviews",
            str(review_id),
            {"by": person.login, "reason": reason.strip()},
        ),
    )


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
    approver = authentication.check_password(store, login, password, "decision")
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
    checked(conditions or "", "conditions")
    blockers = decision_blockers(snapshot(session, review_id), decision, conditions)
    if blockers:
        raise QmsError(
            one_or_many(len(blockers), "review.cannot_decide_one", "review.cannot_decide"),
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
    checked(note, "note")
    if IATF not in {templates.by_id(session, p).key for p in review.packs or []}:
        raise QmsError("review.waiver_iatf_only")
    if not note.strip():
        raise QmsError("review.note_needed", disposition="waived")
    try:
        content = evidence.read_bytes()
    except OSError as exc:
        raise QmsError(
            "review.file_unreadable", file=str(evidence), error=exc.strerror or str(exc)
        ) from exc
    review.waiver_evidence_id = store_file(
        session, evidence.name, content, "application/octet-stream"
    ).id
    review.waiver_note = note.strip()
    review.waived = True
    if review.state is ReviewState.DRAFT:  # nothing else to answer: it may be submitted now
        review.state = ReviewState.IN_REVIEW
