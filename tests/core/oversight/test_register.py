"""The register's filtering and sorting, done in SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from qms_review.core import catalogues
from qms_review.core.messages import label, text
from qms_review.core.orders.revisions import RevisionContent, add_revision, find_or_create_customer
from qms_review.core.oversight.register import (
    Column,
    Stage,
    count_matching,
    matching_ids,
    rows,
)
from qms_review.core.oversight.register_filter import words
from qms_review.core.store.database import Store
from qms_review.core.store.models import Order, OrderRevision, Review
from qms_review.core.store.vocabulary import OrderKind, OrderStatus, ReviewState


@pytest.fixture
def loaded(store: Store, demo_store) -> Store:
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


# --- every column sorts, due dates before a review, the words on screen filter (#12) ----------


def _sorted_by(session, column: Column, descending: bool) -> list:
    return rows(session, matching_ids(session, "", column, descending=descending))


def test_open_findings_questions_review_and_due_sort_in_sql(loaded: Store):
    with loaded.read() as session:
        for descending in (False, True):
            found = [r.findings for r in _sorted_by(session, Column.FINDINGS, descending)]
            assert found == sorted(found, reverse=descending)
            assert len(set(found)) > 1
            asked = [
                r.clarifications for r in _sorted_by(session, Column.CLARIFICATIONS, descending)
            ]
            assert asked == sorted(asked, reverse=descending)
            assert len(set(asked)) > 1
            stages = [
                list(Stage).index(r.stage) for r in _sorted_by(session, Column.REVIEW, descending)
            ]
            assert stages == sorted(stages, reverse=descending)
            assert len(set(stages)) >= 4  # the demo has reviews in most stages
            due = [r.due for r in _sorted_by(session, Column.DUE, descending)]
            dated = [d for d in due if d is not None]
            assert dated == sorted(dated, reverse=descending)
            assert due[: len(dated)] == dated  # no date (decided) last, either way
            assert len(dated) < len(due)


def test_every_order_has_a_due_date_before_its_review(store: Store):
    with store.write("t") as session:
        customer = find_or_create_customer(session, "Acme", "A1")
        friday = datetime(2026, 11, 6, 12, tzinfo=UTC)
        add_revision(
            session, customer, OrderKind.ORDER, "PO-3", RevisionContent(received_at=friday), "t"
        )
        add_revision(
            session,
            customer,
            OrderKind.ORDER,
            "PO-5",
            RevisionContent(received_at=friday),
            "t",
            due_days=5,
        )
    with store.read() as session:
        got = {r.number: r for r in rows(session, matching_ids(session))}
    assert got["PO-3"].due == date(2026, 11, 11)  # three working days: Mon, Tue, Wed
    assert got["PO-5"].due == date(2026, 11, 13)  # the setting's five: a week later
    assert got["PO-3"].stage is Stage.NOT_STARTED
    assert got["PO-3"].overdue(date(2026, 11, 12))
    assert not got["PO-3"].overdue(date(2026, 11, 11))
    with store.read() as session:
        assert matching_ids(session, "overdue", today=date(2026, 11, 12)) == [got["PO-3"].order_id]
        assert matching_ids(session, "overdue", today=date(2026, 11, 11)) == []
        by_due = matching_ids(session, "", Column.DUE, descending=False)
        assert by_due == [got["PO-3"].order_id, got["PO-5"].order_id]


def test_review_started_keeps_its_own_due_date(demo_store: Store):
    with demo_store.read() as session:
        reviewed = session.execute(
            select(Order.id, Review.due_on)
            .join(OrderRevision, OrderRevision.order_id == Order.id)
            .join(Review, Review.revision_id == OrderRevision.id)
            .where(Review.state == ReviewState.IN_REVIEW)
        ).first()
        assert reviewed is not None
        (row,) = rows(session, [reviewed[0]])
    assert row.due == reviewed[1]


def _overdue_shown(session, today: date) -> set[int]:
    return {r.order_id for r in rows(session, matching_ids(session)) if r.overdue(today)}


@pytest.mark.parametrize("word", ["overdue", "OVERDUE", "逾期", "over"])
def test_filter_finds_the_overdue_orders(loaded: Store, word: str):
    today = date.today()
    with loaded.read() as session:
        shown = _overdue_shown(session, today)
        assert shown  # the demo has late reviews and orders waiting for one
        assert set(matching_ids(session, word, today=today)) == shown
        assert count_matching(session, word, today=today) == len(shown)
        # long ago nothing was late yet
        assert matching_ids(session, word, today=date(2000, 1, 1)) == []


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_filter_finds_the_words_of_the_status_and_review_columns(loaded: Store, language: str):
    with loaded.read() as session:
        every = rows(session, matching_ids(session))
        for status in OrderStatus:
            shown = label("status", status.value, language)
            expected = {
                r.order_id
                for r in every
                if shown.casefold() in label("status", r.status.value, language).casefold()
                or shown.casefold() in label("review_stage", r.stage.value, language).casefold()
            }
            assert set(matching_ids(session, shown)) >= {
                r.order_id for r in every if r.status is status
            }
            assert set(matching_ids(session, shown)) == expected
        for stage in Stage:
            shown = label("review_stage", stage.value, language)
            assert {r.order_id for r in every if r.stage is stage} <= set(
                matching_ids(session, shown)
            )
            assert count_matching(session, shown) == len(matching_ids(session, shown))


def test_in_review_finds_the_orders_in_review_only(loaded: Store):
    with loaded.read() as session:
        every = rows(session, matching_ids(session))
        in_review = {r.order_id for r in every if r.status is OrderStatus.IN_REVIEW}
        assert in_review
        assert set(matching_ids(session, "in review")) == in_review
        assert set(matching_ids(session, "In Review")) == in_review
        assert set(matching_ids(session, "评审中")) == in_review
        not_started = {r.order_id for r in every if r.stage is Stage.NOT_STARTED}
        assert set(matching_ids(session, "not started")) == not_started
        assert set(matching_ids(session, "未开始")) == not_started


def test_a_phrase_of_a_label_stays_one_word():
    assert words("in review") == ["in review"]
    assert words("华强  in review") == ["华强", "in review"]
    assert words("northwind overdue") == ["northwind", "overdue"]
    assert words("no such thing") == ["no", "such", "thing"]


def test_status_and_review_columns_say_different_things():
    for language in catalogues.available():
        statuses = {label("status", s.value, language).casefold() for s in OrderStatus}
        stages = {label("review_stage", s.value, language).casefold() for s in Stage}
        assert not statuses & stages
    assert text("due.overdue", "zh_CN") == "逾期"
