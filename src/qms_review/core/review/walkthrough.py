"""A review as the walkthrough shows it: sections with their items, answers, findings and
signatures, read in one unit of work and handed over as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.checks.findings import FindingRow, of_revision
from qms_review.core.messages import QmsError, Texts
from qms_review.core.review import actions, integrity, progress, signatures
from qms_review.core.review.checklists import Item
from qms_review.core.review.workflow import Blocker, decision_blockers
from qms_review.core.store.models import (
    AnswerEvidence,
    Clarification,
    OrderRevision,
    Review,
    ReviewAnswer,
    Signature,
    StoredFile,
    User,
)
from qms_review.core.store.vocabulary import Answer, Decision, Disposition, Function, ReviewState


@dataclass(frozen=True)
class ItemView:
    item: Item
    applies: bool
    value: Answer | None = None
    comment: str | None = None
    disposition: Disposition | None = None
    disposition_note: str | None = None
    answered_by: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class SignatureView:
    printed_name: str
    meaning: str
    when: str
    lapsed: bool
    #: The data it covers changed since it was signed (or its row, or the history before it):
    #: it does not count as signed.
    broken: bool = False


@dataclass(frozen=True)
class SectionView:
    key: str
    titles: Texts
    function: Function
    items: list[ItemView]
    findings: list[FindingRow]
    signature: SignatureView | None
    required: bool

    def title(self, language: str) -> str:
        return self.titles(language)

    @property
    def answered(self) -> int:
        return sum(1 for i in self.items if i.applies and i.value is not None)

    @property
    def applicable(self) -> int:
        return sum(1 for i in self.items if i.applies)


@dataclass(frozen=True)
class ClarificationView:
    id: int
    question: str
    item_key: str | None
    finding_id: int | None
    answer: str | None
    answered_on: date | None
    open: bool


@dataclass
class WalkthroughView:
    review_id: int
    order_id: int
    order: str
    customer: str
    revision: int
    state: ReviewState
    decision: Decision | None
    conditions: str | None
    due_on: date | None
    sections: list[SectionView]
    blockers: list[Blocker]
    clarifications: list[ClarificationView] = field(default_factory=list)
    decision_signature: SignatureView | None = None
    #: What, beyond ``blockers``, keeps the review from being accepted: open questions to the
    #: customer, a verbal order's written confirmation.
    before_accepting: list[Blocker] = field(default_factory=list)
    #: The formal review waived with the customer's authorisation (IATF 16949).
    waived: bool = False
    #: The order was received verbally (by phone).
    verbal: bool = False


def load(session: Session, review_id: int) -> WalkthroughView:
    review = session.get(Review, review_id)
    if review is None:
        raise QmsError("identity.no_review", review=review_id)
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    template = actions.template_of(session, review)
    have = progress.facts(session, review)
    answers = {
        a.item_key: a
        for a in session.scalars(select(ReviewAnswer).where(ReviewAnswer.review_id == review_id))
    }
    names = {u.id: u.display_name for u in session.scalars(select(User))}
    evidence: dict[int, list[str]] = {}
    for answer_id, filename in session.execute(
        select(AnswerEvidence.answer_id, StoredFile.filename)
        .join(StoredFile, StoredFile.id == AnswerEvidence.file_id)
        .where(AnswerEvidence.answer_id.in_([a.id for a in answers.values()]))
    ):
        evidence.setdefault(answer_id, []).append(filename)
    signed = {
        s.scope: s
        for s in session.scalars(
            select(Signature).where(Signature.review_id == review_id).order_by(Signature.id)
        )
    }
    bad = integrity.broken(session, review_id)
    found = [f for f in of_revision(session, review.revision_id)]
    required = set(progress.required_functions(session, review_id))
    sections = []
    for section in template.sections:
        items = []
        for item in section.items:
            row = answers.get(item.key)
            items.append(
                ItemView(
                    item,
                    item.applies(have),
                    row.value if row else None,
                    row.comment if row else None,
                    row.disposition if row else None,
                    row.disposition_note if row else None,
                    names.get(row.answered_by_id or 0) if row else None,
                    tuple(evidence.get(row.id, ())) if row else (),
                )
            )
        keys = {i.key for i in section.items}
        scope = signatures.section_scope(section.key)
        signature = signed.get(scope)
        sections.append(
            SectionView(
                section.key,
                section.title,
                Function(section.function),
                items,
                [f for f in found if f.item in keys],
                _signature(signature, scope in bad),
                Function(section.function) in required
                or section.function == Function.APPROVER.value,
            )
        )
    unplaced = [f for f in found if template.section_of(f.item or "") is None]
    if unplaced and sections:  # findings of no checklist item go with the first section
        first = sections[0]
        sections[0] = SectionView(
            first.key,
            first.titles,
            first.function,
            first.items,
            first.findings + unplaced,
            first.signature,
            first.required,
        )
    clarifications = [
        ClarificationView(
            c.id, c.question, c.item_key, c.finding_id, c.answer, c.answered_on, c.closed_at is None
        )
        for c in session.scalars(
            select(Clarification)
            .where(Clarification.order_id == revision.order_id)
            .order_by(Clarification.id)
        )
    ]
    status = progress.status(session, review_id)
    return WalkthroughView(
        review_id,
        revision.order_id,
        revision.order.number,
        revision.order.customer.name,
        revision.number,
        review.state,
        review.decision,
        review.conditions,
        review.due_on,
        sections,
        status.blockers,
        clarifications,
        _signature(signed.get(signatures.DECISION), signatures.DECISION in bad),
        _before_accepting(session, review),
        review.waived,
        revision.verbal,
    )


def _before_accepting(session: Session, review: Review) -> list[Blocker]:
    if review.state in (ReviewState.DECIDED, ReviewState.SUPERSEDED):
        return []
    return [
        b
        for b in decision_blockers(progress.snapshot(session, review.id), Decision.ACCEPTED, None)
        if b.kind in ("clarification", "verbal")
    ]


def _signature(row: Signature | None, broken: bool) -> SignatureView | None:
    if row is None:
        return None
    return SignatureView(
        row.printed_name,
        row.meaning,
        signatures.local_time(row.signed_at, row.utc_offset_minutes),
        row.lapsed_at is not None,
        broken,
    )
