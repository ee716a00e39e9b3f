"""A demo database per backend, made once, and a fresh copy of it for every attack.

An attacker here has the database (and, where the attack says so, the audit key and the data
folder): they change rows straight in SQL with the triggers off, as anyone holding the SQLite
file or a PostgreSQL superuser can.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from qms_review.core import demo
from qms_review.core.records import archive
from qms_review.core.review import templates
from qms_review.core.store import engines
from qms_review.core.store.database import Store, open_store

_copies = itertools.count(1)


@dataclass
class Victim:
    store: Store
    url: str
    backend: str

    def sql(self, *statements: str, **params: Any) -> None:
        """Run ``statements`` straight in the database, every trigger out of the way."""
        if self.backend == "sqlite":
            path = engines.sqlite_path(self.url)
            assert path is not None
            with closing(sqlite3.connect(path)) as conn:
                names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                for (name,) in names.fetchall():
                    conn.execute(f"DROP TRIGGER {name}")
                for statement in statements:
                    conn.execute(statement, params)
                conn.commit()
            return
        with self.store.engine.begin() as conn:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            for statement in statements:
                conn.execute(text(statement), params)

    def rows(self, query: str, **params: Any) -> list[Any]:
        with self.store.engine.connect() as conn:
            return list(conn.execute(text(query), params))


def _quiet_demo(url: str, folder: Path) -> None:
    """The demo (fast password hashing, no signed PDF records), in a closed database."""
    from argon2 import PasswordHasher, Type

    from qms_review.core.demo import reviews
    from qms_review.core.identity import passwords

    fast = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "hasher", lambda: fast)
        patch.setattr(reviews, "SIGNED_RECORDS", False)
        store = open_store(url, folder)
        try:
            templates.ensure_builtin(store)
            demo.load(store, "tester")
            with store.write("tester") as session:  # a record, keeping the audit head it saw
                archive.generate(session, 1, "en")
        finally:
            store.close()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def original(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """backend, the demo database's URL, and the data folder holding its audit key."""
    folder = tmp_path_factory.mktemp("trust-data")
    if request.param == "sqlite":
        url = engines.sqlite_url(folder / "demo.sqlite3")
    else:
        from tests.postgres import new_database

        url = new_database(request.getfixturevalue("postgres_server"))
    _quiet_demo(url, folder)
    return request.param, url, folder


@pytest.fixture
def victim(
    original: tuple[str, str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Victim]:
    """A fresh copy of the demo database, opened (its anchor written, as after any write)."""
    backend, url, folder = original
    monkeypatch.setenv("QMS_REVIEW_DATA_DIR", str(folder))
    if backend == "sqlite":
        source = engines.sqlite_path(url)
        assert source is not None
        copy = tmp_path / "copy.sqlite3"
        with closing(sqlite3.connect(source)) as old, closing(sqlite3.connect(copy)) as new:
            old.backup(new)
        copy_url = engines.sqlite_url(copy)
    else:
        server = make_url(url).set(database="postgres")
        name = f"{make_url(url).database}_copy{next(_copies)}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(url).database}"'))
        admin.dispose()
        copy_url = make_url(url).set(database=name).render_as_string(hide_password=False)
    store = open_store(copy_url, folder)
    store.anchor.reset(store.verify_audit().head)
    try:
        yield Victim(store, copy_url, backend)
    finally:
        store.close()
