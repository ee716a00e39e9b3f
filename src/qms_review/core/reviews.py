"""The review of one order revision: starting it, answering the checklist, dispositions,
clarifications with the customer, section signatures and the decision.

Every action checks :mod:`qms_review.core.review_rules` first and refuses with a message that
says why; the GUI and the command line both come through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core import checklists, templates
from qms_review.core.checklists import Item, Section, Template
from qms_review.core.identity import signing, users
from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError, label
from qms_review.core.models import (
    Answer,
    AnswerEvidence,
    Clarification,
    Communication,
    CommunicationKind,
    Decision,
    Disposition,
    Finding,
    Function,
    Order,
    OrderLine,
    OrderRevision,
    OrderStatus,
    Review,
    ReviewAnswer,
    ReviewFunction,
    ReviewState,
)
from qms_review.core.orders import store_file
from qms_review.core.review_rules import (
    Action,
    Blocker,
    Snapshot,
    decision_blockers,
    ready_blockers,
    refusal,
)
from qms_review.core.store import Store
from qms_review.core.types import utcnow

DEFAULT_TEMPLATE = "iso9001"
DUE_WORKING_DAYS = 3
IATF = "iatf16949"
_STATUS = {Decision.ACCEPTED: OrderStatus.ACCEPTED,
           Decision.ACCEPTED_WITH_CONDITIONS: OrderStatus.ACCEPTED_WITH_CONDITIONS,
           Decision.REFERRED_BACK: OrderStatus.REFERRED_BACK,
           Decision.DECLINED: OrderStatus.DECLINED}  # fmt: skip


def working_days_after(start: date, days: int) -> date:
    """The date ``days`` working days (Monday to Friday) after ``start``."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def _review(session: Session, review_id: int) -> Review:
    review = session.get(Review, review_id)
    if review is None:
        raise QmsError("identity.no_review", review=review_id)
    return review


#: The review's template as it started, with its sector packs.
template_of = templates.of_review


def facts(session: Session, review: Review) -> set[str]:
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    drawings = session.scalar(
        select(OrderLine.id).where(OrderLine.revision_id == revision.id,
                                   OrderLine.drawing_number.is_not(None)).limit(1)
    ) is not None  # fmt: skip
    return checklists.facts_of(revision.order.kind, revision.number, revision.verbal, drawings,
                               revision.quotation_revision_id is not None)  # fmt: skip


def _check(review: Review, action: Action, person: Person) -> None:
    problem = refusal(review.state, action, frozenset(person.functions))
    if problem is not None:
        raise problem


# --- starting ---------------------------------------------------------------------------------------


def start(session: Session, person: Person, order_id: int, revision_number: int | None = None,
          template_key: str = DEFAULT_TEMPLATE, packs: tuple[str, ...] = (),
          due_days: int = DUE_WORKING_DAYS) -> int:  # fmt: skip
    """Start the review of an order revision (its latest by default); the review's id."""
    if not (person.holds(Function.SALES) or person.holds(Function.APPROVER)):
        raise QmsError("review.who_starts")
    from qms_review.core.findings import revision_id_of

    revision_id = revision_id_of(session, order_id, revision_number)
    running = session.scalar(select(Review.id).where(Review.revision_id == revision_id,
                                                     Review.state != ReviewState.SUPERSEDED))  # fmt: skip
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
    review = Review(revision_id=revision_id, template_id=template_id, packs=pack_ids,
                    state=ReviewState.DRAFT, started_by_id=person.id,
                    due_on=working_days_after(received, due_days))  # fmt: skip
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


def set_function(session: Session, person: Person, review_id: int, function: Function,
                 required: bool, reason: str) -> None:  # fmt: skip
    """Add a function to the review, or release one the template requires — with a reason."""
    review = _review(session, review_id)
    _check(review, Action.SET_FUNCTIONS, person)
    if not reason.strip():
        raise QmsError("review.reason_needed")
    row = session.get(ReviewFunction, (review_id, function))
    if row is None:
        session.add(ReviewFunction(review_id=review_id, function=function, required=required,
                                   reason=reason.strip()))  # fmt: skip
    else:
        row.required, row.reason = required, reason.strip()


