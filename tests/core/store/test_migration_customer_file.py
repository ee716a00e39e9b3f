"""Migration 0010 (the customer's file) from a database of 0009 with data in it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from qms_review.core.customers import feedback, file
from qms_review.core.identity import users
from qms_review.core.oversight import register
from qms_review.core.store import engines, replay, schema
from qms_review.core.store.database import open_store
from qms_review.core.store.models import Base, Customer, Order
from qms_review.core.store.vocabulary import FeedbackKind, Function, OrderKind

NEW_TABLES = {"customer_feedback", "customer_property", "property_incidents"}
SEARCH_TRIGGERS = {
    f"{search}_{event}"
    for search in ("order_search", "customer_search")
    for event in ("insert", "delete", "update")
}


def _triggers(conn) -> set[str]:
    return {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))}


def test_upgrade_from_0009_keeps_data_and_search_and_the_file_works(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "v9.sqlite3"
    engine = engines.create(engines.sqlite_url(path))
    schema.upgrade(engine, "0009")
    engine.dispose()
    with monkeypatch.context() as previous:  # the previous program knew up to 0009
        previous.setattr(schema, "HEAD", "0009")
        previous.setattr(schema, "KNOWN", schema.KNOWN[:-1])
        old = open_store(engines.sqlite_url(path), folder)
        with old.write("tester") as session:
            users.setup(session, "Acme", "admin", "Alex", "admin-pass-1", "ca-pass-123456")
        with old.write("tester") as session:
            customer = Customer(name="深圳华强精密机械有限公司", code="C-2001")
            session.add(customer)
            session.flush()
            session.add(Order(customer_id=customer.id, kind=OrderKind.ORDER, number="PO-9"))
        old.close()

    store = open_store(engines.sqlite_url(path), folder)
    try:
        with store.engine.connect() as conn:
            assert schema.current_revision(conn) == "0010"
            assert set(inspect(conn).get_table_names()) >= NEW_TABLES
            context = MigrationContext.configure(conn, opts={"include_name": schema.modelled})
            assert compare_metadata(context, Base.metadata) == []
            assert _triggers(conn) >= SEARCH_TRIGGERS  # no batch copy of orders or customers
        with store.read() as session:
            assert register.count_matching(session, "华强") == 1
            customer_id = file.find_customer(session, "C-2001")
        with store.write("user:admin") as session:
            admin = users.find(session, "admin")
            users.set_functions(session, "admin", [*admin.functions, Function.QUALITY])
        with store.write("user:admin") as session:
            admin = users.find(session, "admin")
            feedback.add_feedback(
                session,
                admin,
                customer_id,
                feedback.Said(FeedbackKind.COMPLAINT, date(2026, 11, 1), "划伤"),
            )
        with store.read() as session:
            assert file.customers(session, "划伤")[0].matched == "feedback"
        assert store.verify_audit().ok
        with store.engine.connect() as conn:
            assert replay.differences(conn) == []
    finally:
        store.close()
    engine = engines.create(engines.sqlite_url(path))
    config = schema.alembic_config()
    from alembic import command

    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0009")
    with engine.connect() as conn:
        assert not NEW_TABLES & set(inspect(conn).get_table_names())
        assert conn.execute(text("SELECT count(*) FROM orders")).scalar() == 1
    engine.dispose()
