"""Small helpers shared by the core tests."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import openpyxl

from qms_review.core.orders import catalogue
from qms_review.core.review import checklists
from qms_review.core.store.database import Store
from qms_review.core.store.models import Customer

#: Audit events of a new database: its identity, then one per built-in checklist template.
START_EVENTS = 1 + len(checklists.builtin_files())


def tamper(path: Path, *statements: str) -> None:
    """Change the database file the way an attacker with file access would: triggers off."""
    with closing(sqlite3.connect(path)) as conn:
        names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for (name,) in names:
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in statements:
            conn.execute(statement)
        conn.commit()


def add_customers(store: Store, count: int, actor: str = "tester") -> None:
    """``count`` customers, written in one unit of work."""
    with store.write(actor) as session:
        for index in range(count):
            session.add(Customer(name=f"Customer {index}", code=f"C{index:04d}"))


def counts(path: Path) -> dict[str, int]:
    """Row counts of every table, to show that a failed command changed nothing."""
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def concurrent_writers(store: Store, writers: int = 3, each: int = 15) -> list[BaseException]:
    """``writers`` threads each writing ``each`` customers, one unit of work apiece; the errors."""
    import threading

    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            for i in range(each):
                with store.write(name) as session:
                    session.add(Customer(name=f"{name} {i}"))
        except BaseException as exc:  # pragma: no cover - reported to the test
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(f"w{n}",)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def add_part(store: Store, **values: object) -> int:
    """A catalogue part (P-1 revision A, 10 days' lead time unless ``values`` say otherwise),
    saved by quality; its id."""
    with store.write("quality") as session:
        return catalogue.save(
            session, None, {"part_number": "P-1", "revision": "A", "lead_time_days": 10, **values}
        )


def catalogue_file(path: Path, rows: list[list[object]]) -> Path:
    """A capability catalogue workbook at ``path``: a title row, the Chinese headers a
    customer's ERP export has, then ``rows``."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Parts"
    sheet.append(["Capability catalogue", None, None])
    sheet.append(
        [
            "物料编码",
            "版本",
            "状态",
            "描述",
            "生产周期(天)",
            "最小批量",
            "最大批量",
            "周产能",
            "工艺",
        ]
    )
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path
