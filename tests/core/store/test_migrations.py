"""The schema exists only through migrations, and the migrations produce the models' schema."""

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from qms_review.core.messages import QmsError
from qms_review.core.review import templates
from qms_review.core.store import append_only, engines, schema
from qms_review.core.store.models import APPEND_ONLY_TABLES, Base


def _migrate(engine, target):
    config = schema.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        if target == "base":
            command.downgrade(config, "base")
        else:
            command.upgrade(config, target)


def test_head_constant_matches_the_scripts():
    scripts = ScriptDirectory.from_config(schema.alembic_config())
    assert scripts.get_current_head() == schema.HEAD
    known = [s.revision for s in scripts.walk_revisions()]
    assert sorted(known) == sorted(schema.KNOWN)


def test_empty_to_head_equals_models(tmp_path: Path):
    engine = engines.create(engines.sqlite_url(tmp_path / "m.sqlite3"))
    schema.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(_context(conn), Base.metadata)
        assert diff == []
        assert schema.current_revision(conn) == schema.HEAD
        triggers = append_only.existing(conn)
    for table in APPEND_ONLY_TABLES:
        assert set(append_only.trigger_names(table)) <= triggers
    assert set(append_only.GUARDS) <= triggers
    engine.dispose()


def test_downgrade_and_upgrade_again(tmp_path: Path):
    engine = engines.create(engines.sqlite_url(tmp_path / "m.sqlite3"))
    schema.upgrade(engine)
    _migrate(engine, "base")
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) == {"alembic_version"}
        assert append_only.existing(conn) == set()
    _migrate(engine, "head")
    with engine.connect() as conn:
        assert "audit_events" in inspect(conn).get_table_names()
    engine.dispose()


def test_sqlite_pragmas(tmp_path: Path):
    engine = engines.create(engines.sqlite_url(tmp_path / "p.sqlite3"))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == engines.BUSY_TIMEOUT_MS
    engine.dispose()


def test_foreign_table_is_not_taken_over(tmp_path: Path):
    path = tmp_path / "other.sqlite3"
    engine = engines.create(engines.sqlite_url(path))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE recipes (id INTEGER PRIMARY KEY)"))
    with pytest.raises(QmsError) as caught:
        schema.upgrade(engine)
    assert caught.value.key == "error.db_not_qms"
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == ["recipes"]
    engine.dispose()


def test_upgrade_from_the_previous_revision_keeps_data_and_triggers(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
):
    """A database made by the previous version (schema 0001, with data and an audit trail)
    opens in this one: upgraded, nothing lost, a copy kept, the chain still verifying."""
    import sqlite3
    from contextlib import closing

    from qms_review.core.store.database import open_store
    from qms_review.core.store.models import Customer

    path = tmp_path / "old.sqlite3"
    engine = engines.create(engines.sqlite_url(path))
    schema.upgrade(engine, "0001")
    engine.dispose()
    with monkeypatch.context() as previous:  # the previous program knew only 0001
        previous.setattr(schema, "HEAD", "0001")
        previous.setattr(schema, "KNOWN", ("0001",))
        old = open_store(engines.sqlite_url(path), folder)
        with old.write("tester") as session:
            session.add(Customer(name="深圳华强精密机械有限公司", code="C-2001"))
        old.close()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"

    store = open_store(engines.sqlite_url(path), folder)
    try:
        with store.engine.connect() as conn:
            assert schema.current_revision(conn) == schema.HEAD
            assert (
                conn.execute(text("SELECT name FROM customers")).scalar()
                == "深圳华强精密机械有限公司"
            )
            assert compare_metadata(_context(conn), Base.metadata) == []
            triggers = append_only.existing(conn)
        for table in APPEND_ONLY_TABLES:
            assert set(append_only.trigger_names(table)) <= triggers
        assert store.verify_audit().ok
    finally:
        store.close()
    assert path.with_name(f"{path.name}.before-{schema.HEAD}.bak").exists()


