"""Benchmark: review record PDFs for a 200-line and a 2,000-line order with the whole default
checklist answered and signed, beside the floor (reportlab drawing the same number of table
rows with no data behind them).

Run: ``uv run python bench/records.py [--runs 5]``. Targets: 200 lines under 0.5 s, 2,000
lines under 3 s (issue 7); each signature of the decided 200-line review's record, in the
template's order, under 0.3 s (issue 13: PAdES B-LT — password check with real argon2id
parameters, key unlocked, appearance drawn, signature with a timestamp from the
organisation's own TSA, then the CA certificate and revocation list added to the DSS).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from qms_review.core import demo
from qms_review.core.demo import reviews
from qms_review.core.identity import authentication, users
from qms_review.core.orders.revisions import RevisionContent, add_revision, find_or_create_customer
from qms_review.core.records import archive, pades, rendering, signers
from qms_review.core.review import actions, progress, templates
from qms_review.core.store import engines
from qms_review.core.store.database import open_store
from qms_review.core.store.models import Review
from qms_review.core.store.vocabulary import Answer, Decision, OrderKind


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


def decide(store: object, review: int) -> None:
    """Findings dispositioned, every section signed, submitted and decided (as the demo does):
    a record that may be signed."""
    with store.write("bench") as session:  # type: ignore[attr-defined]
        approver = users.find(session, "approver")
        reviews._dispose(session, review)
        reviews._sign(session, review)
        actions.submit(session, approver, review)
        actions.decide_in_session(
            session, approver, demo.password_of("approver"), review, Decision.ACCEPTED, None
        )


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
    parser.add_argument("--quick", action="store_true", help="the 200-line order only")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="qms-records-bench-"))
    store = open_store(engines.sqlite_url(folder / "bench.sqlite3"), folder)
    templates.ensure_builtin(store)
    demo.load(store, "bench")
    rendering.font()  # registered once per process, like in the program
    for lines, target in ((200, 0.5), (2000, 3.0))[: 1 if args.quick else 2]:
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
            decide(store, review)
            with store.write("bench") as session:
                started = time.perf_counter()
                made = archive.generate(session, review, "zh_CN")
                unsigned = time.perf_counter() - started
                logins = signers.in_order(session, review)
            signing_times, checks = [], []
            for login in logins:
                started = time.perf_counter()
                authentication.check_password(store, login, demo.password_of(login), "bench")
                checks.append(time.perf_counter() - started)
                started = time.perf_counter()
                row = pades.sign(store, login, demo.password_of(login), review, "Reviewed")
                signing_times.append(time.perf_counter() - started)
            each = statistics.median(signing_times)
            check = statistics.median(checks)
            print(
                f"  decided: unsigned record {unsigned * 1000:6.0f} ms "
                f"({made.pages_bytes / 1024:.0f} KiB); each signature, B-LT with timestamp and "
                f"validation data ({len(logins)} in turn, {len(row.pdf) / 1024:.0f} KiB signed): "
                f"median {each * 1000:.0f} ms (max {max(signing_times) * 1000:.0f} ms), of which "
                f"the password check (argon2id) {check * 1000:.0f} ms, the rest "
                f"{(each - check) * 1000:.0f} ms   target < 300 ms   "
                f"{'OK' if each < 0.3 else 'MISSED'}"
            )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} (2 cores)")


if __name__ == "__main__":
    main()
