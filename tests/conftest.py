"""Shared fixtures: every test gets its own data folder and database; Qt runs offscreen."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher, Type
from sqlalchemy import Engine

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("QMS_REVIEW_DATABASE", None)
os.environ.pop("QMS_REVIEW_AUDIT_KEY", None)

from qms_review.core.review import templates
from qms_review.core.store import engines
from qms_review.core.store.database import Store, open_store

FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id with small parameters in every test (the demo alone hashes nine passwords);
    ``tests/core/identity/test_identity.py`` checks the real parameters."""
    from qms_review.core.identity import passwords

    monkeypatch.setattr(passwords, "hasher", lambda: FAST_HASHER)


@pytest.fixture(autouse=True)
def demo_without_records(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo without its signed PDF records (a second each time); ``demo_records`` turns
    them back on for the tests about them."""
    from qms_review.core.demo import reviews

    monkeypatch.setattr(reviews, "SIGNED_RECORDS", False)


@pytest.fixture(autouse=True)
def demo_without_history(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo without its year of history (the tests count its orders); ``demo_history``
    turns it back on for the dashboard's tests."""
    from qms_review.core.demo import history

    monkeypatch.setattr(history, "HISTORY", False)


@pytest.fixture
def demo_history(monkeypatch: pytest.MonkeyPatch) -> None:
    from qms_review.core.demo import history

    monkeypatch.setattr(history, "HISTORY", True)


@pytest.fixture
def demo_records(monkeypatch: pytest.MonkeyPatch) -> None:
    from qms_review.core.demo import reviews

    monkeypatch.setattr(reviews, "SIGNED_RECORDS", True)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder, also set as the process's data folder."""
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("QMS_REVIEW_DATA_DIR", str(data))
    return data


@pytest.fixture
def url(folder: Path) -> str:
    return engines.sqlite_url(folder / "qms-review.sqlite3")


@pytest.fixture
def store(url: str, folder: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    if "demo_store" in request.fixturenames and not {"demo_history", "demo_records"} & set(
        request.fixturenames
    ):
        _copy_demo(request.getfixturevalue("demo_template"), url, folder)
    opened = open_store(url, folder)
    templates.ensure_builtin(opened)
    yield opened
    opened.close()


@pytest.fixture
def demo_store(store: Store) -> Store:
    """The store with the demo loaded (its people, orders and reviews), its identity reread:
    a copy of ``demo_template`` when the demo is the usual one, else loaded here."""
    from qms_review.core import demo

    if not store.identity.is_demo:
        demo.load(store, "tester")
        store.reload_identity()
    return store


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, migrated_schema: Path) -> Path:
    """A data folder with the demo loaded once, as ``demo_store`` loads it (small argon2
    parameters, no records, no history), for ``store`` to copy."""
    from qms_review.core import demo
    from qms_review.core.demo import history, reviews
    from qms_review.core.identity import passwords

    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "hasher", lambda: FAST_HASHER)
        patch.setattr(reviews, "SIGNED_RECORDS", False)
        patch.setattr(history, "HISTORY", False)
        patch.setenv("QMS_REVIEW_DATA_DIR", str(folder))
        opened = open_store(engines.sqlite_url(folder / DEMO_FILE), folder)
        templates.ensure_builtin(opened)
        demo.load(opened, "tester")
        opened.close()
    return folder


DEMO_FILE = "qms-review.sqlite3"


def _copy_demo(template: Path, url: str, folder: Path) -> None:
    """The demo template's database, audit key and chain anchor, in ``folder`` at ``url``."""
    from qms_review.core.store import audit_key, paths

    target = engines.sqlite_path(url)
    if target is None or target.exists():
        return
    paths.private_file(target)
    source, copy = sqlite3.connect(template / DEMO_FILE), sqlite3.connect(target)
    try:
        source.backup(copy)
        store_uuid = copy.execute("SELECT store_uuid FROM store_info").fetchone()[0]
    finally:
        source.close()
        copy.close()
    key = paths.private_file(folder / "audit.key")
    key.write_bytes((template / "audit.key").read_bytes())
    seen = audit_key.Anchor(template, store_uuid, str((template / DEMO_FILE).resolve())).read()
    assert seen is not None
    audit_key.Anchor(folder, store_uuid, str(target.resolve())).reset(seen)


@pytest.fixture
def edited_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The program's rule book of the automatic checks as a quality manager would edit it in
    place: a copy (the shipped one to start with) that the program loads instead."""
    from qms_review.core.checks import rules

    folder = tmp_path / "resources"
    (folder / "checks").mkdir(parents=True)
    path = folder / "checks" / "rules.toml"
    path.write_bytes(rules.resource("checks", "rules.toml").read_bytes())
    monkeypatch.setattr(rules, "resource", lambda *parts: folder.joinpath(*parts))
    rules._loaded.cache_clear()
    yield path
    rules._loaded.cache_clear()


@pytest.fixture(scope="session")
def migrated_schema(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file with the whole schema, made once by the real migrations."""
    from qms_review.core.store import schema

    path = tmp_path_factory.mktemp("schema") / "head.sqlite3"
    engine = engines.create(engines.sqlite_url(path))
    schema.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(autouse=True)
def schema_from_copy(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, migrated_schema: Path
) -> None:
    """A new, empty SQLite database gets the schema copied from ``migrated_schema`` (SQLite's
    backup) instead of running every migration again, a third of a second per test. The
    migration tests (modules named ``*migration*``) and other targets run them for real."""
    if "migration" in request.module.__name__:
        return
    from qms_review.core.store import schema

    real = schema.upgrade

    def upgrade(engine: Engine, target: str = "head") -> None:
        if target != "head" or engine.dialect.name != "sqlite" or schema.state(engine):
            real(engine, target)
            return
        source = sqlite3.connect(migrated_schema)
        try:
            with engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert isinstance(raw, sqlite3.Connection)
                source.backup(raw)
        finally:
            source.close()

    monkeypatch.setattr(schema, "upgrade", upgrade)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    from tests.postgres import server

    with server() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A new, empty PostgreSQL database for one test."""
    from tests.postgres import new_database

    return new_database(postgres_server)
