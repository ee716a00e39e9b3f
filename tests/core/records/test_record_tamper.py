"""A signed record proves itself with nothing but the CA certificate: each kind of change made
after signing is caught and named (page content, form fields, attachments), the attached review
data is checked, a later revocation voids nothing, and our verdicts agree with pyHanko's own
validator — and with poppler's pdfsig where pdfsig can judge (it cannot see appended updates)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509

from qms_review.core import demo
from qms_review.core.identity import certificates, pki, users
from qms_review.core.records import archive, pades, signers, verification
from qms_review.core.review import templates
from qms_review.core.store import engines
from qms_review.core.store.database import open_store

Signed = tuple[bytes, x509.Certificate]


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Signed:
    """The demo's decided review's record signed by all eight, then the quality engineer's
    certificate revoked; the PDF and the CA certificate (the database is not used again)."""
    from argon2 import PasswordHasher, Type

    from qms_review.core.demo import reviews
    from qms_review.core.identity import passwords

    folder = tmp_path_factory.mktemp("tamper")
    with pytest.MonkeyPatch.context() as patch:
        fast = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)
        patch.setattr(passwords, "hasher", lambda: fast)
        patch.setattr(reviews, "SIGNED_RECORDS", False)
        store = open_store(engines.sqlite_url(folder / "db.sqlite3"), folder)
        templates.ensure_builtin(store)
        demo.load(store, "tester")
        from sqlalchemy import select

        from qms_review.core.store.models import Order, OrderRevision, Review

        with store.write("tester") as session:
            review = session.scalar(
                select(Review.id)
                .join(OrderRevision, OrderRevision.id == Review.revision_id)
                .join(Order)
                .where(Order.number == "PO-1001-260927")
            )
            assert review is not None
            archive.generate(session, review, "en")
            logins = signers.in_order(session, review)
        for login in logins:
            row = pades.sign(store, login, demo.password_of(login), review, "Signed as reviewed")
        with store.write("user:admin") as session:
            users.revoke(session, "quality", demo.CA_PASSPHRASE)
            ca = pki.load(certificates.ca_certificate(session).certificate_pem)
        store.close()
    return row.pdf, ca


def _verify(pdf: bytes, ca: x509.Certificate) -> verification.Verification:
    return verification.verify(None, pdf, "en", [ca])


def _appended(pdf: bytes, change: object) -> bytes:
    """``pdf`` with an incremental update made by ``change(writer)``."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    change(writer)  # type: ignore[operator]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _agrees_with_pyhanko(result: verification.Verification) -> None:
    assert [s.pyhanko_ok for s in result.signatures] == [not s.problems for s in result.signatures]


