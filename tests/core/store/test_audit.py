"""Every write is audited in its transaction, and any tampering names the first bad event."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DatabaseError

from qms_review.core.messages import QmsError
from qms_review.core.orders.revisions import RevisionContent, add_revision, find_or_create_customer
from qms_review.core.store import audit, engines
from qms_review.core.store.database import Store, open_store
from qms_review.core.store.models import AuditEvent, Customer
from qms_review.core.store.vocabulary import OrderKind
from tests.core.helpers import START_EVENTS, add_customers, concurrent_writers, tamper


def _events(store: Store) -> list[AuditEvent]:
    with store.read() as session:
        return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))


def test_insert_update_delete_are_recorded_with_old_and_new(store: Store):
    with store.write("alice") as session:
        session.add(Customer(name="Acme", code="A1"))
    with store.write("bob") as session:
        customer = session.scalars(select(Customer)).one()
        customer.name = "Acme Ltd"
    with store.write("carol") as session:
        session.delete(session.scalars(select(Customer)).one())
    # The program's own first events: the database's identity and the built-in templates.
    events = [e for e in _events(store) if e.actor != "system"]
    assert [(e.actor, e.action, e.entity) for e in events] == [
        ("alice", "insert", "customers"),
        ("bob", "update", "customers"),
        ("carol", "delete", "customers"),
    ]
    assert json.loads(events[0].changes)["name"] == [None, "Acme"]
    assert json.loads(events[1].changes) == {"name": ["Acme", "Acme Ltd"]}
    assert json.loads(events[2].changes)["code"] == ["A1", None]
    assert store.verify_audit().ok


def test_failed_unit_of_work_leaves_no_event(store: Store):
    before = len(_events(store))
    with pytest.raises(RuntimeError), store.write("alice") as session:
        session.add(Customer(name="Ghost"))
        session.flush()
        raise RuntimeError("the user cancelled")
    assert len(_events(store)) == before
    with store.read() as session:
        assert session.scalars(select(Customer)).all() == []


def test_a_read_session_cannot_write(store: Store):
    with pytest.raises(audit.MissingActor), store.read() as session:
        session.add(Customer(name="Sneaky"))
        session.flush()


def test_bulk_lines_are_covered_by_one_digest_event(store: Store):
    lines = [{"part_number": f"P{i}", "quantity": i + 1} for i in range(50)]
    with store.write("alice") as session:
        customer = find_or_create_customer(session, "深圳华强精密机械有限公司", "C-2001")
        add_revision(
            session, customer, OrderKind.ORDER, "PO-1", RevisionContent(lines=lines), "alice"
        )
    line_events = [e for e in _events(store) if e.entity == "order_lines"]
    assert len(line_events) == 1
    assert json.loads(line_events[0].changes)["count"] == 50
    assert store.verify_audit().ok


@pytest.mark.parametrize("table", ["audit_events"])
def test_triggers_refuse_update_and_delete(store: Store, table: str):
    add_customers(store, 1)
    with pytest.raises(DatabaseError, match="append-only"), store.engine.begin() as conn:
        conn.execute(text(f"UPDATE {table} SET actor = 'mallory'"))
    with pytest.raises(DatabaseError, match="append-only"), store.engine.begin() as conn:
        conn.execute(text(f"DELETE FROM {table}"))
    with pytest.raises(DatabaseError, match="append-only"), store.write("x") as session:
        session.execute(update(AuditEvent).values(actor="mallory"))
    with pytest.raises(DatabaseError, match="append-only"), store.write("x") as session:
        session.execute(delete(AuditEvent))


def test_concurrent_writers_keep_one_chain(store: Store):
    """Writing units of work take SQLite's write lock at BEGIN, so appends never interleave."""
    errors = concurrent_writers(store)
    assert errors == []
    report = store.verify_audit()
    assert report.ok, report.message()
    assert report.count == START_EVENTS + 45


def test_key_file_is_private(store: Store, folder: Path):
    mode = stat.S_IMODE(os.stat(folder / "audit.key").st_mode)
    assert mode == 0o600


