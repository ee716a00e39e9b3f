"""PAdES signatures on review records (pyHanko), and their verification.

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
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core import record_pdf
from qms_review.core.identity import pki, users
from qms_review.core.messages import QmsError, label
from qms_review.core.models import Record
from qms_review.core.store import Store

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
        fields.append_signature_field(writer, fields.SigFieldSpec(
            field_name(login), on_page=last, box=(x, y, x + BOX_W, y + BOX_H)))  # fmt: skip
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def _appearance(lines: list[str]) -> Path:
    """The visible signature, drawn with the record's font (a one-page PDF to stamp)."""
    from reportlab.lib import colors
    from reportlab.pdfgen import canvas

    path = Path(tempfile.mkstemp(suffix=".pdf", prefix="qms-stamp-")[1])
    drawing = canvas.Canvas(str(path), pagesize=(BOX_W, BOX_H),
                            initialFontName=record_pdf.font())  # type: ignore[arg-type]  # fmt: skip
    drawing.setStrokeColor(colors.HexColor("#1a3a5c"))
    drawing.rect(1, 1, BOX_W - 2, BOX_H - 2)
    drawing.setFont(record_pdf.font(), 9)
    drawing.drawString(6, BOX_H - 14, lines[0])
    drawing.setFont(record_pdf.font(), 7)
    for n, line in enumerate(lines[1:], start=1):
        drawing.drawString(6, BOX_H - 14 - n * 10, line[:70])
    drawing.save()
    return path


def _asn1(certificate: x509.Certificate) -> object:
    from asn1crypto import x509 as ax509  # type: ignore[import-untyped]
    from cryptography.hazmat.primitives.serialization import Encoding

    return ax509.Certificate.load(certificate.public_bytes(Encoding.DER))


def latest(session: Session, review_id: int) -> Record:
    row = session.scalars(select(Record).where(Record.review_id == review_id)
                          .order_by(Record.id.desc())).first()  # fmt: skip
    if row is None:
        raise QmsError("record.none", review=review_id)
    return row


def sign(store: Store, login: str, password: str, review_id: int, meaning: str,
         language: str = "en") -> Record:  # fmt: skip
    """Sign the review's newest record with the user's key; the new record row. The password
    is checked first (a wrong one counts towards the lockout and signs nothing)."""
    person = users.check_password(store, login, password, "record signature")
    with store.write(person.actor) as session:
        return sign_in_session(session, person, password, review_id, meaning, language)


def sign_in_session(session: Session, person: users.Person, password: str, review_id: int,
                    meaning: str, language: str = "en") -> Record:  # fmt: skip
    """The signature within the caller's unit of work (password already checked)."""
    from asn1crypto import keys as akeys
    from cryptography.hazmat.primitives import serialization
    from pyhanko import stamp
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from qms_review.core.types import utcnow

    record = latest(session, review_id)
    row = users.current_certificate(session, person.id)
    if row is None or row.key_pem is None:
        raise QmsError("identity.no_key", login=person.login)
    key = pki.unlock(row.key_pem, password)
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())  # fmt: skip
    certificate = pki.load(row.certificate_pem)
    chain = [_asn1(c) for c in users.authorities(session)]
    functions = ", ".join(label("owner", f.value, language) for f in person.functions)
    when = utcnow().astimezone().strftime("%Y-%m-%d %H:%M %z")
    look = _appearance([person.display_name, functions, meaning, when])
    try:
        signer = signers.SimpleSigner(
            signing_cert=_asn1(certificate), signing_key=akeys.PrivateKeyInfo.load(der),
            cert_registry=SimpleCertificateStore.from_certs(chain),  # type: ignore[no-untyped-call]
        )  # fmt: skip
        meta = signers.PdfSignatureMetadata(field_name=field_name(person.login), reason=meaning,
                                            name=person.display_name,
                                            subfilter=fields.SigSeedSubFilter.PADES)  # fmt: skip
        out = io.BytesIO()
        signers.PdfSigner(meta, signer,
                          stamp_style=stamp.StaticStampStyle.from_pdf_file(str(look))
                          ).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(record.pdf)), output=out)  # fmt: skip
    finally:
        look.unlink(missing_ok=True)
    pdf = out.getvalue()
    signed = Record(review_id=review_id, language=record.language,
                    sha256=hashlib.sha256(pdf).hexdigest(), pdf=pdf,
                    audit_head_seq=record.audit_head_seq, audit_head_mac=record.audit_head_mac)  # fmt: skip
    session.add(signed)
    session.flush()
    return signed


