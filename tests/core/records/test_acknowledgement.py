"""The order acknowledgement after an accepting decision: refused before it, in the customer's
language, listing the accepted revision, the conditions and the changes agreed, kept with the
review and entered in the communication log."""

from __future__ import annotations

import io
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from qms_review import cli
from qms_review.core import demo
from qms_review.core.demo import reviews as demo_reviews
from qms_review.core.demo.people import password_of
from qms_review.core.identity import users
from qms_review.core.messages import QmsError
from qms_review.core.records import acknowledgement
from qms_review.core.review import actions, clarifications, progress
from qms_review.core.store.database import Store
from qms_review.core.store.models import Acknowledgement, AuditEvent, Communication, StoredFile
from qms_review.core.store.vocabulary import CommunicationKind, Decision

ORDER = "采购-20260928-1"  # revision 2 of a Chinese customer's order, with differences
CONDITIONS = "首批交货前提供 3.1 材质证书 / 3.1 certificate before the first delivery"


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the user types at the password prompts, in order."""
    from qms_review.cli import context

    answers: list[str] = []
    monkeypatch.setattr(context, "_read", lambda _prompt: answers.pop(0))
    return answers


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "shown.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def ready(store: Store) -> int:
    """The demo with ORDER's review ready for decision, one question answered; its id."""
    demo_reviews.SIGNED_RECORDS = False
    try:
        demo.load(store, "tester")
    finally:
        demo_reviews.SIGNED_RECORDS = True
    with store.write("tester") as session:
        review_id = progress.review_of(session, demo_reviews._order_id(session, ORDER))
        assert review_id is not None
        sales, approver = users.find(session, "sales"), users.find(session, "approver")
        asked = clarifications.raise_clarification(
            session, sales, review_id, "Packing as on the last order?"
        )
        clarifications.close_clarification(
            session, sales, asked, "Yes, 20 pieces a carton", date(2026, 11, 20), "e-mail", "Zhao"
        )
        demo_reviews._answer(session, review_id)
        demo_reviews._dispose(session, review_id)
        demo_reviews._sign(session, review_id)
        actions.submit(session, approver, review_id)
    return review_id


def decide(store: Store, review_id: int, decision: Decision, conditions: str | None) -> None:
    with store.write("tester") as session:
        approver = users.find(session, "approver")
        actions.decide_in_session(
            session, approver, password_of("approver"), review_id, decision, conditions
        )


def test_refused_before_an_accepting_decision(store: Store):
    review_id = ready(store)
    with store.write("tester") as session, pytest.raises(QmsError) as refused:
        acknowledgement.make(session, users.find(session, "sales"), review_id)
    said = refused.value.message("en")
    assert said == (
        f"{ORDER} revision 2 cannot be confirmed to the customer: only an accepted order "
        "(accepted, or accepted with conditions) is acknowledged, and its review is "
        "ready for decision."
    ), said
    assert "不能向客户确认" in refused.value.message("zh_CN")
    decide(store, review_id, Decision.DECLINED, None)
    with store.write("tester") as session, pytest.raises(QmsError, match="review is declined"):
        acknowledgement.make(session, users.find(session, "sales"), review_id)
    with store.read() as session:
        assert session.scalars(select(Acknowledgement)).all() == []
        kinds = session.scalars(select(Communication.kind)).all()
        assert CommunicationKind.ACKNOWLEDGEMENT not in kinds


