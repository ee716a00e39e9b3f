"""Benchmark: the dashboard's first paint with 100,000 orders, beside the register's start-up in
the same run; with ``--growth`` the same at ten times the data (1,000,000 orders).

Run: ``uv run python bench/dashboard.py [--orders N] [--runs R] [--growth] [--per-year N]``.
Each size gets its own database in a temporary folder (:mod:`bench.history`: orders at a steady
20,000 a year by default, each reviewed and decided, the last fortnight's open). In this process, the main window is
built, shown and its register's first page painted (the floor), then View → Dashboard is
triggered and timed until its figures are painted (default period: the last 12 months).
Targets (issues 15 and 16): the dashboard painted in < 300 ms at 100,000 orders; at ten times
the history, ≤ 1.5× its time at 1× (the register's ratio is printed beside it). Each figure is
printed with its floor and ratio on one line; a missed target exits 1.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import history  # bench/history.py, beside this script

TARGET_MS = 300
GROWTH = 1.5


def measure(folder: Path, runs: int) -> tuple[float, float]:
    """Median milliseconds: (register start-up to its first painted page, dashboard from its
    action to its painted figures)."""
    from qms_review.cli.context import resolve_url
    from qms_review.core.store.database import open_store
    from qms_review.gui.app import application
    from qms_review.gui.dashboard import DashboardWindow
    from qms_review.gui.i18n import Languages
    from qms_review.gui.main_window import MainWindow

    app = application()
    store = open_store(resolve_url(None, {}, folder), folder)
    registers, dashboards = [], []
    for _ in range(runs + 1):  # the first warms the file cache and the imports
        began = time.perf_counter()
        window = MainWindow(store, Languages(app), folder, "bench")
        window.resize(1366, 768)
        window.show()
        window.refresh()
        window.table.viewport().repaint()
        app.processEvents()
        registers.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        window.act_dashboard.trigger()
        found = window.findChild(DashboardWindow)
        assert found is not None
        assert found.figures is not None
        found.repaint()
        app.processEvents()
        dashboards.append((time.perf_counter() - began) * 1000)
        assert found.figures.orders > 0, "no order in the default period"
        found.close()
        found.deleteLater()
        window.close()
        window.deleteLater()
        app.processEvents()
    store.close()
    return statistics.median(registers[1:]), statistics.median(dashboards[1:])


def report(what: str, figure: float, floor: float, unit: str, target: str, met: bool) -> bool:
    ratio = figure / floor if floor else float("inf")
    print(
        f"{what:<34} {figure:8.1f} {unit}   floor {floor:8.1f} {unit}   ratio {ratio:5.2f}×"
        f"   target {target}   {'OK' if met else 'MISSED'}"
    )
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--growth", action="store_true", help="also at ten times the orders")
    parser.add_argument(
        "--per-year",
        type=int,
        default=history.PER_YEAR,
        help="orders received a year (the default period, 12 months, holds as many)",
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sizes = [args.orders, args.orders * 10] if args.growth else [args.orders]
    found: dict[int, tuple[float, float]] = {}
    for orders in sizes:
        folder = Path(tempfile.mkdtemp(prefix="qms-bench-dashboard-"))
        made = time.perf_counter()
        history.generate(folder, orders, per_year=args.per_year)
        years = orders / args.per_year
        print(
            f"generated {orders:,} orders ({years:g} years) in"
            f" {time.perf_counter() - made:.0f} s ({folder})"
        )
        found[orders] = measure(folder, args.runs)
    ok = True
    register, dashboard = found[args.orders]
    ok &= report(
        f"dashboard painted, {args.orders:,}",
        dashboard,
        register,
        "ms",
        f"< {TARGET_MS} ms (floor: the register's start-up)",
        dashboard < TARGET_MS,
    )
    if args.growth:
        big: Any = found[args.orders * 10]
        ratio = big[1] / dashboard
        ok &= report(
            "dashboard painted, 10× the history",
            big[1],
            dashboard,
            "ms",
            f"≤ {GROWTH}× (floor: the same at 1×)",
            ratio <= GROWTH,
        )
        report(
            "register start-up, 10× the history",
            big[0],
            register,
            "ms",
            "(beside it; issue 16's register figures: bench/startup.py)",
            True,
        )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
