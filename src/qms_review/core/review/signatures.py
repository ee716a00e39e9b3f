"""The signing act: an electronic signature in the sense of 21 CFR Part 11 §11.50/§11.70/§11.200.

The signer gives their password at that moment; they sign only for a function they hold and only
what that function owns (a section of the review's checklist, or the decision for the approver).
The signature keeps the printed name, the function, the date and time with its UTC offset, the
meaning, and the SHA-256 of the canonical content signed — and the signer's key signs that
digest, so the signature can later prove itself with the certificate. A signed section is locked:
nothing can change what it covers (an amendment that touches a section re-opens it in the new
review instead, :mod:`qms_review.core.review.amendments`), and :func:`check` tells if the stored
content ever differs from what was signed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.identity import authentication, certificates, pki, users
from qms_review.core.messages import Message, QmsError, Texts, label, text
from qms_review.core.orders.revisions import LINE_FIELDS, stored_form
from qms_review.core.review import templates
from qms_review.core.store import audit
from qms_review.core.store.columns import utcnow
from qms_review.core.store.database import Store
from qms_review.core.store.models import (
    Certificate,
    OrderLine,
    OrderRevision,
    Review,
    ReviewAnswer,
    Signature,
    User,
)
from qms_review.core.store.vocabulary import Function

DECISION = "decision"
SECTION = "section:"


def section_scope(section_key: str) -> str:
    return f"{SECTION}{section_key}"


@dataclass(frozen=True)
class Scope:
    """What a scope means in a review: its owner and how the signature's meaning reads."""

    scope: str
    function: Function
    title: Message | Texts  # renders in a language


def scope_of(session: Session, review: Review, scope: str) -> Scope:
    template = templates.of_review(session, review)
    if scope == DECISION:
        return Scope(scope, Function.APPROVER, Message("signature.scope.decision"))
    section = next((s for s in template.sections if section_scope(s.key) == scope), None)
    if section is None:
        raise QmsError("identity.no_scope", scope=scope)
    return Scope(scope, Function(section.function), section.title)


def meaning(scope: Scope, language: str, decision: str | None = None) -> str:
    """The meaning of the signature, as it is shown, stored and printed."""
    if scope.scope == DECISION:
        what = (
            label("decision", decision, language)
            if decision
            else text("meaning.decision_pending", language)
        )
        return text("meaning.approved", language, decision=what)
    title = scope.title.render(language)
    return text("meaning.reviewed", language, section=title)


# --- what is signed -------------------------------------------------------------------------------


def _revision_digest(session: Session, revision_id: int) -> str:
    columns = [getattr(OrderLine, name) for name in LINE_FIELDS]
    rows = session.execute(
        select(*columns).where(OrderLine.revision_id == revision_id).order_by(OrderLine.line_no)
    )
    lines = [dict(zip(LINE_FIELDS, row, strict=True)) for row in rows]
    return hashlib.sha256(repr(stored_form(lines)).encode("utf-8")).hexdigest()


def content(session: Session, review_id: int, scope: str) -> dict[str, Any]:
    """The canonical content a signature on ``scope`` covers.

    A section's signature covers the order (number and kind), the template version, and the
    section's answers with their comments and dispositions — so that an amendment that does not
    touch the section leaves its signature valid on the next revision. The decision's covers the
    order revision itself (the digest of its lines and its terms), the decision, its conditions
    and every section signature under it.
    """
    review = session.get(Review, review_id)
    if review is None:
        raise QmsError("identity.no_review", review=review_id)
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    template = templates.of_review(session, review)
    body: dict[str, Any] = {
        "order": {"number": revision.order.number, "kind": revision.order.kind.value},
        "template": {
            "key": template.key,
            "version": template.version,
            "sha256": template.sha256,
            "packs": sorted(review.packs or []),
        },
        "scope": scope,
    }
    if scope == DECISION:
        body["review"] = review.id
        body["order"].update(
            {
                "revision": revision.number,
                "lines_sha256": _revision_digest(session, revision.id),
                "currency": revision.currency,
                "payment_terms": revision.payment_terms,
                "delivery_terms": revision.delivery_terms,
                "order_date": revision.order_date.isoformat() if revision.order_date else None,
            }
        )
        body["decision"] = review.decision.value if review.decision else None
        body["conditions"] = review.conditions
        body["signatures"] = sorted(
            (s.scope, s.content_sha256) for s in _valid(session, review_id) if s.scope != DECISION
        )
        return body
    section = next((s for s in template.sections if section_scope(s.key) == scope), None)
    if section is None:
        raise QmsError("identity.no_scope", scope=scope)
    answers = {
        a.item_key: a
        for a in session.scalars(select(ReviewAnswer).where(ReviewAnswer.review_id == review_id))
    }
    body["answers"] = [_answer(session, item.key, answers.get(item.key)) for item in section.items]
    return body


