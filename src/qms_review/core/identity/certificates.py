"""The organisation's certification authority in the database: users' certificates, their
status, revocation lists, and the CA certificate to hand out."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cryptography import x509
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qms_review.core.identity import pki
from qms_review.core.messages import QmsError
from qms_review.core.store import paths
from qms_review.core.store.columns import utcnow
from qms_review.core.store.models import Certificate, Crl, User


def current_certificate(session: Session, user_id: int) -> Certificate | None:
    """The user's certificate in use: not superseded by a newer one."""
    return session.scalars(
        select(Certificate)
        .where(
            Certificate.user_id == user_id,
            Certificate.kind == "user",
            Certificate.superseded_at.is_(None),
        )
        .order_by(Certificate.id.desc())
    ).first()


def ca_certificate(session: Session) -> Certificate:
    found = session.scalars(select(Certificate).where(Certificate.kind == "ca")).first()
    if found is None:
        raise QmsError("identity.no_ca")
    return found


def authorities(session: Session) -> list[x509.Certificate]:
    """The CA certificates a user's certificate may chain to: ours, and imported ones."""
    rows = session.scalars(select(Certificate).where(Certificate.kind.in_(("ca", "chain"))))
    return [pki.load(r.certificate_pem) for r in rows]


def newest_crl(session: Session) -> x509.CertificateRevocationList | None:
    row = session.scalars(select(Crl).order_by(Crl.number.desc())).first()
    return pki.load_crl(row.pem) if row is not None else None


def certificate_status(
    session: Session, certificate: Certificate, now: datetime | None = None
) -> pki.Status:
    """Whether a stored certificate chains to our authorities and is not revoked."""
    return pki.status(
        pki.load(certificate.certificate_pem),
        authorities(session),
        newest_crl(session),
        now or utcnow(),
    )


def unlock_ca(session: Session, passphrase: str) -> tuple[x509.Certificate, pki.Key]:
    """The CA's certificate and its key, unlocked with the passphrase the administrator keeps."""
    row = ca_certificate(session)
    assert row.key_pem is not None
    return pki.load(row.certificate_pem), pki.unlock(
        row.key_pem, passphrase, "identity.wrong_ca_passphrase"
    )


def issue(
    session: Session,
    user: User,
    password: str,
    ca: x509.Certificate,
    ca_key: pki.Key,
    now: datetime,
) -> Certificate:
    """A new key and certificate for ``user``; the one before is superseded."""
    for old in session.scalars(
        select(Certificate).where(
            Certificate.user_id == user.id, Certificate.superseded_at.is_(None)
        )
    ):
        old.superseded_at = now
    key = pki.new_key()
    certificate = pki.issue(ca, ca_key, key.public_key(), user.display_name, user.login, now)
    row = Certificate(
        user_id=user.id,
        kind="user",
        serial=pki.serial_hex(certificate),
        subject=certificate.subject.rfc4514_string()[:300],
        certificate_pem=pki.pem(certificate),
        key_pem=pki.lock(key, password),
        source="local",
        issued_at=now,
        not_after=certificate.not_valid_after_utc,
    )
    session.add(row)
    return row


def publish_crl(session: Session, ca: x509.Certificate, ca_key: pki.Key, now: datetime) -> int:
    """Issue the next revocation list naming every revoked local certificate; its number."""
    revoked = [
        (int(r.serial, 16), r.revoked_at)
        for r in session.scalars(
            select(Certificate).where(
                Certificate.revoked_at.is_not(None),
                Certificate.kind == "user",
                Certificate.source == "local",
            )
        )
        if r.revoked_at is not None
    ]
    number = (session.scalar(select(func.max(Crl.number))) or 0) + 1
    revocations = pki.crl(ca, ca_key, revoked, number, now)
    session.add(
        Crl(
            number=number,
            issued_at=now,
            next_update=revocations.next_update_utc or now,
            pem=pki.crl_pem(revocations),
        )
    )
    return number


def export_ca(session: Session, path: Path) -> Path:
    """Write the CA certificate (PEM; DER for .cer/.der) for PDF readers to trust."""
    certificate = pki.load(ca_certificate(session).certificate_pem)
    if path.suffix.lower() in (".cer", ".der"):
        from cryptography.hazmat.primitives.serialization import Encoding

        return paths.write_private(path, certificate.public_bytes(Encoding.DER))
    return paths.write_private(path, pki.pem(certificate).encode("ascii"))
