"""Review records: generated from the review's data, kept in the database with their SHA-256,
never changed (a later state of the review makes a new record).

The record of a decided review has a signature field for each of its signers
(:mod:`~qms_review.core.records.signers`); the record of a review not yet decided is a draft,
watermarked DRAFT on every page, with no signature field.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qms_review.core.messages import QmsError
from qms_review.core.records import contents, pades, rendering, signers
from qms_review.core.review import integrity
from qms_review.core.store.columns import utcnow
from qms_review.core.store.models import OrderRevision, Record, Review

ATTACHMENT = "review-data.json"


@dataclass(frozen=True)
class Made:
    id: int
    record_id: str
    sha256: str
    data_sha256: str
    pages_bytes: int
    draft: bool = False


def embed_data(pdf: bytes, data: str, description: str) -> bytes:
    """The PDF with the review data attached as a JSON file (an incremental update)."""
    from pyhanko.pdf_utils import embed
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    embedded = embed.EmbeddedFileObject.from_file_data(
        writer, data.encode("utf-8"), mime_type="application/json"
    )
    embed.embed_file(
        writer,
        embed.FileSpec(
            file_spec_string=ATTACHMENT,
            file_name=ATTACHMENT,
            embedded_data=embedded,
            description=description,
        ),
    )
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def generate(session: Session, review_id: int, language: str, now: datetime | None = None) -> Made:
    """Make and keep the record of a review as it stands, in ``language``."""
    review = session.get(Review, review_id)
    if review is None:
        raise QmsError("identity.no_review", review=review_id)
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    integrity.refuse_if_broken(session, review_id)  # no record of what no longer holds
    data = contents.load(session, review_id)
    # Records made (not their signed states, which keep the audit head they were made with).
    number = (
        session.scalar(
            select(func.count(func.distinct(Record.audit_head_seq))).where(
                Record.review_id == review_id
            )
        )
        or 0
    ) + 1
    record_id = f"QR-{revision.order.number}-R{revision.number}-{review_id}.{number}"
    when = (now or utcnow()).astimezone().strftime("%Y-%m-%d %H:%M %z")
    draft = signers.is_draft(review)
    logins = [] if draft else signers.in_order(session, review_id)
    pdf = rendering.render(
        data, record_id, language, when, signature_page=bool(logins), draft=draft
    )
    pdf = embed_data(pdf, data.as_json(), f"Review data of {record_id} (SHA-256 {data.sha256})")
    if logins:
        pdf = pades.add_fields(pdf, logins)
    digest = hashlib.sha256(pdf).hexdigest()
    row = Record(
        review_id=review_id,
        language=language,
        sha256=digest,
        pdf=pdf,
        audit_head_seq=data.audit_head["seq"],
        audit_head_mac=data.audit_head["mac"],
    )
    session.add(row)
    session.flush()
    return Made(row.id, record_id, digest, data.sha256, len(pdf), draft)