# --- tampering -------------------------------------------------------------------------------


@pytest.fixture
def trail(store: Store, folder: Path) -> Path:
    """A store with its first events and 10 customers' (seq 1..15), closed for tampering."""
    add_customers(store, 10)
    assert store.verify_audit().count == START_EVENTS + 10 == 15
    store.close()
    return folder / "qms-review.sqlite3"


def _reopen(url: str, folder: Path) -> audit.Report:
    store = open_store(url, folder)
    try:
        return store.verify_audit()
    finally:
        store.close()


def test_edit_is_detected(trail: Path, url: str, folder: Path):
    tamper(
        trail,
        "UPDATE audit_events SET changes = replace(changes, 'Customer 0', 'Customer X') WHERE seq = 6",
    )
    report = _reopen(url, folder)
    assert (report.ok, report.bad_seq, report.problem.key) == (False, 6, "audit.altered")
    assert "Event 6" in report.message()


def test_edit_of_the_actor_is_detected(trail: Path, url: str, folder: Path):
    tamper(trail, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 3")
    report = _reopen(url, folder)
    assert (report.bad_seq, report.problem.key) == (3, "audit.altered")


def test_delete_is_detected(trail: Path, url: str, folder: Path):
    tamper(trail, "DELETE FROM audit_events WHERE seq = 4")
    report = _reopen(url, folder)
    assert (report.bad_seq, report.problem.key) == (4, "audit.missing")


def test_delete_of_the_first_event_is_detected(trail: Path, url: str, folder: Path):
    tamper(trail, "DELETE FROM audit_events WHERE seq = 1")
    report = _reopen(url, folder)
    assert (report.bad_seq, report.problem.key) == (1, "audit.missing")


def test_insert_is_detected(trail: Path, url: str, folder: Path):
    # The forger shifts later events up to make room, then writes a plausible event at seq 5.
    tamper(
        trail,
        "UPDATE audit_events SET seq = seq + 100 WHERE seq >= 5",
        "UPDATE audit_events SET seq = seq - 99 WHERE seq >= 105",
        "INSERT INTO audit_events (seq, at, actor, action, entity, entity_id, changes, prev_mac, mac) "
        "SELECT 5, at, 'mallory', 'insert', 'customers', '99', '{}', mac, mac FROM audit_events WHERE seq = 4",
    )
    report = _reopen(url, folder)
    assert report.bad_seq == 5
    assert report.problem.key in {"audit.altered", "audit.out_of_order"}


def test_reorder_is_detected(trail: Path, url: str, folder: Path):
    tamper(
        trail,
        "UPDATE audit_events SET seq = -1 WHERE seq = 7",
        "UPDATE audit_events SET seq = 7 WHERE seq = 8",
        "UPDATE audit_events SET seq = 8 WHERE seq = -1",
    )
    report = _reopen(url, folder)
    assert (report.bad_seq, report.problem.key) == (7, "audit.out_of_order")


def test_swapped_contents_are_detected(trail: Path, url: str, folder: Path):
    tamper(
        trail,
        "CREATE TABLE t AS SELECT * FROM audit_events WHERE seq IN (7, 8)",
        "UPDATE audit_events SET changes = (SELECT changes FROM t WHERE seq = 8), "
        "mac = (SELECT mac FROM t WHERE seq = 8) WHERE seq = 7",
        "UPDATE audit_events SET changes = (SELECT changes FROM t WHERE seq = 7), "
        "mac = (SELECT mac FROM t WHERE seq = 7) WHERE seq = 8",
    )
    report = _reopen(url, folder)
    assert (report.bad_seq, report.problem.key) == (7, "audit.altered")


def test_truncation_is_detected(trail: Path, url: str, folder: Path):
    tamper(trail, "DELETE FROM audit_events WHERE seq > 8")
    report = _reopen(url, folder)
    assert (report.bad_seq, report.problem.key) == (9, "audit.truncated")
    assert "15" in report.message()


def test_a_recomputed_chain_without_the_key_is_detected(trail: Path, url: str, folder: Path):
    """A forger who recomputes every MAC with a guessed key still fails."""
    import sqlite3
    from contextlib import closing

    tamper(trail)
    wrong = b"\x00" * 32
    with closing(sqlite3.connect(trail)) as conn:
        prev = audit.GENESIS
        rows = conn.execute(
            "SELECT id, seq, at, actor, action, entity, entity_id, changes FROM audit_events ORDER BY seq"
        ).fetchall()
        for rid, seq, at, actor, action, entity, entity_id, changes in rows:
            from datetime import datetime

            mac = audit.event_mac(
                wrong,
                seq=seq,
                at=datetime.fromisoformat(at),
                actor=actor,
                action=action,
                entity=entity,
                entity_id=entity_id,
                changes=changes,
                prev_mac=prev,
            )
            conn.execute(
                "UPDATE audit_events SET prev_mac = ?, mac = ? WHERE id = ?", (prev, mac, rid)
            )
            prev = mac
        conn.commit()
    report = _reopen(url, folder)
    assert (report.bad_seq, report.problem.key) == (1, "audit.altered")


# --- the key ---------------------------------------------------------------------------------


def test_wrong_key_is_refused_and_nothing_changes(trail: Path, url: str, folder: Path):
    (folder / "audit.key").write_text("11" * 32)
    before = trail.read_bytes()
    with pytest.raises(QmsError) as caught:
        open_store(url, folder)
    assert caught.value.key == "error.key_mismatch"
    assert trail.read_bytes() == before


def test_missing_key_is_refused(trail: Path, url: str, folder: Path):
    (folder / "audit.key").unlink()
    with pytest.raises(QmsError) as caught:
        open_store(url, folder)
    assert caught.value.key == "error.key_missing"
    assert not (folder / "audit.key").exists()


def test_key_from_environment(tmp_path: Path, folder: Path):
    key_file = tmp_path / "elsewhere" / "team.key"
    env = {"QMS_REVIEW_AUDIT_KEY": str(key_file)}
    store = open_store(engines.sqlite_url(tmp_path / "k.sqlite3"), folder, env=env)
    store.close()
    assert key_file.exists()
    assert not (folder / "audit.key").exists()


def test_a_savepoint_rolled_back_takes_its_events_with_it(store: Store):
    with store.write("user:x") as session:
        find_or_create_customer(session, "Kept Ltd", "K-1")
        with pytest.raises(RuntimeError), session.begin_nested():
            find_or_create_customer(session, "Dropped Ltd", "D-1")
            session.flush()
            raise RuntimeError("the savepoint goes")
    with store.read() as session:
        names = [
            json.loads(e.changes)["name"][1]
            for e in session.scalars(select(AuditEvent).where(AuditEvent.entity == "customers"))
        ]
    assert names == ["Kept Ltd"]
    assert store.verify_audit().ok


@pytest.mark.postgres
def test_a_long_unit_of_work_does_not_hold_up_other_writers(postgres_url: str, folder: Path):
    """The chain's lock is taken at commit, not at the first write: a unit of work that has
    written and is still busy (a person's slow dialog, a big import) keeps no one waiting."""
    import threading
    import time

    store = open_store(postgres_url, folder)
    written, done = threading.Event(), threading.Event()

    def slow() -> None:
        with store.write("user:slow") as session:
            find_or_create_customer(session, "Slow Ltd", "S-1")
            session.flush()
            written.set()
            done.wait(20)

    worker = threading.Thread(target=slow)
    worker.start()
    try:
        assert written.wait(20)
        began = time.monotonic()
        with store.write("user:quick") as session:
            find_or_create_customer(session, "Quick Ltd", "Q-1")
        assert time.monotonic() - began < 5  # not until the slow one commits
        assert worker.is_alive()
    finally:
        done.set()
        worker.join()
    with store.read() as session:
        actors = [e.actor for e in session.scalars(select(AuditEvent).order_by(AuditEvent.seq))]
    assert actors[-2:] == ["user:quick", "user:slow"]  # in the order they committed
    assert store.verify_audit().ok
    store.close()
