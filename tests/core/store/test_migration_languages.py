"""Migration 0006: the en/zh column pairs become one text per language, and back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from qms_review.core.store import append_only, engines, schema

ROWS = [
    "INSERT INTO checklist_templates (key, version, title_en, title_zh, content, content_sha256, "
    "imported_at) VALUES ('old', '0.9', 'Old', '旧', 'x', 'abc', '2026-01-01 00:00:00')",
    "INSERT INTO customers (name, created_at) VALUES ('Acme', '2026-01-01 00:00:00')",
    "INSERT INTO orders (customer_id, kind, number, status, revision_count, created_at) "
    "VALUES (1, 'order', 'PO-1', 'received', 1, '2026-01-01 00:00:00')",
    "INSERT INTO order_revisions (order_id, number, received_at, verbal, line_count, created_by) "
    "VALUES (1, 1, '2026-01-01 00:00:00', false, 0, 'tester')",
    "INSERT INTO findings (revision_id, fingerprint, rule, kind, severity, message_en, message_zh) "
    "VALUES (1, 'f1', 'intake.merged', 'clarity', 'warning', 'Merged', '合并')",
]


def _to(engine, target: str, down: bool = False) -> None:
    config = schema.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, target)


def _json(value) -> dict:
    return json.loads(value) if isinstance(value, str) else value


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return engines.sqlite_url(tmp_path / "v5.sqlite3")
    return request.getfixturevalue("postgres_url")


def test_texts_by_language_survive_the_upgrade_and_the_downgrade(database: str):
    engine = engines.create(database)
    try:
        _to(engine, "0005")
        with engine.begin() as conn:
            for row in ROWS:
                conn.execute(text(row))
        _to(engine, "0006")
        with engine.connect() as conn:
            titles = conn.execute(text("SELECT titles FROM checklist_templates")).scalar_one()
            messages = conn.execute(text("SELECT messages FROM findings")).scalar_one()
            triggers = append_only.existing(conn)
        assert _json(titles) == {"en": "Old", "zh": "旧"}
        assert _json(messages) == {"en": "Merged", "zh": "合并"}
        assert set(append_only.trigger_names("checklist_templates")) <= triggers
        _to(engine, "0005", down=True)
        with engine.connect() as conn:
            assert conn.execute(
                text("SELECT title_en, title_zh FROM checklist_templates")
            ).one() == ("Old", "旧")
            assert conn.execute(text("SELECT message_en, message_zh FROM findings")).one() == (
                "Merged",
                "合并",
            )
            assert set(append_only.trigger_names("checklist_templates")) <= append_only.existing(
                conn
            )
    finally:
        engine.dispose()
