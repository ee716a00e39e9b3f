"""The review figures against a small dataset whose answers are worked out by hand (in the
comments), not by computing them the way the program does."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from qms_review.cli import main
from qms_review.core.oversight import stats
from qms_review.core.records import exports
from qms_review.core.review import templates
from qms_review.core.store.database import Store
from qms_review.core.store.models import (
    Clarification,
    Customer,
    Finding,
    Order,
    OrderRevision,
    Review,
    ReviewFunction,
    Signature,
    User,
)
from qms_review.core.store.vocabulary import (
    Decision,
    FindingKind,
    Function,
    OrderKind,
    ReviewState,
    Severity,
)

TODAY = date(2026, 11, 30)  # a Monday: "this week" is up to Sunday 6 December
PERIOD = stats.Scope(date(2026, 10, 1), date(2026, 11, 30))


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=UTC)


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def dataset(store: Store) -> Store:
    templates.ensure_builtin(store)
    with store.write("test") as s:
        template = templates.current(s, "iso9001")
        assert template is not None
        template_id = templates.current_id(s, "iso9001")
        sales_sections = [x.key for x in template.sections if x.function == "sales"]
        clerk = User(login="clerk", display_name="Clerk")
        acme = Customer(name="Acme Vague Ltd", code="ACME")
        bolt = Customer(name="Bolt Precise GmbH", code="BOLT")
        s.add_all([clerk, acme, bolt])
        s.flush()

        def order(customer, number, received, kind=OrderKind.ORDER, due=None, revisions=1):
            row = Order(customer_id=customer.id, kind=kind, number=number, due_on=due)
            row.revision_count = revisions
            s.add(row)
            s.flush()
            made = []
            for n, day in enumerate(received, start=1):
                rev = OrderRevision(order_id=row.id, number=n, received_at=at(day), created_by="t")
                s.add(rev)
                s.flush()
                made.append(rev)
            return made

        def review(rev, state, decision=None, decided=None, due=None, functions=()):
            row = Review(
                revision_id=rev.id,
                template_id=template_id,
                state=state,
                decision=decision,
                decided_at=at(decided) if decided else None,
                due_on=due,
            )
            s.add(row)
            s.flush()
            for f in functions:
                s.add(ReviewFunction(review_id=row.id, function=f, required=True))
            return row

        def finding(rev, rule, kind, cleared=False):
            s.add(
                Finding(
                    revision_id=rev.id,
                    fingerprint=f"{rev.id}-{rule}-{len(s.new)}-{cleared}",
                    rule=rule,
                    kind=kind,
                    severity=Severity.WARNING,
                    messages={"en": rule},
                    cleared_at=at("2026-11-01") if cleared else None,
                )
            )

        (a1,) = order(acme, "A-1", ["2026-10-01"])
        review(a1, ReviewState.DECIDED, Decision.ACCEPTED, "2026-10-03")  # 2 days
        a2r1, a2r2 = order(acme, "A-2", ["2026-10-05", "2026-10-10"], revisions=2)
        review(a2r1, ReviewState.SUPERSEDED)
        review(a2r2, ReviewState.DECIDED, Decision.ACCEPTED_WITH_CONDITIONS, "2026-10-14")  # 4
        (b1,) = order(bolt, "B-1", ["2026-11-02"])
        review(b1, ReviewState.DECIDED, Decision.DECLINED, "2026-11-12")  # 10 days
        (b2,) = order(bolt, "B-2", ["2026-11-20"])
        waiting = review(
            b2,
            ReviewState.IN_REVIEW,
            due=date(2026, 11, 25),  # overdue
            functions=(Function.SALES, Function.ENGINEERING),
        )
        for key in sales_sections:  # sales signed all its sections; engineering none
            s.add(
                Signature(
                    review_id=waiting.id,
                    user_id=clerk.id,
                    function=Function.SALES,
                    meaning="Reviewed",
                    printed_name="Clerk",
                    signed_at=at("2026-11-21"),
                    content_sha256="0" * 64,
                    scope=f"section:{key}",
                )
            )
        (b3,) = order(bolt, "B-3", ["2026-11-27"])
        review(b3, ReviewState.IN_REVIEW, due=date(2026, 12, 2), functions=(Function.ENGINEERING,))
        (a3,) = order(acme, "A-3", ["2026-11-28"])
        review(a3, ReviewState.READY_FOR_DECISION, due=date(2026, 12, 3))
        order(acme, "A-4", ["2026-11-29"], due=date(2026, 12, 2))  # not started, due this week
        order(acme, "Q-1", ["2026-09-01"], kind=OrderKind.QUOTATION)  # before the period

        finding(a1, "clarity.vague", FindingKind.CLARITY)
        finding(a1, "clarity.vague", FindingKind.CLARITY)
        finding(a1, "clarity.header_missing", FindingKind.CLARITY)
        finding(a1, "clarity.vague", FindingKind.CLARITY, cleared=True)  # not counted
        finding(b1, "clarity.vague", FindingKind.CLARITY)
        finding(b1, "capability.lead_time", FindingKind.CAPABILITY)
        finding(b1, "capability.lead_time", FindingKind.CAPABILITY)

        s.add(Clarification(order_id=a3.order_id, question="?", raised_at=at("2026-11-20")))
        s.add(Clarification(order_id=b2.order_id, question="?", raised_at=at("2026-11-26")))
        s.add(
            Clarification(
                order_id=a1.order_id,
                question="?",
                raised_at=at("2026-10-01"),
                closed_at=at("2026-10-02"),
            )
        )
    return store


def test_the_figures_of_a_period(dataset: Store):
    with dataset.read() as session:
        found = stats.figures(session, PERIOD, TODAY)
    assert found.open_reviews == 3  # B-2, B-3, A-3 (A-2's first review is superseded)
    assert found.not_started == 1  # A-4 (a quotation is not reviewed)
    assert found.due_this_week == 3  # B-3 on the 2nd, A-3 on the 3rd, A-4 on the 2nd
    assert found.overdue == 1  # B-2, due on 25 November
    assert found.holding_up == {Function.ENGINEERING: 2, Function.APPROVER: 1}
    assert found.questions_open == 2
    assert found.oldest_question_days == 10
    assert found.median_question_days == 7.0  # 10 and 4 days
    assert found.revisions == 8  # all but the quotation of September
    assert found.decided == 3
    assert found.decisions == {
        Decision.ACCEPTED: 1,
        Decision.ACCEPTED_WITH_CONDITIONS: 1,
        Decision.DECLINED: 1,
    }
    assert found.rate(Decision.DECLINED) == pytest.approx(1 / 3)
    assert found.rate(Decision.REFERRED_BACK) == 0
    assert found.cycle_median_days == 4.0  # 2, 4 and 10 days
    assert found.cycle_p90_days == 10.0
    assert [(m.month, m.decided, m.median_days) for m in found.by_month] == [
        ("2026-10", 2, 3.0),
        ("2026-11", 1, 10.0),
    ]
    assert found.findings_by_kind == {FindingKind.CLARITY: 4, FindingKind.CAPABILITY: 2}
    assert found.findings_by_rule == [
        ("clarity.vague", 3),
        ("capability.lead_time", 2),
        ("clarity.header_missing", 1),
    ]
    # Acme: 3 clarity findings in 5 revisions (0.6 each); Bolt: 1 in 3
    assert found.vaguest_customers == [("Acme Vague Ltd", 3, 5), ("Bolt Precise GmbH", 1, 3)]
    assert (found.orders, found.amended_orders, found.amendments) == (7, 1, 1)


def test_customer_and_kind_narrow_every_figure(dataset: Store):
    with dataset.read() as session:
        bolt = stats.figures(session, stats.Scope(customer="bolt"), TODAY)
        quotes = stats.figures(session, stats.Scope(kind=OrderKind.QUOTATION), TODAY)
        november = stats.figures(session, stats.Scope(date(2026, 11, 1), None), TODAY)
    assert (bolt.open_reviews, bolt.overdue, bolt.due_this_week) == (2, 1, 1)
    assert bolt.holding_up == {Function.ENGINEERING: 2}
    assert bolt.decisions == {Decision.DECLINED: 1}
    assert bolt.questions_open == 1
    assert (quotes.revisions, quotes.open_reviews, quotes.not_started, quotes.decided) == (
        1,
        0,
        0,
        0,
    )
    assert quotes.cycle_median_days is None
    assert november.revisions == 5  # B-1, B-2, B-3, A-3, A-4
    assert november.decisions == {Decision.DECLINED: 1}


def test_the_command_line_says_them_in_words_json_and_a_workbook(
    dataset: Store, capsys, tmp_path, folder, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(stats, "date", type("D", (date,), {"today": staticmethod(lambda: TODAY)}))
    args = ["stats", "--from", "2026-10-01", "--to", "2026-11-30"]

    def env(lang: str) -> dict[str, str]:
        return {"LANG": lang, "QMS_REVIEW_DATA_DIR": str(folder)}

    assert main([*args, "--customer", "BOLT"], env=env("C")) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Contract reviews: 2026-10-01 to 2026-11-30, customer “BOLT”"
    assert out[1] == (
        "Now (2026-11-30): 2 reviews open and 0 orders not yet under review; "
        "1 due this week, 1 overdue."
    )
    assert out[2] == "Waiting for: Engineering 2."
    assert "Decisions: declined 1 (100%)." in out

    assert main([*args, "--format", "json"], env=env("C")) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["decisions"] == {"accepted": 1, "accepted_with_conditions": 1, "declined": 1}
    assert data["holding_up"] == {"engineering": 2, "approver": 1}

    book = tmp_path / "figures.xlsx"
    assert main([*args, "--xlsx", str(book)], env=env("zh_CN.UTF-8")) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"指标已保存到 {book}。"
    sheets = load_workbook(book)
    assert sheets.sheetnames == ["指标", "等待职能", "决定", "按月", "发现项", "最含糊的订单"]
    figures = {r[0]: r[1] for r in sheets["指标"].iter_rows(min_row=2, values_only=True)}
    assert figures["逾期"] == 1
    assert figures["接收至决定的中位天数"] == 4.0
    assert list(sheets["按月"].iter_rows(min_row=2, values_only=True)) == [
        ("2026-10", 2, 3.0),
        ("2026-11", 1, 10.0),
    ]
    assert main([*args, "--xlsx", str(book)], env=env("C")) == 1  # never overwritten


def test_the_scope_in_words():
    assert exports.scope_text(stats.Scope(), "en") == "all time"
    assert (
        exports.scope_text(stats.Scope(None, date(2026, 3, 1), None, OrderKind.BID), "zh_CN")
        == "… 至 2026-03-01，仅投标"
    )
