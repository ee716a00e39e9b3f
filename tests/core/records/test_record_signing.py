"""PAdES signatures on records: several signers in turn, approver last; pyHanko and poppler's
pdfsig agree; tampering of every kind is caught and named."""

from __future__ import annotations

import io
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from qms_review.core import demo
from qms_review.core.identity import users
from qms_review.core.records import archive, pades, signers, verification
from qms_review.core.store.database import Store
from qms_review.core.store.models import Record


@pytest.fixture
def signed(store: Store, decided: int) -> tuple[int, bytes]:
    """The demo's decided review, its record signed by everyone in turn, the approver last."""
    review = decided
    with store.write("tester") as session:
        archive.generate(session, review, "zh_CN")
        assert signers.in_order(session, review)[-1] == "approver"
    with store.read() as session:
        logins = signers.in_order(session, review)
    for login in logins:
        row = pades.sign(store, login, f"{login}-demo", review, "Reviewed and signed")
    return review, row.pdf


def _verify(store: Store, pdf: bytes) -> verification.Verification:
    with store.read() as session:
        return verification.verify(session, pdf)


def test_signed_in_turn_and_valid(store: Store, signed: tuple[int, bytes], tmp_path: Path):
    _review, pdf = signed
    result = _verify(store, pdf)
    assert result.ok, [(s.name, s.problems) for s in result.signatures] + result.problems
    assert len(result.signatures) == 8
    assert "张伟 Zhang Wei" in [s.signer for s in result.signatures]
    assert result.signatures[-1].signer == "Margaret Okafor"  # the approver last
    assert all(s.signed_at is not None and s.changes == [] for s in result.signatures)
    assert all(s.pyhanko_ok for s in result.signatures)
    if shutil.which("pdfsig"):
        path = tmp_path / "signed.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
        assert out.count("Signature is Valid") == 8


def flip(pdf: bytes) -> bytes:
    """One bit changed inside a stream of the record as made (what every signature covers)."""
    at = pdf.index(b"\nstream\n", 2000) + 60
    assert at < pdf.index(b"%%EOF")
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]


def test_a_flipped_byte_is_caught(store: Store, signed: tuple[int, bytes], tmp_path: Path):
    _review, pdf = signed
    forged = flip(pdf)
    result = _verify(store, forged)
    assert not result.ok
    assert "not a record kept" in " ".join(result.problems)
    # every signature fails as altered, and only so: its certificate is still fine
    assert [s.problems for s in result.signatures] == [["the signed content was altered"]] * 8
    assert not any(s.pyhanko_ok for s in result.signatures)
    if shutil.which("pdfsig"):  # poppler agrees: every digest mismatches
        path = tmp_path / "forged.pdf"
        path.write_bytes(forged)
        out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
        assert "Signature is Valid" not in out
        assert out.count("Digest Mismatch") == 8


def test_an_appended_update_is_caught(store: Store, signed: tuple[int, bytes]):
    from pyhanko.pdf_utils.generic import NameObject, TextStringObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    _review, pdf = signed
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    writer.root[NameObject("/Lang")] = TextStringObject("en")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    result = _verify(store, out.getvalue())
    assert not result.ok
    assert result.signatures[-1].problems == [
        "the file was changed after the last signature: other parts of the document"
    ]


def test_a_revocation_after_signing_leaves_the_signature_valid(
    store: Store, signed: tuple[int, bytes]
):
    """The signature is judged at the time of its timestamp, with the revocation list of then
    (embedded) and of now: the key was good when it signed."""
    _review, pdf = signed
    # a revocation list says when to the second: a revocation in the second of the signature
    # itself would count as before it
    time.sleep(1.1)
    with store.write("user:admin") as session:
        users.revoke(session, "quality", demo.CA_PASSPHRASE)
    result = _verify(store, pdf)
    assert result.ok, [(s.name, s.problems) for s in result.signatures] + result.problems
    assert not any(s.revoked for s in result.signatures)


def test_a_wrong_password_signs_nothing(store: Store, signed: tuple[int, bytes]):
    review, _pdf = signed
    with store.read() as session:
        before = len(session.scalars(select(Record).where(Record.review_id == review)).all())
    with pytest.raises(Exception, match="Wrong password"):
        pades.sign(store, "finance", "not-the-password", review, "Reviewed")
    with store.read() as session:
        assert (
            len(session.scalars(select(Record).where(Record.review_id == review)).all()) == before
        )


def test_record_sign_and_verify_commands(capsys, folder: Path, tmp_path: Path, monkeypatch):
    from qms_review import cli
    from qms_review.cli import context

    typed: list[str] = []
    monkeypatch.setattr(context, "_read", lambda _prompt: typed.pop(0))
    assert cli.main(["demo"]) == 0
    assert cli.main(["record", "make", "PO-1001-260927"]) == 0
    for login in (
        "sales",
        "engineering",
        "production",
        "planning",
        "purchasing",
        "quality",
        "finance",
    ):
        typed.append(f"{login}-demo")
        assert cli.main(["record", "sign", "PO-1001-260927", "--as", login]) == 0
    typed.append("approver-demo")
    signed = tmp_path / "signed.pdf"
    assert (
        cli.main(["record", "sign", "PO-1001-260927", "--as", "approver", "--output", str(signed)])
        == 0
    )
    capsys.readouterr()
    assert cli.main(["verify", str(signed)]) == 0
    out = capsys.readouterr().out
    assert "Record verified: OK" in out
    assert out.count("— valid") == 8
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(flip(signed.read_bytes()))
    assert cli.main(["verify", str(forged)]) == 1
    captured = capsys.readouterr()
    assert "FAILED" in captured.err
    assert "altered" in captured.out


def test_a_removed_signature_is_caught(store: Store, signed: tuple[int, bytes]):
    """Cutting the approver's signature off (back to the %%EOF before it and its validation data)
    leaves an earlier state: its empty field and the newer state kept in the database say so."""
    _review, pdf = signed
    dss = pdf.rindex(b"%%EOF", 0, len(pdf) - 10)
    cut = pdf[: pdf.rindex(b"%%EOF", 0, dss) + 5] + b"\n"
    result = _verify(store, cut)
    assert not result.ok
    report = " ".join(result.problems)
    assert "signature-approver is empty" in report