def _pdfsig(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "record.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def test_the_signed_record_verifies_with_only_the_ca(signed: Signed, tmp_path: Path):
    pdf, ca = signed
    result = _verify(pdf, ca)
    assert result.ok, [(s.name, s.problems) for s in result.signatures] + result.problems
    assert [s.login for s in result.signatures][-1] == "approver"
    assert all(s.signed_at is not None for s in result.signatures)  # each one timestamped
    assert {s.meaning for s in result.signatures} == {"Signed as reviewed"}
    assert result.data == verification.INTACT
    assert result.database is None
    # the quality engineer's certificate was revoked after signing: their signature holds
    quality = next(s for s in result.signatures if s.login == "quality")
    assert not quality.problems
    assert not quality.revoked
    _agrees_with_pyhanko(result)
    if shutil.which("pdfsig"):
        assert _pdfsig(pdf, tmp_path).count("Signature is Valid") == 8


def test_another_ca_trusts_nothing(signed: Signed):
    pdf, _ca = signed
    other, _key = pki.create_ca("Someone Else", pki.load(pki.pem(_ca)).not_valid_before_utc)
    result = _verify(pdf, other)
    assert not result.ok
    assert all(
        s.problems == ["the signer's certificate was not issued by the CA it is checked against"]
        for s in result.signatures
    )


def test_a_form_field_added_after_signing_is_named(signed: Signed, tmp_path: Path):
    from pyhanko.pdf_utils import generic

    def add_field(writer: object) -> None:
        form = writer.root["/AcroForm"]  # type: ignore[attr-defined]
        field = generic.DictionaryObject(
            {
                generic.NameObject("/FT"): generic.NameObject("/Tx"),
                generic.NameObject("/T"): generic.TextStringObject("note"),
                generic.NameObject("/V"): generic.TextStringObject("approved by nobody"),
            }
        )
        form["/Fields"].append(writer.add_object(field))  # type: ignore[attr-defined]
        writer.update_container(form)  # type: ignore[attr-defined]

    pdf, ca = signed
    result = _verify(_appended(pdf, add_field), ca)
    assert not result.ok
    assert result.signatures[-1].problems == [
        "the file was changed after the last signature: form fields"
    ]
    assert all(s.changes == ["fields"] for s in result.signatures)
    _agrees_with_pyhanko(result)
    if shutil.which("pdfsig"):  # pdfsig cannot see it: every signature is "valid" to it
        assert _pdfsig(_appended(pdf, add_field), tmp_path).count("Signature is Valid") == 8


def test_a_signatures_value_removed_after_signing_is_caught(signed: Signed):
    def clear(writer: object) -> None:
        for ref in writer.root["/AcroForm"]["/Fields"]:  # type: ignore[attr-defined]
            field = ref.get_object()
            if str(field["/T"]) == "signature-sales":
                del field["/V"]
                writer.update_container(field)  # type: ignore[attr-defined]

    pdf, ca = signed
    result = _verify(_appended(pdf, clear), ca)
    assert not result.ok
    assert "the signature field signature-sales is empty" in " ".join(result.problems)
    assert all("form fields" in " ".join(s.problems) for s in result.signatures)


def test_page_content_replaced_after_signing_is_named(signed: Signed, tmp_path: Path):
    from pyhanko.pdf_utils import generic

    def replace(writer: object) -> None:
        page = writer.root["/Pages"]["/Kids"][0]  # type: ignore[attr-defined]
        forged = generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 720 Td (Accepted) Tj ET")
        page[generic.NameObject("/Contents")] = writer.add_object(forged)  # type: ignore[attr-defined]
        writer.update_container(page)  # type: ignore[attr-defined]

    pdf, ca = signed
    result = _verify(_appended(pdf, replace), ca)
    assert not result.ok
    assert result.signatures[0].problems == [
        "the file was changed after this signature: page content"
    ]
    assert result.signatures[-1].changes == ["pages"]
    _agrees_with_pyhanko(result)
    if shutil.which("pdfsig"):
        assert _pdfsig(_appended(pdf, replace), tmp_path).count("Signature is Valid") == 8


def _attach(body: bytes, description: str) -> object:
    """An update that puts ``body`` in the place of the attached review data."""
    from pyhanko.pdf_utils import embed

    def attach(writer: object) -> None:
        data = embed.EmbeddedFileObject.from_file_data(
            writer,  # type: ignore[arg-type]
            body,
            mime_type="application/json",
        )
        spec = embed.FileSpec(
            file_spec_string=archive.ATTACHMENT,
            file_name=archive.ATTACHMENT,
            embedded_data=data,
            description=description,
        )
        root = writer.root  # type: ignore[attr-defined]
        names = root["/Names"]["/EmbeddedFiles"]["/Names"]
        names[1] = writer.add_object(spec.as_pdf_object())  # type: ignore[attr-defined]
        for changed in (names, root["/Names"]["/EmbeddedFiles"], root["/Names"]):
            if changed.container_ref is not None:
                writer.update_container(changed)  # type: ignore[attr-defined]
        writer.update_root()  # type: ignore[attr-defined]

    return attach


def _forged_data(pdf: bytes) -> tuple[bytes, str]:
    """The attached review data with one answer changed, and its digest."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from qms_review.core.records.contents import RecordData, in_todays_shape

    names = PdfFileReader(io.BytesIO(pdf)).root["/Names"]["/EmbeddedFiles"]["/Names"]
    body = json.loads(names[1]["/EF"]["/F"].get_object().data)
    body["sections"][0]["items"][0]["comment"] = "forged"
    return json.dumps(body).encode(), RecordData(**in_todays_shape(body)).sha256


def test_an_attachment_replaced_after_signing_is_named(signed: Signed, tmp_path: Path):
    """Even with a matching digest beside it, a new attachment is a change after signing."""
    pdf, ca = signed
    body, digest = _forged_data(pdf)
    forged = _appended(pdf, _attach(body, f"Review data (SHA-256 {digest})"))
    result = _verify(forged, ca)
    assert not result.ok
    assert all(s.changes == ["attachments"] for s in result.signatures)
    assert result.signatures[-1].problems == [
        "the file was changed after the last signature: attachments"
    ]
    _agrees_with_pyhanko(result)
    if shutil.which("pdfsig"):
        assert _pdfsig(forged, tmp_path).count("Signature is Valid") == 8


def test_tampered_review_data_is_detected(signed: Signed):
    """The attached data must be the data the record states it was made from."""
    pdf, ca = signed
    body, _digest = _forged_data(pdf)
    stated = f"Review data (SHA-256 {verification.verify(None, pdf, 'en', [ca]).data_sha256})"
    result = _verify(_appended(pdf, _attach(body, stated)), ca)
    assert result.data == verification.DIFFERS
    assert (
        "the attached review data (review-data.json) is not the data the record was made from"
        in result.problems
    )


def test_an_unsigned_records_tampered_data_is_detected(store, decided: int):
    """A record not yet signed has only its stated digest to go by."""
    from qms_review.core.store.models import Record

    with store.write("tester") as session:
        made = archive.generate(session, decided, "en")
        pdf = session.get(Record, made.id).pdf
    body, _digest = _forged_data(pdf)
    forged = _appended(pdf, _attach(body, f"Review data (SHA-256 {made.data_sha256})"))
    with store.read() as session:
        result = verification.verify(session, forged, "en")
    assert result.data == verification.DIFFERS
    assert hashlib.sha256(forged).hexdigest() != made.sha256
