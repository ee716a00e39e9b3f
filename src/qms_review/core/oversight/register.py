"""The order register: which orders match a filter, in which order, and their rows.

Built for 100,000 orders: filtering and sorting happen in SQL, by every column. A view asks
how many orders match (a cheap count), then reads windows of ids and their rows as it scrolls; it
never holds all matching ids (fetching 100k sorted ids costs ~85 ms, the count ~8 ms).

The Status column tells the order's commercial status (received, in review, accepted, …); the
Review column where its review stands and who holds it up (not started, draft, being signed by
the functions, awaiting the approver's decision, decided); the Due column when the review is due
— for an order whose review has not started, the date it would have (``Order.due_on``).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, bindparam, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from qms_review.core.oversight.register_filter import (
    OPEN_STATES,
    STAGE_OF,
    Stage,
    filtered,
    indexed,
    matches,
    narrow,
    plus,
)
from qms_review.core.store.models import (
    Clarification,
    Customer,
    Finding,
    Order,
    OrderRevision,
    Review,
)
from qms_review.core.store.vocabulary import Decision, OrderKind, OrderStatus, ReviewState


class Column(enum.IntEnum):
    CUSTOMER = 0
    KIND = 1
    NUMBER = 2
    REVISION = 3
    ORDER_DATE = 4
    RECEIVED = 5
    LINES = 6
    STATUS = 7  # the order's commercial status
    FINDINGS = 8  # open findings of the current revision
    REVIEW = 9  # where the review in force stands (a Stage)
    DUE = 10  # when it is due (before a review starts: when it would be)
    CLARIFICATIONS = 11  # open clarifications with the customer


@dataclass(frozen=True, slots=True)
class RegisterRow:
    order_id: int
    customer: str
    customer_code: str | None
    kind: OrderKind
    number: str
    revision: int
    order_date: date | None
    received_at: datetime | None
    line_count: int
    status: OrderStatus
    findings: int = 0
    review: ReviewState | None = None
    decision: Decision | None = None
    due_on: date | None = None
    clarifications: int = 0

    @property
    def stage(self) -> Stage:
        return Stage.NOT_STARTED if self.review is None else STAGE_OF[self.review]

    @property
    def due(self) -> date | None:
        """The due date the register shows: none once the review is decided, nor for a
        quotation not under review (a quotation is ours: nothing is due)."""
        if self.review is ReviewState.DECIDED:
            return None
        if self.review is None and self.kind is OrderKind.QUOTATION:
            return None
        return self.due_on

    def overdue(self, today: date) -> bool:
        return (
            self.due is not None
            and self.due_on is not None
            and self.due_on < today
            and (self.review is None or self.review in OPEN_STATES)
        )


def _in_force_id() -> ColumnElement[int | None]:
    """The id of the review in force of the order (the newest not superseded), per order."""
    revision = aliased(OrderRevision)
    return (
        select(func.max(Review.id))
        .join(revision, revision.id == Review.revision_id)
        .where(revision.order_id == Order.id, Review.state != ReviewState.SUPERSEDED)
        .scalar_subquery()
    )


_IN_FORCE = aliased(Review, name="in_force")

_STAGE_RANK = case(
    (_IN_FORCE.id.is_(None), 0),
    (_IN_FORCE.state == ReviewState.DRAFT, 1),
    (_IN_FORCE.state == ReviewState.IN_REVIEW, 2),
    (_IN_FORCE.state == ReviewState.READY_FOR_DECISION, 3),
    else_=4,
)
_DUE = case(
    (_IN_FORCE.state == ReviewState.DECIDED, None),
    # a quotation is not reviewed: nothing due (older data may hold a date)
    (and_(_IN_FORCE.id.is_(None), Order.kind == OrderKind.QUOTATION), None),
    else_=func.coalesce(_IN_FORCE.due_on, Order.due_on),
)
_OPEN_FINDINGS = (
    select(func.count())
    .select_from(Finding)
    .where(
        Finding.revision_id == OrderRevision.id,
        Finding.disposition.is_(None),
        Finding.cleared_at.is_(None),
    )
    .scalar_subquery()
)
_OPEN_QUESTIONS = (
    select(func.count())
    .select_from(Clarification)
    .where(Clarification.order_id == Order.id, Clarification.closed_at.is_(None))
    .scalar_subquery()
)

_SORT: dict[Column, Any] = {
    Column.CUSTOMER: Customer.name,
    Column.KIND: Order.kind,
    Column.NUMBER: Order.number,
    Column.REVISION: Order.revision_count,
    Column.ORDER_DATE: OrderRevision.order_date,
    Column.RECEIVED: OrderRevision.received_at,
    Column.LINES: OrderRevision.line_count,
    Column.STATUS: Order.status,
    Column.FINDINGS: _OPEN_FINDINGS,
    Column.REVIEW: _STAGE_RANK,
    Column.DUE: _DUE,
    Column.CLARIFICATIONS: _OPEN_QUESTIONS,
}
SORTABLE = frozenset(_SORT)
#: Sort keys that need the review in force joined.
_BY_REVIEW = frozenset({Column.REVIEW, Column.DUE})


def _joined[*Ts](query: Select[*Ts]) -> Select[*Ts]:
    """Join an order to its customer and its current (latest) revision, which always exists."""
    return query.join(Customer, Customer.id == Order.customer_id).join(
        OrderRevision,
        and_(OrderRevision.order_id == Order.id, OrderRevision.number == Order.revision_count),
    )


#: Sort keys that may be NULL. The register places NULL as the smallest value (first going up,
#: last going down), but a missing due date (a decided review) last either way; on SQLite as on
#: PostgreSQL, whose own default differs.
_NULLABLE = frozenset({Column.ORDER_DATE, Column.DUE})

#: Where a page starts: the sort key and the id of the row next to it (see :func:`page`).
Boundary = tuple[Any, int]


#: Below this share of all orders matching, the filter's indexes find the rows and they are
#: sorted; from it up the sort's index leads and the filter checks row after row (a page then
#: reads 200 / share rows at most: 10,000).
BROAD = 1 / 50


def _key(sort: Column) -> Any:
    return _SORT.get(sort, _SORT[Column.RECEIVED])


def _sorted[*Ts](
    query: Select[*Ts],
    session: Session,
    needle: str,
    sort: Column,
    only: Sequence[int] | None,
    today: date | None,
    sorted_first: bool = False,
) -> Select[*Ts]:
    """``query`` over orders with the joins ``sort`` needs, the filter and ``only`` applied."""
    query = query.select_from(Order).join(
        OrderRevision,
        and_(OrderRevision.order_id == Order.id, OrderRevision.number == Order.revision_count),
    )
    if sort is Column.CUSTOMER:  # the filter reaches customers by a subquery; only this joins
        query = query.join(Customer, Customer.id == Order.customer_id)
    if sort in _BY_REVIEW:
        query = query.outerjoin(_IN_FORCE, _IN_FORCE.id == _in_force_id())
    query = filtered(query, session, needle, today, sorted_first)
    if only is not None:
        query = query.where(Order.id.in_(only))
    return query


def _ordering(key: Any, sort: Column, descending: bool, reverse: bool) -> list[Any]:
    """ORDER BY for the register's order, or for its reverse (read from the end)."""
    nulls_last = _nulls_last(sort, descending) != reverse
    down = descending != reverse
    ordering = key.desc() if down else key.asc()
    if sort in _NULLABLE:
        ordering = ordering.nulls_last() if nulls_last else ordering.nulls_first()
    return [ordering, Order.id.desc() if down else Order.id.asc()]