def required_functions(session: Session, review_id: int) -> list[Function]:
    return [r.function for r in session.scalars(
        select(ReviewFunction).where(ReviewFunction.review_id == review_id,
                                     ReviewFunction.required.is_(True)))]  # fmt: skip


# --- answering ------------------------------------------------------------------------------------


def _item(template: Template, item_key: str) -> tuple[Section, Item]:
    for section in template.sections:
        for item in section.items:
            if item.key == item_key:
                return section, item
    raise QmsError("review.no_item", item=item_key)


def answer(session: Session, person: Person, review_id: int, item_key: str, value: Answer | None,
           comment: str | None = None, now: datetime | None = None) -> None:  # fmt: skip
    """Answer (or clear, with ``value`` None) one checklist item."""
    review = _review(session, review_id)
    _check(review, Action.ANSWER, person)
    template = template_of(session, review)
    section, item = _item(template, item_key)
    if not item.applies(facts(session, review)):
        raise QmsError("review.not_applicable", item=item_key)
    if not person.holds(Function(section.function)):
        raise QmsError("review.not_your_section", section=section.key, function=section.function)
    if value is not None and value not in item.answers:
        raise QmsError("review.answer_not_allowed", item=item_key, answer=value.value)
    if signing.is_locked(session, review_id, signing.section_scope(section.key)):
        raise QmsError("review.locked", section=section.key)
    row = session.scalars(select(ReviewAnswer).where(ReviewAnswer.review_id == review_id,
                                                     ReviewAnswer.item_key == item_key)).first()  # fmt: skip
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


def dispose_answer(session: Session, person: Person, review_id: int, item_key: str,
                   disposition: Disposition, note: str) -> None:  # fmt: skip
    """What happens about a "No": a condition, a clarification, or a justified waiver."""
    review = _review(session, review_id)
    _check(review, Action.DISPOSITION, person)
    section = _item(template_of(session, review), item_key)[0]
    if not person.holds(Function(section.function)):
        raise QmsError("review.not_your_section", section=section.key, function=section.function)
    row = session.scalars(select(ReviewAnswer).where(ReviewAnswer.review_id == review_id,
                                                     ReviewAnswer.item_key == item_key)).first()  # fmt: skip
    if row is None or row.value is not Answer.NO:
        raise QmsError("review.disposition_for_no", item=item_key)
    if signing.is_locked(session, review_id, signing.section_scope(section.key)):
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


def dispose_finding(session: Session, person: Person, review_id: int, finding_id: int,
                    disposition: Disposition, note: str, now: datetime | None = None) -> None:  # fmt: skip
    """Disposition a finding of the reviewed revision: resolved, accepted with a condition,
    clarified with the customer, or waived with a justification."""
    review = _review(session, review_id)
    _check(review, Action.DISPOSITION, person)
    finding = session.get(Finding, finding_id)
    if finding is None or finding.revision_id != review.revision_id:
        raise QmsError("review.no_finding", finding=finding_id)
    section = section_of_finding(template_of(session, review), finding)
    owner = Function(section.function) if section else Function.SALES
    if not (person.holds(owner) or person.holds(Function.APPROVER)):
        raise QmsError("review.not_your_section", section=section.key if section else "—",
                       function=owner.value)  # fmt: skip
    if section and signing.is_locked(session, review_id, signing.section_scope(section.key)):
        raise QmsError("review.locked", section=section.key)
    _need_note(disposition, note)
    finding.disposition, finding.disposition_note = disposition, note.strip() or None
    finding.dispositioned_by_id, finding.dispositioned_at = person.id, now or utcnow()


