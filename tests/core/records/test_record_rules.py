"""Who may sign a record and when: only the review's signers, each once, in the template's order
with the approver last; every refusal a message (never a pyHanko traceback), audited, and
nothing signed. A record of an undecided review is a DRAFT, watermarked, and cannot be signed."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from qms_review.core import demo
from qms_review.core.messages import QmsError
from qms_review.core.records import archive, pades, signers
from qms_review.core.store.database import Store
from qms_review.core.store.models import AuditEvent, Record, Review

#: The demo's decided review signs in the order of its checklist's sections, the approver last.
ORDER = [
    "sales",
    "engineering",
    "production",
    "planning",
    "purchasing",
    "quality",
    "finance",
    "approver",
]


@pytest.fixture
def made(store: Store, decided: int) -> int:
    """A new record of the demo's decided review, nobody has signed it yet."""
    with store.write("tester") as session:
        archive.generate(session, decided, "en")
    return decided


def _sign(store: Store, login: str, review: int) -> Record:
    return pades.sign(store, login, demo.password_of(login), review, "Signed")


def _refused(store: Store, login: str, review: int) -> QmsError:
    """The refusal of ``login``'s signature: nothing signed, the refusal audited."""
    with store.read() as session:
        before = session.scalar(select(Record.id).order_by(Record.id.desc()))
        events = len(session.scalars(select(AuditEvent.id)).all())
    with pytest.raises(QmsError) as refusal:
        _sign(store, login, review)
    with store.read() as session:
        assert session.scalar(select(Record.id).order_by(Record.id.desc())) == before
        audited = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "record_sign_refused")
        ).all()
        assert len(session.scalars(select(AuditEvent.id)).all()) > events
    assert json.loads(audited[-1].changes)["login"] == login
    assert json.loads(audited[-1].changes)["reason"] == refusal.value.key
    return refusal.value


def test_the_signers_are_the_reviews_in_the_templates_order(store: Store, made: int):
    with store.read() as session:
        assert signers.in_order(session, made) == ORDER


def test_someone_who_signed_nothing_in_the_review_is_refused(store: Store, made: int):
    refusal = _refused(store, "admin", made)
    assert refusal.key == "record.not_a_signer"
    assert refusal.message("en").startswith("Alex Morgan did not sign this review")


def test_the_approver_signs_last(store: Store, made: int):
    refusal = _refused(store, "approver", made)
    assert refusal.message("en") == (
        "王丽 Wang Li signs the record before Margaret Okafor "
        "(in the order of the checklist, the approver last)."
    )


def test_each_in_the_templates_order(store: Store, made: int):
    _sign(store, "sales", made)
    refusal = _refused(store, "production", made)
    assert refusal.key == "record.not_your_turn"
    assert refusal.params["first"] == "张伟 Zhang Wei"
    _sign(store, "engineering", made)
    _sign(store, "production", made)


def test_signing_twice_is_a_message_not_a_traceback(store: Store, made: int):
    _sign(store, "sales", made)
    refusal = _refused(store, "sales", made)
    assert refusal.message("en") == "王丽 Wang Li has already signed this record."


def test_every_signer_in_turn_then_nobody_more(store: Store, made: int):
    for login in ORDER:
        row = _sign(store, login, made)
    assert row.pdf.count(b"/ByteRange") == 8
    assert _refused(store, "approver", made).key == "record.already_signed"
    assert _refused(store, "admin", made).key == "record.not_a_signer"


def _undecided(store: Store) -> int:
    demo.load(store, "tester")
    with store.read() as session:
        found = session.scalar(select(Review.id).where(Review.decision.is_(None)).limit(1))
    assert found is not None
    return found