def _nulls_last(sort: Column, descending: bool) -> bool:
    return sort is Column.DUE or descending


def _beyond(key: Any, sort: Column, descending: bool, reverse: bool, boundary: Boundary) -> Any:
    """The rows after ``boundary`` in the register's order (``reverse``: before it)."""
    value, order_id = boundary
    down = descending != reverse
    nulls_last = _nulls_last(sort, descending) != reverse
    after_id = Order.id < order_id if down else Order.id > order_id
    if value is None:
        if nulls_last:  # the boundary is among the NULLs at the end: only NULLs follow
            return and_(key.is_(None), after_id)
        return or_(key.is_not(None), after_id)  # among the NULLs first: all values follow
    # "key ≤ value and (key < value or id after)": the first half is a range an index on the
    # key reads from the boundary on (an OR of the two alone would be read from the start).
    condition = and_(
        key <= value if down else key >= value,
        or_(key < value if down else key > value, after_id),
    )
    if sort in _NULLABLE and nulls_last:
        condition = or_(condition, key.is_(None))
    return condition


def page(
    session: Session,
    needle: str = "",
    sort: Column = Column.RECEIVED,
    descending: bool = True,
    limit: int = 200,
    *,
    after: Boundary | None = None,
    before: Boundary | None = None,
    last: bool = False,
    offset: int = 0,
    only: Sequence[int] | None = None,
    today: date | None = None,
    share: float | None = None,
) -> list[Boundary]:
    """A page of the matching orders (see :func:`matching_ids`) as (sort key, id), in the
    register's order: the first ``limit`` rows after ``after`` (keyset: however deep, the
    database starts from the boundary rather than counting rows up to it), the last ``limit``
    rows before ``before``, the last ``limit`` rows of all (``last``: the reverse order read
    from its start), or, to jump into the middle, ``limit`` rows from ``offset`` (with ``last``:
    the ``limit`` rows that end ``offset`` rows before the end).

    ``share``, the share of all orders that match (when the caller has counted them), chooses
    on SQLite which index leads: the sort's when many match, the filter's when few do.
    """
    reverse = before is not None or last
    key, sorted_first = _key(sort), False
    dialect = session.get_bind().dialect.name
    if share is not None and dialect == "sqlite":
        sorted_first = share >= BROAD
        key = key if sorted_first else plus(key)
    if share is not None and share < BROAD and dialect == "postgresql" and needle.split():
        # The matches first, through the filter's indexes, then sorted: PostgreSQL's planner
        # would walk the sort's index instead, checking row after row.
        matching = filtered(select(Order.id), session, needle, today)
        if only is not None:
            matching = matching.where(Order.id.in_(only))
        found_first = matching.cte("matching").prefix_with("MATERIALIZED")
        query = _sorted(select(key, Order.id), session, "", sort, only, today)
        query = query.where(Order.id.in_(select(found_first.c.id)))
    else:
        query = _sorted(select(key, Order.id), session, needle, sort, only, today, sorted_first)
    boundary = after if after is not None else before
    if boundary is not None:
        query = query.where(_beyond(key, sort, descending, reverse, boundary))
    query = query.order_by(*_ordering(key, sort, descending, reverse)).limit(limit)
    if offset and boundary is None:  # from the start, or with ``last`` from the end
        query = query.offset(offset)
    found = [(key, order_id) for key, order_id in session.connection().execute(query)]
    return found[::-1] if reverse else found


