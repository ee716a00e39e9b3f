"""Review records: every element present, in both languages, fonts embedded, the review data
attached and hashed."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from qms_review.core import demo
from qms_review.core.records import archive
from qms_review.core.store.database import Store
from qms_review.core.store.models import Record

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "record.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@needs_poppler
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Contract review record",
                "Northwind Pumps Ltd",
                "PO-1001-260927",
                "FL-3305",
                "Signature manifest",
                "Margaret Okafor",
                "王丽 Wang Li",
                "Approved — accepted with conditions",
                "Deliveries in two batches",
                "SHA-256 of the review data",
                "Audit trail at generation",
                "Page 1 of 3",
                "Signatures",
            ],
        ),
        (
            "zh_CN",
            [
                "合同评审记录",
                "签名清单",
                "王丽 Wang Li",
                "张伟 Zhang Wei",
                "有条件接受",
                "检查表答复",
                "第 1 页，共 3 页",
                "评审数据的 SHA-256",
                "签名",
            ],
        ),
    ],
)
def test_the_record_holds_every_element(
    store: Store, decided: int, tmp_path: Path, language: str, expected: list[str]
):
    with store.write("tester") as session:
        made = archive.generate(session, decided, language)
        pdf = session.get(Record, made.id).pdf
    text = _text(pdf, tmp_path)
    for part in expected:
        assert part in text, part
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "record.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "WenQuanYiMicroHei" in fonts
    assert "Helvetica" not in fonts
    for line in fonts.splitlines()[2:]:
        assert " yes yes " in line  # every font embedded and subset


def test_the_review_data_is_attached_and_hashed(store: Store, decided: int):
    from pyhanko.pdf_utils.reader import PdfFileReader

    with store.write("tester") as session:
        made = archive.generate(session, decided, "en")
        row = session.get(Record, made.id)
        pdf = row.pdf
    import hashlib

    assert hashlib.sha256(pdf).hexdigest() == made.sha256 == row.sha256
    reader = PdfFileReader(io.BytesIO(pdf))
    names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    assert names[0] == archive.ATTACHMENT
    data = json.loads(names[1].get_object()["/EF"]["/F"].get_object().data)
    assert data["order"]["number"] == "PO-1001-260927"
    assert data["review"]["decision"] == "accepted_with_conditions"
    assert len(data["signatures"]) == 10
    from qms_review.core.records import contents

    with store.read() as session:
        assert contents.load(session, decided).sha256 == made.data_sha256


def test_records_are_never_changed(store: Store, decided: int):
    from sqlalchemy import update
    from sqlalchemy.exc import DatabaseError

    with store.write("tester") as session:
        archive.generate(session, decided, "en")
    with pytest.raises(DatabaseError), store.write("mallory") as session:
        session.execute(update(Record).values(pdf=b"forged"))


def test_a_long_order_paginates_with_repeated_headers(store: Store, tmp_path: Path):
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils")
    from decimal import Decimal

    from qms_review.core.identity import users
    from qms_review.core.orders.revisions import (
        RevisionContent,
        add_revision,
        find_or_create_customer,
    )
    from qms_review.core.review import actions, templates
    from qms_review.core.store.vocabulary import OrderKind

    demo.load(store, "tester")
    with store.write("tester") as session:
        customer = find_or_create_customer(session, "深圳华强精密机械有限公司", "C-2001")
        lines = [
            {
                "line_no": n * 10,
                "part_number": f"P-{n:04d}",
                "description": f"零件 {n}",
                "quantity": Decimal(n),
                "unit": "件",
            }
            for n in range(1, 301)
        ]
        revision = add_revision(
            session, customer, OrderKind.ORDER, "LONG-1", RevisionContent(lines=lines), "tester"
        )
        review = actions.start(session, users.find(session, "sales"), revision.order_id)
        assert templates.current_id(session, "iso9001")
        made = archive.generate(session, review, "zh_CN")
        pdf = session.get(Record, made.id).pdf
    text = _text(pdf, tmp_path)
    assert "P-0300" in text
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) >= 6
    with_header = [p for p in pages if "P-0" in p]
    assert all("零件号" in p for p in with_header)  # the table header on every page of lines


def test_record_command(capsys, folder: Path, tmp_path: Path):
    from qms_review import cli

    assert cli.main(["demo"]) == 0
    capsys.readouterr()
    out = tmp_path / "record.pdf"
    assert (
        cli.main(["record", "make", "PO-1001-260927", "--language", "zh_CN", "--output", str(out)])
        == 0
    )
    assert "Record QR-PO-1001-260927-R1-" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"%PDF")
    assert cli.main(["record", "make", "PO-1002-261006"]) == 1
    assert "has no review yet" in capsys.readouterr().err