def _text(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of each page, as poppler's pdftotext reads it (else pyHanko's page streams)."""
    path = tmp_path / "record.pdf"
    path.write_bytes(pdf)
    if shutil.which("pdftotext"):
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")
        return out.split("\f")[:-1]
    pytest.skip("pdftotext (poppler-utils) is not installed")


def _reddish(pdf: bytes, tmp_path: Path) -> list[int]:
    """Per page, the pixels of the middle of the page (rendered by pdftoppm) that are tinted
    red: the diagonal watermark, which pdftotext does not read."""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    path = tmp_path / "render.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "20", str(path), str(tmp_path / "page")], check=True)
    counts = []
    for page in sorted(tmp_path.glob("page-*.ppm")):
        data = page.read_bytes()
        _magic, width, height, _max, pixels = data.split(maxsplit=4)
        w, h = int(width), int(height)
        counts.append(
            sum(
                1
                for y in range(h // 4, 3 * h // 4)
                for x in range(w // 4, 3 * w // 4)
                if (rgb := pixels[3 * (y * w + x) : 3 * (y * w + x) + 3])[0] - rgb[2] > 12
            )
        )
    return counts


def test_an_undecided_reviews_record_is_a_draft_on_every_page(store: Store, tmp_path: Path):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    review = _undecided(store)
    with store.write("tester") as session:
        made = archive.generate(session, review, "en")
        pdf = session.get(Record, made.id).pdf  # type: ignore[union-attr]
    assert made.draft
    pages = _text(pdf, tmp_path)
    assert len(pages) >= 2
    assert all("DRAFT" in page and "not a record for signature" in page for page in pages)
    assert all(count > 50 for count in _reddish(pdf, tmp_path))  # the watermark shows
    assert list(enumerate_sig_fields(PdfFileReader(io.BytesIO(pdf)))) == []
    for login in ("sales", "approver", "admin"):
        assert _refused(store, login, review).message("en") == (
            "The review is not decided yet: its record is a draft and cannot be signed."
        )


def test_a_decided_reviews_record_has_no_watermark(store: Store, made: int, tmp_path: Path):
    with store.read() as session:
        pdf = pades.latest(session, made).pdf
    assert not any("DRAFT" in page for page in _text(pdf, tmp_path))
    counts = _reddish(pdf, tmp_path)
    assert counts
    assert max(counts) < 5


def test_the_chinese_draft_says_so_in_chinese(store: Store, tmp_path: Path):
    review = _undecided(store)
    with store.write("tester") as session:
        made = archive.generate(session, review, "zh_CN")
        pdf = session.get(Record, made.id).pdf  # type: ignore[union-attr]
    assert all("草稿" in page for page in _text(pdf, tmp_path))


def test_the_command_line_refuses_in_one_line_before_the_password(
    capsys, folder: Path, monkeypatch
):
    from qms_review import cli
    from qms_review.cli import context

    asked: list[str] = []
    monkeypatch.setattr(context, "_read", lambda prompt: asked.append(prompt) or "x")
    assert cli.main(["demo"]) == 0
    assert cli.main(["record", "make", "PO-1001-260927"]) == 0
    capsys.readouterr()
    assert cli.main(["record", "sign", "PO-1001-260927", "--as", "admin"]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "Alex Morgan did not sign this review, so does not sign its record (its signers: "
        "王丽 Wang Li, 张伟 Zhang Wei, 李强 Li Qiang, Sarah Weber, 陈静 Chen Jing, James Carter, "
        "刘洋 Liu Yang, Margaret Okafor)."
    ]
    assert "Traceback" not in err
    assert asked == []  # refused before any password was asked


def test_a_database_made_before_the_timestamp_authority_gets_one_from_the_ca_passphrase(
    store: Store, monkeypatch: pytest.MonkeyPatch
):
    """Signing needs the TSA; a database set up before it existed refuses with a message until
    an administrator gives the CA passphrase once (here: revoking a certificate)."""
    from qms_review.core.identity import certificates, users

    with monkeypatch.context() as before:  # the program as it was: no timestamp authority
        before.setattr(users, "create_timestamp_authority", lambda *_a: None)
        before.setattr(certificates, "create_timestamp_authority", lambda *_a: None)
        demo.load(store, "tester")
    with store.read() as session:
        review = session.scalar(select(Review.id).where(Review.decision.is_not(None)).limit(1))
        assert review is not None
    with store.write("tester") as session:
        archive.generate(session, review, "en")
    with pytest.raises(QmsError) as refusal:
        _sign(store, "sales", review)
    assert refusal.value.key == "identity.no_tsa"
    with store.write("user:admin") as session:
        users.revoke(session, "purchasing", demo.CA_PASSPHRASE)
    assert _sign(store, "sales", review).pdf.count(b"/ByteRange") == 1
