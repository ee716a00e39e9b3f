"""Benchmark: how fast the command line answers ``--version`` and ``--help``.

Run: ``uv run python bench/cli_start.py [--runs 15]``. It starts fresh processes of this
environment's Python (``sys.executable``, not ``uv run``, whose own start would swamp the
figure) in an empty temporary data folder: the floor (``python -c pass``), then
``python -m qms_review --version`` and ``--help``, interleaved so that load on the machine
falls on all three alike, and prints each median beside the floor. Target (issue 11): both
under 100 ms, which the command line reaches by importing a command's module (and SQLAlchemy,
Qt, pyHanko…) only when that command is chosen. Exits 1 on a miss.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_MS = 100.0

CASES = {
    "python -c pass (floor)": ["-c", "pass"],
    "qms-review --version": ["-m", "qms_review", "--version"],
    "qms-review --help": ["-m", "qms_review", "--help"],
}


def once(args: list[str], env: dict[str, str]) -> float:
    """Milliseconds from starting the process to its exit."""
    began = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True)
    return (time.perf_counter() - began) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qms-bench-") as folder:
        env = {**os.environ, "QMS_REVIEW_DATA_DIR": folder}
        env.pop("QMS_REVIEW_DATABASE", None)
        for case in CASES.values():  # warm the file cache and the bytecode
            once(case, env)
        times: dict[str, list[float]] = {name: [] for name in CASES}
        for _ in range(args.runs):
            for name, case in CASES.items():
                times[name].append(once(case, env))
    medians = {name: statistics.median(found) for name, found in times.items()}
    floor = medians["python -c pass (floor)"]
    print(f"median of {args.runs} runs, {sys.executable}")
    missed = False
    for name, median in medians.items():
        if name.startswith("python"):
            print(f"  {name:<24} {median:6.1f} ms")
            continue
        ok = median < TARGET_MS
        missed = missed or not ok
        print(
            f"  {name:<24} {median:6.1f} ms   floor {floor:5.1f} ms   ×{median / floor:.1f}"
            f"   target < {TARGET_MS:.0f} ms   {'OK' if ok else 'MISSED'}"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