def _answer(session: Session, key: str, answer: ReviewAnswer | None) -> dict[str, Any]:
    if answer is None:
        return {"item": key, "answer": None}
    by = session.get(User, answer.answered_by_id) if answer.answered_by_id else None
    return {
        "item": key,
        "answer": answer.value.value if answer.value else None,
        "comment": answer.comment,
        "by": by.login if by else None,
        "disposition": answer.disposition.value if answer.disposition else None,
        "disposition_note": answer.disposition_note,
    }


def signed_digest(signature: Signature) -> bytes:
    """What the signer's key signs: the content hash together with the audit chain's head at
    signing time and what the signature says (who, as which function, meaning what, on which
    scope). Signatures made before schema 0008 kept no head and signed the content hash alone."""
    if signature.audit_head_seq is None:
        return bytes.fromhex(signature.content_sha256)
    said = [
        signature.content_sha256,
        signature.audit_head_seq,
        signature.audit_head_mac,
        signature.user_id,
        signature.function.value if signature.function else None,
        signature.printed_name,
        signature.meaning,
        signature.scope,
    ]
    return hashlib.sha256(canonical({"signed": said})).digest()


def canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(
        body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    ).encode("utf-8")


def digest(body: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(body)).hexdigest()


@dataclass(frozen=True)
class Preview:
    """What the signing dialog shows before the password is given."""

    customer: str
    order: str
    kind: str
    revision: int
    scope_title: str
    function: Function
    meaning: str
    content_sha256: str
    locked: bool


def preview(session: Session, review_id: int, scope: str, language: str) -> Preview:
    review = session.get(Review, review_id)
    if review is None:
        raise QmsError("identity.no_review", review=review_id)
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    owner = scope_of(session, review, scope)
    title = owner.title.render(language)
    return Preview(
        revision.order.customer.name,
        revision.order.number,
        label("kind", revision.order.kind.value, language),
        revision.number,
        title,
        owner.function,
        meaning(owner, language, review.decision.value if review.decision else None),
        digest(content(session, review_id, scope)),
        is_locked(session, review_id, scope),
    )


# --- signing ------------------------------------------------------------------------------------------


def _valid(session: Session, review_id: int) -> list[Signature]:
    return list(
        session.scalars(
            select(Signature)
            .where(Signature.review_id == review_id, Signature.lapsed_at.is_(None))
            .order_by(Signature.id)
        )
    )


def is_locked(session: Session, review_id: int, scope: str) -> bool:
    """Whether ``scope`` carries a signature still in force (its content may not change)."""
    return any(s.scope == scope for s in _valid(session, review_id))


@dataclass(frozen=True)
class Signed:
    id: int
    printed_name: str
    function: Function
    meaning: str
    signed_at: datetime
    utc_offset_minutes: int
    content_sha256: str
    certificate_serial: str

    def local_time(self) -> str:
        """Date and time as signed, with its offset from UTC (e.g. 2026-11-23 14:05 +08:00)."""
        return local_time(self.signed_at, self.utc_offset_minutes)


def local_time(instant: datetime, offset_minutes: int) -> str:
    from datetime import timedelta, timezone

    local = instant.astimezone(timezone(timedelta(minutes=offset_minutes)))
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M} {offset[:3]}:{offset[3:]}"


def sign(
    store: Store,
    login: str,
    password: str,
    review_id: int,
    scope: str,
    function: Function,
    language: str = "en",
    now: datetime | None = None,
) -> Signed:
    """Sign ``scope`` of a review as ``function``. The password is checked first (a wrong one
    counts towards the lockout and signs nothing); then, in one unit of work, the function, the
    scope's owner, the lock, the certificate, and the signature itself."""
    signer = authentication.check_password(store, login, password, "signature", now)
    now = now or utcnow()
    with store.write(signer.actor) as session:
        try:
            return _sign(session, signer, password, review_id, scope, function, language, now)
        except QmsError as refusal:
            refused = refusal
    with store.write(signer.actor) as session:  # the refusal itself is part of the record
        audit.record(
            session,
            audit.Change(
                "signature_refused",
                "reviews",
                str(review_id),
                {"login": login, "scope": scope, "function": function.value, "reason": refused.key},
            ),
        )
    raise refused


