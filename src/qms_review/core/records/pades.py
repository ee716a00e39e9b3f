"""PAdES signatures on review records (pyHanko): a field per signer, each signer's signature.

The record is made with one empty signature field per person who signed the review, in the
order they sign it (:mod:`~qms_review.core.records.signers`); each then signs the record with
their own key (password at that moment) as an incremental update. The visible appearance is
drawn with reportlab in the record's font, so Chinese names print (pyHanko's own stamp cannot
draw them). Each signed state of the record is kept as a new row: records are never changed.

Each signature is PAdES B-LT: it carries a timestamp from the organisation's own timestamp
authority (a certificate for time stamping issued by the local CA; offline, no public TSA), and
the validation data it needs (the CA certificate and the revocation list in force when it was
made) is added to the document security store (DSS) in the update after it. The record then
proves itself without our database: a later revocation does not void an earlier signature,
since the signature is judged at the time of its timestamp with the revocation list of then.
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
from qms_review.core.records import signers, timestamps, typesetting
from qms_review.core.store import audit
from qms_review.core.store.columns import utcnow
from qms_review.core.store.database import Store
from qms_review.core.store.models import Record

BOX_W, BOX_H, GAP = 255, 62, 8


TOP = 842 - 120  # below the signature page's heading and note (A4, points)


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
            fields.SigFieldSpec(
                signers.field_name(login), on_page=last, box=(x, y, x + BOX_W, y + BOX_H)
            ),
        )
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def _appearance(lines: list[str]) -> Path:
    """The visible signature, drawn with the record's font (a one-page PDF to stamp)."""
    from reportlab.lib import colors
    from reportlab.pdfgen import canvas

    path = Path(tempfile.mkstemp(suffix=".pdf", prefix="qms-stamp-")[1])
    drawing = canvas.Canvas(str(path), pagesize=(BOX_W, BOX_H), initialFontName=typesetting.font())  # type: ignore[arg-type]
    drawing.setStrokeColor(colors.HexColor("#1a3a5c"))
    drawing.rect(1, 1, BOX_W - 2, BOX_H - 2)
    drawing.setFont(typesetting.font(), 9)
    drawing.drawString(6, BOX_H - 14, lines[0])
    drawing.setFont(typesetting.font(), 7)
    for n, line in enumerate(lines[1:], start=1):
        drawing.drawString(6, BOX_H - 14 - n * 10, line[:70])
    drawing.save()
    return path


def asn1_certificate(certificate: x509.Certificate) -> object:
    """The certificate as pyHanko's validation wants it (asn1crypto)."""
    from asn1crypto import x509 as ax509  # type: ignore[import-untyped]
    from cryptography.hazmat.primitives.serialization import Encoding

    return ax509.Certificate.load(certificate.public_bytes(Encoding.DER))


