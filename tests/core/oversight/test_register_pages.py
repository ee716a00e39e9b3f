"""Keyset pages: the same rows as LIMIT/OFFSET, for every sort, both ways, ties and NULLs."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from qms_review.core import demo
from qms_review.core.oversight import register_filter
from qms_review.core.oversight.register import (
    INDEXED,
    Column,
    first_page,
    matching_ids,
    page,
    position,
)
from qms_review.core.oversight.register_filter import indexed
from qms_review.core.review import templates
from qms_review.core.store.database import Store, open_store
from qms_review.core.store.models import Customer, Order, OrderRevision
from qms_review.core.store.vocabulary import OrderKind, OrderStatus

SIZE = 7  # small pages: many boundaries, many of them inside runs of equal keys


@pytest.fixture
def crowded(store: Store) -> Store:
    return _crowd(store)


def _crowd(store: Store) -> Store:
    """The demo (reviews in every state, findings, questions) and 120 orders whose every sort
    key repeats, with missing order and due dates."""
    demo.load(store, "tester")
    rng = random.Random(16)
    with store.write("t") as session:
        session.execute(insert(Customer), [{"name": n} for n in ("Same", "Same 2", "华强")])
        customers = session.scalars(select(Customer.id)).all()
        first = (session.scalar(select(Order.id).order_by(Order.id.desc()).limit(1)) or 0) + 1
        orders, revisions = [], []
        for i in range(first, first + 120):
            day = date(2026, 1, 1) + timedelta(days=rng.randint(0, 3))
            orders.append(
                {
                    "id": i,
                    "customer_id": rng.choice(customers),
                    "kind": rng.choice(list(OrderKind)),
                    "number": f"N-{rng.randint(0, 9)}-{i}",
                    "status": rng.choice(list(OrderStatus)),
                    "revision_count": 1,
                    "due_on": None if rng.random() < 0.3 else day,
                }
            )
            revisions.append(
                {
                    "order_id": i,
                    "number": 1,
                    "order_date": None if rng.random() < 0.3 else day,
                    "received_at": datetime(2026, 1, 1, 9, tzinfo=UTC)
                    + timedelta(hours=rng.randint(0, 3)),
                    "line_count": rng.randint(0, 2),
                    "created_by": "t",
                }
            )
        session.execute(insert(Order), orders)
        session.execute(insert(OrderRevision), revisions)
    return store


@pytest.mark.parametrize("column", list(Column))
def test_keyset_pages_are_the_offset_pages(crowded: Store, column: Column):
    _same_pages(crowded, column)


@pytest.mark.postgres
def test_the_same_on_postgresql(postgres_url: str, folder: Path):
    store = open_store(postgres_url, folder)
    templates.ensure_builtin(store)
    try:
        _crowd(store)
        for column in Column:
            _same_pages(store, column)
        for column in FIRST_PAGE_COLUMNS:
            _same_first_pages(store, column)
    finally:
        store.close()


@pytest.mark.postgres
def test_postgresql_tells_a_word_in_few_orders_from_one_in_many(
    postgres_url: str, folder: Path, monkeypatch: pytest.MonkeyPatch
):
    """Whether a word is in few orders (its first page then read through the indexes) is told
    right on PostgreSQL, whether the newest orders hold it often enough to tell at once or only
    the indexes can (``SAMPLE`` 5: the few newest orders settle nothing)."""
    store = open_store(postgres_url, folder)
    templates.ensure_builtin(store)
    try:
        _crowd(store)
        with store.read() as session:
            found = {word: len(matching_ids(session, word)) for word in ("Same", "N-3", "Sam")}
            assert min(found.values()) > 0
            for sample in (2_500, 5):
                monkeypatch.setattr(register_filter, "SAMPLE", sample)
                for word, count in found.items():
                    for most in (count - 1, count):
                        register_filter.forget()
                        few = register_filter.narrow(session, word, most)
                        assert few is (count <= most), (sample, word, most)
    finally:
        store.close()


def _same_pages(crowded: Store, column: Column) -> None:
    for needle in ("", "Same"):
        for descending in (False, True):
            with crowded.read() as session:
                every = matching_ids(session, needle, column, descending)
                assert len(every) > 3 * SIZE

                def read(limit: int = SIZE, **where: object) -> list[tuple[object, int]]:
                    # either index leading (SQLite): the sort's when most match, else the filter's
                    share = 1.0 if descending else 0.001  # noqa: B023
                    return page(session, needle, column, descending, limit, **where, share=share)  # noqa: B023

                forward = read()
                while len(forward) < len(every):  # down from the top, page after page
                    got = read(after=forward[-1])
                    assert got, (column, descending, len(forward))
                    forward += got
                backward = read(last=True)
                while len(backward) < len(every):  # up from the end (the scrollbar dragged down)
                    backward = read(before=backward[0]) + backward
                middle = read(offset=2 * SIZE)  # a jump, then on by keyset either way
                around = read(before=middle[0]) + middle + read(after=middle[-1])
                rows = [every.index(i) for i in every[:: SIZE + 2]]
                found = [position(session, every[r], needle, column, descending) for r in rows]
                past_the_ends = (read(after=forward[-1]), read(before=forward[0]))
            assert [i for _, i in forward] == every
            assert [i for _, i in backward] == every
            assert [i for _, i in around] == every[SIZE : 4 * SIZE]
            assert found == rows
            assert past_the_ends == ([], [])


def test_missing_dates_come_last_going_down_and_first_going_up(crowded: Store):
    with crowded.read() as session:
        down = page(session, "", Column.ORDER_DATE, True, 500)
        up = page(session, "", Column.ORDER_DATE, False, 500)
        due_up = page(session, "", Column.DUE, False, 500)
        assert position(session, 10**9) is None
    assert (down[-1][0], up[0][0], due_up[-1][0]) == (None, None, None)
    assert None not in (down[0][0], due_up[0][0])


#: Filters many orders match, few, none; short words, label words, words of the index.
NEEDLES = ("Same", "sa", "N-3", "n-3-1", "华", "in review", "overdue", "zq", "zzzz", "quote 华")


FIRST_PAGE_COLUMNS = (Column.RECEIVED, Column.CUSTOMER, Column.DUE, Column.NUMBER)


@pytest.mark.parametrize("column", FIRST_PAGE_COLUMNS)
def test_the_first_page_before_a_count_is_the_first_page(crowded: Store, column: Column):
    """Read in the sort's order and checked row by row, no further than the first
    ``limit / BROAD`` orders (here fewer than all with ``limit`` 2), else again by the filter's
    indexes: either way the filter's first page. With ``partial``, a filter no index finds
    ("zq", labels) stops where the orders read end: the page's head, not whole."""
    partial = _same_first_pages(crowded, column)
    assert "zq" in partial
    if column in INDEXED:
        assert not partial & {"N-3", "zzzz", "Same"}
    else:  # many orders match: sorted by a column without an index, found in the background
        assert "Same" in partial


def _same_first_pages(crowded: Store, column: Column) -> set[str]:
    """Each needle's first page, whole and as read with ``partial``; the needles whose page
    came back not whole."""
    partial: set[str] = set()
    for needle in NEEDLES:
        for descending in (False, True):
            for limit in (2, SIZE):
                with crowded.read() as session:
                    every = matching_ids(session, needle, column, descending)
                    found, broad, whole = first_page(session, needle, column, descending, limit)
                    # allowed to stop where the orders read end, if no index finds the rest
                    head, _, whole_head = first_page(
                        session, needle, column, descending, limit, partial=True
                    )
                assert [i for _, i in found] == every[:limit], (needle, descending, limit)
                assert whole
                if len(every) < limit:
                    assert not broad, needle
                assert [i for _, i in head] == every[: len(head)]
                if not whole_head:
                    assert len(head) < limit, needle
                    # no index finds the word, or none reads the orders in this order
                    assert not indexed(needle) or column not in INDEXED, needle
                    partial.add(needle)
                else:
                    assert head == found
    return partial