def test_upgrade_from_0002_keeps_catalogue_templates_and_findings(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
):
    """A database of the intake version (0002) with a catalogue, a stored template and a
    finding: upgraded to 0003, nothing lost, templates append-only from then on."""
    from qms_review.core.store.database import open_store

    path = tmp_path / "v2.sqlite3"
    engine = engines.create(engines.sqlite_url(path))
    schema.upgrade(engine, "0002")
    engine.dispose()
    with monkeypatch.context() as previous:
        previous.setattr(schema, "HEAD", "0002")
        previous.setattr(schema, "KNOWN", ("0001", "0002"))
        old = open_store(engines.sqlite_url(path), folder)
        with old.write("tester") as session:
            conn = session.connection()
            conn.execute(
                text(
                    "INSERT INTO catalogue_items (part_number, revision, status, lead_time_days) "
                    "VALUES ('HB-1020', 'C', 'released', 28)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO checklist_templates (key, version, title_en, title_zh, content, "
                    "content_sha256, imported_at) VALUES ('old', '0.9', 'Old', '旧', 'x', 'abc', "
                    "'2026-01-01 00:00:00')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO customers (name, created_at) VALUES ('Acme', '2026-01-01 00:00:00')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO orders (customer_id, kind, number, status, revision_count, created_at) "
                    "VALUES (1, 'order', 'PO-1', 'received', 1, '2026-01-01 00:00:00')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO order_revisions (order_id, number, received_at, verbal, line_count, "
                    "created_by) VALUES (1, 1, '2026-01-01 00:00:00', 0, 0, 'tester')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO findings (revision_id, fingerprint, rule, kind, severity, message_en, "
                    "message_zh, disposition) VALUES (1, 'f1', 'intake.merged', 'clarity', 'warning', "
                    "'Merged', '合并', 'resolved')"
                )
            )
        old.close()

    store = open_store(engines.sqlite_url(path), folder)
    templates.ensure_builtin(store)  # as the program does once it has opened a database
    try:
        with store.engine.connect() as conn:
            assert schema.current_revision(conn) == schema.HEAD
            assert compare_metadata(_context(conn), Base.metadata) == []
            assert conn.execute(
                text("SELECT part_number, special_processes FROM catalogue_items")
            ).one() == ("HB-1020", None)
            assert conn.execute(
                text("SELECT key, kind, extends FROM checklist_templates WHERE key = 'old'")
            ).one() == ("old", "template", None)
            assert conn.execute(text("SELECT disposition, cleared_at FROM findings")).one() == (
                "resolved",
                None,
            )
            assert set(append_only.trigger_names("checklist_templates")) <= append_only.existing(
                conn
            )
            # the built-in templates joined the old one
            assert conn.execute(text("SELECT count(*) FROM checklist_templates")).scalar() == 5
        assert store.verify_audit().ok
    finally:
        store.close()


def test_upgrade_from_0006_gives_every_order_its_due_date(tmp_path: Path):
    """Orders of the previous version (0006) get the due date their review would have: three
    working days (the setting's default) after their latest revision's receipt."""
    from datetime import date

    engine = engines.create(engines.sqlite_url(tmp_path / "v6.sqlite3"))
    schema.upgrade(engine, "0006")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO customers (name, created_at) VALUES ('Acme', '2026-01-01')"))
        for number, revisions in (("PO-1", 1), ("PO-2", 2)):
            conn.execute(
                text(
                    "INSERT INTO orders (customer_id, kind, number, status, revision_count, "
                    "created_at) VALUES (1, 'order', :number, 'received', :count, '2026-01-01')"
                ),
                {"number": number, "count": revisions},
            )
        for order, number, received in (
            (1, 1, "2026-11-06 12:00:00.000000"),  # a Friday
            (2, 1, "2026-11-02 12:00:00.000000"),
            (2, 2, "2026-11-09 12:00:00.000000"),  # the latest revision counts: a Monday
        ):
            conn.execute(
                text(
                    "INSERT INTO order_revisions (order_id, number, received_at, verbal, "
                    "line_count, created_by) VALUES (:order, :number, :received, 0, 0, 't')"
                ),
                {"order": order, "number": number, "received": received},
            )
    schema.upgrade(engine)
    with engine.connect() as conn:
        due = dict(conn.execute(text("SELECT number, due_on FROM orders")).all())
        assert compare_metadata(_context(conn), Base.metadata) == []
    engine.dispose()
    assert {k: date.fromisoformat(str(v)) for k, v in due.items()} == {
        "PO-1": date(2026, 11, 11),
        "PO-2": date(2026, 11, 12),
    }


def _context(conn):
    """Alembic's view of the database, without the register's search objects (migration 0009
    makes them; the models do not describe them)."""
    return MigrationContext.configure(conn, opts={"include_name": schema.modelled})