def add_evidence(session: Session, person: Person, review_id: int, item_key: str,
                 path: Path) -> int:  # fmt: skip
    """Attach a file to an answered item (kept in the database with its SHA-256)."""
    review = _review(session, review_id)
    _check(review, Action.ANSWER, person)
    section = _item(template_of(session, review), item_key)[0]
    if signing.is_locked(session, review_id, signing.section_scope(section.key)):
        raise QmsError("review.locked", section=section.key)
    row = session.scalars(select(ReviewAnswer).where(ReviewAnswer.review_id == review_id,
                                                     ReviewAnswer.item_key == item_key)).first()  # fmt: skip
    if row is None:
        raise QmsError("review.evidence_needs_answer", item=item_key)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise QmsError(
            "review.file_unreadable", file=str(path), error=exc.strerror or str(exc)
        ) from exc
    import mimetypes

    stored = store_file(session, path.name, content,
                        mimetypes.guess_type(path.name)[0] or "application/octet-stream")  # fmt: skip
    evidence = AnswerEvidence(answer_id=row.id, file_id=stored.id, added_by_id=person.id)
    session.add(evidence)
    session.flush()
    return evidence.id


# --- the customer -----------------------------------------------------------------------------------


def raise_clarification(session: Session, person: Person, review_id: int, question: str,
                        item_key: str | None = None, finding_id: int | None = None) -> int:  # fmt: skip
    """A question to the customer, from an item or a finding; open until answered."""
    review = _review(session, review_id)
    _check(review, Action.CLARIFY, person)
    if not question.strip():
        raise QmsError("review.question_needed")
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    row = Clarification(order_id=revision.order_id, review_id=review_id, finding_id=finding_id,
                        item_key=item_key, question=question.strip(), raised_by_id=person.id)  # fmt: skip
    session.add(row)
    session.flush()
    return row.id


def close_clarification(session: Session, person: Person, clarification_id: int, answer_text: str,
                        answered_on: date, channel: str, contact: str,
                        attachment: Path | None = None) -> None:  # fmt: skip
    """Record the customer's answer (date, channel, contact, summary, attachment) and close it."""
    row = session.get(Clarification, clarification_id)
    if row is None:
        raise QmsError("review.no_clarification", id=clarification_id)
    if row.closed_at is not None:
        raise QmsError("review.clarification_closed", id=clarification_id)
    if not answer_text.strip():
        raise QmsError("review.answer_needed")
    if attachment is not None:
        try:
            content = attachment.read_bytes()
        except OSError as exc:
            raise QmsError("review.file_unreadable", file=str(attachment),
                           error=exc.strerror or str(exc)) from exc  # fmt: skip
        row.attachment_id = store_file(session, attachment.name, content,
                                       "application/octet-stream").id  # fmt: skip
    row.answer, row.answered_on = answer_text.strip(), answered_on
    row.channel, row.contact = channel.strip() or None, contact.strip() or None
    row.closed_at = utcnow()
    session.add(Communication(order_id=row.order_id, kind=CommunicationKind.CLARIFICATION,
                              incoming=True, occurred_on=answered_on, channel=row.channel,
                              contact=row.contact, summary=row.answer,
                              attachment_id=row.attachment_id, recorded_by=person.login))  # fmt: skip


def record_communication(session: Session, person: Person, order_id: int, kind: CommunicationKind,
                         incoming: bool, occurred_on: date, summary: str, channel: str = "",
                         contact: str = "") -> int:  # fmt: skip
    """One entry of the order's communication log (enquiry, order, change, confirmation, …)."""
    if not summary.strip():
        raise QmsError("review.summary_needed")
    if session.get(Order, order_id) is None:
        raise QmsError("check.no_order", number=f"#{order_id}")
    row = Communication(order_id=order_id, kind=kind, incoming=incoming, occurred_on=occurred_on,
                        channel=channel.strip() or None, contact=contact.strip() or None,
                        summary=summary.strip(), recorded_by=person.login)  # fmt: skip
    session.add(row)
    session.flush()
    return row.id


# --- where it stands ---------------------------------------------------------------------------------


