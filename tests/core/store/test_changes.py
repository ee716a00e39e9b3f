"""What others changed since a window read the database, on SQLite and on PostgreSQL: the audit
head, the changes to one review, the refusal of an act on what changed under it, who else has
a review open, PostgreSQL's notification at commit, and a server restart between two acts."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_review.core import demo
from qms_review.core.messages import QmsError
from qms_review.core.review import actions, progress
from qms_review.core.store import changes, engines, presence
from qms_review.core.store.database import Store, open_store
from qms_review.core.store.models import User
from qms_review.core.store.vocabulary import Answer, Disposition
from tests.helpers import find_person, order_id

ORDER = "PO-1002-261006"


def _review(store: Store) -> int:
    """A review of the demo's draft order, started by sales."""
    sales = find_person(store, "sales")
    with store.write(sales.actor) as session:
        actions.start(session, sales, order_id(store, ORDER))
    with store.read() as session:
        found = progress.review_of(session, order_id(store, ORDER))
    assert found is not None
    return found


def _items(store: Store, review_id: int, function: str) -> tuple[str, list[str]]:
    with store.read() as session:
        review = session.get(actions.Review, review_id)
        have = progress.facts(session, review)
        section = next(
            s for s in actions.template_of(session, review).sections if s.function == function
        )
        return section.key, [i.key for i in section.items if i.applies(have)]


def _sign_section(store: Store, review_id: int, function: str) -> str:
    person = find_person(store, function)
    section, keys = _items(store, review_id, function)
    with store.write(person.actor) as session:
        for key in keys:
            actions.answer(session, person, review_id, key, Answer.YES, "ok")
        for where, finding in progress.snapshot(session, review_id).open_findings:
            if where == section:
                actions.dispose_finding(
                    session, person, review_id, finding, Disposition.RESOLVED, "checked"
                )
    actions.sign_section(store, function, f"{function}-demo", review_id, section)
    return section


def _head(store: Store) -> int:
    with store.read() as session:
        return changes.head(session)


def _changes_are_seen_and_stale_acts_refused(store: Store) -> None:
    demo.load(store, "tester")
    store.reload_identity()
    review_id = _review(store)
    sales, engineering = find_person(store, "sales"), find_person(store, "engineering")
    _section, (first, second, *_rest) = _items(store, review_id, "sales")
    seen = _head(store)  # what engineering's window read

    with store.read() as session:
        assert changes.for_review(session, review_id, seen) == []
    with store.write(sales.actor) as session:
        actions.answer(session, sales, review_id, first, Answer.YES, "first")
    assert _head(store) > seen
    with store.read() as session:
        found = changes.for_review(session, review_id, seen, engineering.actor)
        assert {c.entity for c in found} == {"review_answers", "reviews"}  # draft → in review
        assert changes.who(session, found[0]) == sales.display_name
        # one's own changes are not news
        assert changes.for_review(session, review_id, seen, sales.actor) == []

    # someone else (the other sales login on another PC) acting on the same item is refused,
    # naming who changed it; on another item it goes through
    other = find_person(store, "approver")  # holds sales too
    with pytest.raises(QmsError) as refused, store.write(other.actor) as session:
        changes.refuse_conflicts(session, review_id, seen, other.actor, first)
        actions.answer(session, other, review_id, first, Answer.NO, "mine")
    assert refused.value.key == "live.changed_answer"
    assert sales.display_name in str(refused.value)
    assert first in str(refused.value)
    with store.write(other.actor) as session:
        changes.refuse_conflicts(session, review_id, seen, other.actor, second)
        actions.answer(session, other, review_id, second, Answer.YES, "mine")

    # an update of an answer (its row named only by id) is seen too
    seen = _head(store)
    with store.write(sales.actor) as session:
        actions.answer(session, sales, review_id, second, Answer.NO, "changed")
    with store.read() as session:
        with pytest.raises(QmsError) as refused:
            changes.refuse_conflicts(session, review_id, seen, other.actor, second)
        assert refused.value.key == "live.changed_answer"
        assert len(changes.for_review(session, review_id, seen, other.actor)) == 1

    # a section signed meanwhile refuses any act made from before it
    seen = _head(store)
    section = _sign_section(store, review_id, "engineering")
    with store.read() as session, pytest.raises(QmsError) as refused:
        changes.refuse_conflicts(session, review_id, seen, sales.actor, None)
    assert refused.value.key == "live.changed_signed"
    assert section in str(refused.value)
    assert "签署" in refused.value.message("zh_CN")