def test_upgrade_from_0007_keeps_signatures_and_freezes_signed_rows(tmp_path: Path):
    """Signatures of the previous version (0007) keep no audit head (NULL, checked as before);
    from 0008 on, signatures are append-only and a decided, signed review is frozen."""
    import sqlite3
    from contextlib import closing

    from sqlalchemy.exc import DatabaseError

    path = tmp_path / "v7.sqlite3"
    engine = engines.create(engines.sqlite_url(path))
    schema.upgrade(engine, "0007")
    engine.dispose()
    with closing(sqlite3.connect(path)) as conn:  # foreign keys off: just the rows we need
        conn.execute(
            "INSERT INTO reviews (id, revision_id, template_id, state, decision, started_at, "
            "packs, waived) VALUES (1, 1, 1, 'decided', 'accepted', '2026-01-01', '[]', 0)"
        )
        conn.execute("INSERT INTO review_answers (review_id, item_key) VALUES (1, 'gate.kind')")
        conn.execute(
            "INSERT INTO signatures (review_id, user_id, meaning, printed_name, signed_at, "
            "utc_offset_minutes, content_sha256, scope) VALUES (1, 1, 'Approved', 'A', "
            "'2026-01-01', 0, 'ab', 'decision')"
        )
        conn.commit()
    engine = engines.create(engines.sqlite_url(path))
    schema.upgrade(engine)
    with engine.connect() as conn:
        assert compare_metadata(_context(conn), Base.metadata) == []
        assert conn.execute(
            text("SELECT meaning, audit_head_seq, audit_head_mac FROM signatures")
        ).one() == ("Approved", None, None)
        triggers = append_only.existing(conn)
    assert set(append_only.trigger_names("signatures")) | set(append_only.GUARDS) <= triggers
    for statement in (
        "UPDATE signatures SET meaning = 'x'",
        "UPDATE reviews SET decision = 'declined'",
        "UPDATE review_answers SET value = 'no'",
        "DELETE FROM review_answers",
    ):
        with pytest.raises(DatabaseError, match="refused"), engine.begin() as conn:
            conn.execute(text(statement))
    with engine.begin() as conn:  # a state change (an amendment supersedes it) still goes
        conn.execute(text("UPDATE reviews SET state = 'superseded'"))
    config = schema.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0007")
    with engine.connect() as conn:
        assert not set(append_only.GUARDS) & append_only.existing(conn)
        assert "audit_head_seq" not in {c["name"] for c in inspect(conn).get_columns("signatures")}
    engine.dispose()


def test_upgrade_from_0010_adds_the_dashboard_indexes_and_keeps_the_search(tmp_path: Path):
    """0011 adds the indexes of the dashboard's "now" figures (no table rebuilt: the register's
    search triggers stay), and its downgrade takes them away again."""
    engine = engines.create(engines.sqlite_url(tmp_path / "d.sqlite3"))
    schema.upgrade(engine, "0010")
    names = ("ix_reviews_state", "ix_orders_status_kind", "ix_clarifications_closed_at")

    def indexes() -> set[str]:
        with engine.connect() as conn:
            return {
                i["name"]
                for table in ("reviews", "orders", "clarifications")
                for i in inspect(conn).get_indexes(table)
            }

    def triggers() -> set[str]:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            return {name for (name,) in rows}

    before = triggers()
    assert not set(names) & indexes()
    _migrate(engine, "0011")
    assert set(names) <= indexes()
    assert triggers() == before
    with engine.connect() as conn:
        plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM reviews WHERE state = 'in_review'"
        ).all()
    assert "ix_reviews_state" in str(plan)
    config = schema.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0010")
    assert not set(names) & indexes()
    engine.dispose()


def test_upgrade_from_0011_adds_acknowledgements_append_only(tmp_path: Path):
    """0012 adds the acknowledgements table (nothing else changes): data made at 0011 stays,
    and the new table refuses UPDATE and DELETE."""
    path = tmp_path / "old.sqlite3"
    engine = engines.create(engines.sqlite_url(path))
    schema.upgrade(engine, "0011")
    with engine.begin() as conn:
        assert "acknowledgements" not in inspect(conn).get_table_names()
        conn.execute(text("INSERT INTO customers (name, created_at) VALUES ('Acme', '2026')"))
    schema.upgrade(engine)
    with engine.connect() as conn:
        assert schema.current_revision(conn) == schema.HEAD
        assert conn.execute(text("SELECT name FROM customers")).scalar() == "Acme"
        assert compare_metadata(_context(conn), Base.metadata) == []
        assert set(append_only.trigger_names("acknowledgements")) <= append_only.existing(conn)
    config = schema.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0011")
    with engine.connect() as conn:
        assert "acknowledgements" not in inspect(conn).get_table_names()
    engine.dispose()
