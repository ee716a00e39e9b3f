"""The organisation's own timestamp authority at signing time: pyHanko's local timestamper
(``DummyTimeStamper``: no network, no public TSA) signing with the TSA key the local CA
certified (:func:`~qms_review.core.identity.certificates.timestamp_authority`).

pyHanko's class loads the RSA key again for every token it signs (twice per signature: once to
size the signature, once for real), and loading an RSA key checks it (~50 ms); here the key is
opened once per process and kept."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from sqlalchemy.orm import Session

from qms_review.core.identity import certificates, pki
from qms_review.core.messages import QmsError


def stamper(session: Session, chain: list[Any]) -> Any:
    """A timestamper for this database's TSA; ``chain`` (asn1crypto certificates) is put in
    each token so a verifier finds the TSA's issuer."""
    from asn1crypto import x509 as ax509  # type: ignore[import-untyped]
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    pem, secret = certificates.timestamp_authority_locked(session)
    certificate, key = _opened(pem, secret)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise QmsError("identity.tsa_locked")
    signing_key: rsa.RSAPrivateKey = key

    class Stamper(DummyTimeStamper):
        def _sign_tst_info(self, tst_info_data: bytes, md_algorithm: str, dt: datetime) -> Any:
            from asn1crypto import cms, core
            from pyhanko.sign import general
            from pyhanko.sign.general import simple_cms_attribute as attribute
            from pyhanko_certvalidator.util import get_pyca_cryptography_hash

            digest = hashes.Hash(get_pyca_cryptography_hash(md_algorithm))
            digest.update(tst_info_data)
            when = cms.Time({"utc_time": core.UTCTime(dt)})
            certified = general.as_signing_certificate(self.tsa_cert)
            signed_attrs = cms.CMSAttributes(
                [
                    attribute("content_type", "tst_info"),  # type: ignore[no-untyped-call]
                    attribute("signing_time", when),  # type: ignore[no-untyped-call]
                    attribute("signing_certificate", certified),  # type: ignore[no-untyped-call]
                    attribute("message_digest", digest.finalize()),  # type: ignore[no-untyped-call]
                ]
            )
            signature = signing_key.sign(
                signed_attrs.dump(),
                padding.PKCS1v15(),
                get_pyca_cryptography_hash(md_algorithm.upper()),
            )
            return signature, signed_attrs

    tsa = ax509.Certificate.load(certificate.public_bytes(Encoding.DER))
    return Stamper(
        tsa_cert=tsa,
        tsa_key=None,  # signed with ``signing_key`` above
        certs_to_embed=SimpleCertificateStore.from_certs(chain),  # type: ignore[no-untyped-call]
    )


@lru_cache(maxsize=4)
def _opened(pem: tuple[str, str], secret: str) -> tuple[x509.Certificate, pki.Key]:
    certificate_pem, key_pem = pem
    return pki.load(certificate_pem), pki.unlock(key_pem, secret, "identity.tsa_locked")
