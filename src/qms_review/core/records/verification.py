"""Verifying a review record: its PAdES signatures (pyHanko), what changed after each, and the
review data attached to it; with our database, also whether that data still matches.

It needs no database: the CA certificate (``qms-review ca export``) is the only thing trusted,
and every signature is judged at the time of its timestamp with the revocation list embedded in
the record when it was signed (PAdES B-LT), plus, with our database, the revocation list in
force now — a certificate revoked after the signature does not void it. Our verdict on each
signature is pyHanko's (integrity, trust, timestamp, modification level), with the kinds of
change named (:mod:`~qms_review.core.records.changes`).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.identity import certificates, pki
from qms_review.core.messages import punctuation, text
from qms_review.core.records import changes, contents, quiet, signers
from qms_review.core.records.archive import ATTACHMENT
from qms_review.core.records.contents import RecordData
from qms_review.core.records.pades import asn1_certificate, asn1_crl, latest
from qms_review.core.store.models import Record

#: What the attached review data is: "intact" (its digest is the one the record states),
#: "differs", or "missing".
INTACT, DIFFERS, MISSING = "intact", "differs", "missing"


@dataclass
class SignatureCheck:
    """One signature. ``signed_at`` is the time of its trusted timestamp (None without one);
    ``changes`` are the kinds of change made after it (:data:`changes.KINDS`, or "other");
    ``pyhanko_ok`` is pyHanko's own bottom line, which our verdict agrees with."""

    name: str
    signer: str
    valid: bool
    trusted: bool
    revoked: bool
    whole_file: bool
    problems: list[str] = field(default_factory=list)
    login: str = ""
    meaning: str = ""
    signed_at: datetime | None = None
    changes: list[str] = field(default_factory=list)
    pyhanko_ok: bool = False


@dataclass
class Verification:
    signatures: list[SignatureCheck]
    problems: list[str]
    stored: bool
    data: str = MISSING
    data_sha256: str | None = None
    #: With our database: "matches", "differs", "not_kept" (checked against a CA given), or
    #: "unknown" (a problem: the database is the reference); None without a database.
    database: str | None = None

    @property
    def ok(self) -> bool:
        return (
            not self.problems
            and all(not s.problems for s in self.signatures)
            and bool(self.signatures)
        )


def verify(
    session: Session | None,
    pdf: bytes,
    language: str = "en",
    authorities: list[x509.Certificate] | None = None,
) -> Verification:
    """Check a record: every signature against ``authorities`` (else the database's CA), what
    changed after each, the attached review data; with a ``session``, the record against the
    records kept and the review's data now. Problems are said in ``language``."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    quiet.pyhanko_logs()

    said = _Words(language)
    given = authorities is not None
    if authorities is None:
        authorities = certificates.authorities(session) if session is not None else []
    problems: list[str] = []
    if not authorities:
        problems.append(said("no_ca"))
    try:
        reader = PdfFileReader(io.BytesIO(pdf))
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # a damaged file: pyHanko raises many kinds
        return Verification([], [said("unreadable", error=_first_line(exc))], False)
    if not embedded:
        problems.append(said("unsigned"))
    crls = _dss_crls(reader)
    if session is not None and (now := certificates.newest_crl(session)) is not None:
        crls.append(asn1_crl(now))
    checks = [
        _check(sig, n == len(embedded) - 1, authorities, crls, reader, said)
        for n, sig in enumerate(embedded)
    ]
    problems += _field_problems(reader, checks, said)
    data, found = _attached(reader)
    if data == MISSING:
        problems.append(said("data_missing"))
    elif data == DIFFERS:
        problems.append(said("data_tampered"))
    result = Verification(checks, problems, False, data, found)
    if session is not None:
        _against_database(session, pdf, result, given, said)
    return result


class _Words:
    """The verification's sentences in one language."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, key: str, **args: object) -> str:
        return text(f"verify.problem.{key}", self.language, **args)

    def kinds(self, kinds: list[str]) -> str:
        """Kinds of change as words: "page content, attachments"."""
        return punctuation("list_separator", self.language).join(
            text(f"verify.change.{kind}", self.language) for kind in kinds
        )


def _first_line(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:200]


def _dss_crls(reader: Any) -> list[Any]:
    """The revocation lists embedded for long-term validation (the record's DSS)."""
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    try:
        store = DocumentSecurityStore.read_dss(reader)
    except Exception:  # no DSS (a record signed before B-LT), or a damaged one
        return []
    from asn1crypto import crl as acrl  # type: ignore[import-untyped]

    found = []
    for ref in store.crls:
        try:
            found.append(acrl.CertificateList.load(ref.get_object().data))
        except (ValueError, TypeError, AttributeError):
            continue
    return found


def _timestamp(sig: Any) -> datetime | None:
    """The time in the signature's timestamp token (checked by pyHanko's validation)."""
    try:
        for attribute in sig.signer_info["unsigned_attrs"]:
            if attribute["type"].native == "signature_time_stamp_token":
                token = attribute["values"][0]["content"]
                moment: datetime = token["encap_content_info"]["content"].parsed["gen_time"].native
                return moment
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
    return None


