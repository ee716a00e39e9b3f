"""Benchmark: every automatic check on a 10,000-line order against a 5,000-part catalogue.

Run: ``uv run python bench/checks.py [--lines 10000] [--parts 5000] [--runs 5]``. It makes its
own data (a realistic order: most lines clean, about one in twenty with something to find;
accepted orders loading the same parts), then measures, median of the runs:

- the checks alone (``checks.run``: clarity, capability, change against a quotation);
- the floor: one pass reading every field of every line, the least any check must do;
- reading the inputs from a database and storing the findings (``findings.run``), for scale.

Target (issue 4): all checks under 0.5 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from qms_review.core import checks
from qms_review.core.checks import Basis, Context, Part, Subject, findings
from qms_review.core.checks.rules import default
from qms_review.core.orders.revisions import (
    LINE_FIELDS,
    RevisionContent,
    add_revision,
    find_or_create_customer,
)
from qms_review.core.review import templates
from qms_review.core.store import engines
from qms_review.core.store.database import open_store
from qms_review.core.store.models import CatalogueItem
from qms_review.core.store.vocabulary import OrderKind, OrderStatus, PartStatus

START = date(2026, 11, 2)
REMARKS = ("Certificate 3.1 required", "需提供材质证明", "Pack 10 per box", None, None, None)


def catalogue(parts: int) -> dict[str, list[Part]]:
    rng = random.Random(parts)
    found: dict[str, list[Part]] = {}
    for n in range(parts):
        lead = rng.choice((10, 14, 21, 28, 35, 56))
        found[f"P-{n:05d}"] = [
            Part("A", PartStatus.OBSOLETE, lead, Decimal(10), Decimal(5000), Decimal(2000)),
            Part("B", PartStatus.RELEASED, lead, Decimal(10), Decimal(5000), Decimal(2000)),
        ]
    return found


def order_lines(count: int, parts: int) -> list[dict[str, Any]]:
    rng = random.Random(count)
    lines = []
    for n in range(1, count + 1):
        part = f"P-{rng.randrange(parts):05d}"
        quantity = Decimal(rng.choice((10, 20, 50, 100, 200)))
        price = Decimal(int(part[2:]) * 7 % 99_900 + 100) / 100  # one price per part
        line: dict[str, Any] = {
            "line_no": n * 10,
            "part_number": part,
            "part_revision": "B",
            "description": f"Machined part {part}, 6061-T6",
            "quantity": quantity,
            "unit": "pcs",
            "unit_price": price,
            "amount": quantity * price,
            "currency": None,
            "delivery_date": START + timedelta(days=60 + rng.randrange(120)),
            "drawing_number": f"DWG-{part}",
            "remarks": rng.choice(REMARKS),
            "extra": None,
        }
        if n % 20 == 0:  # about one line in twenty has something to find
            line["remarks"] = rng.choice(("Delivery ASAP", "交期尽快", "approx. 3 weeks"))
        if n % 50 == 0:
            line["part_revision"] = "A"
        lines.append(line)
    return lines


def load(lines: list[dict[str, Any]]) -> dict[str, list[tuple[date, Decimal]]]:
    found: dict[str, list[tuple[date, Decimal]]] = {}
    for line in lines[::3]:
        found.setdefault(line["part_number"], []).append((line["delivery_date"], Decimal(100)))
    return found


def floor(lines: list[dict[str, Any]]) -> int:
    seen = 0
    for line in lines:
        for name in LINE_FIELDS:
            if line.get(name) is not None:
                seen += 1
    return seen


def timed(function: Any, runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def database_run(lines: list[dict[str, Any]], parts: dict[str, list[Part]], runs: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = open_store(engines.sqlite_url(folder / "bench.sqlite3"), folder)
        templates.ensure_builtin(store)
        with store.write("bench") as session:
            session.add_all(
                CatalogueItem(
                    part_number=number,
                    revision=p.revision,
                    status=p.status,
                    lead_time_days=p.lead_time_days,
                    min_lot=p.min_lot,
                    max_lot=p.max_lot,
                    weekly_capacity=p.weekly_capacity,
                )
                for number, revisions in parts.items()
                for p in revisions
            )
            customer = find_or_create_customer(session, "Bench", "B1")
            received = datetime.combine(START, datetime.min.time(), UTC)
            accepted = add_revision(
                session,
                customer,
                OrderKind.ORDER,
                "ACCEPTED",
                RevisionContent(
                    order_date=START, received_at=received, currency="USD", lines=lines[::3]
                ),
                "bench",
            )
            accepted.order.status = OrderStatus.ACCEPTED
            revision = add_revision(
                session,
                customer,
                OrderKind.ORDER,
                "PO-BENCH",
                RevisionContent(
                    order_date=START,
                    received_at=received,
                    currency="USD",
                    delivery_terms="EXW",
                    lines=lines,
                ),
                "bench",
            )
            revision_id = revision.id
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            with store.write("bench") as session:
                findings.run(session, revision_id)
            times.append(time.perf_counter() - started)
        store.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--parts", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    parts = catalogue(args.parts)
    lines = order_lines(args.lines, args.parts)
    quotation = [dict(line) for line in lines]
    for line in quotation[::40]:
        line["unit_price"] = line["unit_price"] + 1
    subject = Subject(
        OrderKind.ORDER,
        "PO-BENCH",
        1,
        START,
        START,
        {"currency": "USD", "payment_terms": "30 days net", "delivery_terms": "FCA Suzhou"},
        lines,
    )
    context = Context(
        Basis("quotation", "Q-BENCH", dict(subject.header), quotation), None, parts, load(lines)
    )
    checks.run(subject, context)  # warm up: rule book, regular expressions
    floor_s, _ = timed(lambda: floor(lines), args.runs)
    book = default()

    def cold() -> list[Any]:
        book._seen.clear()
        return checks.run(subject, context, book)

    checks_s, found = timed(cold, args.runs)
    by_kind: dict[str, int] = {}
    for finding in found:
        by_kind[finding.kind.value] = by_kind.get(finding.kind.value, 0) + 1
    print(f"{args.lines:,} lines, {args.parts:,}-part catalogue, median of {args.runs}")
    print(
        f"  all checks        {checks_s * 1000:7.0f} ms   (target < 500 ms)  "
        f"{len(found):,} findings {by_kind}"
    )
    print(f"  floor (one pass)  {floor_s * 1000:7.0f} ms   (×{checks_s / floor_s:.1f})")
    stored_s = database_run(lines, parts, min(args.runs, 3))
    print(f"  read + check + store in SQLite (findings.run) {stored_s * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
