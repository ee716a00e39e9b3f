"""The organisation's own small PKI, as pure functions over the ``cryptography`` library: a
certification authority, user certificates it issues, private keys encrypted by a secret, a
revocation list, and the check of a certificate against them.

Keys are ECDSA P-256 (signing takes ~20 ms, against ~80 ms for RSA-2048). A private key is
only ever kept as encrypted PKCS#8 PEM; the secret that opens it (the user's password, or the
CA passphrase the administrator chose) is never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from qms_review.core.messages import QmsError

CA_YEARS = 15
USER_YEARS = 5
CRL_DAYS = 365
#: id-kp-documentSigning (RFC 9336): what user certificates are for.
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
#: Keys we make are EC; a key imported from the company's PKI may be RSA.
Key = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


def new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def lock(key: Key, secret: str) -> str:
    """The key as PKCS#8 PEM encrypted with ``secret``."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(secret.encode("utf-8")),
    ).decode("ascii")


def unlock(pem: str, secret: str, wrong: str = "identity.wrong_password") -> Key:
    """The key in ``pem``, opened with ``secret``; :class:`QmsError` ``wrong`` if it does not."""
    try:
        key = serialization.load_pem_private_key(pem.encode("ascii"), secret.encode("utf-8"))
    except (ValueError, TypeError):
        raise QmsError(wrong) from None
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise QmsError("identity.key_kind")
    return key


def pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def load(pem_text: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem_text.encode("ascii"))


def read_certificates(data: bytes, name: str) -> list[x509.Certificate]:
    """The certificates in a file (PEM, one or more, or DER), e.g. the CA certificate an
    auditor checks records against; :class:`QmsError` when there is none."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError as exc:
        raise QmsError("verify.ca_unreadable", file=name, error=str(exc)[:200]) from None


def serial_hex(certificate: x509.Certificate) -> str:
    return format(certificate.serial_number, "x")


def _name(*parts: tuple[ObjectIdentifier, str]) -> x509.Name:
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in parts if value])


def create_ca(organisation: str, now: datetime) -> tuple[x509.Certificate, Key]:
    """A self-signed certification authority for ``organisation``."""
    key = new_key()
    name = _name(
        (NameOID.ORGANIZATION_NAME, organisation),
        (NameOID.COMMON_NAME, f"{organisation} — QMS Review CA"[:64]),
    )
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365 * CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    return certificate, key


def organisation_name(certificate: x509.Certificate) -> str:
    """The organisation a certificate names ("" when it names none)."""
    found = certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    return str(found[0].value) if found else ""


def issue(
    ca: x509.Certificate,
    ca_key: Key,
    public: ec.EllipticCurvePublicKey,
    display_name: str,
    login: str,
    now: datetime,
) -> x509.Certificate:
    """A user's signing certificate: their printed name and login, for signing documents."""
    subject = _name(
        (NameOID.ORGANIZATION_NAME, organisation_name(ca)),
        (NameOID.COMMON_NAME, display_name[:64]),
        (NameOID.USER_ID, login),
    )
    not_after = min(now + timedelta(days=365 * USER_YEARS), ca.not_valid_after_utc)
    purposes = x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION])
    return _issued(ca, ca_key, subject, public, now, not_after, purposes, critical=False)


