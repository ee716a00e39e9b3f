"""Benchmark: review record PDFs for a 200-line and a 2,000-line order with the whole default
checklist answered and signed, beside the floor (reportlab drawing the same number of table
rows with no data behind them).

Run: ``uv run python bench/archive.py [--runs 5]``. Targets (issue 7): 200 lines under 0.5 s,
2,000 lines under 3 s, each signature under 0.2 s (password check with real argon2id
parameters, key unlocked, appearance drawn, PAdES signature written).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from qms_review.core import demo
from qms_review.core.identity import users
from qms_review.core.orders.revisions import RevisionContent, add_revision, find_or_create_customer
from qms_review.core.records import archive, pades, rendering
from qms_review.core.review import actions, progress, templates
from qms_review.core.store import engines
from qms_review.core.store.database import open_store
from qms_review.core.store.models import Review
from qms_review.core.store.vocabulary import Answer, OrderKind


def order(store: object, lines: int) -> int:
    from datetime import date, timedelta

    with store.write("bench") as session:  # type: ignore[attr-defined]
        customer = find_or_create_customer(session, "深圳华强精密机械有限公司", "C-2001")
        body = [
            {
                "line_no": n * 10,
                "part_number": f"P-{n:05d}",
                "part_revision": "A",
                "description": f"液压阀块 Hydraulic block {n}",
                "quantity": Decimal(10 + n % 90),
                "unit": "件",
                "unit_price": Decimal("86.40"),
                "amount": Decimal(10 + n % 90) * Decimal("86.40"),
                "delivery_date": date(2027, 1, 4) + timedelta(days=n % 200),
            }
            for n in range(1, lines + 1)
        ]
        revision = add_revision(
            session,
            customer,
            OrderKind.ORDER,
            f"BENCH-{lines}",
            RevisionContent(currency="CNY", lines=body),
            "bench",
        )
        sales = users.find(session, "sales")
        review = actions.start(session, sales, revision.order_id)
        template = actions.template_of(session, session.get(Review, review))
        have = progress.facts(session, session.get(Review, review))
        for section in template.sections:
            if section.function == "approver":
                continue
            person = users.find(session, section.function)
            for item in section.items:
                if item.applies(have):
                    actions.answer(session, person, review, item.key, Answer.YES, "checked")
        return review


def floor(rows: int) -> float:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table

    started = time.perf_counter()
    table = Table([[str(n)] * 9 for n in range(rows)], repeatRows=1)
    SimpleDocTemplate(io.BytesIO(), pagesize=A4).build([table])
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="qms-records-bench-"))
    store = open_store(engines.sqlite_url(folder / "bench.sqlite3"), folder)
    templates.ensure_builtin(store)
    demo.load(store, "bench")
    rendering.font()  # registered once per process, like in the program
    for lines, target in ((200, 0.5), (2000, 3.0)):
        review = order(store, lines)
        times = []
        for _ in range(args.runs):
            with store.write("bench") as session:
                started = time.perf_counter()
                made = archive.generate(session, review, "zh_CN")
                times.append(time.perf_counter() - started)
        median = statistics.median(times)
        base = statistics.median(floor(lines + 40) for _ in range(args.runs))
        print(
            f"{lines:>5,} lines + checklist  record {median * 1000:6.0f} ms  "
            f"({made.pages_bytes / 1024:5.0f} KiB)   floor {base * 1000:5.0f} ms   "
            f"target < {target * 1000:.0f} ms   {'OK' if median < target else 'MISSED'}"
        )
        if lines == 200:
            signing_times = []
            for login in ("sales", "engineering", "quality", "approver"):
                started = time.perf_counter()
                pades.sign(store, login, demo.password_of(login), review, "Reviewed")
                signing_times.append(time.perf_counter() - started)
            each = statistics.median(signing_times)
            print(
                f"  each signature (4 in turn) {each * 1000:6.0f} ms   target < 200 ms   "
                f"{'OK' if each < 0.2 else 'MISSED'}"
            )


if __name__ == "__main__":
    main()