def _presence(store: Store) -> None:
    head = _head(store)
    mine, theirs = presence.new_token(), presence.new_token()
    assert presence.beat(store, mine, 7, "user:sales", "Wang Li") == []
    assert presence.beat(store, theirs, 7, "user:quality", "James Carter") == ["Wang Li"]
    assert presence.others(store, 7, mine) == ["James Carter"]
    assert presence.others(store, 8, mine) == []
    presence.leave(store, theirs)
    assert presence.others(store, 7, mine) == []
    assert _head(store) == head  # looking is not a change
    assert store.verify_audit().ok


def test_changes_on_sqlite(store: Store):
    _changes_are_seen_and_stale_acts_refused(store)


def test_presence_on_sqlite_goes_stale(store: Store, monkeypatch: pytest.MonkeyPatch):
    _presence(store)
    token = presence.new_token()
    presence.beat(store, token, 9, "user:sales", "Wang Li")
    assert presence.others(store, 9, "another window") == ["Wang Li"]
    monkeypatch.setattr(presence, "GONE_AFTER", presence.GONE_AFTER * 0)
    assert presence.others(store, 9, "another window") == []  # a PC switched off


@pytest.mark.postgres
def test_changes_on_postgres(postgres_url: str, folder: Path):
    store = open_store(postgres_url, folder)
    from qms_review.core.review import templates

    templates.ensure_builtin(store)
    try:
        _changes_are_seen_and_stale_acts_refused(store)
        _presence(store)
    finally:
        store.close()


@pytest.mark.postgres
def test_postgres_notifies_at_commit_not_at_rollback(postgres_url: str, folder: Path):
    store = open_store(postgres_url, folder)
    listener = changes.Listener(store.engine.url.render_as_string(hide_password=False))
    try:
        assert listener.fileno() >= 0
        assert listener.heads() == []
        with pytest.raises(RuntimeError), store.write("user:x") as session:
            session.add(User(login="ghost", display_name="Ghost", password_hash="-"))
            session.flush()
            raise RuntimeError("rolled back")
        assert listener.heads() == []
        with store.write("user:x") as session:
            session.add(User(login="ghost", display_name="Ghost", password_hash="-"))
        import time

        deadline = time.monotonic() + 2
        heads: list[int] = []
        while not heads and time.monotonic() < deadline:
            heads = listener.heads()
            time.sleep(0.02)
        assert heads == [_head(store)]
    finally:
        listener.close()
        store.close()


@pytest.mark.postgres
def test_a_server_restart_between_two_acts(postgres_server: str, postgres_url: str, folder: Path):
    from tests.postgres import restart

    store = open_store(postgres_url, folder)
    listener = changes.Listener(store.engine.url.render_as_string(hide_password=False))
    try:
        before = _head(store)
        restart(postgres_server)
        # the pool's connections died with the server: the next unit of work gets a new one
        with store.write("user:x") as session:
            session.add(User(login="after", display_name="After", password_hash="-"))
        assert _head(store) == before + 1
        assert listener.heads() == [0]  # its connection was cut: it says "read again"
        assert listener.fileno() == -1
        assert listener.connect()  # and listens again
        assert listener.fileno() >= 0
        assert store.verify_audit().ok
    finally:
        listener.close()
        store.close()


@pytest.mark.postgres
def test_a_newer_server_schema_is_refused_unchanged(postgres_url: str, folder: Path):
    from sqlalchemy import text

    store = open_store(postgres_url, folder)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    store.close()
    with pytest.raises(QmsError) as caught:
        open_store(postgres_url, folder)
    assert caught.value.key == "error.db_too_new"
    check = engines.create(postgres_url)
    with check.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "ffff"
    check.dispose()


def test_a_newer_revision_imported_meanwhile_refuses_the_act(demo_store: Store):
    from datetime import date

    from qms_review.core.orders.revisions import (
        RevisionContent,
        add_revision,
        find_or_create_customer,
    )
    from qms_review.core.store.vocabulary import OrderKind

    sales = find_person(demo_store, "sales")

    def revision(session, quantity: int):  # type: ignore[no-untyped-def]
        customer = find_or_create_customer(session, "Random GmbH", "R-1")
        content = RevisionContent(
            order_date=date(2026, 11, 2),
            currency="EUR",
            delivery_terms="EXW",
            lines=[{"line_no": 10, "part_number": "FL-3305", "quantity": quantity, "unit": "pcs"}],
        )
        return add_revision(session, customer, OrderKind.ORDER, "R-77", content, "tester")

    with demo_store.write(sales.actor) as session:
        order = revision(session, 100).order_id
        review_id = actions.start(session, sales, order)
    seen = _head(demo_store)
    with demo_store.write("user:purchasing") as session:
        revision(session, 120)
    with demo_store.read() as session, pytest.raises(QmsError) as refused:
        changes.refuse_conflicts(session, review_id, seen, sales.actor, "any.item")
    assert refused.value.key == "live.changed_revision"
    assert "revision 2" in str(refused.value)
