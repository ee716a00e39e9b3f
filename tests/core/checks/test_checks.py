"""The automatic checks: every rule fires on its case and stays quiet on the near miss; a clean
order gives nothing; a messy one gives exactly what a careful reviewer would write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal as D
from typing import Any

import pytest

from qms_review.core.checks import Basis, Context, Part, Subject, run
from qms_review.core.checks.rules import default
from qms_review.core.orders.revisions import line_columns
from qms_review.core.store.vocabulary import OrderKind, PartStatus
from tests.helpers import shipped_templates

ORDER_DATE = date(2026, 9, 28)
RECEIVED = date(2026, 10, 1)
HEADER = {"currency": "USD", "payment_terms": "30 days net", "delivery_terms": "FCA Suzhou"}
LINES: list[dict[str, Any]] = [
    {
        "line_no": 10,
        "part_number": "HB-1020",
        "part_revision": "C",
        "description": "Hydraulic block, 6061-T6",
        "quantity": D(100),
        "unit": "pcs",
        "unit_price": D("86.40"),
        "amount": D("8640.00"),
        "delivery_date": date(2026, 11, 16),
        "drawing_number": "DWG-HB-1020",
        "remarks": "Certificate 3.1 required",
    },
    {
        "line_no": 20,
        "part_number": "SH-2210",
        "part_revision": "A",
        "description": "Drive shaft Ø32, 42CrMo4",
        "quantity": D(200),
        "unit": "pcs",
        "unit_price": D("42.15"),
        "amount": D("8430.00"),
        "delivery_date": date(2026, 11, 20),
        "drawing_number": "DWG-SH-2210",
        "remarks": "需提供材质证明",
    },
]
CATALOGUE = {
    "HB-1020": [
        Part("C", PartStatus.RELEASED, 28, D(10), D(500), D(120)),
        Part("B", PartStatus.OBSOLETE, 28, D(10), D(500), D(120)),
    ],
    "SH-2210": [Part("A", PartStatus.RELEASED, 35, D(20), D(2000), D(400))],
}


class Case:
    """A clean order and its context, changed by a few keyword arguments."""

    def __init__(
        self,
        *,
        kind: OrderKind = OrderKind.ORDER,
        header: dict[str, Any] | None = None,
        line: dict[str, Any] | None = None,
        lines: list[dict[str, Any]] | None = None,
        quotation: dict[str, Any] | None = None,
        load: dict[str, Any] | None = None,
        catalogue: dict[str, Any] | None = None,
    ) -> None:
        body = [dict(x) for x in (lines or LINES)]
        if line:
            body[0].update(line)
        self.subject = Subject(
            kind, "PO-1", 1, RECEIVED, ORDER_DATE, {**HEADER, **(header or {})}, body
        )
        quoted = None
        if quotation is not None:
            q_lines = [dict(x) for x in quotation.get("lines", LINES)]
            if "line" in quotation:
                q_lines[0].update(quotation["line"])
            quoted = Basis("quotation", "Q-1", {**HEADER, **quotation.get("header", {})}, q_lines)
        self.context = Context(
            quotation=quoted,
            load=load or {},
            catalogue=CATALOGUE if catalogue is None else catalogue,
        )

    def rules(self) -> list[str]:
        return [f.rule for f in run(self.subject, self.context)]


def _extra(**unparsed: str) -> dict[str, Any]:
    return {"extra": {"_unparsed": unparsed}}


def _third_line(**changes: Any) -> list[dict[str, Any]]:
    return [*LINES, {**LINES[0], "line_no": 30, **changes}]


CASES: list[tuple[str, Callable[[], Case], Callable[[], Case]]] = [
    (
        "clarity.header_missing",
        lambda: Case(header={"delivery_terms": None}),
        lambda: Case(header={"delivery_terms": "EXW"}),
    ),
    (
        "clarity.no_part_number",
        lambda: Case(line={"part_number": None}),
        lambda: Case(line={"part_number": "ZZ-1"}),
    ),
    (
        "clarity.quantity_missing",
        lambda: Case(line={"quantity": None, "amount": None}),
        lambda: Case(line={"quantity": None, "amount": None, **_extra(quantity="约500")}),
    ),
    (
        "clarity.quantity_not_positive",
        lambda: Case(line={"quantity": D(0), "amount": None}),
        lambda: Case(line={"quantity": D("0.001"), "amount": None}),
    ),
    ("clarity.no_unit", lambda: Case(line={"unit": None}), lambda: Case(line={"unit": "件"})),
    (
        "clarity.price_missing",
        lambda: Case(line={"unit_price": None, "amount": None}),
        lambda: Case(kind=OrderKind.BID, line={"unit_price": None, "amount": None}),
    ),
    (
        "clarity.price_zero",
        lambda: Case(line={"unit_price": D(0), "amount": None}),
        lambda: Case(line={"unit_price": D("0.01"), "amount": None}),
    ),
    (
        "clarity.no_delivery_date",
        lambda: Case(line={"delivery_date": None}),
        lambda: Case(line={"delivery_date": None, **_extra(delivery_date="待定")}),
    ),
    (
        "clarity.date_before_order",
        lambda: Case(line={"delivery_date": ORDER_DATE - timedelta(1)}),
        lambda: Case(line={"delivery_date": ORDER_DATE}),
    ),
    (
        "clarity.date_in_past",
        lambda: Case(line={"delivery_date": RECEIVED - timedelta(1)}),
        lambda: Case(line={"delivery_date": RECEIVED + timedelta(40)}),
    ),
    (
        "clarity.drawing_without_revision",
        lambda: Case(line={"part_revision": None}),
        lambda: Case(line={"part_revision": None, "drawing_number": "DWG-HB-1020 rev C"}),
    ),
    (
        "clarity.vague",
        lambda: Case(line={"description": "Block similar to sample"}),
        lambda: Case(line={"description": "Block as per drawing"}),
    ),
    (
        "clarity.unreadable",
        lambda: Case(line={"quantity": None, **_extra(quantity="abc")}),
        lambda: Case(line={"quantity": None, **_extra(quantity="约500")}),
    ),
    (
        "clarity.two_prices",
        lambda: Case(lines=_third_line(unit_price=D(80), amount=D(8000))),
        lambda: Case(lines=_third_line()),
    ),
    (
        "clarity.two_revisions",
        lambda: Case(lines=_third_line(part_revision="B")),
        lambda: Case(lines=_third_line(part_revision="C")),
    ),
    (
        "clarity.two_units",
        lambda: Case(lines=_third_line(unit="set")),
        lambda: Case(lines=_third_line(unit="pcs")),
    ),
    (
        "clarity.amount_mismatch",
        lambda: Case(line={"amount": D("8650")}),
        lambda: Case(line={"amount": D("8640.004")}),
    ),
    (
        "clarity.mixed_currencies",
        lambda: Case(line={"currency": "EUR"}),
        lambda: Case(line={"currency": "USD"}),
    ),
    ("capability.no_catalogue", lambda: Case(catalogue={}), lambda: Case()),
    (
        "capability.unknown_part",
        lambda: Case(line={"part_number": "ZZ-9"}),
        lambda: Case(line={"part_number": "SH-2210", "part_revision": "A"}),
    ),
    (
        "capability.obsolete",
        lambda: Case(line={"part_revision": "B"}),
        lambda: Case(line={"part_revision": "C"}),
    ),
    (
        "capability.not_released",
        lambda: Case(line={"part_revision": "D"}),
        lambda: Case(line={"part_revision": "C"}),
    ),
    (
        "capability.below_min_lot",
        lambda: Case(line={"quantity": D(5), "amount": None}),
        lambda: Case(line={"quantity": D(10), "amount": None}),
    ),
    (
        "capability.above_max_lot",
        lambda: Case(line={"quantity": D(501), "amount": None}),
        lambda: Case(line={"quantity": D(500), "amount": None}),
    ),
    (
        "capability.lead_time",
        lambda: Case(line={"delivery_date": ORDER_DATE + timedelta(27)}),
        lambda: Case(line={"delivery_date": ORDER_DATE + timedelta(28)}),
    ),
    # 49 days at 120 a week make 840; this order asks 100, accepted orders 750 / 740 by then.
    (
        "capability.capacity",
        lambda: Case(load={"HB-1020": [(date(2026, 11, 10), D(750))]}),
        lambda: Case(
            load={"HB-1020": [(date(2026, 11, 10), D(740)), (date(2026, 11, 30), D(500))]}
        ),
    ),
    (
        "change.header",
        lambda: Case(quotation={"header": {"currency": "EUR"}}),
        lambda: Case(quotation={}),
    ),
    ("change.line_added", lambda: Case(quotation={"lines": LINES[:1]}), lambda: Case(quotation={})),
    (
        "change.line_removed",
        lambda: Case(quotation={"lines": _third_line()}),
        lambda: Case(quotation={}),
    ),
    (
        "change.line_changed",
        lambda: Case(quotation={"line": {"unit_price": D("84.00")}}),
        lambda: Case(quotation={"line": {"unit_price": D("86.4")}}),
    ),
]


def test_every_rule_in_the_rule_book_has_a_case():
    assert {rule for rule, *_ in CASES} == set(default().rules)


@pytest.mark.parametrize(("rule", "fires", "near_miss"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires_on_its_case_and_not_on_the_near_miss(rule: str, fires, near_miss):
    assert rule in fires().rules()
    assert rule not in near_miss().rules()


@pytest.mark.parametrize(("rule", "fires", "near_miss"), CASES, ids=[c[0] for c in CASES])
def test_the_lines_by_field_give_the_same_findings(rule: str, fires, near_miss):
    """An import hands the checks its lines' values field by field as well (the ones it
    stored): the findings are the same, in the same order, as from the lines one by one."""
    for make in (fires, near_miss):
        case = make()
        by_field = replace(case.subject, columns=line_columns(case.subject.lines))
        assert [(f.rule, f.fingerprint, f.message("en")) for f in run(by_field, case.context)] == [
            (f.rule, f.fingerprint, f.message("en")) for f in run(case.subject, case.context)
        ]


def test_a_clean_realistic_order_has_no_findings():
    assert run(Case().subject, Case().context) == []


def test_a_clean_order_against_its_own_quotation_has_no_findings():
    case = Case(quotation={})
    assert run(case.subject, case.context) == []


def test_a_messy_order_gives_exactly_the_expected_findings():
    lines = [
        {**LINES[0], "remarks": "交期尽快", "unit": None},
        {
            **LINES[1],
            "part_revision": "B",
            "quantity": D(10),
            "amount": D("421.50"),
            "delivery_date": date(2026, 10, 20),
        },
        {
            "line_no": 30,
            "part_number": "HB-1020",
            "part_revision": "C",
            "quantity": D(50),
            "unit": "pcs",
            "unit_price": D("80.00"),
            "amount": D("4000.00"),
            "currency": "EUR",
            "extra": {"_unparsed": {"delivery_date": "ASAP"}},
        },
    ]
    case = Case(
        header={"delivery_terms": None, "payment_terms": "待定"},
        lines=lines,
        quotation={"header": {"payment_terms": "30 days net"}},
    )
    found = {(f.rule, f.line_no, f.field) for f in run(case.subject, case.context)}
    assert found == {
        ("clarity.header_missing", None, "delivery_terms"),
        ("clarity.vague", None, "payment_terms"),
        ("clarity.no_unit", 10, "unit"),
        ("clarity.vague", 10, "remarks"),
        ("capability.not_released", 20, "part_revision"),  # SH-2210 has only revision A
        ("clarity.vague", 30, "delivery_date"),
        ("clarity.two_prices", 30, "unit_price"),
        ("clarity.mixed_currencies", 30, "currency"),
        ("change.header", None, "payment_terms"),
        ("change.header", None, "delivery_terms"),
        ("change.line_changed", 10, "unit"),
        ("change.line_changed", 20, "part_revision"),
        ("change.line_changed", 20, "quantity"),
        ("change.line_changed", 20, "delivery_date"),
        ("change.line_added", 30, None),
    }


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Deliver ASAP", ["ASAP"]),
        ("revision tbd", ["TBD"]),
        ("approx. 500 pcs", ["approx."]),
        ("about 3 weeks", ["about"]),
        ("Steel 1.4301 or equivalent", ["or equivalent"]),
        ("bolts, nuts etc.", ["etc."]),
        ("数量约500件", ["约"]),
        ("交期3天左右", ["左右"]),
        ("螺栓、螺母等。", ["等"]),
        ("另行通知", ["另行通知"]),
        ("视情况而定", ["视情况"]),
        ("尽快交货,规格待定", ["尽快", "待定"]),
        # near misses: words that merely contain the characters
        ("Questions about the drawing", []),
        ("左右对称件", []),
        ("等级 A", []),
        ("合约500份", []),
        ("约束条件见图纸", []),
        ("Tolerance approval per drawing", []),
        ("Etch marking", []),
    ],
)
def test_vague_wording(text: str, terms: list[str]):
    book = default()
    assert book.vague_terms(text) == terms
    # The quick search over many texts finds the same (its hints cover every pattern).
    texts = ["Bracket", text, "交期 2026-12-01"]
    assert book.vague_in(texts) == ({1: terms} if terms else {})
    for vague in book.vague:
        for match in vague.pattern.finditer(text):
            assert any(h in match.group(0).lower() for h in vague.hints), (vague.term, match)


def test_findings_are_in_both_languages_and_belong_to_default_template_items():
    items = {i.key for i in shipped_templates()[0].items}
    case = Case(
        line={"part_revision": "D", "remarks": "ASAP", "unit": None},
        header={"delivery_terms": None},
        quotation={"line": {"quantity": D(1)}},
    )
    found = run(case.subject, case.context)
    assert len(found) >= 5
    for finding in found:
        assert finding.item in items, finding
        assert finding.messages["en"]
        assert finding.messages["zh"]
        assert finding.messages["en"] != finding.messages["zh"]
    assert all(
        rule.item in items and set(rule.items.values()) <= items
        for rule in default().rules.values()
    )


def test_fingerprints_are_stable_and_distinct():
    case = Case(line={"part_revision": "D", "remarks": "ASAP", "unit": None})
    first = [f.fingerprint for f in run(case.subject, case.context)]
    again = [f.fingerprint for f in run(case.subject, case.context)]
    assert first == again
    assert len(set(first)) == len(first)


def test_an_amendment_is_compared_with_its_previous_revision():
    case = Case()
    previous = Basis("previous", "1", HEADER, [{**LINES[0], "quantity": D(80)}, LINES[1]])
    subject = replace(case.subject, revision=2)
    found = run(subject, replace(case.context, previous=previous))
    assert [(f.rule, f.field) for f in found] == [("change.line_changed", "quantity")]
    assert "revision 1" in found[0].messages["en"]
    assert "第 1 版" in found[0].messages["zh"]