def snapshot(session: Session, review_id: int) -> Snapshot:
    """The review as the gates see it."""
    review = _review(session, review_id)
    template = template_of(session, review)
    have = facts(session, review)
    answers = {a.item_key: a for a in session.scalars(
        select(ReviewAnswer).where(ReviewAnswer.review_id == review_id))}  # fmt: skip
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
        for f in session.scalars(select(Finding).where(
            Finding.revision_id == review.revision_id, Finding.disposition.is_(None),
            Finding.cleared_at.is_(None)).order_by(Finding.id))
    ]  # fmt: skip
    required = set(required_functions(session, review_id))
    unsigned = [s.key for s in template.sections
                if s.function != Function.APPROVER.value and Function(s.function) in required
                and not signing.is_locked(session, review_id, signing.section_scope(s.key))]  # fmt: skip
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    clarifications = tuple(session.scalars(select(Clarification.id).where(
        Clarification.order_id == revision.order_id, Clarification.closed_at.is_(None))))  # fmt: skip
    confirmed = session.scalar(select(Communication.id).where(
        Communication.order_id == revision.order_id,
        Communication.kind == CommunicationKind.CONFIRMATION,
        Communication.incoming.is_(False)).limit(1)) is not None  # fmt: skip
    return Snapshot(
        state=review.state, waived=review.waived,
        waiver_evidence=review.waiver_evidence_id is not None and bool(review.waiver_note),
        verbal=revision.verbal, verbal_confirmed=confirmed, unanswered=tuple(unanswered),
        wrongly_answered=tuple(wrong), undispositioned_no=tuple(undisposed),
        open_findings=tuple(open_findings), unsigned=tuple(unsigned),
        open_clarifications=clarifications, conditions=review.conditions,
    )  # fmt: skip


def _holders(session: Session, user_ids: list[int]) -> dict[int, tuple[Function, ...]]:
    from qms_review.core.models import User

    return {u.id: tuple(f.function for f in u.functions)
            for u in session.scalars(select(User).where(User.id.in_(set(user_ids))))}  # fmt: skip


def section_blockers(snap: Snapshot, section_key: str) -> list[Blocker]:
    """What keeps one section from being signed."""
    return [b for b in ready_blockers(snap) if b.section == section_key and b.kind != "signature"]


# --- signing, submitting, deciding -------------------------------------------------------------------


def sign_section(store: Store, login: str, password: str, review_id: int, section_key: str,
                 language: str = "en") -> signing.Signed:  # fmt: skip
    """Sign a section once everything in it is answered and dispositioned; it is then locked."""
    with store.read() as session:
        review = _review(session, review_id)
        person = users.find(session, login)
        _check(review, Action.SIGN, person)
        section = next((s for s in template_of(session, review).sections if s.key == section_key),
                       None)  # fmt: skip
        if section is None:
            raise QmsError("identity.no_scope", scope=section_key)
        blockers = section_blockers(snapshot(session, review_id), section_key)
    if blockers:
        raise QmsError("review.section_not_ready", section=section_key, count=len(blockers),
                       first=blockers[0].message().message("en"),
                       first_zh=blockers[0].message().message("zh_CN"))  # fmt: skip
    return signing.sign(store, login, password, review_id, signing.section_scope(section_key),
                        Function(section.function), language)  # fmt: skip


def submit(session: Session, person: Person, review_id: int) -> None:
    """In review → ready for decision, when nothing but the decision is left."""
    review = _review(session, review_id)
    _check(review, Action.SUBMIT, person)
    blockers = ready_blockers(snapshot(session, review_id))
    if blockers:
        raise QmsError("review.not_ready", count=len(blockers),
                       first=blockers[0].message().message("en"),
                       first_zh=blockers[0].message().message("zh_CN"))  # fmt: skip
    review.state = ReviewState.READY_FOR_DECISION


