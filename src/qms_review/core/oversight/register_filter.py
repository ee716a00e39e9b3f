"""The register's filter: which orders match the words a user types.

A word (or a phrase of a label, see :func:`words`) matches the customer's name or code, the
order number, or, in any language, the label of the order's kind or status, of where its review
stands, or "overdue". Names and numbers are found through a substring index (migration 0008):
on SQLite the FTS5 trigram tables ``order_search``/``customer_search`` narrow a word of three
characters or more to the rows holding its trigrams, and ``LIKE`` on those rows alone decides
(the same answer as ``LIKE`` on every row: the index folds case at least as widely as ``LIKE``);
shorter words have no trigram, and a word in most order numbers ("PO-") is cheaper to scan for:
those are read with ``LIKE``. On PostgreSQL ``ILIKE`` uses the
pg_trgm GIN indexes by itself.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Integer,
    Select,
    and_,
    any_,
    cast,
    column,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from qms_review.core import catalogues
from qms_review.core.messages import label
from qms_review.core.messages import text as message
from qms_review.core.store.models import (
    Customer,
    CustomerFeedback,
    CustomerProperty,
    Order,
    OrderRevision,
    Review,
)
from qms_review.core.store.vocabulary import OrderKind, OrderStatus, ReviewState

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


STAGE_OF = {
    ReviewState.DRAFT: Stage.DRAFT,
    ReviewState.IN_REVIEW: Stage.SIGNING,
    ReviewState.READY_FOR_DECISION: Stage.AWAITING_DECISION,
    ReviewState.DECIDED: Stage.DECIDED,
}

#: A trigram index holds runs of three characters: a shorter word has none to look up.
TRIGRAM = 3


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _labels_matching(prefix: str, members: Sequence[enum.StrEnum], word: str) -> list[str]:
    """Enum values whose label, in any language, contains ``word``."""
    return list(_matching(prefix, tuple(m.value for m in members), word, _languages()))


def _languages() -> tuple[str, ...]:
    return tuple(catalogues.available())


@functools.lru_cache(maxsize=4096)
def _matching(
    prefix: str, values: tuple[str, ...], word: str, languages: tuple[str, ...]
) -> tuple[str, ...]:
    """Worked out once per word typed (a keystroke asks again for every phrase it tries)."""
    folded = word.casefold()
    return tuple(
        v for v in values if any(folded in label(prefix, v, lang).casefold() for lang in languages)
    )


def _overdue_matching(word: str) -> bool:
    return _overdue_in(word, _languages())


@functools.lru_cache(maxsize=4096)
def _overdue_in(word: str, languages: tuple[str, ...]) -> bool:
    folded = word.casefold()
    return any(folded in message("due.overdue", lang).casefold() for lang in languages)


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
    state = next(s for s, shown in STAGE_OF.items() if shown is stage)
    return Order.id.in_(_orders_with_review((state,)))


def _overdue_condition(today: date) -> ColumnElement[bool]:
    """The orders the register shows overdue: an open review due before ``today``, or no review
    yet and the order's due date before it."""
    late = _orders_with_review(OPEN_STATES).where(_REVIEW.due_on < today)
    return or_(
        Order.id.in_(late),
        and_(
            Order.due_on < today,
            Order.kind != OrderKind.QUOTATION,  # not reviewed: never late
            Order.id.not_in(_orders_with_review(_IN_FORCE_STATES)),
        ),
    )


#: The SQLite search tables (migration 0008): rowid is the order's or the customer's id.
_ORDER_SEARCH = table("order_search", column("rowid"), column("number"))
_CUSTOMER_SEARCH = table("customer_search", column("rowid"), column("name"), column("code"))


def _phrase(word: str) -> str:
    """An FTS5 query for ``word`` as it stands (a quoted string: no operator, no syntax)."""
    return '"' + word.replace('"', '""') + '"'


def _searched(search: Any, word: str) -> ColumnElement[bool]:
    """``search`` rows holding the trigrams of ``word`` (a superset of the LIKE matches)."""
    return literal_column(search.name).op("MATCH")(literal(_phrase(word)))


def plus(column: Any) -> Any:
    """``+column``: the same value, which SQLite will not look up in an index; how a query
    tells SQLite which index to lead with."""
    return UnaryExpression(column, operator=custom_op("+"), type_=column.type)


#: A word in more order numbers than this is read with LIKE on every row: a scan of the orders
#: costs less than the list of ids the index would hand over (~12 ms against ~60 ms when
#: every one of 100,000 orders matches).
COMMON = 5_000


