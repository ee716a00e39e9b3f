"""PAdES signatures on review records (pyHanko): a field per signer, each signer's signature.

The record is made with one empty signature field per person who signed the review, the
approver's last; each then signs the record with their own key (password at that moment) as an
incremental update, the approver's covering the whole file. The visible appearance is drawn with
reportlab in the record's font, so Chinese names print (pyHanko's own stamp cannot draw them).
Each signed state of the record is kept as a new row: records are never changed.

Verification trusts only the organisation's CA (and the chains of imported keys), uses its
revocation list with revocation mode "require", wants the last signature to cover the entire
file, and refuses any modification after a signature that is not the filling of a later field.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
from pathlib import Path

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.identity import authentication, certificates, pki, users
from qms_review.core.messages import QmsError, label
from qms_review.core.records import rendering
from qms_review.core.store.columns import utcnow
from qms_review.core.store.database import Store
from qms_review.core.store.models import Record

BOX_W, BOX_H, GAP = 255, 62, 8


TOP = 842 - 120  # below the signature page's heading and note (A4, points)


def field_name(login: str) -> str:
    return f"signature-{login}"


def add_fields(pdf: bytes, logins: list[str]) -> bytes:
    """Empty signature fields on the last page (kept free for them), two per row, in signing
    order from the top."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    last = int(writer.root["/Pages"]["/Count"]) - 1
    for n, login in enumerate(logins):
        row, column = divmod(n, 2)
        x = 40 + column * (BOX_W + GAP)
        y = int(TOP - (row + 1) * (BOX_H + GAP))
        fields.append_signature_field(
            writer,
            fields.SigFieldSpec(field_name(login), on_page=last, box=(x, y, x + BOX_W, y + BOX_H)),
        )
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def _appearance(lines: list[str]) -> Path:
    """The visible signature, drawn with the record's font (a one-page PDF to stamp)."""
    from reportlab.lib import colors
    from reportlab.pdfgen import canvas

    path = Path(tempfile.mkstemp(suffix=".pdf", prefix="qms-stamp-")[1])
    drawing = canvas.Canvas(str(path), pagesize=(BOX_W, BOX_H), initialFontName=rendering.font())  # type: ignore[arg-type]
    drawing.setStrokeColor(colors.HexColor("#1a3a5c"))
    drawing.rect(1, 1, BOX_W - 2, BOX_H - 2)
    drawing.setFont(rendering.font(), 9)
    drawing.drawString(6, BOX_H - 14, lines[0])
    drawing.setFont(rendering.font(), 7)
    for n, line in enumerate(lines[1:], start=1):
        drawing.drawString(6, BOX_H - 14 - n * 10, line[:70])
    drawing.save()
    return path


def asn1_certificate(certificate: x509.Certificate) -> object:
    """The certificate as pyHanko's validation wants it (asn1crypto)."""
    from asn1crypto import x509 as ax509  # type: ignore[import-untyped]
    from cryptography.hazmat.primitives.serialization import Encoding

    return ax509.Certificate.load(certificate.public_bytes(Encoding.DER))


def newest(session: Session, review_id: int) -> Record | None:
    """The review's newest record, or None when none has been made."""
    return session.scalars(
        select(Record).where(Record.review_id == review_id).order_by(Record.id.desc())
    ).first()


def latest(session: Session, review_id: int) -> Record:
    """The review's newest record; refused when none has been made."""
    row = newest(session, review_id)
    if row is None:
        raise QmsError("record.none", review=review_id)
    return row


def sign(
    store: Store, login: str, password: str, review_id: int, meaning: str, language: str = "en"
) -> Record:
    """Sign the review's newest record with the user's key; the new record row. The password
    is checked first (a wrong one counts towards the lockout and signs nothing)."""
    person = authentication.check_password(store, login, password, "record signature")
    with store.write(person.actor) as session:
        return sign_in_session(session, person, password, review_id, meaning, language)


def sign_in_session(
    session: Session,
    person: users.Person,
    password: str,
    review_id: int,
    meaning: str,
    language: str = "en",
) -> Record:
    """The signature within the caller's unit of work (password already checked)."""
    from asn1crypto import keys as akeys
    from cryptography.hazmat.primitives import serialization
    from pyhanko import stamp
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    record = latest(session, review_id)
    row = certificates.current_certificate(session, person.id)
    if row is None or row.key_pem is None:
        raise QmsError("identity.no_key", login=person.login)
    key = pki.unlock(row.key_pem, password)
    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    certificate = pki.load(row.certificate_pem)
    chain = [asn1_certificate(c) for c in certificates.authorities(session)]
    functions = ", ".join(label("owner", f.value, language) for f in person.functions)
    when = utcnow().astimezone().strftime("%Y-%m-%d %H:%M %z")
    look = _appearance([person.display_name, functions, meaning, when])
    try:
        signer = signers.SimpleSigner(
            signing_cert=asn1_certificate(certificate),
            signing_key=akeys.PrivateKeyInfo.load(der),
            cert_registry=SimpleCertificateStore.from_certs(chain),  # type: ignore[no-untyped-call]
        )
        meta = signers.PdfSignatureMetadata(
            field_name=field_name(person.login),
            reason=meaning,
            name=person.display_name,
            subfilter=fields.SigSeedSubFilter.PADES,
        )
        out = io.BytesIO()
        signers.PdfSigner(
            meta, signer, stamp_style=stamp.StaticStampStyle.from_pdf_file(str(look))
        ).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(record.pdf)), output=out)
    finally:
        look.unlink(missing_ok=True)
    pdf = out.getvalue()
    signed = Record(
        review_id=review_id,
        language=record.language,
        sha256=hashlib.sha256(pdf).hexdigest(),
        pdf=pdf,
        audit_head_seq=record.audit_head_seq,
        audit_head_mac=record.audit_head_mac,
    )
    session.add(signed)
    session.flush()
    return signed