def reopen(session: Session, person: Person, review_id: int, reason: str) -> None:
    review = _review(session, review_id)
    _check(review, Action.REOPEN, person)
    if not reason.strip():
        raise QmsError("review.reason_needed")
    review.state = ReviewState.IN_REVIEW


def decide(store: Store, login: str, password: str, review_id: int, decision: Decision,
           conditions: str | None = None, language: str = "en") -> signing.Signed:  # fmt: skip
    """The approver decides and signs, in one unit of work (after the password is checked)."""
    approver = users.check_password(store, login, password, "decision")
    with store.write(approver.actor) as session:
        return decide_in_session(session, approver, password, review_id, decision, conditions,
                                 language)  # fmt: skip


def decide_in_session(session: Session, approver: Person, password: str, review_id: int,
                      decision: Decision, conditions: str | None = None,
                      language: str = "en") -> signing.Signed:  # fmt: skip
    """The decision and its signature in the caller's unit of work (password already checked)."""
    review = _review(session, review_id)
    _check(review, Action.DECIDE, approver)
    blockers = decision_blockers(snapshot(session, review_id), decision, conditions)
    if blockers:
        raise QmsError("review.cannot_decide", decision=label("decision", decision.value),
                       decision_zh=label("decision", decision.value, "zh_CN"),
                       count=len(blockers), first=blockers[0].message().message("en"),
                       first_zh=blockers[0].message().message("zh_CN"))  # fmt: skip
    review.decision = decision
    review.conditions = (conditions or "").strip() or None
    review.decided_at = utcnow()
    review.state = ReviewState.DECIDED
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    revision.order.status = _STATUS[decision]
    session.flush()
    return signing.sign_in_session(session, approver, password, review_id, signing.DECISION,
                                   Function.APPROVER, language)  # fmt: skip


def waive(session: Session, person: Person, review_id: int, note: str, evidence: Path) -> None:
    """IATF 16949 8.2.3.1.1: the formal review waived, with the customer's authorisation."""
    review = _review(session, review_id)
    _check(review, Action.WAIVE, person)
    if IATF not in {templates.by_id(session, p).key for p in review.packs or []}:
        raise QmsError("review.waiver_iatf_only")
    if not note.strip():
        raise QmsError("review.note_needed", disposition="waived")
    review.waiver_evidence_id = store_file(session, evidence.name, evidence.read_bytes(),
                                           "application/octet-stream").id  # fmt: skip
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
    review = _review(session, review_id)
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    template = template_of(session, review)
    blockers = [] if review.state in (ReviewState.DECIDED, ReviewState.SUPERSEDED) else (
        ready_blockers(snapshot(session, review_id)))  # fmt: skip
    return Status(review.id, revision.order.number, revision.number, review.state,
                  review.decision, review.due_on, f"{template.key} {template.version}", blockers)  # fmt: skip


def review_of(session: Session, order_id: int) -> int | None:
    """The order's review in force (on its newest reviewed revision, not superseded)."""
    return session.scalar(
        select(Review.id).join(OrderRevision, OrderRevision.id == Review.revision_id)
        .where(OrderRevision.order_id == order_id, Review.state != ReviewState.SUPERSEDED)
        .order_by(Review.id.desc()).limit(1)
    )  # fmt: skip


# --- amendments (ISO 9001 8.2.4) ---------------------------------------------------------------------


@dataclass(frozen=True)
class Amendment:
    """What a new revision did to the review of the one before it."""

    superseded: int
    review: int
    touched: list[str]  # the fields and line changes found
    reopened: list[Function]
    carried: list[str]  # sections carried over with their answers and signatures
    informed: list[str]  # logins told of the re-opened parts


