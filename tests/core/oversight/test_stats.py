"""The review figures against a small dataset whose answers are worked out by hand (in the
comments), not by computing them the way the program does."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from qms_review.cli import main
from qms_review.core.oversight import stats
from qms_review.core.records import figures_workbook
from qms_review.core.store.database import Store
from qms_review.core.store.models import Order
from qms_review.core.store.vocabulary import (
    Decision,
    FindingKind,
    Function,
    OrderKind,
    ReviewState,
)
from tests.core.history import make_history, utc  # noqa: F401 (utc: a fixture)

TODAY = date(2026, 11, 30)  # a Monday: "this week" is up to Sunday 6 December
PERIOD = stats.Scope(date(2026, 10, 1), date(2026, 11, 30))


@pytest.fixture
def dataset(store: Store) -> Store:
    return make_history(store)


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
    # Acme: A-1..A-4 (A-2 amended once), 3 findings, all clarity; Bolt: B-1..B-3, 3 findings
    assert found.customers == [
        stats.CustomerLine("Acme Vague Ltd", 4, 1, 3, 3),
        stats.CustomerLine("Bolt Precise GmbH", 3, 0, 3, 1),
    ]
    assert found.late == [
        stats.Late("B-2", "Bolt Precise GmbH", date(2026, 11, 25), ReviewState.IN_REVIEW)
    ]


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
    assert sheets.sheetnames == [
        "指标",
        "等待职能",
        "决定",
        "按月",
        "发现项",
        "最含糊的订单",
        "反馈与投诉",
    ]
    figures = {r[0]: r[1] for r in sheets["指标"].iter_rows(min_row=2, values_only=True)}
    assert figures["逾期"] == 1
    assert figures["接收至决定的中位天数"] == 4.0
    assert list(sheets["按月"].iter_rows(min_row=2, values_only=True)) == [
        ("2026-10", 2, 3.0),
        ("2026-11", 1, 10.0),
    ]
    assert main([*args, "--xlsx", str(book)], env=env("C")) == 1  # never overwritten


def test_the_scope_in_words():
    assert figures_workbook.scope_text(stats.Scope(), "en") == "all time"
    assert (
        figures_workbook.scope_text(
            stats.Scope(None, date(2026, 3, 1), None, OrderKind.BID), "zh_CN"
        )
        == "… 至 2026-03-01，仅投标"
    )


def test_the_orders_behind_each_figure(dataset: Store):
    """What a click on a figure lists: as many orders as the figure counts (hand-worked)."""
    from qms_review.core.messages import QmsError
    from qms_review.core.oversight.behind import orders_behind

    with dataset.read() as session:
        number = dict(session.execute(select(Order.id, Order.number)).all())

        def behind(figure: str, scope: stats.Scope = PERIOD) -> list[str]:
            return sorted(number[i] for i in orders_behind(session, scope, figure, TODAY))

        assert behind("open") == ["A-3", "B-2", "B-3"]
        assert behind("not_started") == ["A-4"]
        assert behind("due_this_week") == ["A-3", "A-4", "B-3"]
        assert behind("overdue") == ["B-2"]
        assert behind("questions_open") == ["A-3", "B-2"]
        assert behind("waiting:engineering") == ["B-2", "B-3"]
        assert behind("waiting:approver") == ["A-3"]
        assert behind("waiting:sales") == []
        assert behind("orders") == ["A-1", "A-2", "A-3", "A-4", "B-1", "B-2", "B-3"]
        assert behind("amended") == ["A-2"]
        assert behind("decided") == ["A-1", "A-2", "B-1"]
        assert behind("decision:declined") == ["B-1"]
        assert behind("decision:referred_back") == []
        assert behind("month:2026-10") == ["A-1", "A-2"]
        assert behind("month:2026-11") == ["B-1"]
        assert behind("kind:capability") == ["B-1"]
        assert behind("kind:clarity") == ["A-1", "B-1"]
        assert behind("rule:clarity.header_missing") == ["A-1"]
        assert behind("vague:Acme Vague Ltd") == ["A-1"]
        assert behind("overdue", stats.Scope(customer="acme")) == []
        assert behind("orders", stats.Scope(date(2026, 11, 1), None)) == [
            "A-3",
            "A-4",
            "B-1",
            "B-2",
            "B-3",
        ]
        with pytest.raises(QmsError) as refused:
            orders_behind(session, PERIOD, "decision:maybe", TODAY)
        assert "decision:maybe" in refused.value.message("en")
        with pytest.raises(QmsError):
            orders_behind(session, PERIOD, "everything", TODAY)


def test_the_demo_tells_a_year(capsys, folder, demo_history):
    """The demo's history: a year of decisions that got faster, every kind of decision, some
    amended, reviews open and overdue, questions waiting; its trail still verifies."""
    env = {"LANG": "C", "QMS_REVIEW_DATA_DIR": str(folder)}
    assert main(["demo"], env=env) == 0
    assert main(["audit", "verify"], env=env) == 0
    capsys.readouterr()
    today = date.today()
    start = today.replace(year=today.year - 1) + timedelta(days=1)
    assert main(["stats", "--from", start.isoformat(), "--format", "json"], env=env) == 0
    data = json.loads(capsys.readouterr().out)
    months = data["by_month"]
    assert len(months) >= 12
    assert months[0]["median_days"] > months[-2]["median_days"] + 3  # nine days, then three
    assert set(data["decisions"]) == {d.value for d in Decision}
    assert data["amended_orders"] >= 8
    assert data["overdue"] > 0
    assert data["questions_open"] >= 3
    assert data["holding_up"]["approver"] >= 1
    assert data["holding_up"]["purchasing"] > data["holding_up"]["sales"]
    assert data["vaguest_customers"][0]["customer"] == "宁波海天液压件厂"


def test_the_same_figures_on_postgresql(postgres_url: str, folder):
    """PostgreSQL computes the cycle times and their months in Python (SQLite in SQL): the
    same answers, and the same orders behind them."""
    from qms_review.core.oversight.behind import orders_behind
    from qms_review.core.review import templates
    from qms_review.core.store.database import open_store

    store = open_store(postgres_url, folder)
    templates.ensure_builtin(store)
    try:
        make_history(store)
        with store.read() as session:
            found = stats.figures(session, PERIOD, TODAY)
            declined = orders_behind(session, PERIOD, "decision:declined", TODAY)
            waiting = orders_behind(session, PERIOD, "not_started", TODAY)
            numbers = dict(session.execute(select(Order.id, Order.number)).all())
    finally:
        store.close()
    assert (found.cycle_median_days, found.cycle_p90_days) == (4.0, 10.0)
    assert [(m.month, m.decided, m.median_days) for m in found.by_month] == [
        ("2026-10", 2, 3.0),
        ("2026-11", 1, 10.0),
    ]
    assert found.decisions == {
        Decision.ACCEPTED: 1,
        Decision.ACCEPTED_WITH_CONDITIONS: 1,
        Decision.DECLINED: 1,
    }
    assert (found.not_started, found.overdue, found.orders, found.amendments) == (1, 1, 7, 1)
    assert [numbers[i] for i in declined] == ["B-1"]
    assert [numbers[i] for i in waiting] == ["A-4"]
