"""A connection lost while committing: the commit may have happened. The unit of work's last
audit event tells: done once (never twice), or not done and free to be done again, or, when
the database cannot say, a refusal that says so (never a blind retry)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from qms_review.core.messages import QmsError
from qms_review.core.orders.revisions import find_or_create_customer
from qms_review.core.store import audit
from qms_review.core.store.database import Store, open_store
from qms_review.core.store.models import Customer
from tests.helpers import cut_commit


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def either(request: pytest.FixtureRequest, url: str, folder: Path):  # type: ignore[no-untyped-def]
    where = request.getfixturevalue("postgres_url") if request.param == "postgres" else url
    opened = open_store(where, folder)
    yield opened
    opened.close()


def _customers(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(Customer)) or 0


def test_a_commit_cut_off_after_it_was_done_counts_as_done(either: Store, monkeypatch):
    cut = cut_commit(either, monkeypatch, done=True)
    with either.write("user:x") as session:
        find_or_create_customer(session, "Northwind Pumps Ltd", "C-1001")
    assert cut == [1]
    assert _customers(either) == 1
    report = either.verify_audit()
    assert report.ok
    assert either.anchor.read() == report.head  # the anchor followed, as after any commit


def test_a_commit_cut_off_before_it_was_done_fails_and_changed_nothing(either: Store, monkeypatch):
    head = either.verify_audit().head
    cut = cut_commit(either, monkeypatch, done=False)
    with pytest.raises(OperationalError), either.write("user:x") as session:
        find_or_create_customer(session, "Northwind Pumps Ltd", "C-1001")
    assert cut == [1]
    assert _customers(either) == 0
    assert either.verify_audit().head == head
    with either.write("user:x") as session:  # so it may be done again, once
        find_or_create_customer(session, "Northwind Pumps Ltd", "C-1001")
    assert _customers(either) == 1
    assert either.verify_audit().ok


def test_when_the_database_cannot_say_it_is_a_refusal_not_a_retry(either: Store, monkeypatch):
    from qms_review.core.store import database

    cut_commit(either, monkeypatch, done=True)
    monkeypatch.setattr(database.time, "sleep", lambda _s: None)

    def away(_conn, _head):  # type: ignore[no-untyped-def]
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(audit, "committed", away)
    with pytest.raises(QmsError) as caught, either.write("user:x") as session:
        find_or_create_customer(session, "Northwind Pumps Ltd", "C-1001")
    assert caught.value.key == "error.db_commit_unknown"
    assert either.url in caught.value.message("en")


def test_a_unit_that_wrote_nothing_is_not_asked_about(either: Store, monkeypatch):
    cut_commit(either, monkeypatch, done=False)
    with pytest.raises(OperationalError), either.write("user:x") as session:
        session.scalar(select(func.count()).select_from(Customer))