#: A word the index finds in at most this many pages' worth of orders has its first page read
#: through the index (those orders, sorted); asking the index costs as much for a word in many.
FEW = 4


class FirstPage(NamedTuple):
    """What :func:`first_page` found: the page's keys; whether many orders match (as far as
    the first rows tell: the share to pass to :func:`page` for the pages after it); whether
    the page is whole (False: the rows of the orders read so far, with more to look for)."""

    keys: list[Boundary]
    broad: bool
    whole: bool = True


#: The sorts an index reads the orders in (migrations 0001, 0009): a first page along it costs
#: the same at any size. By any other (a customer's name, a count of findings, where a review
#: stands, …) the first page is every match sorted: 15–145 ms at 100,000 orders.
INDEXED = frozenset({Column.RECEIVED, Column.NUMBER, Column.KIND})


def scanned(limit: int) -> int:
    """How many orders :func:`first_page` reads in the register's order at most, for a page of
    ``limit`` rows, before it looks the matches up otherwise."""
    return round(limit / BROAD)


def first_page(
    session: Session,
    needle: str = "",
    sort: Column = Column.RECEIVED,
    descending: bool = True,
    limit: int = 200,
    *,
    only: Sequence[int] | None = None,
    today: date | None = None,
    partial: bool = False,
) -> FirstPage:
    """The first page of the matching orders (as :func:`page`) before anyone has counted them,
    and whether many match (at least :data:`BROAD` of the orders, as far as the first rows
    tell).

    On SQLite the orders are read in the register's order, each checked against the filter,
    until the page is full, but no further than ``limit / BROAD`` orders: a filter that many
    orders match fills its page within them, whatever the number of orders. Only when it does
    not (few match) is the page read again, the filter's indexes leading, as it is at once when
    the search index tells that few match (a word in at most :data:`FEW` pages' worth of
    orders). The same on
    PostgreSQL, whose planner, guessing how many orders match, would otherwise walk the sort's
    index for a word hardly any order holds.

    With ``partial``, a filter no index can look up (words shorter than the trigrams, labels)
    that the orders read did not fill the page with is not looked for further: what they held
    comes back as a page not whole (looking further reads every order: ~200 ms at 1,000,000
    orders, for the count to do in the background); nor is a filter in more than a few orders
    sorted by a column no index holds in order (:data:`INDEXED`): nothing comes back, not
    whole.
    """
    if not needle.split():
        return FirstPage(
            page(session, needle, sort, descending, limit, only=only, today=today), True
        )
    if narrow(session, needle, FEW * limit):
        return FirstPage(
            page(session, needle, sort, descending, limit, only=only, today=today, share=0.0),
            False,
        )
    if partial and sort not in INDEXED:  # no index to read the orders in this order by
        return FirstPage([], False, whole=False)
    key = _key(sort)
    hit = matches(session, needle, today, sorted_first=True)
    assert hit is not None  # a needle with a word
    scan = (
        _sorted(
            select(key.label("key"), Order.id, hit.label("hit")), session, "", sort, only, today
        )
        .order_by(*_ordering(key, sort, descending, False))
        .limit(scanned(limit))
        .subquery()
    )
    # Read as a co-routine in the scan's order: SQLite stops at the page's last row.
    query = select(scan.c.key, scan.c.id).where(scan.c.hit).limit(limit)
    found = [(key, order_id) for key, order_id in session.connection().execute(query)]
    if len(found) == limit:
        return FirstPage(found, True)
    if partial and not indexed(needle):
        return FirstPage(found, False, whole=False)
    return FirstPage(
        page(session, needle, sort, descending, limit, only=only, today=today, share=0.0), False
    )


