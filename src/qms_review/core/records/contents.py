"""What a review record holds, as plain data: read once from the database, the same for the
PDF and for the machine-readable JSON embedded in it, and hashed (SHA-256) so the record can
prove what review data it was made from."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.checks.findings import of_revision
from qms_review.core.intake.importer import changes_of
from qms_review.core.messages import QmsError
from qms_review.core.orders.lookup import lines_of
from qms_review.core.review import clarifications as questions
from qms_review.core.review import signatures, templates, walkthrough
from qms_review.core.store import audit
from qms_review.core.store.models import OrderRevision, Review, RevisionChange, Signature

#: Texts that records made before schema 0006 carried as a pair of keys, ``title_en`` and
#: ``title_zh``; today they are one mapping of language to text, ``title: {"en": …, "zh": …}``.
LEGACY_PAIRS = ("title", "text", "message")


def in_todays_shape(value: Any) -> Any:
    """Record data as embedded by any version of the program, in the shape this version makes:
    the same content, so a record made before an upgrade still matches the review's data."""
    if isinstance(value, list):
        return [in_todays_shape(v) for v in value]
    if not isinstance(value, dict):
        return value
    shaped = {k: in_todays_shape(v) for k, v in value.items()}
    for name in LEGACY_PAIRS:
        if f"{name}_en" in shaped and name not in shaped:
            shaped[name] = {
                language: shaped.pop(f"{name}_{language}")
                for language in ("en", "zh")
                if f"{name}_{language}" in shaped
            }
    return shaped


@dataclass(frozen=True)
class RecordData:
    review_id: int
    order: dict[str, Any]  # number, kind, revision, customer, header terms
    lines: list[dict[str, Any]]
    differences: list[dict[str, Any]]  # basis, change, line, part, field, old, new
    findings: list[dict[str, Any]]
    sections: list[dict[str, Any]]  # key, title {language: text}, function, items[…]
    clarifications: list[dict[str, Any]]
    review: dict[str, Any]  # state, decision, conditions, due, template
    signatures: list[dict[str, Any]]
    audit_head: dict[str, Any]  # seq, mac at generation time
    #: The order's communication log (ISO 9001 8.2.1). Records made before it was part of a
    #: record have none: the digest leaves an empty log out, so theirs still matches.
    communications: list[dict[str, Any]] = field(default_factory=list)

    def _fields(self) -> dict[str, Any]:
        """Each field's value, as they are (plain data: no copy, which ``asdict`` would make)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def as_json(self) -> str:
        return json.dumps(
            self._fields(), ensure_ascii=False, sort_keys=True, indent=1, default=_plain
        )

    @cached_property
    def sha256(self) -> str:
        """The digest of the review data (without the audit head, which moves on); worked out
        once (the record prints it on every page)."""
        body = {k: v for k, v in self._fields().items() if k != "audit_head"}
        if not body["communications"]:
            del body["communications"]
        canonical = json.dumps(
            body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date | datetime):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    raise TypeError(type(value))


def load(session: Session, review_id: int) -> RecordData:
    review = session.get(Review, review_id)
    if review is None:
        raise QmsError("identity.no_review", review=review_id)
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    view = walkthrough.load(session, review_id)
    order = {
        "number": revision.order.number,
        "kind": revision.order.kind.value,
        "revision": revision.number,
        "customer": revision.order.customer.name,
        "customer_code": revision.order.customer.code,
        "order_date": revision.order_date,
        "received_at": revision.received_at,
        "buyer": revision.buyer,
        "currency": revision.currency,
        "payment_terms": revision.payment_terms,
        "delivery_terms": revision.delivery_terms,
        "quotation_ref": revision.quotation_ref,
        "verbal": revision.verbal,
    }
    lines = [
        {k: v for k, v in line.items() if k != "extra"} for line in lines_of(session, revision.id)
    ]
    bases = (
        session.execute(
            select(RevisionChange.basis).where(RevisionChange.revision_id == revision.id).distinct()
        )
        .scalars()
        .all()
    )
    differences = [
        {
            "basis": basis,
            "change": c.change,
            "line": c.line_no,
            "part": c.part_number,
            "field": c.field,
            "old": c.old,
            "new": c.new,
        }
        for basis in sorted(bases)
        for c in changes_of(session, revision.id, basis)
    ]
    found = [
        {
            "id": f.id,
            "kind": f.kind.value,
            "severity": f.severity.value,
            "line": f.line_no,
            "field": f.field,
            "message": dict(f.messages),
            "disposition": f.disposition.value if f.disposition else None,
            "note": f.disposition_note,
        }
        for f in of_revision(session, revision.id)
    ]
    sections = [
        {
            "key": s.key,
            "title": dict(s.titles),
            "function": s.function.value,
            "items": [
                {
                    "key": i.item.key,
                    "clause": i.item.clause,
                    "text": dict(i.item.text),
                    "applies": i.applies,
                    "answer": i.value.value if i.value else None,
                    "comment": i.comment,
                    "disposition": i.disposition.value if i.disposition else None,
                    "disposition_note": i.disposition_note,
                    "answered_by": i.answered_by,
                    "evidence": list(i.evidence),
                }
                for i in s.items
            ],
        }
        for s in view.sections
    ]
    clarifications = [
        {
            "id": c.id,
            "question": c.question,
            "answer": c.answer,
            "answered_on": c.answered_on,
            "open": c.open,
        }
        for c in view.clarifications
    ]
    signed = [
        {
            "scope": s.scope,
            "printed_name": s.printed_name,
            "function": s.function.value if s.function else None,
            "meaning": s.meaning,
            "signed_at": signatures.local_time(s.signed_at, s.utc_offset_minutes),
            "content_sha256": s.content_sha256,
            "lapsed": s.lapsed_at is not None,
        }
        for s in session.scalars(
            select(Signature)
            .where(Signature.review_id == review_id)
            .order_by(Signature.signed_at, Signature.id)
        )
    ]
    log = [
        {
            "occurred_on": c.occurred_on,
            "kind": c.kind.value,
            "incoming": c.incoming,
            "channel": c.channel,
            "contact": c.contact,
            "summary": c.summary,
            "recorded_by": c.recorded_by,
        }
        for c in questions.communications(session, revision.order_id)
    ]
    head = audit.settled_head(session)
    return RecordData(
        review_id,
        order,
        lines,
        differences,
        found,
        sections,
        clarifications,
        {
            "state": review.state.value,
            "decision": review.decision.value if review.decision else None,
            "conditions": review.conditions,
            "due_on": review.due_on,
            "decided_at": review.decided_at,
            "template": reviews_template(session, review),
        },
        signed,
        {"seq": head.seq, "mac": head.mac},
        log,
    )


def reviews_template(session: Session, review: Review) -> str:

    template = templates.of_review(session, review)
    return f"{template.key} {template.version}"
