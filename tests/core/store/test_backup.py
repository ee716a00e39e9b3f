"""Backups are consistent while a writer is active; restores check before they change anything."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qms_review.core.messages import QmsError
from qms_review.core.store import backup, engines
from qms_review.core.store.database import Store, open_store
from qms_review.core.store.models import Customer
from tests.core.helpers import START_EVENTS, add_customers, counts


def test_round_trip_while_a_writer_is_active(store: Store, url: str, folder: Path, tmp_path: Path):
    add_customers(store, 5)
    stop = threading.Event()
    written = [0]

    def writer() -> None:
        while not stop.is_set():
            with store.write("writer") as session:
                session.add(Customer(name=f"Live {written[0]}"))
            written[0] += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while written[0] < 20:
            stop.wait(0.01)
        target = backup.backup(store, tmp_path / "copy.sqlite3")
        while written[0] < 40:
            stop.wait(0.01)
    finally:
        stop.set()
        thread.join()

    copy = open_store(engines.sqlite_url(target), folder)
    try:
        report = copy.verify_audit()
        assert report.ok, report.message()
        with copy.read() as session:
            in_copy = session.scalar(select(func.count()).select_from(Customer))
    finally:
        copy.close()
    assert 5 + 20 <= in_copy < 5 + written[0]
    # events in the copy: the first ones, one per customer
    assert report.count == START_EVENTS + in_copy

    store.close()
    kept = backup.restore(url, folder, target, "admin")
    assert kept is not None
    assert kept.exists()
    restored = open_store(url, folder)
    try:
        with restored.read() as session:
            assert session.scalar(select(func.count()).select_from(Customer)) == in_copy
        report = restored.verify_audit()
        assert report.ok, report.message()
        assert report.count == START_EVENTS + in_copy + 1  # + the restore itself
    finally:
        restored.close()


def test_backup_refuses_an_existing_target(store: Store, tmp_path: Path):
    target = tmp_path / "exists.sqlite3"
    target.write_text("precious")
    with pytest.raises(QmsError) as caught:
        backup.backup(store, target)
    assert caught.value.key == "error.backup_target_exists"
    assert target.read_text() == "precious"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not a QMS Review database"),
        (b"this is not a database at all" * 100, "not an SQLite database"),
    ],
)
def test_restore_refuses_bad_files(
    store: Store, url: str, folder: Path, tmp_path: Path, content, reason
):
    add_customers(store, 3)
    store.close()
    live = folder / "qms-review.sqlite3"
    before = counts(live)
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(content)
    with pytest.raises(QmsError, match=reason):
        backup.restore(url, folder, bad, "admin")
    assert counts(live) == before
    assert not (folder / "backups").exists()


def test_restore_refuses_a_newer_backup(store: Store, url: str, folder: Path, tmp_path: Path):
    target = backup.backup(store, tmp_path / "newer.sqlite3")
    with closing(sqlite3.connect(target)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    with pytest.raises(QmsError, match="newer version"):
        backup.restore(url, folder, target, "admin")


def test_restore_refuses_another_key(store: Store, url: str, folder: Path, tmp_path: Path):
    other_folder = tmp_path / "other"
    other = open_store(engines.sqlite_url(tmp_path / "other.sqlite3"), other_folder)
    target = backup.backup(other, tmp_path / "foreign.sqlite3")
    other.close()
    with pytest.raises(QmsError, match="another audit key"):
        backup.restore(url, folder, target, "admin")


def test_backup_of_postgres_is_refused_with_advice(folder: Path, tmp_path: Path):
    with pytest.raises(QmsError) as caught:
        backup.restore("postgresql+psycopg://u@localhost/db", folder, tmp_path / "x", "admin")
    assert "pg_dump" in caught.value.message()