def carry_over(session: Session, revision_id: int) -> Amendment | None:
    """When revision N+1 arrives, the review of an earlier revision is superseded by a new one:
    the sections the differences do not touch keep their answers, evidence and signatures; the
    ones they touch (``[change_impact]`` of the template) start again, and the people of those
    functions are listed to be informed. The superseded review itself is left as it was."""
    from qms_review.core import diff
    from qms_review.core.intake.importer import revision_content

    revision = session.get(OrderRevision, revision_id)
    assert revision is not None
    old = session.scalars(
        select(Review).join(OrderRevision, OrderRevision.id == Review.revision_id)
        .where(OrderRevision.order_id == revision.order_id, OrderRevision.number < revision.number,
               Review.state != ReviewState.SUPERSEDED)
        .order_by(Review.id.desc())
    ).first()  # fmt: skip
    if old is None:
        return None
    before = session.get(OrderRevision, old.revision_id)
    assert before is not None
    old_header, old_lines = revision_content(session, before)
    new_header, new_lines = revision_content(session, revision)
    touched = sorted({
        (c.field or "") if c.change in ("header", "changed") else c.change
        for c in diff.compare(old_header, old_lines, new_header, new_lines)
    } - {""})  # fmt: skip
    template = template_of(session, old)
    reopened = sorted({Function(f) for name in touched for f in template.change_impact.get(name, ())},
                      key=list(Function).index)  # fmt: skip
    now = utcnow()
    new = Review(revision_id=revision_id, template_id=old.template_id, packs=list(old.packs or []),
                 state=ReviewState.IN_REVIEW, started_by_id=old.started_by_id,
                 due_on=working_days_after(revision.received_at.astimezone().date(),
                                           DUE_WORKING_DAYS))  # fmt: skip
    session.add(new)
    session.flush()
    for row in session.scalars(select(ReviewFunction).where(ReviewFunction.review_id == old.id)):
        session.add(ReviewFunction(review_id=new.id, function=row.function, required=row.required,
                                   reason=row.reason))  # fmt: skip
    carried = []
    for section in template.sections:
        if section.function == Function.APPROVER.value or Function(section.function) in reopened:
            continue
        _copy_section(session, old.id, new.id, section)
        carried.append(section.key)
    old.state = ReviewState.SUPERSEDED
    old.superseded_by_id, old.superseded_at = new.id, now
    revision.order.status = OrderStatus.IN_REVIEW
    informed = _inform(session, new.id, reopened, touched)
    session.flush()
    return Amendment(old.id, new.id, touched, reopened, carried, informed)


def _copy_section(session: Session, old_id: int, new_id: int, section: Section) -> None:
    from qms_review.core.models import Signature

    keys = [item.key for item in section.items]
    for row in session.scalars(select(ReviewAnswer).where(ReviewAnswer.review_id == old_id,
                                                          ReviewAnswer.item_key.in_(keys))):  # fmt: skip
        copy = ReviewAnswer(review_id=new_id, item_key=row.item_key, value=row.value,
                            comment=row.comment, answered_by_id=row.answered_by_id,
                            answered_at=row.answered_at, disposition=row.disposition,
                            disposition_note=row.disposition_note)  # fmt: skip
        session.add(copy)
        session.flush()
        for evidence in session.scalars(
            select(AnswerEvidence).where(AnswerEvidence.answer_id == row.id)
        ):
            session.add(AnswerEvidence(answer_id=copy.id, file_id=evidence.file_id,
                                       added_by_id=evidence.added_by_id, added_at=evidence.added_at))  # fmt: skip
    scope = signing.section_scope(section.key)
    for sig in session.scalars(select(Signature).where(
            Signature.review_id == old_id, Signature.scope == scope, Signature.lapsed_at.is_(None))):  # fmt: skip
        session.add(Signature(
            review_id=new_id, user_id=sig.user_id, function=sig.function, meaning=sig.meaning,
            printed_name=sig.printed_name, signed_at=sig.signed_at,
            utc_offset_minutes=sig.utc_offset_minutes, content_sha256=sig.content_sha256,
            scope=sig.scope, certificate_id=sig.certificate_id, signature_value=sig.signature_value,
        ))  # fmt: skip