def _check(
    sig: Any,
    last: bool,
    authorities: list[x509.Certificate],
    crls: list[Any],
    reader: Any,
    said: _Words,
) -> SignatureCheck:
    from pyhanko.sign import validation
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko_certvalidator import ValidationContext

    name = str(sig.field_name)
    check = SignatureCheck(name, "", False, False, False, False)
    try:
        certificate = x509.load_der_x509_certificate(sig.signer_cert.dump())
        check.signer = _attribute(certificate, x509.NameOID.COMMON_NAME)
        check.login = _attribute(certificate, x509.NameOID.USER_ID)
        check.meaning = str(sig.sig_object.get("/Reason", ""))
        moment = _timestamp(sig)
        context = ValidationContext(
            trust_roots=[asn1_certificate(c) for c in authorities],
            crls=crls,
            revocation_mode="require",
            allow_fetching=False,
            moment=moment,
        )
        status = validation.validate_pdf_signature(sig, context)
    except Exception as exc:  # pyHanko could not read this signature at all
        check.problems.append(said("not_validated", error=_first_line(exc)))
        return check
    check.pyhanko_ok = bool(status.bottom_line)
    check.valid = bool(status.intact and status.valid)
    check.trusted = bool(status.trusted)
    check.revoked = bool(status.revoked)
    check.whole_file = str(status.coverage).endswith("ENTIRE_FILE")
    stamp = status.timestamp_validity
    if stamp is not None and stamp.intact and stamp.valid and stamp.trusted:
        check.signed_at = stamp.timestamp
    if not check.valid:
        check.problems.append(said("altered"))
        return check  # its trust and changes mean nothing once its own bytes differ
    if check.revoked:
        check.problems.append(said("revoked"))
    elif not check.trusted:
        issued = pki.status(
            certificate, authorities, None, moment or certificate.not_valid_before_utc
        )
        check.problems.append(said("untrusted" if issued.state == "untrusted" else "unchecked"))
    elif stamp is not None and check.signed_at is None:  # (untrusted: its TSA is too)
        check.problems.append(said("bad_timestamp"))
    if check.login and signers.field_name(check.login) != name:
        check.problems.append(said("wrong_field", login=check.login))
    level = status.modification_level
    allowed = [ModificationLevel.NONE, ModificationLevel.LTA_UPDATES]
    if not last:
        allowed.append(ModificationLevel.FORM_FILLING)
    try:
        check.changes = changes.since(reader, sig.signed_revision)
    except Exception:  # a structure too damaged to compare: pyHanko's level still judges
        check.changes = []
    if (level is not None and level not in allowed) or check.changes:
        check.changes = check.changes or ["other"]
        what = said.kinds(check.changes)
        check.problems.append(said("added", what=what) if last else said("changed", what=what))
    return check


def _attribute(certificate: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    found = certificate.subject.get_attributes_for_oid(oid)
    return str(found[0].value) if found else ""


def _field_problems(reader: Any, checks: list[SignatureCheck], said: _Words) -> list[str]:
    """Empty signature fields, and signatures out of the record's order (its fields were made
    in signing order, the approver's last)."""
    from pyhanko.sign.fields import enumerate_sig_fields

    try:
        names = [str(name) for name, _v, _r in enumerate_sig_fields(reader)]
    except (KeyError, TypeError, ValueError):
        return []
    signed = [c.name for c in checks]
    problems = [said("empty_field", field=name) for name in names if name not in signed]
    in_fields = [name for name in names if name in signed]
    if in_fields != signed:
        problems.append(said("out_of_order"))
    return problems


_STATED = re.compile(r"SHA-256 ([0-9a-f]{64})")


def _attached(reader: Any) -> tuple[str, str | None]:
    """(intact / differs / missing, the digest of the attached data), the data checked against
    the digest the record states for it; two files of that name are not intact either."""
    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
        specs = [names[n + 1] for n in range(0, len(names) - 1, 2) if str(names[n]) == ATTACHMENT]
    except (KeyError, IndexError, TypeError, AttributeError):
        return MISSING, None
    if not specs:
        return MISSING, None
    try:
        raw = specs[0]["/EF"]["/F"].get_object().data
        stated = _STATED.search(str(specs[0].get("/Desc", "")))
        found = RecordData(**contents.in_todays_shape(json.loads(raw))).sha256
    except (KeyError, ValueError, TypeError, AttributeError):
        return DIFFERS, None
    if len(specs) > 1 or stated is None or stated.group(1) != found:
        return DIFFERS, found
    return INTACT, found


def _against_database(
    session: Session,
    pdf: bytes,
    result: Verification,
    given: bool,
    said: _Words,
) -> None:
    """Is the file a record we keep, the newest, and does the review's data still match?"""
    digest = hashlib.sha256(pdf).hexdigest()
    kept = session.scalars(select(Record).where(Record.sha256 == digest)).first()
    if kept is None:
        result.database = "not_kept"
        if not given:  # the database is the reference: a file it does not know is suspect
            result.database = "unknown"
            result.problems.append(said("not_kept"))
        return
    result.stored = True
    if latest(session, kept.review_id).id != kept.id:
        result.problems.append(said("newer_kept"))
    if result.data_sha256 != contents.load(session, kept.review_id).sha256:
        result.database = "differs"
        result.problems.append(said("data_differs"))
    else:
        result.database = "matches"
