"""A review history for the dashboard's benchmark: orders received at a steady rate over the
years up to today, each with a review, as a busy sales office leaves them.

``generate(folder, orders)`` fills a new store in the data folder (with the user ``bench`` /
``bench-password``, as :mod:`bench.startup` does) with ``orders`` orders received over
``orders / PER_YEAR`` years up to today: about one in ten a quotation (never reviewed), one in
eight amended (two revisions, the first review superseded), the rest reviewed and decided a few
days after receipt, but the last fortnight's, which are still open or not started; a finding or
two per revision, and questions to the customer (the recent ones still open). Ten times the
orders is ten times the history at the same rate: the last twelve months hold as many orders
whatever the size of the database, which is what the dashboard's default period shows.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

#: Orders a year: 100,000 orders are five years of history, 1,000,000 fifty.
PER_YEAR = 20_000
_BATCH = 50_000


def generate(folder: Path, orders: int, seed: int = 100_000, per_year: int = PER_YEAR) -> None:
    from sqlalchemy import insert

    from qms_review.cli.context import resolve_url
    from qms_review.core.identity import users
    from qms_review.core.review import templates
    from qms_review.core.store import audit
    from qms_review.core.store.database import open_store
    from qms_review.core.store.models import (
        Clarification,
        Customer,
        Finding,
        Order,
        OrderRevision,
        Review,
        ReviewFunction,
    )
    from qms_review.core.store.vocabulary import (
        Decision,
        FindingKind,
        Function,
        OrderKind,
        OrderStatus,
        ReviewState,
        Severity,
    )

    store = open_store(resolve_url(None, {}, folder), folder)
    templates.ensure_builtin(store)
    with store.write("bench") as session:
        users.setup(session, "Bench Ltd", "bench", "Bench User", "bench-password", "bench-ca-pass")
        template_id = templates.current_id(session, "iso9001")
    rng = random.Random(seed)
    today = date.today()
    days = max(1, orders * 365 // per_year)
    functions = [Function.SALES, Function.ENGINEERING, Function.PLANNING, Function.QUALITY]
    rules = [
        ("clarity.vague", FindingKind.CLARITY),
        ("clarity.line_missing", FindingKind.CLARITY),
        ("capability.lead_time", FindingKind.CAPABILITY),
        ("change.price", FindingKind.CHANGE),
    ]
    decisions = [Decision.ACCEPTED] * 6 + [
        Decision.ACCEPTED_WITH_CONDITIONS,
        Decision.ACCEPTED_WITH_CONDITIONS,
        Decision.REFERRED_BACK,
        Decision.DECLINED,
    ]
    status_of = {
        Decision.ACCEPTED: OrderStatus.ACCEPTED,
        Decision.ACCEPTED_WITH_CONDITIONS: OrderStatus.ACCEPTED_WITH_CONDITIONS,
        Decision.REFERRED_BACK: OrderStatus.REFERRED_BACK,
        Decision.DECLINED: OrderStatus.DECLINED,
    }
    with store.write("bench") as session:
        session.execute(
            insert(Customer),
            [{"id": i + 1, "code": f"B{i:04d}", "name": f"Customer {i}"} for i in range(500)],
        )
        ids = {"revision": 0, "review": 0, "finding": 0}
        rows: dict[str, list[dict[str, Any]]] = {
            k: [] for k in ("order", "revision", "review", "function", "finding", "question")
        }

        def flush() -> None:
            for model, key in (
                (Order, "order"),
                (OrderRevision, "revision"),
                (Review, "review"),
                (ReviewFunction, "function"),
                (Finding, "finding"),
                (Clarification, "question"),
            ):
                if rows[key]:
                    session.connection().execute(model.__table__.insert(), rows[key])
                    rows[key].clear()

        for i in range(1, orders + 1):
            age = days * (orders - i) // orders  # oldest first, today's last
            received = datetime.combine(
                today - timedelta(days=age), datetime.min.time(), UTC
            ) + timedelta(hours=8, minutes=i % 480)
            kind = OrderKind.QUOTATION if i % 10 == 0 else OrderKind.ORDER
            amended = kind is not OrderKind.QUOTATION and i % 8 == 0
            revisions = 2 if amended else 1
            recent = age < 14
            decision = rng.choice(decisions) if not recent else None
            status = OrderStatus.RECEIVED
            if kind is not OrderKind.QUOTATION:
                status = status_of[decision] if decision else OrderStatus.IN_REVIEW
            not_started = recent and i % 3 == 0 and kind is not OrderKind.QUOTATION
            if not_started:
                status = OrderStatus.RECEIVED
            rows["order"].append(
                {
                    "id": i,
                    "customer_id": rng.randint(1, 500),
                    "kind": kind,
                    "number": f"PO-{i:07d}",
                    "status": status,
                    "revision_count": revisions,
                    "due_on": (received + timedelta(days=3)).date(),
                }
            )
            last_review = None
            for n in range(1, revisions + 1):
                ids["revision"] += 1
                at = received + timedelta(days=2 * (n - 1))
                rows["revision"].append(
                    {
                        "id": ids["revision"],
                        "order_id": i,
                        "number": n,
                        "order_date": at.date(),
                        "received_at": at,
                        "line_count": rng.randint(1, 40),
                        "created_by": "bench",
                    }
                )
                for f in range(rng.randint(0, 2)):
                    rule, finding_kind = rng.choice(rules)
                    ids["finding"] += 1
                    rows["finding"].append(
                        {
                            "id": ids["finding"],
                            "revision_id": ids["revision"],
                            "fingerprint": f"{ids['revision']}-{f}",
                            "rule": rule,
                            "kind": finding_kind,
                            "severity": Severity.WARNING,
                            "messages": {"en": rule},
                        }
                    )
                if kind is OrderKind.QUOTATION or not_started:
                    continue
                ids["review"] += 1
                last = n == revisions
                state = (
                    ReviewState.SUPERSEDED
                    if not last
                    else (ReviewState.DECIDED if decision else ReviewState.IN_REVIEW)
                )
                rows["review"].append(
                    {
                        "id": ids["review"],
                        "revision_id": ids["revision"],
                        "template_id": template_id,
                        "state": state,
                        "decision": decision if last else None,
                        "decided_at": at + timedelta(hours=rng.randint(4, 24 * 12))
                        if last and decision
                        else None,
                        "due_on": (at + timedelta(days=3)).date(),
                        "started_at": at + timedelta(hours=1),
                        "packs": [],
                    }
                )
                if last and not decision:
                    for function in functions:
                        rows["function"].append(
                            {"review_id": ids["review"], "function": function, "required": True}
                        )
                last_review = ids["review"]
            if i % 25 == 0 and kind is not OrderKind.QUOTATION:
                asked = received + timedelta(hours=3)
                rows["question"].append(
                    {
                        "order_id": i,
                        "review_id": last_review,
                        "question": "Which delivery date?",
                        "raised_at": asked,
                        "closed_at": None if recent else asked + timedelta(days=2),
                    }
                )
            if i % _BATCH == 0:
                flush()
        flush()
        change = audit.Change("insert", "benchmark", None, {"orders": orders})
        audit.record(session, change)
    store.close()