def position(
    session: Session,
    order_id: int,
    needle: str = "",
    sort: Column = Column.RECEIVED,
    descending: bool = True,
    only: Sequence[int] | None = None,
    today: date | None = None,
) -> int | None:
    """The row of ``order_id`` in the register's order (0 first), if it matches: one count of
    the rows before it, rather than reading every id up to it."""
    found = (
        session.connection()
        .execute(
            _sorted(select(_key(sort)), session, needle, sort, only, today).where(
                Order.id == order_id
            )
        )
        .first()
    )
    if found is None:
        return None
    counted = _sorted(select(func.count()).select_from(Order), session, needle, sort, only, today)
    # Not along the sort's index on SQLite: deep down, walking it costs more than a scan.
    key = plus(_key(sort)) if session.get_bind().dialect.name == "sqlite" else _key(sort)
    counted = counted.where(_beyond(key, sort, descending, True, (found[0], order_id)))
    return session.connection().execute(counted).scalar() or 0


def matching_ids(
    session: Session,
    needle: str = "",
    sort: Column = Column.RECEIVED,
    descending: bool = True,
    offset: int = 0,
    limit: int | None = None,
    only: Sequence[int] | None = None,
    today: date | None = None,
) -> list[int]:
    """Ids of the orders matching every word of ``needle``, sorted by ``sort``; with
    ``offset``/``limit`` only that window of them.

    A word (or a phrase of a label, see :func:`register_filter.words`) matches the customer's
    name or code, the order number, or, in any language, the label of the order's kind or
    status, of where its review stands, or "overdue" (as of ``today``, by default the local
    date).
    """
    query = _sorted(select(Order.id), session, needle, sort, only, today)
    query = query.order_by(*_ordering(_key(sort), sort, descending, False)).offset(offset or None)
    if limit is not None:
        query = query.limit(limit)
    # Plain ids through Core: the ORM's row machinery would triple the time at 100k rows.
    return list(session.connection().execute(query).scalars().all())


def count_matching(
    session: Session,
    needle: str = "",
    only: Sequence[int] | None = None,
    today: date | None = None,
) -> int:
    """How many orders match ``needle`` (no join, no sort: a fraction of fetching them)."""
    query = filtered(select(func.count()).select_from(Order), session, needle, today)
    if only is not None:
        query = query.where(Order.id.in_(only))
    return session.connection().execute(query).scalar() or 0


#: The register's rows of some orders (``ids``): the review in force and the open counts by
#: index, per row; built once (building it costs more than running it for a page).
_ROWS = (
    _joined(
        select(
            Order.id,
            Customer.name,
            Customer.code,
            Order.kind,
            Order.number,
            Order.revision_count,
            OrderRevision.order_date,
            OrderRevision.received_at,
            OrderRevision.line_count,
            Order.status,
            _OPEN_FINDINGS,
            _IN_FORCE.state,
            _IN_FORCE.decision,
            func.coalesce(_IN_FORCE.due_on, Order.due_on),
            _OPEN_QUESTIONS,
        )
    )
    .outerjoin(_IN_FORCE, _IN_FORCE.id == _in_force_id())
    .where(Order.id.in_(bindparam("ids", expanding=True)))
)


def rows(session: Session, ids: Sequence[int]) -> list[RegisterRow]:
    """The register rows of ``ids``, in the same order (ids no longer present are skipped):
    one query, through Core."""
    if not ids:
        return []
    found = {
        r[0]: RegisterRow(*r[:8], r[8] or 0, *r[9:])
        for r in session.connection().execute(_ROWS, {"ids": list(ids)})
    }
    return [found[i] for i in ids if i in found]
