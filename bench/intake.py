"""Benchmark: importing 10,000- and 100,000-line orders end to end, beside the raw parse floor.

Run: ``uv run python bench/intake.py [--sizes 10000 100000] [--runs 3]``. It writes its own
workbooks (a header block, Chinese headers, realistic values), then in fresh processes measures
the floor (python-calamine reading every cell) and the import (read, find, map, validate, store
in one transaction into a new database), each with its peak memory.
Targets (issue 3): 10k lines < 1 s; 100k lines < 3 s and < 4× the floor; peak < 500 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

FLOOR = """
import json, sys, time
t = time.perf_counter()
import python_calamine as pc
book = pc.CalamineWorkbook.from_path(sys.argv[1])
rows = sum(len(book.get_sheet_by_name(n).to_python()) for n in book.sheet_names)
elapsed = time.perf_counter() - t
hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0]
print(json.dumps({"seconds": elapsed, "rows": rows, "mb": int(hwm) / 1024}))
"""

IMPORT = """
import json, sys, time
from pathlib import Path
t = time.perf_counter()
from qms_review.core.intake import analysis
from qms_review.core.review import amendments, templates
from qms_review.core.store import engines
from qms_review.core.store.database import open_store
folder = Path(sys.argv[2])
store = open_store(engines.sqlite_url(folder / "bench.sqlite3"), folder)
templates.ensure_builtin(store)
opened = time.perf_counter()
plan = analysis.analyse(Path(sys.argv[1]))
assert plan.ok, [i.message() for i in plan.errors][:5]
analysed = time.perf_counter()
result = amendments.import_orders(store, plan, "bench")[0]
done = time.perf_counter()
hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0]
print(json.dumps({"seconds": done - opened, "analyse": analysed - opened, "store": done - analysed,
                  "lines": result.lines, "mb": int(hwm) / 1024}))
"""


def make(path: Path, lines: int) -> Path:
    import openpyxl

    rng = random.Random(lines)
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("采购订单")
    ws.append(["深圳华强精密机械有限公司 采购订单"])
    ws.append([])
    ws.append(["客户:", "深圳华强精密机械有限公司", None, "订单号:", f"PO-BENCH-{lines}"])
    ws.append(["订单日期:", date(2026, 11, 20), None, "币种:", "CNY"])
    ws.append([])
    ws.append(
        ["序号", "物料编码", "版本", "品名", "数量", "单位", "单价", "金额", "交期", "图号", "备注"]
    )
    start = date(2027, 1, 1)
    for n in range(1, lines + 1):
        qty = rng.randint(1, 5000)
        price = round(rng.uniform(0.5, 900), 2)
        ws.append(
            [
                n * 10,
                f"P-{n:06d}",
                rng.choice("ABCD"),
                f"零件 {n}",
                qty,
                "件",
                price,
                round(qty * price, 2),
                start + timedelta(days=rng.randint(0, 365)),
                f"DWG-{n:06d}",
                rng.choice([None, None, "需提供材质证明", "Pack 10 per box"]),
            ]
        )
    book.save(path)
    return path


def run(script: str, *args: str) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="qms-intake-bench-"))
    for size in args.sizes:
        path = make(work / f"order-{size}.xlsx", size)
        run(FLOOR, str(path))  # warm the file cache and the bytecode
        floors = [run(FLOOR, str(path)) for _ in range(args.runs)]
        imports = []
        for n in range(args.runs):
            folder = work / f"db-{size}-{n}"
            folder.mkdir()
            imports.append(run(IMPORT, str(path), str(folder)))
        assert all(i["lines"] == size for i in imports)
        floor = statistics.median(f["seconds"] for f in floors)
        total = statistics.median(i["seconds"] for i in imports)
        target = 1.0 if size <= 10_000 else 3.0
        ratio_ok = size <= 10_000 or total < 4 * floor
        peak = max(i["mb"] for i in imports)
        print(
            f"{size:>7,} lines  import {total:6.2f} s (analyse {statistics.median(i['analyse'] for i in imports):.2f}"
            f" + store {statistics.median(i['store'] for i in imports):.2f})   floor {floor:5.2f} s"
            f"   ×{total / floor:4.1f}   peak {peak:4.0f} MB (floor {max(f['mb'] for f in floors):.0f})"
            f"   target < {target:.0f} s{', < 4× floor' if size > 10_000 else ''}, < 500 MB   "
            f"{'OK' if total < target and ratio_ok and peak < 500 else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
