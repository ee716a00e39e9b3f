"""The same code on PostgreSQL: migrations, append-only triggers, the audit chain, the register."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import DatabaseError

from qms_review import cli
from qms_review.core import demo
from qms_review.core.checks import findings
from qms_review.core.orders import lookup
from qms_review.core.oversight import register
from qms_review.core.review import templates
from qms_review.core.store import append_only, engines, schema
from qms_review.core.store.database import open_store
from qms_review.core.store.models import APPEND_ONLY_TABLES, Base, Customer
from tests.core.helpers import START_EVENTS, concurrent_writers

pytestmark = pytest.mark.postgres


def test_migrations_build_the_models_schema_with_triggers(postgres_url: str):
    engine = engines.create(postgres_url)
    schema.upgrade(engine)
    with engine.connect() as conn:
        assert compare_metadata(_context(conn), Base.metadata) == []
        triggers = append_only.existing(conn)
    for table in APPEND_ONLY_TABLES:
        assert set(append_only.trigger_names(table)) <= triggers
    assert set(append_only.GUARDS) <= triggers
    config = schema.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) == {"alembic_version"}
    schema.upgrade(engine)
    engine.dispose()


def test_demo_register_and_audit(postgres_url: str, folder: Path):
    store = open_store(postgres_url, folder)
    templates.ensure_builtin(store)
    try:
        demo.load(store, "tester")
        with store.read() as session:
            assert len(register.matching_ids(session, "NORTHWIND")) == 8  # ILIKE: any case
            assert len(register.matching_ids(session, "华强 报价")) == 4
            assert register.count_matching(session, "订单") == 19
            page = register.matching_ids(session, "", register.Column.CUSTOMER, False, 10, 5)
            assert len(page) == 5
            # the checks ran on every revision and their findings were bulk-inserted
            rows = register.rows(session, register.matching_ids(session, "PO-1001-RUSH"))
            assert [r.findings for r in rows] == [8]
        with store.write("checker") as session:  # idempotent on PostgreSQL too
            revision = lookup.revision_id_of(session, rows[0].order_id)
            assert findings.run(session, revision).added == 0
        report = store.verify_audit()
        assert report.ok, report.message()
        with pytest.raises(DatabaseError, match="append-only"), store.engine.begin() as conn:
            conn.execute(text("UPDATE audit_events SET actor = 'mallory'"))
        with pytest.raises(DatabaseError, match="append-only"), store.engine.begin() as conn:
            conn.execute(text("DELETE FROM order_lines"))
    finally:
        store.close()


def test_tampering_is_detected(postgres_url: str, folder: Path):
    store = open_store(postgres_url, folder)
    templates.ensure_builtin(store)
    try:
        with store.write("alice") as session:
            session.add_all([Customer(name=f"C{i}") for i in range(5)])
        with store.engine.begin() as conn:  # an administrator with table rights
            conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
            conn.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE seq = 4"))
        report = store.verify_audit()
        assert (report.bad_seq, report.problem.key) == (4, "audit.altered")
    finally:
        store.close()


def test_concurrent_writers_keep_one_chain(postgres_url: str, folder: Path):
    store = open_store(postgres_url, folder)
    templates.ensure_builtin(store)
    errors = concurrent_writers(store)
    try:
        assert errors == []
        report = store.verify_audit()
        assert report.ok, report.message()
        assert report.count == START_EVENTS + 45
        with store.read() as session:
            assert session.scalar(select(func.count()).select_from(Customer)) == 45
    finally:
        store.close()


def test_backup_points_to_pg_dump(postgres_url: str, folder: Path, capsys, tmp_path: Path):
    assert cli.main(["--database", postgres_url, "db", "upgrade"]) == 0
    assert cli.main(["--database", postgres_url, "backup", str(tmp_path / "b.sqlite3")]) == 1
    assert "pg_dump" in capsys.readouterr().err
    assert not (tmp_path / "b.sqlite3").exists()


def test_register_sorts_every_column_and_finds_the_words_shown(postgres_url: str, folder: Path):
    """The subqueries and joins behind the Open findings, Review, Due and Questions columns and
    the words of the Status, Review and Due columns work on PostgreSQL as on SQLite."""
    from datetime import date

    store = open_store(postgres_url, folder)
    templates.ensure_builtin(store)
    try:
        demo.load(store, "tester")
        with store.read() as session:
            every = register.rows(session, register.matching_ids(session))
            for column in register.Column:
                for descending in (False, True):
                    ids = register.matching_ids(session, "", column, descending)
                    assert sorted(ids) == sorted(r.order_id for r in every)
            for descending in (False, True):
                shown = register.rows(
                    session, register.matching_ids(session, "", register.Column.DUE, descending)
                )
                due = [r.due for r in shown]
                dated = [d for d in due if d is not None]
                assert due[: len(dated)] == sorted(dated, reverse=descending)
                found = register.rows(
                    session,
                    register.matching_ids(session, "", register.Column.FINDINGS, descending),
                )
                assert [r.findings for r in found] == sorted(
                    (r.findings for r in found), reverse=descending
                )
            today = date.today()
            late = {r.order_id for r in every if r.overdue(today)}
            assert set(register.matching_ids(session, "逾期", today=today)) == late
            assert register.count_matching(session, "Overdue", today=today) == len(late)
            in_review = {r.order_id for r in every if r.status.value == "in_review"}
            assert set(register.matching_ids(session, "in review")) == in_review
            assert register.count_matching(session, "评审中") == len(in_review)
    finally:
        store.close()


def _context(conn):
    """Alembic's view of the database, without the register's search objects (migration 0009
    makes them; the models do not describe them)."""
    return MigrationContext.configure(conn, opts={"include_name": schema.modelled})


def test_a_count_in_the_background_leaves_the_other_processors_free(
    postgres_url: str, folder: Path
):
    """The register's count in the background runs without parallel workers, for its own
    transaction only: a keystroke's page meanwhile has the other processors."""
    store = open_store(postgres_url, folder)
    try:
        with store.read() as session:
            engines.in_background(session)
            shown = session.connection().exec_driver_sql("SHOW max_parallel_workers_per_gather")
            assert shown.scalar() == "0"
        with store.read() as session:
            shown = session.connection().exec_driver_sql("SHOW max_parallel_workers_per_gather")
            assert shown.scalar() != "0"
    finally:
        store.close()


def test_a_statement_running_is_stopped_from_another_thread(postgres_url: str, folder: Path):
    """What the register's background uses to stop a count a keystroke made useless: the
    statement ends at once with an error in its own thread, and the connection serves on."""
    import threading
    import time

    store = open_store(postgres_url, folder)
    try:
        with store.read() as session:
            stop = engines.interrupter(session)
            threading.Timer(0.2, stop).start()
            began = time.perf_counter()
            with pytest.raises(DatabaseError, match="cancel"):
                session.connection().exec_driver_sql("SELECT pg_sleep(10)")
            assert time.perf_counter() - began < 5
        with store.read() as session:
            assert session.connection().exec_driver_sql("SELECT 1").scalar() == 1
    finally:
        store.close()