def issue_timestamp_authority(
    ca: x509.Certificate, ca_key: Key, now: datetime
) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    """The organisation's own timestamp authority: an RSA key (pyHanko's local timestamper
    signs with RSA) and a certificate for time stamping only (critical extended key usage
    timeStamping, RFC 3161), issued by the CA."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = organisation_name(ca)
    subject = _name(
        (NameOID.ORGANIZATION_NAME, name),
        (NameOID.COMMON_NAME, f"{name} — QMS Review timestamps"[:64]),
    )
    purposes = x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING])
    certificate = _issued(
        ca, ca_key, subject, key.public_key(), now, ca.not_valid_after_utc, purposes, critical=True
    )
    return certificate, key


def _issued(
    ca: x509.Certificate,
    ca_key: Key,
    subject: x509.Name,
    public: ec.EllipticCurvePublicKey | rsa.RSAPublicKey,
    now: datetime,
    not_after: datetime,
    purposes: x509.ExtendedKeyUsage,
    *,
    critical: bool,
) -> x509.Certificate:
    """An end-entity certificate issued by the CA: signing only, for ``purposes``."""
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(purposes, critical=critical)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )


def crl(
    ca: x509.Certificate,
    ca_key: Key,
    revoked: list[tuple[int, datetime]],
    number: int,
    now: datetime,
) -> x509.CertificateRevocationList:
    """A revocation list naming ``revoked`` (serial, when) for key compromise."""
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.subject)
        .last_update(now)
        .next_update(now + timedelta(days=CRL_DAYS))
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
    )
    for serial, when in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(serial)
            .revocation_date(when)
            .add_extension(x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False)
            .build()
        )
    return builder.sign(ca_key, hashes.SHA256())


def crl_pem(revocations: x509.CertificateRevocationList) -> str:
    return revocations.public_bytes(serialization.Encoding.PEM).decode("ascii")


def load_crl(pem_text: str) -> x509.CertificateRevocationList:
    return x509.load_pem_x509_crl(pem_text.encode("ascii"))


@dataclass(frozen=True)
class Status:
    """What a certificate is worth now: "valid", "revoked", "untrusted" (not issued by the CA),
    "expired" or "not_yet_valid"; ``revoked_at`` when revoked."""

    state: str
    revoked_at: datetime | None = None

    @property
    def valid(self) -> bool:
        return self.state == "valid"


def status(
    certificate: x509.Certificate,
    authorities: list[x509.Certificate],
    revocations: x509.CertificateRevocationList | None,
    now: datetime,
) -> Status:
    """Check ``certificate``: issued by one of ``authorities`` (signature checked), in its
    validity period, and not on the revocation list (whose own signature is checked)."""
    issuer = None
    for authority in authorities:
        try:
            certificate.verify_directly_issued_by(authority)
        except (ValueError, TypeError, InvalidSignature):
            continue
        issuer = authority
        break
    if issuer is None:
        return Status("untrusted")
    if revocations is not None and revocations.issuer == issuer.subject:
        public = issuer.public_key()
        if isinstance(public, ec.EllipticCurvePublicKey | rsa.RSAPublicKey) and (
            revocations.is_signature_valid(public)
        ):
            entry = revocations.get_revoked_certificate_by_serial_number(certificate.serial_number)
            if entry is not None:
                return Status("revoked", entry.revocation_date_utc)
    if now < certificate.not_valid_before_utc:
        return Status("not_yet_valid")
    if now > certificate.not_valid_after_utc:
        return Status("expired")
    return Status("valid")


def read_pkcs12(data: bytes, password: str) -> tuple[Key, x509.Certificate, list[x509.Certificate]]:
    """The key, certificate and chain in a PKCS#12 file; :class:`QmsError` if the password is
    wrong, the file is not PKCS#12, or the key is not one we can sign with."""
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, password.encode("utf-8"))
    except ValueError:
        raise QmsError("identity.pkcs12_unreadable") from None
    if certificate is None or key is None:
        raise QmsError("identity.pkcs12_incomplete")
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise QmsError("identity.key_kind")
    if _spki(key.public_key()) != _spki(certificate.public_key()):
        raise QmsError("identity.pkcs12_incomplete")
    return key, certificate, list(chain)


def _spki(public: object) -> bytes:
    """A public key's SubjectPublicKeyInfo bytes, to tell whether two keys are one."""
    if not isinstance(public, ec.EllipticCurvePublicKey | rsa.RSAPublicKey):
        return b""
    return public.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def sign_digest(key: Key, digest: bytes) -> bytes:
    """A signature over a SHA-256 digest (of the canonical content signed)."""
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(digest, padding.PKCS1v15(), Prehashed(hashes.SHA256()))
    return key.sign(digest, ec.ECDSA(Prehashed(hashes.SHA256())))


def verify_digest(certificate: x509.Certificate, digest: bytes, signature: bytes) -> bool:
    public = certificate.public_key()
    try:
        if isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, digest, padding.PKCS1v15(), Prehashed(hashes.SHA256()))
        elif isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, digest, ec.ECDSA(Prehashed(hashes.SHA256())))
        else:
            return False
    except InvalidSignature:
        return False
    return True
