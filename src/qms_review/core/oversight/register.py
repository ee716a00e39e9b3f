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
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, false, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from qms_review.core import catalogues
from qms_review.core.checks.findings import open_counts
from qms_review.core.messages import label, text
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


#: The review states in which a review can be late.
OPEN_STATES = (ReviewState.DRAFT, ReviewState.IN_REVIEW, ReviewState.READY_FOR_DECISION)


class Stage(enum.StrEnum):
    """What the Review column says: where the review stands and who holds it up, in words
    other than the order's status (labels ``review_stage.*``)."""

    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SIGNING = "signing"  # the functions answer and sign their sections
    AWAITING_DECISION = "awaiting_decision"  # the approver decides
    DECIDED = "decided"


_STAGE_OF = {
    ReviewState.DRAFT: Stage.DRAFT,
    ReviewState.IN_REVIEW: Stage.SIGNING,
    ReviewState.READY_FOR_DECISION: Stage.AWAITING_DECISION,
    ReviewState.DECIDED: Stage.DECIDED,
}


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
        return Stage.NOT_STARTED if self.review is None else _STAGE_OF[self.review]

    @property
    def due(self) -> date | None:
        """The due date the register shows: none once the review is decided."""
        return None if self.review is ReviewState.DECIDED else self.due_on

    def overdue(self, today: date) -> bool:
        return (
            self.due_on is not None
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


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _labels_matching(prefix: str, members: Sequence[enum.StrEnum], word: str) -> list[str]:
    """Enum values whose label, in any language, contains ``word``."""
    folded = word.casefold()
    return [
        m.value
        for m in members
        if any(folded in label(prefix, m.value, lang).casefold() for lang in catalogues.available())
    ]


def _overdue_matching(word: str) -> bool:
    folded = word.casefold()
    return any(folded in text("due.overdue", lang).casefold() for lang in catalogues.available())


_LABELLED: tuple[tuple[str, Sequence[enum.StrEnum]], ...] = (
    ("kind", list(OrderKind)),
    ("status", list(OrderStatus)),
    ("review_stage", list(Stage)),
)


def _is_label_phrase(phrase: str) -> bool:
    return _overdue_matching(phrase) or any(
        _labels_matching(prefix, members, phrase) for prefix, members in _LABELLED
    )


def words(needle: str) -> list[str]:
    """The words of a filter, each to match: words that together are part of a label shown in
    the register ("in review", "awaiting decision") stay together as one phrase."""
    tokens = needle.split()
    found: list[str] = []
    start = 0
    while start < len(tokens):
        end = start + 1
        for stop in range(len(tokens), start + 1, -1):
            if _is_label_phrase(" ".join(tokens[start:stop])):
                end = stop
                break
        found.append(" ".join(tokens[start:end]))
        start = end
    return found


#: Aliases of their own for the filter's subqueries, so none correlates with the outer query
#: (which joins order_revisions); made once: aliasing costs more than the query per keystroke.
_REVISION, _REVIEW = aliased(OrderRevision), aliased(Review)


@functools.cache
def _orders_with_review(states: tuple[ReviewState, ...]) -> Select[int]:
    """Orders with a review in one of ``states``."""
    return (
        select(_REVISION.order_id)
        .join(_REVIEW, _REVIEW.revision_id == _REVISION.id)
        .where(_REVIEW.state.in_(states))
    )


_IN_FORCE_STATES = tuple(s for s in ReviewState if s is not ReviewState.SUPERSEDED)


def _stage_condition(stage: Stage) -> ColumnElement[bool]:
    if stage is Stage.NOT_STARTED:
        return Order.id.not_in(_orders_with_review(_IN_FORCE_STATES))
    state = next(s for s, shown in _STAGE_OF.items() if shown is stage)
    return Order.id.in_(_orders_with_review((state,)))


def _overdue_condition(today: date) -> ColumnElement[bool]:
    """The orders the register shows overdue: an open review due before ``today``, or no review
    yet and the order's due date before it."""
    late = _orders_with_review(OPEN_STATES).where(_REVIEW.due_on < today)
    return or_(
        Order.id.in_(late),
        and_(Order.due_on < today, Order.id.not_in(_orders_with_review(_IN_FORCE_STATES))),
    )


def _word_condition(word: str, dialect: str, today: date) -> ColumnElement[bool]:
    pattern = f"%{_escape(word)}%"

    def contains(column: ColumnElement[Any] | InstrumentedAttribute[Any]) -> ColumnElement[bool]:
        # SQLite's LIKE ignores ASCII case by itself; lower() on every row would double the cost.
        if dialect == "sqlite":
            return column.like(pattern, escape="\\")
        return column.ilike(pattern, escape="\\")

    customers = select(Customer.id).where(or_(contains(Customer.name), contains(Customer.code)))
    options: list[ColumnElement[bool]] = [
        Order.customer_id.in_(customers.scalar_subquery()),
        contains(Order.number),
    ]
    kinds = _labels_matching("kind", list(OrderKind), word)
    if kinds:
        options.append(Order.kind.in_(kinds))
    statuses = _labels_matching("status", list(OrderStatus), word)
    if statuses:
        options.append(Order.status.in_(statuses))
    for stage in _labels_matching("review_stage", list(Stage), word):
        options.append(_stage_condition(Stage(stage)))
    if _overdue_matching(word):
        options.append(_overdue_condition(today))
    return or_(false(), *options)


def _filtered[*Ts](
    query: Select[*Ts], session: Session, needle: str, today: date | None
) -> Select[*Ts]:
    dialect = session.get_bind().dialect.name
    for word in words(needle):
        query = query.where(_word_condition(word, dialect, today or date.today()))
    return query


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

    A word (or a phrase of a label, see :func:`words`) matches the customer's name or code, the
    order number, or, in any language, the label of the order's kind or status, of where its
    review stands, or "overdue" (as of ``today``, by default the local date).
    """
    query = select(Order.id).join(
        OrderRevision,
        and_(OrderRevision.order_id == Order.id, OrderRevision.number == Order.revision_count),
    )
    if sort is Column.CUSTOMER:  # the filter reaches customers by a subquery; only this joins
        query = query.join(Customer, Customer.id == Order.customer_id)
    if sort in _BY_REVIEW:
        query = query.outerjoin(_IN_FORCE, _IN_FORCE.id == _in_force_id())
    key = _SORT.get(sort, _SORT[Column.RECEIVED])
    ordering = key.desc() if descending else key.asc()
    if sort is Column.DUE:  # no due date (decided): last either way, on SQLite as on PostgreSQL
        ordering = ordering.nulls_last()
    tie = Order.id.desc() if descending else Order.id.asc()
    query = _filtered(query, session, needle, today)
    if only is not None:
        query = query.where(Order.id.in_(only))
    query = query.order_by(ordering, tie).offset(offset or None)
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
    query = _filtered(select(func.count()).select_from(Order), session, needle, today)
    if only is not None:
        query = query.where(Order.id.in_(only))
    return session.connection().execute(query).scalar() or 0


def rows(session: Session, ids: Sequence[int]) -> list[RegisterRow]:
    """The register rows of ``ids``, in the same order (ids no longer present are skipped)."""
    if not ids:
        return []
    query = _joined(
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
            OrderRevision.id,
            Order.due_on,
        )
    ).where(Order.id.in_(ids))
    fetched = session.execute(query).all()
    counts = open_counts(session, [r[10] for r in fetched])
    in_force = _reviews(session, [r[0] for r in fetched])
    asked = {
        order_id: count
        for order_id, count in session.execute(
            select(Clarification.order_id, func.count())
            .where(
                Clarification.order_id.in_([r[0] for r in fetched]),
                Clarification.closed_at.is_(None),
            )
            .group_by(Clarification.order_id)
        )
    }
    found = {
        r[0]: RegisterRow(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            r[8] or 0,
            r[9],
            counts.get(r[10], 0),
            *_review_of(in_force, r[0], r[11]),
            clarifications=asked.get(r[0], 0),
        )
        for r in fetched
    }
    return [found[i] for i in ids if i in found]


def _review_of(
    found: dict[int, tuple[ReviewState, Decision | None, date | None]],
    order_id: int,
    order_due: date | None,
) -> tuple[ReviewState | None, Decision | None, date | None]:
    """The review in force's state, decision and due date; before any, the order's due date."""
    state, decision, due = found.get(order_id, (None, None, None))
    return state, decision, due or order_due


def _reviews(
    session: Session, order_ids: Sequence[int]
) -> dict[int, tuple[ReviewState, Decision | None, date | None]]:
    """The review in force of each order (the newest one not superseded)."""
    rows = session.execute(
        select(OrderRevision.order_id, Review.state, Review.decision, Review.due_on)
        .join(Review, Review.revision_id == OrderRevision.id)
        .where(OrderRevision.order_id.in_(order_ids), Review.state != ReviewState.SUPERSEDED)
        .order_by(Review.id)
    )
    return {order_id: (state, decision, due) for order_id, state, decision, due in rows}


def count(session: Session) -> int:
    """How many orders the register holds in all."""
    return count_matching(session)