def sign_in_session(
    session: Session,
    signer: users.Person,
    password: str,
    review_id: int,
    scope: str,
    function: Function,
    language: str = "en",
    now: datetime | None = None,
) -> Signed:
    """Sign within the caller's unit of work (a decision and its signature are one); the
    password must have been checked already (:func:`authentication.check_password`)."""
    return _sign(session, signer, password, review_id, scope, function, language, now or utcnow())


def _sign(
    session: Session,
    signer: users.Person,
    password: str,
    review_id: int,
    scope: str,
    function: Function,
    language: str,
    now: datetime,
) -> Signed:
    review = session.get(Review, review_id)
    if review is None:
        raise QmsError("identity.no_review", review=review_id)
    if not signer.holds(function):
        raise QmsError(
            "identity.not_your_function", function=label("owner", function.value, language)
        )
    owner = scope_of(session, review, scope)
    if owner.function is not function:
        raise QmsError(
            "identity.not_owner",
            scope=scope,
            function=label("owner", owner.function.value, language),
        )
    if is_locked(session, review_id, scope):
        raise QmsError("identity.already_signed", scope=scope)
    row = certificates.current_certificate(session, signer.id)
    if row is None or row.key_pem is None:
        raise QmsError("identity.no_key", login=signer.login)
    state = certificates.certificate_status(session, row, now)
    if not state.valid:
        raise QmsError("identity.certificate_not_valid", state=state.state)
    key = pki.unlock(row.key_pem, password)
    body = content(session, review_id, scope)
    content_sha256 = digest(body)
    head = audit.settled_head(session)  # what this unit of work did so far is signed too
    offset = now.astimezone().utcoffset()
    signature = Signature(
        review_id=review_id,
        user_id=signer.id,
        function=function,
        meaning=meaning(owner, language, review.decision.value if review.decision else None),
        printed_name=signer.display_name,
        signed_at=now,
        utc_offset_minutes=int(offset.total_seconds() // 60) if offset else 0,
        content_sha256=content_sha256,
        scope=scope,
        certificate_id=row.id,
        audit_head_seq=head.seq,
        audit_head_mac=head.mac,
    )
    signature.signature_value = pki.sign_digest(key, signed_digest(signature))
    session.add(signature)
    session.flush()
    return _signed(signature, row)


def _signed(signature: Signature, certificate: Certificate) -> Signed:
    assert signature.function is not None
    return Signed(
        signature.id,
        signature.printed_name,
        signature.function,
        signature.meaning,
        signature.signed_at,
        signature.utc_offset_minutes,
        signature.content_sha256,
        certificate.serial,
    )


@dataclass(frozen=True)
class Check:
    """A signature checked again: does the content still hash the same, does the signature
    verify with its certificate, is the audit head it covers still in the chain, and is the
    certificate (still) good."""

    content_matches: bool
    signature_verifies: bool
    certificate: pki.Status | None  # None: not asked for
    head_in_chain: bool = True

    @property
    def intact(self) -> bool:
        """Nothing it covers changed since it was made (the certificate aside)."""
        return self.content_matches and self.signature_verifies and self.head_in_chain

    @property
    def ok(self) -> bool:
        return self.intact and self.certificate is not None and self.certificate.valid


def check(session: Session, signature_id: int, *, certificate_status: bool = True) -> Check:
    """Check a signature against today's rows: the content hash recomputed, the signer's
    signature over it (and over the audit head it kept), and that head in the chain."""
    signature = session.get(Signature, signature_id)
    if signature is None or signature.certificate_id is None:
        raise QmsError("identity.no_signature", id=signature_id)
    row = session.get(Certificate, signature.certificate_id)
    if row is None:
        raise QmsError("identity.no_signature", id=signature_id)
    certificate = pki.load(row.certificate_pem)
    try:
        matches = digest(content(session, signature.review_id, signature.scope)) == (
            signature.content_sha256
        )
    except QmsError:  # the scope no longer exists in the review's template
        matches = False
    try:
        verifies = signature.signature_value is not None and pki.verify_digest(
            certificate,
            signed_digest(signature),
            signature.signature_value,
        )
    except ValueError:  # a content hash that is not even hexadecimal
        verifies = False
    head = True
    if signature.audit_head_seq is not None:
        head = signature.audit_head_seq == 0 or (
            audit.mac_at(session.connection(), signature.audit_head_seq) == signature.audit_head_mac
        )
    status = (
        certificates.certificate_status(session, row, signature.signed_at)
        if certificate_status
        else None
    )
    return Check(matches, verifies, status, head)
