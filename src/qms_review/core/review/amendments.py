"""A new revision of a reviewed order (ISO 9001 8.2.4): the review carried over,
touched sections re-opened, and the people concerned informed."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.checks.rules import default
from qms_review.core.identity.users import Person
from qms_review.core.intake import entry, importer
from qms_review.core.intake.analysis import Plan
from qms_review.core.intake.importer import Progress, revision_content
from qms_review.core.messages import QmsError, text
from qms_review.core.orders import diff
from qms_review.core.orders.revisions import DUE_WORKING_DAYS, due_date
from qms_review.core.review import signatures, templates
from qms_review.core.review.checklists import Section
from qms_review.core.store.columns import utcnow
from qms_review.core.store.database import Store
from qms_review.core.store.models import (
    AnswerEvidence,
    OrderRevision,
    Review,
    ReviewAnswer,
    ReviewFunction,
    ReviewNotice,
    Signature,
    User,
    UserFunction,
)
from qms_review.core.store.vocabulary import Function, OrderStatus, ReviewState


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

    revision = session.get(OrderRevision, revision_id)
    assert revision is not None
    old = session.scalars(
        select(Review)
        .join(OrderRevision, OrderRevision.id == Review.revision_id)
        .where(
            OrderRevision.order_id == revision.order_id,
            OrderRevision.number < revision.number,
            Review.state != ReviewState.SUPERSEDED,
        )
        .order_by(Review.id.desc())
    ).first()
    if old is None:
        return None
    before = session.get(OrderRevision, old.revision_id)
    assert before is not None
    old_header, old_lines = revision_content(session, before)
    new_header, new_lines = revision_content(session, revision)
    touched = sorted(
        {
            (c.field or "") if c.change in ("header", "changed") else c.change
            for c in diff.compare(old_header, old_lines, new_header, new_lines)
        }
        - {""}
    )
    template = templates.of_review(session, old)
    reopened = sorted(
        {Function(f) for name in touched for f in template.change_impact.get(name, ())},
        key=list(Function).index,
    )
    now = utcnow()
    new = Review(
        revision_id=revision_id,
        template_id=old.template_id,
        packs=list(old.packs or []),
        state=ReviewState.IN_REVIEW,
        started_by_id=old.started_by_id,
        due_on=revision.order.due_on or due_date(revision.received_at),
    )
    session.add(new)
    session.flush()
    for row in session.scalars(select(ReviewFunction).where(ReviewFunction.review_id == old.id)):
        session.add(
            ReviewFunction(
                review_id=new.id, function=row.function, required=row.required, reason=row.reason
            )
        )
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

    keys = [item.key for item in section.items]
    for row in session.scalars(
        select(ReviewAnswer).where(
            ReviewAnswer.review_id == old_id, ReviewAnswer.item_key.in_(keys)
        )
    ):
        copy = ReviewAnswer(
            review_id=new_id,
            item_key=row.item_key,
            value=row.value,
            comment=row.comment,
            answered_by_id=row.answered_by_id,
            answered_at=row.answered_at,
            disposition=row.disposition,
            disposition_note=row.disposition_note,
        )
        session.add(copy)
        session.flush()
        for evidence in session.scalars(
            select(AnswerEvidence).where(AnswerEvidence.answer_id == row.id)
        ):
            session.add(
                AnswerEvidence(
                    answer_id=copy.id,
                    file_id=evidence.file_id,
                    added_by_id=evidence.added_by_id,
                    added_at=evidence.added_at,
                )
            )
    scope = signatures.section_scope(section.key)
    for sig in session.scalars(
        select(Signature).where(
            Signature.review_id == old_id, Signature.scope == scope, Signature.lapsed_at.is_(None)
        )
    ):
        session.add(
            Signature(
                review_id=new_id,
                user_id=sig.user_id,
                function=sig.function,
                meaning=sig.meaning,
                printed_name=sig.printed_name,
                signed_at=sig.signed_at,
                utc_offset_minutes=sig.utc_offset_minutes,
                content_sha256=sig.content_sha256,
                scope=sig.scope,
                certificate_id=sig.certificate_id,
                signature_value=sig.signature_value,
                audit_head_seq=sig.audit_head_seq,
                audit_head_mac=sig.audit_head_mac,
            )
        )


def _inform(
    session: Session, review_id: int, functions: list[Function], touched: list[str]
) -> list[str]:

    reason = ", ".join(touched)
    informed = []
    for function in functions:
        for user in session.scalars(
            select(User)
            .join(UserFunction)
            .where(UserFunction.function == function, User.active.is_(True))
        ):
            session.add(
                ReviewNotice(review_id=review_id, user_id=user.id, function=function, reason=reason)
            )
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

    rows = session.execute(
        select(ReviewNotice, User.login, User.display_name)
        .join(User, User.id == ReviewNotice.user_id)
        .where(ReviewNotice.review_id == review_id)
        .order_by(ReviewNotice.id)
    )
    return [
        Notice(n.id, login, name, n.function, n.reason, n.informed_at, n.acknowledged_at)
        for n, login, name in rows
    ]


def acknowledge(session: Session, person: Person, notice_id: int) -> None:
    """The person informed of a re-opened part says they have taken note."""

    row = session.get(ReviewNotice, notice_id)
    if row is None or row.user_id != person.id:
        raise QmsError("review.not_your_notice", id=notice_id)
    if row.acknowledged_at is None:
        row.acknowledged_at = utcnow()


def touched_text(reason: str, language: str) -> str:
    """The differences that re-opened a part (stored as field names) in words."""

    book = default()
    words = {"added": "amendment.lines_added", "removed": "amendment.lines_removed"}
    return ", ".join(
        text(words[name], language) if name in words else book.field_name(name, language)
        for name in reason.split(", ")
        if name
    )


def import_orders(
    store: Store,
    plan: Plan,
    actor: str,
    progress: Progress | None = None,
    due_days: int = DUE_WORKING_DAYS,
    chosen: Collection[str | None] | None = None,
) -> list[importer.Result]:
    """Import the orders of a file (those numbered in ``chosen``, else all; see
    :func:`qms_review.core.intake.importer.commit_orders`) and, in the same unit of work, carry
    the review of each order's revision before over to its new revision; each review is due
    ``due_days`` working days after receipt."""
    return importer.commit_orders(
        store, plan, actor, progress, chosen=chosen, then=carry_over, due_days=due_days
    )


def save_entry(
    store: Store,
    typed: entry.Entry,
    actor: str,
    order_id: int | None = None,
    due_days: int = DUE_WORKING_DAYS,
) -> importer.Result:
    """Save an order typed in (a new order, or an edit of ``order_id``: its next revision; see
    :func:`qms_review.core.intake.entry.save`) and, in the same unit of work, carry the review
    of the revision before over to the new one, exactly as a re-import does."""
    return entry.save(store, typed, actor, order_id, then=carry_over, due_days=due_days)