#: Words found common, or not, per database: only the way to read them hangs on it (either
#: way the same orders match), so an answer from before the data changed is still good enough
#: and no keystroke asks twice.
_COMMON_WORDS: dict[tuple[str, str], bool] = {}


def _common(session: Session, word: str) -> bool:
    """Whether ``word`` is in more than :data:`COMMON` order numbers (the index stops
    counting there)."""
    where = (str(session.connection().engine.url), word)
    known = _COMMON_WORDS.get(where)
    if known is not None:
        return known
    first = select(_ORDER_SEARCH.c.rowid).where(_searched(_ORDER_SEARCH, word)).limit(COMMON + 1)
    found = session.connection().execute(select(func.count()).select_from(first.subquery()))
    if len(_COMMON_WORDS) > 10_000:
        _COMMON_WORDS.clear()
    common = _COMMON_WORDS[where] = (found.scalar() or 0) > COMMON
    return common


#: Words found in few orders, or not, per database and bound (as :data:`_COMMON_WORDS`).
_FEW_WORDS: dict[tuple[str, str, int], bool] = {}


def forget() -> None:
    """Forget which words were found common, or in few orders: the data changed, and a word
    once in few orders may be in many now (its first page would then sort them all, or hand
    over every id the index holds for it). Asked again once per word."""
    _COMMON_WORDS.clear()
    _FEW_WORDS.clear()


def indexed(needle: str) -> bool:
    """Whether an index can look up the orders matching ``needle``: one of its words is no
    label and long enough for the trigram indexes (else finding them reads every order)."""
    return any(len(word) >= TRIGRAM and not _is_label_phrase(word) for word in words(needle))


def narrow(session: Session, needle: str, most: int) -> bool:
    """Whether an index tells at once that at most ``most`` orders match ``needle``: a word
    of it that is no label (a label is read row by row) and long enough for the trigram
    indexes is in at most ``most`` orders (kept per word, as :func:`_common`)."""
    dialect = session.get_bind().dialect.name
    for word in words(needle):
        if len(word) < TRIGRAM or _is_label_phrase(word):
            continue
        if dialect == "sqlite" and _common(session, word):
            continue
        where = (str(session.connection().engine.url), word, most)
        few = _FEW_WORDS.get(where)
        if few is None:
            condition = _word_condition(word, dialect, date.today(), False, dialect == "sqlite")
            if dialect == "postgresql":
                few = _few_on_postgres(session, condition, most)
            else:
                first = select(Order.id).where(condition).limit(most + 1)
                found = session.connection().execute(
                    select(func.count()).select_from(first.subquery())
                )
                few = (found.scalar() or 0) <= most
            if len(_FEW_WORDS) > 10_000:
                _FEW_WORDS.clear()
            _FEW_WORDS[where] = few
        if few:
            return True
    return False


#: On PostgreSQL, the newest orders among which a word in many orders is found at once.
SAMPLE = 2_500


def _few_on_postgres(session: Session, condition: ColumnElement[bool], most: int) -> bool:
    """Whether at most ``most`` orders meet ``condition``, on PostgreSQL: first among the
    newest :data:`SAMPLE` orders (a word of many orders, as a customer's name, is found there
    more than ``most`` times: ~1 ms), else through the indexes (a bitmap: with a LIMIT on the
    query itself the planner reads the orders one by one, expecting matches soon — 27 ms for
    a word in one order of 100,000, 220 ms in 1% of 1,000,000 — where the lookup takes a few
    milliseconds whatever the word; the rows are still read only up to ``most``)."""
    connection = session.connection()
    newest = select(func.max(Order.id)).scalar_subquery() - SAMPLE
    seen = select(Order.id).where(Order.id > newest, condition).limit(most + 1).subquery()
    if (connection.execute(select(func.count()).select_from(seen)).scalar() or 0) > most:
        return False
    matching = select(Order.id).where(condition).cte("matching").prefix_with("MATERIALIZED")
    first = select(matching.c.id).limit(most + 1).subquery()
    return (connection.execute(select(func.count()).select_from(first)).scalar() or 0) <= most


