"""The register's filtering and sorting, done in SQL."""

from __future__ import annotations

import pytest

from qms_review.core import demo
from qms_review.core.orders.revisions import RevisionContent, add_revision, find_or_create_customer
from qms_review.core.oversight.register import Column, matching_ids, rows
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import OrderKind


@pytest.fixture
def loaded(store: Store) -> Store:
    demo.load(store, "tester")
    return store


def test_all_rows_newest_first(loaded: Store):
    with loaded.read() as session:
        ids = matching_ids(session)
        got = rows(session, ids)
    assert len(got) == 44
    received = [r.received_at for r in got]
    assert received == sorted(received, reverse=True)


@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        ("华强", 7),  # a Chinese customer name
        ("C-2001", 7),  # a customer code
        ("northwind", 8),  # any case
        ("quotation", 24),  # the English label of a kind
        ("报价", 24),  # the Chinese label of the same kind
        ("合同", 1),  # contract, in Chinese
        ("华强 报价", 4),  # every word must match
        ("采购-2026", 10),  # an order number
        ("no such thing", 0),
    ],
)
def test_filter(loaded: Store, needle: str, expected: int):
    with loaded.read() as session:
        assert len(matching_ids(session, needle)) == expected


def test_wildcards_are_literal(store: Store):
    with store.write("t") as session:
        c = find_or_create_customer(session, "Percent 100% Ltd", "P1")
        add_revision(session, c, OrderKind.ORDER, "A_1", RevisionContent(), "t")
        add_revision(session, c, OrderKind.ORDER, "AB1", RevisionContent(), "t")
    with store.read() as session:
        assert len(matching_ids(session, "A_1")) == 1
        assert len(matching_ids(session, "100%")) == 2
        assert len(matching_ids(session, "%")) == 2


def test_sort_by_each_column(loaded: Store):
    with loaded.read() as session:
        for column in Column:
            asc = rows(session, matching_ids(session, "", column, descending=False))
            desc = rows(session, matching_ids(session, "", column, descending=True))
            assert len(asc) == len(desc) == 44
        by_number = rows(session, matching_ids(session, "", Column.NUMBER, descending=False))
        numbers = [r.number for r in by_number]
        assert numbers == sorted(numbers)
        by_revision = rows(session, matching_ids(session, "", Column.REVISION, descending=True))
        assert by_revision[0].revision == 2


def test_rows_keep_the_order_of_ids(loaded: Store):
    with loaded.read() as session:
        ids = matching_ids(session)[:10]
        assert [r.order_id for r in rows(session, list(reversed(ids)))] == list(reversed(ids))


def test_demo_amendments_carry_their_differences(loaded: Store):
    from qms_review.core.intake import importer

    with loaded.read() as session:
        amended = [r for r in rows(session, matching_ids(session)) if r.revision == 2]
    assert len(amended) == 6
    number, revision, found = importer.differences(loaded, amended[0].order_id)
    assert (number, revision) == (amended[0].number, 2)
    bases = {d.basis: d for d in found}
    assert set(bases) == {"previous", "quotation"}
    changes = {c.change for c in bases["previous"].changes}
    assert changes == {"changed", "added"}  # a date moved in, a line added
