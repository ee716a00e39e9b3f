"""The order's communication log is part of the review record (PDF and embedded data) and of
the review's export; a record made before it was (no log in its data) still verifies."""

from __future__ import annotations

import io
import json
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
from pyhanko.pdf_utils.reader import PdfFileReader

from qms_review.core.customers import file
from qms_review.core.records import (
    archive,
    contents,
    customer_workbook,
    exports,
    rendering,
    verification,
)
from qms_review.core.review import clarifications
from qms_review.core.store.database import Store
from qms_review.core.store.models import OrderRevision, Review
from qms_review.core.store.vocabulary import CommunicationKind
from tests.helpers import find_person


def _log(store: Store, review_id: int) -> None:
    sales = find_person(store, "sales")
    with store.write(sales.actor) as session:
        revision_id = session.get_one(Review, review_id).revision_id
        order_id = session.get_one(OrderRevision, revision_id).order_id
        clarifications.record_communication(
            session,
            sales,
            order_id,
            CommunicationKind.CONFIRMATION,
            False,
            date(2026, 10, 1),
            "Delivery dates confirmed by e-mail",
            "e-mail",
            "J. Carter",
        )


def test_the_record_and_the_export_show_the_log(store: Store, decided: int, tmp_path: Path):
    with store.read() as session:
        before = contents.load(session, decided)
    assert before.communications == []
    _log(store, decided)
    with store.read() as session:
        data = contents.load(session, decided)
        exports.review_xlsx(session, decided, tmp_path / "review.xlsx", "zh_CN")
    assert data.communications == [
        {
            "occurred_on": date(2026, 10, 1),
            "kind": "confirmation",
            "incoming": False,
            "channel": "e-mail",
            "contact": "J. Carter",
            "summary": "Delivery dates confirmed by e-mail",
            "recorded_by": "sales",
        }
    ]
    assert data.sha256 != before.sha256  # the log is covered by the record's digest
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(rendering.render(data, "QR-test", "en", "2026-11-30 00:00 +0000"))
    shown = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Communications with the customer (1)" in shown
    assert "Delivery dates confirmed by e-mail" in shown
    book = openpyxl.load_workbook(tmp_path / "review.xlsx")
    sheet = book["沟通记录"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("日期", "类别", "方向")
    assert rows[1][1:5] == (
        "确认",
        "发给客户",
        "e-mail / J. Carter",
        "Delivery dates confirmed by e-mail",
    )


def test_a_record_made_before_the_log_was_in_it_still_verifies(store: Store, decided: int):
    with store.read() as session:
        data = contents.load(session, decided)
    body = json.loads(data.as_json())
    del body["communications"]  # what the program wrote before
    pdf = rendering.render(data, "QR-test", "en", "2026-11-30 00:00 +0000")
    pdf = archive.embed_data(pdf, json.dumps(body, ensure_ascii=False), "review data")
    assert verification._attached(PdfFileReader(io.BytesIO(pdf)))[1] == data.sha256


def test_the_customer_file_export(store: Store, decided: int, tmp_path: Path):
    with store.read() as session:
        found = file.customer_file(session, file.find_customer(session, "C-2001"))
    customer_workbook.customer_xlsx(found, tmp_path / "c.xlsx", "en")
    book = openpyxl.load_workbook(tmp_path / "c.xlsx")
    assert book.sheetnames == [
        "Orders and reviews",
        "Communications",
        "Feedback and complaints",
        "Customer property",
    ]
    orders = list(book["Orders and reviews"].iter_rows(values_only=True))
    assert len(orders) == 1 + 8  # 4 quotations, 3 orders, one with 2 revisions
    complaints = list(book["Feedback and complaints"].iter_rows(values_only=True))
    assert [(r[2], r[8]) for r in complaints[1:]] == [
        ("Suggestion", "Open"),
        ("Complaint", "Closed"),
    ]
    assert complaints[2][9].startswith("已返工")
    held = list(book["Customer property"].iter_rows(values_only=True))
    assert [(r[1], r[2], r[3]) for r in held[1:]] == [
        ("周转箱", 24, "个"),  # received the same day, recorded later: newest first
        ("客户提供的 6061-T6 铝棒 Ø40", 200, "kg"),
    ]
    assert isinstance(held[1][4], date)
