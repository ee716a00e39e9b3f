"""A small review history with known figures, for the statistics and the management report."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

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


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=UTC)


def make_history(store: Store) -> Store:
    """Nine orders of two customers over three months, with reviews in every state, findings
    and questions: the figures each test expects are worked out by hand beside it."""
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
