"""The truncation message names the first event that is missing, in both languages."""

from __future__ import annotations

from pathlib import Path

from qms_review.core.store.database import Store, open_store
from tests.core.helpers import add_customers, tamper


def test_the_truncation_message_names_the_first_missing_event(store: Store, url: str, folder: Path):
    add_customers(store, 10)
    last = store.verify_audit().head.seq
    store.close()
    tamper(folder / "qms-review.sqlite3", "DELETE FROM audit_events WHERE seq > 8")
    reopened = open_store(url, folder)
    try:
        report = reopened.verify_audit()
    finally:
        reopened.close()
    assert report.bad_seq == 9
    assert report.message("en") == (
        "Event 9 and every later one are missing: the trail was truncated "
        f"(this computer recorded events up to {last})."
    )
    assert report.message("zh_CN").startswith("第 9 条及其后的事件缺失")
