"""Who signs a review's record, in which order, and when a signature is refused.

Only the people who signed the review sign its record, each once, in the order of the review's
checklist template (the order of its sections), the approver who decided last. The record of a
review not yet decided is a draft: it carries a DRAFT watermark and no signature field, and
nobody signs it.
"""

from __future__ import annotations

import io

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError
from qms_review.core.review import signatures, templates
from qms_review.core.store.models import Record, Review, Signature, User

#: The prefix of a record's signature fields; the rest is the signer's login.
FIELD_PREFIX = "signature-"


def field_name(login: str) -> str:
    return f"{FIELD_PREFIX}{login}"


def is_draft(review: Review) -> bool:
    """A review's record is a draft until the review is decided."""
    return review.decision is None


def in_order(session: Session, review_id: int) -> list[str]:
    """The logins that sign the record: everyone who signed the review (signatures in force),
    in the order of the template's sections, then the approver who signed the decision."""
    review = session.get(Review, review_id)
    if review is None:
        raise QmsError("identity.no_review", review=review_id)
    rows = session.execute(
        select(User.login, Signature.scope)
        .join(User, User.id == Signature.user_id)
        .where(Signature.review_id == review_id, Signature.lapsed_at.is_(None))
        .order_by(Signature.signed_at, Signature.id)
    ).all()
    place = {
        signatures.section_scope(s.key): n
        for n, s in enumerate(templates.of_review(session, review).sections)
    }
    approver = [login for login, scope in rows if scope == signatures.DECISION][:1]
    sections = sorted(
        (place.get(scope, len(place)), n, login)
        for n, (login, scope) in enumerate(rows)
        if scope != signatures.DECISION
    )
    ordered = [
        login for login in dict.fromkeys(login for *_, login in sections) if login not in approver
    ]
    return ordered + approver


def _fields(pdf: bytes) -> dict[str, bool]:
    """The record's signature fields in the document's order: name → signed."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    reader = PdfFileReader(io.BytesIO(pdf))
    return {str(name): value is not None for name, value, _ref in enumerate_sig_fields(reader)}


def refusal(session: Session, person: Person, review_id: int, record: Record) -> QmsError | None:
    """Why ``person`` may not sign ``record`` now, or None when they may."""
    review = session.get(Review, review_id)
    if review is None:
        return QmsError("identity.no_review", review=review_id)
    if is_draft(review):
        return QmsError("record.draft_unsigned")
    fields = _fields(record.pdf)
    if not fields:
        return QmsError("record.draft_record")
    order = in_order(session, review_id)
    if person.login not in order:
        names = ", ".join(_name(session, login) for login in order)
        return QmsError("record.not_a_signer", name=person.display_name, signers=names)
    mine = field_name(person.login)
    if mine not in fields:
        return QmsError("record.no_field", name=person.display_name)
    if fields[mine]:
        return QmsError("record.already_signed", name=person.display_name)
    waiting = [
        login
        for login in order[: order.index(person.login)]
        if not fields.get(field_name(login), True)
    ]
    if waiting:
        first = _name(session, waiting[0])
        return QmsError("record.not_your_turn", name=person.display_name, first=first)
    return None


def _name(session: Session, login: str) -> str:
    """The name a user signs with."""
    return session.scalar(select(User.display_name).where(User.login == login)) or login
