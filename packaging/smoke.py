"""Build the desktop bundle and try it as a user would: ``uv run python packaging/smoke.py``.

Builds ``dist/qms-review`` with PyInstaller (``build.spec``; ``--no-build`` tries the one there),
reports its size and largest parts, then runs the bundled program on a fresh data folder:
``--version``, ``demo``, ``guide``, ``record make`` and ``verify`` of a demo order, an import
``--dry-run`` of a generated spreadsheet, and the desktop program itself offscreen (it must reach
the login and stay up). Exits non-zero at the first step that fails, saying which. CI runs it
when ``QMS_REVIEW_BUNDLE=1`` (``.ci/run``): the build takes a few minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "qms-review"
PROGRAM = BUNDLE / ("qms-review.exe" if sys.platform == "win32" else "qms-review")
DECIDED = "采购-20261102-3"  # a decided review of the demo
#: who signed that review, in the order of the record's signature fields (the approver last)
SIGNERS = (
    "sales",
    "engineering",
    "production",
    "planning",
    "purchasing",
    "quality",
    "finance",
    "approver",
)
GUI_SECONDS = 8


def build() -> None:
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    subprocess.run(["uv", "sync", "--locked", "--group", "build"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        ["uv", "run", "--group", "build", "pyinstaller", "build.spec", "--noconfirm"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def report_size() -> None:
    parts = sorted(
        (
            (size(p) if p.is_dir() else p.stat().st_size, p.name)
            for p in (BUNDLE / "_internal").iterdir()
        ),
        reverse=True,
    )
    print(f"bundle: {size(BUNDLE) / 2**20:.0f} MB in {BUNDLE.relative_to(ROOT)}")
    for bytes_, name in parts[:6]:
        print(f"  {bytes_ / 2**20:6.1f} MB  {name}")


def run(
    step: str, *args: str, env: dict[str, str], expect: str | None = None, answer: str = ""
) -> str:
    done = subprocess.run(
        [str(PROGRAM), *args], env=env, input=answer, capture_output=True, text=True
    )
    out = done.stdout + done.stderr
    if done.returncode != 0 or (expect is not None and expect not in out):
        print(f"FAILED: {step}: exit {done.returncode}\n{out}")
        raise SystemExit(1)
    print(f"ok: {step}")
    return out


def spreadsheet(folder: Path) -> Path:
    path = folder / "order.csv"
    path.write_text(
        "PO No.: SMOKE-1\nCustomer: Smoke Test Ltd\nOrder date: 2026-11-30\nCurrency: EUR\n\n"
        "Line,Part number,Description,Quantity,Unit,Unit price,Delivery date\n"
        "1,SMK-1,Bracket,10,pcs,3.50,2027-01-15\n",
        encoding="utf-8",
    )
    return path


def gui(env: dict[str, str], folder: Path) -> None:
    """The program starts offscreen and waits at the login (a crash ends it early)."""
    started = subprocess.Popen(
        [str(PROGRAM)],
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    time.sleep(GUI_SECONDS)
    alive = started.poll() is None
    started.kill()
    out = started.communicate()[0]
    log = folder / "logs" / "qms-review.log"
    logged = log.read_text(encoding="utf-8") if log.exists() else ""
    if not alive or "starting" not in logged or "Traceback" in logged:
        print(f"FAILED: desktop program: alive={alive}\n{out}\n{logged}")
        raise SystemExit(1)
    print(f"ok: desktop program up at the login after {GUI_SECONDS} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="try the bundle already built")
    args = parser.parse_args()
    if not args.no_build:
        build()
    if not PROGRAM.exists():
        print(f"FAILED: no bundle at {PROGRAM}")
        return 1
    report_size()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("QMS_REVIEW_", "VIRTUAL_ENV", "PYTHON"))
        }
        env.update({"QMS_REVIEW_DATA_DIR": str(folder), "LANG": "C.UTF-8"})
        run("--version", "--version", env=env, expect="qms-review ")
        run("demo", "demo", env=env)
        run("guide", "guide", "review", env=env, expect="# Reviewing an order")
        record = Path(tmp) / "record.pdf"
        run("record make", "record", "make", DECIDED, env=env)
        for login in SIGNERS:
            record.unlink(missing_ok=True)  # each signature's state is kept; this is the last
            run(
                f"record sign --as {login}",
                *("record", "sign", DECIDED, "--as", login, "--output", str(record)),
                env=env,
                answer=f"{login}-demo\n",
            )
        run("verify", "verify", str(record), env=env)
        run("import --dry-run", "import", str(spreadsheet(Path(tmp))), "--dry-run", env=env)
        gui(env, folder)
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