def _inform(session: Session, review_id: int, functions: list[Function],
            touched: list[str]) -> list[str]:  # fmt: skip
    from qms_review.core.models import ReviewNotice, User, UserFunction

    reason = ", ".join(touched)
    informed = []
    for function in functions:
        for user in session.scalars(select(User).join(UserFunction).where(
                UserFunction.function == function, User.active.is_(True))):  # fmt: skip
            session.add(ReviewNotice(review_id=review_id, user_id=user.id, function=function,
                                     reason=reason))  # fmt: skip
            informed.append(user.login)
    return informed


@dataclass(frozen=True)
class Notice:
    id: int
    login: str
    display_name: str
    function: Function
    reason: str
    informed_at: datetime
    acknowledged_at: datetime | None


def notices(session: Session, review_id: int) -> list[Notice]:
    from qms_review.core.models import ReviewNotice, User

    rows = session.execute(
        select(ReviewNotice, User.login, User.display_name).join(User, User.id == ReviewNotice.user_id)
        .where(ReviewNotice.review_id == review_id).order_by(ReviewNotice.id)
    )  # fmt: skip
    return [Notice(n.id, login, name, n.function, n.reason, n.informed_at, n.acknowledged_at)
            for n, login, name in rows]  # fmt: skip


def acknowledge(session: Session, person: Person, notice_id: int) -> None:
    """The person informed of a re-opened part says they have taken note."""
    from qms_review.core.models import ReviewNotice

    row = session.get(ReviewNotice, notice_id)
    if row is None or row.user_id != person.id:
        raise QmsError("review.not_your_notice", id=notice_id)
    if row.acknowledged_at is None:
        row.acknowledged_at = utcnow()


def my_open_orders(session: Session, person: Person) -> list[int]:
    """Orders whose review in force waits for this person: a section of one of their functions
    still unsigned (or, for the approver, a review ready for a decision)."""
    from qms_review.core.models import Signature

    mine = set(person.functions)
    found = []
    rows = session.execute(
        select(Review, OrderRevision.order_id).join(OrderRevision, OrderRevision.id == Review.revision_id)
        .where(Review.state.in_((ReviewState.DRAFT, ReviewState.IN_REVIEW,
                                 ReviewState.READY_FOR_DECISION)))
    ).all()  # fmt: skip
    for review, order_id in rows:
        if review.state is ReviewState.READY_FOR_DECISION:
            if Function.APPROVER in mine:
                found.append(order_id)
            continue
        required = set(required_functions(session, review.id)) & mine
        if not required:
            continue
        signed = set(session.scalars(select(Signature.scope).where(
            Signature.review_id == review.id, Signature.lapsed_at.is_(None))))  # fmt: skip
        if any(Function(s.function) in required and signing.section_scope(s.key) not in signed
               for s in template_of(session, review).sections
               if s.function != Function.APPROVER.value):  # fmt: skip
            found.append(order_id)
    return found


@dataclass(frozen=True)
class Entry:
    """One entry of an order's communication log."""

    occurred_on: date
    kind: CommunicationKind
    incoming: bool
    channel: str | None
    contact: str | None
    summary: str
    recorded_by: str


def communications(session: Session, order_id: int) -> list[Entry]:
    """The order's communication log (ISO 9001 8.2.1), oldest first."""
    rows = session.scalars(select(Communication).where(Communication.order_id == order_id)
                           .order_by(Communication.occurred_on, Communication.id))  # fmt: skip
    return [Entry(r.occurred_on, r.kind, r.incoming, r.channel, r.contact, r.summary,
                  r.recorded_by) for r in rows]  # fmt: skip


def touched_text(reason: str, language: str) -> str:
    """The differences that re-opened a part (stored as field names) in words."""
    from qms_review.core.checks.rules import default

    book = default()
    index = 1 if language.startswith("zh") else 0
    words = {"added": ("lines added", "新增行"), "removed": ("lines removed", "删除行")}
    return ", ".join(words[name][index] if name in words else book.field_name(name, index)
                     for name in reason.split(", ") if name)  # fmt: skip