def asn1_crl(revocations: x509.CertificateRevocationList) -> object:
    """A revocation list as pyHanko's validation wants it (asn1crypto)."""
    from asn1crypto import crl as acrl
    from cryptography.hazmat.primitives.serialization import Encoding

    return acrl.CertificateList.load(revocations.public_bytes(Encoding.DER))


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
    is checked first (a wrong one counts towards the lockout and signs nothing); a signature
    the rules refuse (:func:`signers.refusal`) signs nothing and is audited."""
    person = authentication.check_password(store, login, password, "record signature")
    with store.write(person.actor) as session:
        record = latest(session, review_id)
        refused = signers.refusal(session, person, review_id, record)
        if refused is None:
            return _sign(session, person, password, record, meaning, language)
        _audit_refusal(session, person, record, refused)
    raise refused


def may_sign(store: Store, login: str, review_id: int) -> None:
    """Refuse (audited) a signature the rules do not allow, before the password is asked."""
    refused: QmsError | None = None
    with store.write(users.actor_of(login)) as session:
        person = users.find(session, login)
        record = latest(session, review_id)
        refused = signers.refusal(session, person, review_id, record)
        if refused is not None:
            _audit_refusal(session, person, record, refused)
    if refused is not None:
        raise refused


def _audit_refusal(session: Session, person: users.Person, record: Record, why: QmsError) -> None:
    audit.record(
        session,
        audit.Change(
            "record_sign_refused",
            "records",
            str(record.id),
            {"login": person.login, "review": record.review_id, "reason": why.key},
        ),
    )


def sign_in_session(
    session: Session,
    person: users.Person,
    password: str,
    review_id: int,
    meaning: str,
    language: str = "en",
) -> Record:
    """The signature within the caller's unit of work (password already checked); a signature
    the rules refuse raises :class:`QmsError`."""
    record = latest(session, review_id)
    refused = signers.refusal(session, person, review_id, record)
    if refused is not None:
        raise refused
    return _sign(session, person, password, record, meaning, language)


def _der_key(key: pki.Key) -> object:
    from asn1crypto import keys as akeys
    from cryptography.hazmat.primitives import serialization

    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return akeys.PrivateKeyInfo.load(der)


def _sign(
    session: Session,
    person: users.Person,
    password: str,
    record: Record,
    meaning: str,
    language: str,
) -> Record:
    """Sign ``record`` (rules already checked): PAdES with a timestamp, then the DSS."""
    from pyhanko import stamp
    from pyhanko.pdf_utils import layout

    fill = layout.SimpleBoxLayoutRule(
        x_align=layout.AxisAlignment.ALIGN_MID,
        y_align=layout.AxisAlignment.ALIGN_MID,
        margins=layout.Margins(0, 0, 0, 0),
    )  # our appearance fills its box (pyHanko's default adds a margin and a thick border)
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields
    from pyhanko.sign import signers as pdf_signers
    from pyhanko.sign.general import SigningError
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from qms_review.core.records import quiet

    quiet.pyhanko_logs()
    row = certificates.current_certificate(session, person.id)
    if row is None or row.key_pem is None:
        raise QmsError("identity.no_key", login=person.login)
    key = pki.unlock(row.key_pem, password)
    certificate = pki.load(row.certificate_pem)
    chain = [asn1_certificate(c) for c in certificates.authorities(session)]
    timestamper = timestamps.stamper(session, chain)
    revocations = certificates.newest_crl(session)
    functions = ", ".join(label("owner", f.value, language) for f in person.functions)
    when = utcnow().astimezone().strftime("%Y-%m-%d %H:%M %z")
    look = _appearance([person.display_name, functions, meaning, when])
    try:
        context = ValidationContext(
            trust_roots=chain,
            crls=[asn1_crl(revocations)] if revocations is not None else [],
            revocation_mode="require",
            allow_fetching=False,
        )
        signer = pdf_signers.SimpleSigner(
            signing_cert=asn1_certificate(certificate),
            signing_key=_der_key(key),
            cert_registry=SimpleCertificateStore.from_certs(chain),  # type: ignore[no-untyped-call]
        )
        meta = pdf_signers.PdfSignatureMetadata(
            field_name=signers.field_name(person.login),
            reason=meaning,
            name=person.display_name,
            subfilter=fields.SigSeedSubFilter.PADES,
            embed_validation_info=True,
            validation_context=context,
        )
        out = io.BytesIO()
        pdf_signers.PdfSigner(
            meta,
            signer,
            timestamper=timestamper,
            stamp_style=stamp.StaticStampStyle.from_pdf_file(
                str(look), border_width=0, background_layout=fill
            ),
        ).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(record.pdf)), output=out)
    except SigningError as exc:
        raise QmsError("record.not_signed", error=str(exc).splitlines()[0]) from None
    finally:
        look.unlink(missing_ok=True)
    pdf = out.getvalue()
    signed = Record(
        review_id=record.review_id,
        language=record.language,
        sha256=hashlib.sha256(pdf).hexdigest(),
        pdf=pdf,
        audit_head_seq=record.audit_head_seq,
        audit_head_mac=record.audit_head_mac,
    )
    session.add(signed)
    session.flush()
    return signed