def _customer_in(customers: Select[Any], dialect: str) -> ColumnElement[bool]:
    """The order is a customer's of ``customers`` (a select of customer ids). On PostgreSQL as
    ``= ANY(array)``, the array worked out once before the orders are read: an index condition,
    so that with the number's trigram index the planner can look the orders up (a bitmap OR)
    rather than read them all (``IN (subquery)`` in an OR can only be checked row by row)."""
    if dialect == "sqlite":
        return Order.customer_id.in_(customers)
    listed = customers.with_only_columns(func.array_agg(customers.selected_columns[0]))
    return Order.customer_id == any_(cast(listed.scalar_subquery(), ARRAY(Integer)))


@functools.lru_cache(maxsize=512)  # built once per word and way to read it: a keystroke asks
def _word_condition(  # again for the words before it (conditions are immutable)
    word: str, dialect: str, today: date, sorted_first: bool, indexed: bool
) -> ColumnElement[bool]:
    pattern = f"%{_escape(word)}%"

    def contains(column: Any) -> ColumnElement[bool]:
        # SQLite's LIKE ignores ASCII case by itself; lower() on every row would double the cost.
        if dialect == "sqlite":
            return column.like(pattern, escape="\\")  # type: ignore[no-any-return]
        return column.ilike(pattern, escape="\\")  # type: ignore[no-any-return]

    if indexed:
        numbers = _ORDER_SEARCH.c
        customer_table = _CUSTOMER_SEARCH.c
        # The sort's index leads: the rows are checked one by one, not looked up by the filter.
        order_id, customer_id = (
            (plus(Order.id), plus(Order.customer_id))
            if sorted_first
            else (Order.id, Order.customer_id)
        )
        options: list[ColumnElement[bool]] = [
            customer_id.in_(
                select(customer_table.rowid)
                .where(_searched(_CUSTOMER_SEARCH, word))
                .where(or_(contains(customer_table.name), contains(customer_table.code)))
                .scalar_subquery()
            ),
            and_(
                order_id.in_(select(numbers.rowid).where(_searched(_ORDER_SEARCH, word))),
                contains(Order.number),  # on the row at hand: no look-up in the content table
            ),
        ]
    else:
        customers = select(Customer.id).where(or_(contains(Customer.name), contains(Customer.code)))
        options = [_customer_in(customers, dialect), contains(Order.number)]
    # The customer's file: their feedback and complaints, and their property we hold (a few
    # rows per customer: a scan of those small tables, once per query, not per order).
    said = select(CustomerFeedback.customer_id).where(
        or_(contains(CustomerFeedback.summary), contains(CustomerFeedback.closing_note))
    )
    held = select(CustomerProperty.customer_id).where(
        or_(
            contains(CustomerProperty.item),
            contains(CustomerProperty.condition),
            contains(CustomerProperty.location),
        )
    )
    options += [_customer_in(said, dialect), _customer_in(held, dialect)]
    # The order's own columns first: on a scan SQLite stops at the first term that holds, and
    # a label held by many orders spares them the LIKEs and look-ups after it.
    labels: list[ColumnElement[bool]] = []
    kinds = _labels_matching("kind", list(OrderKind), word)
    if kinds:
        labels.append(Order.kind.in_(kinds))
    statuses = _labels_matching("status", list(OrderStatus), word)
    if statuses:
        labels.append(Order.status.in_(statuses))
    options = [*labels, *options]
    for stage in _labels_matching("review_stage", list(Stage), word):
        options.append(_stage_condition(Stage(stage)))
    if _overdue_matching(word):
        options.append(_overdue_condition(today))
    return or_(false(), *options)


def matches(
    session: Session, needle: str, today: date | None, sorted_first: bool = False
) -> ColumnElement[bool] | None:
    """The condition an order matching every word of ``needle`` meets (as of ``today``, by
    default the local date, for "overdue"), None for no word; ``sorted_first``: without looking
    rows up through the search index (so that the sort's index leads, when most orders
    match)."""
    dialect = session.get_bind().dialect.name
    conditions = [
        _word_condition(
            word,
            dialect,
            today or date.today(),
            sorted_first,
            dialect == "sqlite" and len(word) >= TRIGRAM and not _common(session, word),
        )
        for word in words(needle)
    ]
    return and_(*conditions) if conditions else None


def filtered[*Ts](
    query: Select[*Ts],
    session: Session,
    needle: str,
    today: date | None,
    sorted_first: bool = False,
) -> Select[*Ts]:
    """``query`` narrowed to the orders matching every word of ``needle`` (see
    :func:`matches`)."""
    condition = matches(session, needle, today, sorted_first)
    return query if condition is None else query.where(condition)
