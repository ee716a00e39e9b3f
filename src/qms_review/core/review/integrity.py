"""Today's data checked, not only the log: every signature of a review against the rows as they
are now, and the whole database against its signatures, records and audit trail.

A signature is *broken* when the content it covers no longer hashes as signed (an answer, a
comment, a decision changed in the database), when its own row was altered (the signer's
signature over its content hash and audit head no longer verifies), or when the audit event it
was made at is no longer in the chain as it was (history before it rewritten or cut off). A
broken signature does not count as signed: the review shows it, its progress does not count it,
and no record is made of it. See docs/trust.md for what this proves and what it cannot.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.messages import Message, QmsError
from qms_review.core.review import signatures
from qms_review.core.store import audit, replay
from qms_review.core.store.models import (
    Certificate,
    OrderRevision,
    Record,
    Review,
    ReviewAnswer,
    Signature,
    User,
)

_CACHE = "integrity_broken"


@dataclass(frozen=True)
class Broken:
    """A signature that no longer holds, and why (content, signature or history)."""

    signature_id: int
    review_id: int
    order: str
    scope: str
    signer: str
    reason: str
    head_seq: int | None

    @property
    def section(self) -> str:
        return self.scope.removeprefix(signatures.SECTION)

    def message(self) -> QmsError:
        return QmsError(
            "integrity.broken",
            review=self.review_id,
            order=self.order,
            section=self.section,
            signer=self.signer,
            reason=Message(f"integrity.reason.{self.reason}", seq=self.head_seq),
        )


def _order_number(session: Session, review_id: int) -> str:
    review = session.get(Review, review_id)
    revision = session.get(OrderRevision, review.revision_id) if review else None
    return revision.order.number if revision else "?"


def _judged(session: Session, row: Signature, order: str) -> Broken | None:
    found = signatures.check(session, row.id, certificate_status=False)
    if found.intact:
        return None
    reason = (
        "history"
        if not found.head_in_chain
        else "signature"
        if not found.signature_verifies
        else "content"
    )
    user = session.get(User, row.user_id)
    signer = f"{row.printed_name} ({user.login if user else row.user_id})"
    return Broken(row.id, row.review_id, order, row.scope, signer, reason, row.audit_head_seq)


def broken(session: Session, review_id: int) -> dict[str, Broken]:
    """The review's broken signatures, by scope ("section:<key>" or "decision").

    Kept for the rest of the unit of work while nothing is written (every write moves the
    audit head on, or notes events to append): opening a review asks several times."""
    session.flush()
    cache = session.info.setdefault(_CACHE, {})
    key = (review_id, audit.chain_head(session.connection()).seq, audit.noted(session))
    if key not in cache:
        cache[key] = _broken(session, review_id)
    return dict(cache[key])


def _broken(session: Session, review_id: int) -> dict[str, Broken]:
    rows = list(
        session.scalars(
            select(Signature).where(Signature.review_id == review_id).order_by(Signature.id)
        )
    )
    if not rows:
        return {}
    # Held while checking, so the session's identity map keeps them (it holds rows weakly) and
    # each signature's content is hashed without reading the same rows again.
    held = [
        session.get(Review, review_id),
        list(session.scalars(select(User))),
        list(session.scalars(select(ReviewAnswer).where(ReviewAnswer.review_id == review_id))),
        list(session.scalars(select(Certificate).where(Certificate.kind != "ca"))),
    ]
    order = _order_number(session, review_id)
    found = {}
    for row in rows:
        judged = _judged(session, row, order)
        if judged is not None:
            found[row.scope] = judged
    del held
    return found


def refuse_if_broken(session: Session, review_id: int) -> None:
    """Refuse (e.g. to make a record) while any signature of the review is broken."""
    found = broken(session, review_id)
    if found:
        raise next(iter(found.values())).message()


def verify(session: Session) -> list[QmsError]:
    """Everything in the database that does not hold, in a stable order: every broken
    signature, every record whose audit head is not in the chain, every row that differs from
    what the audit trail says (people and their functions among them)."""
    problems: list[QmsError] = []
    for (review_id,) in session.execute(
        select(Signature.review_id).distinct().order_by(Signature.review_id)
    ):
        problems += [b.message() for b in broken(session, review_id).values()]
    conn = session.connection()
    for record in session.execute(
        select(Record.id, Record.review_id, Record.audit_head_seq, Record.audit_head_mac).order_by(
            Record.id
        )
    ):
        if record.audit_head_seq > 0 and (
            audit.mac_at(conn, record.audit_head_seq) != record.audit_head_mac
        ):
            problems.append(
                QmsError(
                    "integrity.record_head",
                    record=record.id,
                    review=record.review_id,
                    seq=record.audit_head_seq,
                )
            )
    problems += [d.message() for d in replay.differences(conn)]
    return problems
