"""Shared fixtures: every test gets its own data folder and database; Qt runs offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("QMS_REVIEW_DATABASE", None)
os.environ.pop("QMS_REVIEW_AUDIT_KEY", None)

from qms_review.core.review import templates
from qms_review.core.store import engines
from qms_review.core.store.database import Store, open_store


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id with small parameters in every test (the demo alone hashes nine passwords);
    ``tests/core/identity/test_identity.py`` checks the real parameters."""
    from argon2 import PasswordHasher, Type

    from qms_review.core.identity import passwords

    fast = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)
    monkeypatch.setattr(passwords, "hasher", lambda: fast)


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
def store(url: str, folder: Path) -> Iterator[Store]:
    opened = open_store(url, folder)
    templates.ensure_builtin(opened)
    yield opened
    opened.close()


@pytest.fixture
def demo_store(store: Store) -> Store:
    """The store with the demo loaded (its people, orders and reviews), its identity reread."""
    from qms_review.core import demo

    demo.load(store, "tester")
    store.reload_identity()
    return store


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
def postgres_server() -> Iterator[str]:
    from tests.postgres import server

    with server() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A new, empty PostgreSQL database for one test."""
    from tests.postgres import new_database

    return new_database(postgres_server)