def test_acknowledgement_in_both_languages_kept_logged_and_reopened(store: Store, tmp_path):
    review_id = ready(store)
    decide(store, review_id, Decision.ACCEPTED_WITH_CONDITIONS, CONDITIONS)
    with (
        store.write("tester") as session,
        pytest.raises(QmsError, match="Only sales or the approver"),
    ):
        acknowledgement.make(session, users.find(session, "production"), review_id)
    with store.write("tester") as session:
        chinese = acknowledgement.make(session, users.find(session, "sales"), review_id)
    with store.write("tester") as session:
        english = acknowledgement.make(session, users.find(session, "sales"), review_id, "en")
    # The customer is in China: its language unless another is chosen.
    assert (chinese.language, english.language) == ("zh_CN", "en")
    assert chinese.reference == f"OA-{ORDER}-R2-1"
    assert english.reference == f"OA-{ORDER}-R2-2"

    zh = pdf_text(chinese.pdf, tmp_path)
    en = pdf_text(english.pdf, tmp_path)
    for shown in (zh, en):
        assert CONDITIONS.split(" / ")[0] in shown
        assert "Packing as on the last order?" in shown
        assert "Yes, 20 pieces a carton" in shown
    assert "订单确认书" in zh
    assert "我方接受的条件" in zh
    assert "第 2 版" in zh
    assert "上一版" in zh  # the differences from revision 1, named
    assert "Order acknowledgement" in en
    assert "Conditions of our acceptance" in en
    assert "previous revision" in en
    assert "page 1 of" in en
    with store.read() as session:
        lines = acknowledgement.contents.load(session, review_id).lines
    assert len(lines) >= 3
    for line in lines:  # every line, its price and its due date
        for shown in (zh, en):
            assert str(line["part_number"]) in shown
            assert str(line["delivery_date"]) in shown
            assert str(line["unit_price"]) in shown

    book = load_workbook(io.BytesIO(english.xlsx))
    assert book.sheetnames == ["Acknowledgement", "Lines", "Changes agreed", "Questions answered"]
    values = [c for row in book["Acknowledgement"].iter_rows(values_only=True) for c in row]
    assert CONDITIONS in values
    assert book["Lines"].max_row == len(lines) + 1
    assert load_workbook(io.BytesIO(chinese.xlsx)).sheetnames[0] == "确认书"

    with store.read() as session:
        kept = acknowledgement.kept(session, review_id)
        assert (kept.reference, kept.pdf, kept.xlsx) == (
            english.reference,
            english.pdf,
            english.xlsx,
        )
        logged = session.get(Communication, english.communication_id)
        assert logged is not None
        assert logged.kind is CommunicationKind.ACKNOWLEDGEMENT
        assert logged.incoming is False
        assert english.reference in logged.summary
        attached = session.get(StoredFile, logged.attachment_id)
        assert attached is not None
        assert attached.content == english.pdf
        audited = session.scalars(
            select(AuditEvent.entity).where(AuditEvent.entity == "acknowledgements")
        ).all()
        assert len(audited) == 2
    assert store.verify_audit().ok


def test_an_english_customer_gets_english(store: Store):
    from qms_review.core.store.models import Customer

    assert acknowledgement.customer_language(Customer(name="Northwind", country="UK")) == "en"
    assert acknowledgement.customer_language(Customer(name="Acme", country="中国")) == "zh_CN"
    assert acknowledgement.customer_language(Customer(name="宁波海天液压件厂")) == "zh_CN"
    assert acknowledgement.customer_language(Customer(name="Alder & Finch")) == "en"


def test_command_line(capsys, folder: Path, store: Store, typed: list[str], tmp_path: Path):
    review_id = ready(store)
    pdf, xlsx = tmp_path / "oa.pdf", tmp_path / "oa.xlsx"
    typed.append("sales-demo")
    assert cli.main(["record", "confirm", ORDER, "--as", "sales", "--pdf", str(pdf)]) == 1
    assert "cannot be confirmed to the customer" in capsys.readouterr().err
    assert typed == ["sales-demo"]  # refused before the password was asked
    assert not pdf.exists()
    decide(store, review_id, Decision.ACCEPTED, None)
    args = ["record", "confirm", ORDER, "--as", "sales", "--pdf", str(pdf), "--xlsx", str(xlsx)]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert f"OA-{ORDER}-R2-1 (简体中文) kept with the review" in out
    assert "订单确认书" in pdf_text(pdf.read_bytes(), tmp_path)
    assert "无：按订单原样接受。" in pdf_text(pdf.read_bytes(), tmp_path)
    assert load_workbook(xlsx).sheetnames[0] == "确认书"
    again = tmp_path / "again.pdf"
    assert cli.main(["record", "confirmation", ORDER, "--pdf", str(again)]) == 0
    assert again.read_bytes() == pdf.read_bytes()
    assert cli.main(["record", "confirmation", ORDER, "--pdf", str(again)]) == 1  # no overwrite
    capsys.readouterr()
    assert cli.main(["review", "status", ORDER]) == 0
    assert f"Confirmed to the customer: order acknowledgement OA-{ORDER}-R2-1" in (
        capsys.readouterr().out
    )


def test_amounts_read_as_amounts():
    """Found by a newcomer: amounts printed as 2100 and 5275."""
    from decimal import Decimal

    from qms_review.core.records.acknowledgement_pdf import money

    assert money(Decimal("2100")) == "2,100.00"
    assert money("5275.5") == "5,275.50"
    assert money(Decimal("0.125")) == "0.125"  # a price's own decimals stay
    assert money(None) == ""