@dataclass
class SignatureCheck:
    name: str
    signer: str
    valid: bool
    trusted: bool
    revoked: bool
    whole_file: bool
    problems: list[str] = field(default_factory=list)


@dataclass
class Verification:
    signatures: list[SignatureCheck]
    problems: list[str]
    stored: bool

    @property
    def ok(self) -> bool:
        return (
            not self.problems
            and all(not s.problems for s in self.signatures)
            and bool(self.signatures)
        )


def verify(session: Session, pdf: bytes) -> Verification:
    """Check every signature of a record against our CA and its revocation list."""
    from asn1crypto import crl as acrl
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import validation
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko_certvalidator import ValidationContext

    roots = [_asn1(c) for c in users.authorities(session)]
    revocations = users.newest_crl(session)
    crls = []
    if revocations is not None:
        from cryptography.hazmat.primitives.serialization import Encoding

        crls = [acrl.CertificateList.load(revocations.public_bytes(Encoding.DER))]
    context = ValidationContext(trust_roots=roots, crls=crls, revocation_mode="require")
    problems: list[str] = []
    checks: list[SignatureCheck] = []
    try:
        reader = PdfFileReader(io.BytesIO(pdf))
        embedded = list(reader.embedded_signatures)
    except Exception as exc:
        return Verification([], [f"not a readable PDF: {exc}"], False)
    if not embedded:
        problems.append("the record carries no signature")
    for n, sig in enumerate(embedded):
        name = str(sig.field_name)
        signer_name = ""
        try:
            status = validation.validate_pdf_signature(sig, context)
            signer_name = status.signing_cert.subject.native.get("common_name", "")
            check = SignatureCheck(name, signer_name, status.intact and status.valid,
                                   status.trusted, bool(status.revoked),
                                   str(status.coverage).endswith("ENTIRE_FILE"))  # fmt: skip
            if not (status.intact and status.valid):
                check.problems.append("the signed content was altered")
            if status.revoked:
                check.problems.append("the signer's certificate is revoked")
            elif not status.trusted:
                check.problems.append("the signer's certificate is not from our CA, or its "
                                      "revocation could not be checked")  # fmt: skip
            level = status.modification_level
            if level is not None and level not in (ModificationLevel.NONE,
                                                   ModificationLevel.FORM_FILLING):  # fmt: skip
                check.problems.append(f"the file was modified after this signature ({level.name})")
            if n == len(embedded) - 1 and not check.whole_file:
                check.problems.append("content was added after the last signature")
        except Exception as exc:
            check = SignatureCheck(name, signer_name, False, False, False, False,
                                   [f"cannot be validated: {exc}"])  # fmt: skip
        checks.append(check)
    digest = hashlib.sha256(pdf).hexdigest()
    kept = session.scalars(select(Record).where(Record.sha256 == digest)).first()
    signed_fields = {check.name for check in checks}
    for name in _signature_fields(reader):
        if name not in signed_fields:
            problems.append(f"the signature field {name} is empty: its signer has not signed "
                            "(or the signature was removed)")  # fmt: skip
    if kept is None:
        problems.append("this file is not a record kept in the database")
    else:
        newest = latest(session, kept.review_id)
        if newest.id != kept.id:
            problems.append("a newer state of this record is kept (more signatures, or a newer "
                            "record of the review)")  # fmt: skip
        from qms_review.core import record_data

        embedded_sha = _embedded_data_sha(reader)
        if embedded_sha != record_data.load(session, kept.review_id).sha256:
            problems.append("the review's data in the database differs from the data this "
                            "record was made from")  # fmt: skip
    return Verification(checks, problems, kept is not None)


def _signature_fields(reader: object) -> list[str]:
    """The names of every signature field of the document, signed or not."""
    from pyhanko.sign.fields import enumerate_sig_fields

    try:
        return [str(name) for name, _value, _ref in enumerate_sig_fields(reader)]  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):
        return []


def _embedded_data_sha(reader: object) -> str | None:
    """The SHA-256 of the review data attached to the record, recomputed from the JSON."""
    import json

    from qms_review.core.record_data import RecordData

    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]  # type: ignore[attr-defined]
        body = json.loads(names[1].get_object()["/EF"]["/F"].get_object().data)
    except (KeyError, IndexError, ValueError, TypeError):
        return None
    return RecordData(**body).sha256
