"""Verifying a review record's PAdES signatures (pyHanko) against our CA, its
revocation list and the records kept."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.identity import certificates
from qms_review.core.messages import text
from qms_review.core.records import contents
from qms_review.core.records.contents import RecordData
from qms_review.core.records.pades import asn1_certificate, latest
from qms_review.core.store.models import Record


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


def verify(session: Session, pdf: bytes, language: str = "en") -> Verification:
    """Check every signature of a record against our CA and its revocation list; the problems
    found are said in ``language``."""

    def said(key: str, **args: object) -> str:
        return text(f"verify.problem.{key}", language, **args)

    from asn1crypto import crl as acrl  # type: ignore[import-untyped]
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import validation
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko_certvalidator import ValidationContext

    roots = [asn1_certificate(c) for c in certificates.authorities(session)]
    revocations = certificates.newest_crl(session)
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
        return Verification([], [said("unreadable", error=exc)], False)
    if not embedded:
        problems.append(said("unsigned"))
    for n, sig in enumerate(embedded):
        name = str(sig.field_name)
        signer_name = ""
        try:
            status = validation.validate_pdf_signature(sig, context)
            signer_name = status.signing_cert.subject.native.get("common_name", "")
            check = SignatureCheck(
                name,
                signer_name,
                status.intact and status.valid,
                status.trusted,
                bool(status.revoked),
                str(status.coverage).endswith("ENTIRE_FILE"),
            )
            if not (status.intact and status.valid):
                check.problems.append(said("altered"))
            if status.revoked:
                check.problems.append(said("revoked"))
            elif not status.trusted:
                check.problems.append(said("untrusted"))
            level = status.modification_level
            if level is not None and level not in (
                ModificationLevel.NONE,
                ModificationLevel.FORM_FILLING,
            ):
                check.problems.append(said("modified", level=level.name))
            if n == len(embedded) - 1 and not check.whole_file:
                check.problems.append(said("added"))
        except Exception as exc:
            check = SignatureCheck(
                name, signer_name, False, False, False, False, [said("not_validated", error=exc)]
            )
        checks.append(check)
    digest = hashlib.sha256(pdf).hexdigest()
    kept = session.scalars(select(Record).where(Record.sha256 == digest)).first()
    signed_fields = {check.name for check in checks}
    for name in _signature_fields(reader):
        if name not in signed_fields:
            problems.append(said("empty_field", field=name))
    if kept is None:
        problems.append(said("not_kept"))
    else:
        newest = latest(session, kept.review_id)
        if newest.id != kept.id:
            problems.append(said("newer_kept"))
        embedded_sha = _embedded_data_sha(reader)
        if embedded_sha != contents.load(session, kept.review_id).sha256:
            problems.append(said("data_differs"))
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

    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]  # type: ignore[attr-defined]
        body = json.loads(names[1].get_object()["/EF"]["/F"].get_object().data)
    except (KeyError, IndexError, ValueError, TypeError):
        return None
    return RecordData(**contents.in_todays_shape(body)).sha256
