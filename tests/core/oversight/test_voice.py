"""The customer's voice in the management review: feedback and complaints received in the
period, open and late ones as of today, days to close, and customer property lost or damaged —
against a handful of rows whose answers are worked out by hand in the comments."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from qms_review.cli import main
from qms_review.core.oversight import stats
from qms_review.core.oversight.voice import customer_voice
from qms_review.core.records import figures_workbook, management
from qms_review.core.store.database import Store
from qms_review.core.store.models import (
    Customer,
    CustomerFeedback,
    CustomerProperty,
    PropertyIncident,
)
from qms_review.core.store.vocabulary import FeedbackKind, FeedbackStatus, IncidentKind

TODAY = date(2026, 4, 1)
START, END = date(2026, 2, 1), date(2026, 3, 31)
K, S = FeedbackKind, FeedbackStatus


@pytest.fixture
def voices(store: Store) -> Store:
    with store.write("tester") as session:
        acme = Customer(name="Acme Pumps", code="C-1")
        beta = Customer(name="北京贝塔机械", code="C-2")
        session.add_all([acme, beta])
        session.flush()

        def said(who, kind, got, text, status=S.OPEN, due=None, closed=None):
            session.add(
                CustomerFeedback(
                    customer_id=who.id,
                    kind=kind,
                    received_on=got,
                    summary=text,
                    status=status,
                    due_on=due,
                    closed_on=closed,
                    closing_note="done" if closed else None,
                    recorded_by="tester",
                )
            )

        said(
            acme,
            K.COMPLAINT,
            date(2026, 3, 10),
            "Bearings arrived scratched",
            due=date(2026, 3, 20),
        )
        said(
            acme,
            K.FEEDBACK,
            date(2026, 3, 15),
            "Labels hard to read",
            S.CLOSED,
            closed=date(2026, 3, 18),
        )
        said(
            beta, K.COMPLAINT, date(2026, 1, 5), "交货晚了两周", S.CLOSED, closed=date(2026, 1, 15)
        )
        said(beta, K.COMPLIMENT, date(2026, 3, 1), "包装很好", S.CLOSED, closed=date(2026, 3, 2))
        gauge = CustomerProperty(
            customer_id=acme.id,
            item="Ring gauge",
            received_on=date(2025, 11, 1),
            condition="good",
            location="Store 2",
            recorded_by="tester",
        )
        fixture = CustomerProperty(
            customer_id=beta.id,
            item="夹具",
            received_on=date(2025, 10, 1),
            condition="good",
            location="Line 1",
            recorded_by="tester",
        )
        session.add_all([gauge, fixture])
        session.flush()
        for held, kind, when, told in (
            (gauge, IncidentKind.DAMAGE, date(2026, 3, 5), date(2026, 3, 6)),
            (gauge, IncidentKind.LOSS, date(2026, 2, 10), None),
            (fixture, IncidentKind.LOSS, date(2025, 12, 1), None),  # before the period
        ):
            session.add(
                PropertyIncident(
                    property_id=held.id,
                    kind=kind,
                    occurred_on=when,
                    description="x",
                    reported_on=told,
                    recorded_by="tester",
                )
            )
    return store


def test_the_voice_of_a_period(voices: Store):
    with voices.read() as session:
        found = customer_voice(session, START, END, None, TODAY)
    # in the period: Acme's complaint and feedback, Beta's compliment (its complaint is January's)
    assert found.received == {K.COMPLAINT: 1, K.FEEDBACK: 1, K.COMPLIMENT: 1}
    assert (found.open, found.late) == (1, 1)  # Acme's complaint, due 20 March
    assert found.median_days_to_close == 2.0  # Acme's feedback 3 days, Beta's compliment 1 day
    assert [s.summary for s in found.said] == [
        "Bearings arrived scratched",  # complaints first
        "Labels hard to read",
        "包装很好",
    ]
    assert found.said[0].late(TODAY)
    assert not found.said[1].late(TODAY)
    assert found.incidents == {IncidentKind.DAMAGE: 1, IncidentKind.LOSS: 1}
    assert found.not_told == 1  # the gauge's loss; the fixture's was before the period


def test_the_customer_filter_and_an_open_end(voices: Store):
    with voices.read() as session:
        acme = customer_voice(session, START, END, "c-1", TODAY)
        beta = customer_voice(session, None, None, "贝塔", TODAY)
    assert acme.received == {K.COMPLAINT: 1, K.FEEDBACK: 1}
    assert acme.median_days_to_close == 3.0
    assert beta.received == {K.COMPLAINT: 1, K.COMPLIMENT: 1}  # all time
    assert (beta.open, beta.late, beta.not_told) == (0, 0, 1)
    assert beta.median_days_to_close == 5.5  # 10 days and 1 day


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "6. Customer feedback and complaints",
                "Received in the period: 3. Open now: 1, of which late: 1.",
                "Bearings arrived scratched",
                "Open (late)",
                "not yet reported to the customer: 1",
            ],
        ),
        (
            "zh_CN",
            ["6. 客户反馈与投诉", "本期收到：3 条。目前未结：1 条，其中逾期：1 条。", "包装很好"],
        ),
    ],
)
def test_the_report_has_the_voice(voices: Store, tmp_path: Path, language, expected):
    with voices.read() as session:
        found = stats.figures(session, stats.Scope(START, END), TODAY)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(management.report_pdf(found, "Acme", language))
    shown = " ".join(_pdf_text(pdf).split())
    for words in expected:
        assert " ".join(words.split()) in shown, words


def test_the_workbook_and_the_command_line_have_it(voices: Store, tmp_path: Path, capsys):
    with voices.read() as session:
        found = stats.figures(session, stats.Scope(START, END), TODAY)
    book = tmp_path / "figures.xlsx"
    figures_workbook.stats_xlsx(found, book, "en")
    sheet = load_workbook(book)["Feedback and complaints"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [r[3] for r in rows] == ["Bearings arrived scratched", "Labels hard to read", "包装很好"]
    assert rows[0][5] == "Open"
    assert found.as_dict()["feedback"]["received"] == {
        "complaint": 1,
        "feedback": 1,
        "compliment": 1,
    }
    assert main(["stats", "--from", "2026-02-01", "--to", "2026-03-31"]) == 0
    out = capsys.readouterr().out
    assert "Feedback and complaints received: Complaint 1, Feedback 1, Compliment 1" in out


def test_a_period_that_runs_backwards_is_refused(voices: Store, capsys):
    assert main(["stats", "--from", "2026-12-01", "--to", "2026-11-01"]) == 1
    assert "runs backwards: from 2026-12-01 to 2026-11-01" in capsys.readouterr().err
