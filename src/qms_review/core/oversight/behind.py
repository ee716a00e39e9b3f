"""The orders behind a figure of the dashboard: what a click on "overdue 4" or on the bar of
"declined" lists in the register.

A figure is named by a key, ``what`` or ``what:which``:

- now: ``open``, ``not_started``, ``due_this_week``, ``overdue``, ``questions_open``,
  ``waiting:<function>`` (the open reviews waiting for that function);
- the period's flow: ``orders`` (received in the period), ``amended``, ``decided``,
  ``decision:<decision>``, ``month:<YYYY-MM>`` (decided in that month), ``kind:<finding kind>``,
  ``rule:<rule>``, ``vague:<customer name>`` (that customer's orders with clarity findings).

Each answers with the same conditions :func:`stats.figures` counts with, so the register shows
as many orders as the figure says (an order counts once, though two of its revisions may).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.messages import QmsError
from qms_review.core.oversight import stats
from qms_review.core.oversight.stats import OPEN, Scope
from qms_review.core.store.models import (
    Clarification,
    Customer,
    Finding,
    Order,
    OrderRevision,
    Review,
)
from qms_review.core.store.vocabulary import Decision, FindingKind, Function

NOW = ("open", "not_started", "due_this_week", "overdue", "questions_open")
FLOW = ("orders", "amended", "decided")


def orders_behind(
    session: Session, scope: Scope, figure: str, today: date | None = None
) -> list[int]:
    """The ids of the orders behind ``figure`` (see the module) for ``scope`` as of ``today``
    (by default the local date), in ascending order. Refuses a key it does not know."""
    today = today or date.today()
    what, _, which = figure.partition(":")
    try:
        found = _behind(session, scope, what, which, today)
    except ValueError:
        found = None
    if found is None:
        raise QmsError("stats.unknown_figure", figure=figure)
    return sorted(set(found))


def _behind(session: Session, scope: Scope, what: str, which: str, today: date) -> list[int] | None:
    if what in NOW and not which:
        return _now(session, scope, what, today)
    if what == "waiting":
        function = Function(which)
        rows = _open_rows(session, scope)
        return stats._waiting(session, rows).get(function, [])
    if what in FLOW and not which:
        return _flow(session, scope, what)
    if what == "decision":
        return _decided(session, scope, Decision(which))
    if what == "month":
        return [
            order_id
            for order_id, decided in _decided_at(session, scope)
            if stats._local_date(decided).strftime("%Y-%m") == which
        ]
    if what in ("kind", "rule", "vague"):
        return _findings(session, scope, what, which)
    return None


def _open_rows(session: Session, scope: Scope) -> list:  # type: ignore[type-arg]
    query = stats._of_orders(
        select(
            Review.id,
            Review.state,
            Review.template_id,
            Review.packs,
            Review.due_on,
            Order.id.label("order_id"),
        ).join(OrderRevision, OrderRevision.id == Review.revision_id),
        scope,
    ).where(Review.state.in_(OPEN))
    return list(session.execute(query).all())


def _now(session: Session, scope: Scope, what: str, today: date) -> list[int]:
    if what == "questions_open":
        return list(
            session.scalars(
                select(Clarification.order_id)
                .join(Order, Order.id == Clarification.order_id)
                .join(Customer, Customer.id == Order.customer_id)
                .where(Clarification.closed_at.is_(None), *stats._orders(scope))
            )
        )
    waiting = session.execute(
        select(Order.id, Order.due_on)
        .join(Customer, Customer.id == Order.customer_id)
        .where(*stats._not_started(), *stats._orders(scope))
    ).all()
    rows = [(r.order_id, r.due_on) for r in _open_rows(session, scope)]
    if what == "open":
        return [order_id for order_id, _ in rows]
    if what == "not_started":
        return [order_id for order_id, _ in waiting]
    week_end = today + timedelta(days=6 - today.weekday())
    both = [*rows, *((order_id, due) for order_id, due in waiting)]
    if what == "due_this_week":
        return [order_id for order_id, due in both if due and today <= due <= week_end]
    return [order_id for order_id, due in both if due and due < today]


def _flow(session: Session, scope: Scope, what: str) -> list[int]:
    if what == "decided":
        return [order_id for order_id, _ in _decided_at(session, scope)]
    query = stats._of_orders(select(Order.id).select_from(OrderRevision), scope).where(
        *stats._received(scope)
    )
    if what == "amended":
        query = query.where(Order.revision_count > 1)
    return list(session.scalars(query))


def _decided_query(scope: Scope):  # type: ignore[no-untyped-def]
    return stats._of_orders(
        select(Order.id, Review.decided_at)
        .select_from(Review)
        .join(OrderRevision, OrderRevision.id == Review.revision_id),
        scope,
    ).where(Review.decision.is_not(None), Review.decided_at.is_not(None), *stats._received(scope))


def _decided_at(session: Session, scope: Scope) -> list[tuple[int, datetime]]:
    return [(r[0], r[1]) for r in session.execute(_decided_query(scope))]


def _decided(session: Session, scope: Scope, decision: Decision) -> list[int]:
    rows = session.execute(_decided_query(scope).where(Review.decision == decision))
    return [r[0] for r in rows]


def _findings(session: Session, scope: Scope, what: str, which: str) -> list[int]:
    query = stats._of_orders(
        select(Order.id)
        .select_from(Finding)
        .join(OrderRevision, OrderRevision.id == Finding.revision_id),
        scope,
    ).where(Finding.cleared_at.is_(None), *stats._received(scope))
    if what == "kind":
        query = query.where(Finding.kind == FindingKind(which))
    elif what == "rule":
        query = query.where(Finding.rule == which)
    else:
        query = query.where(Finding.kind == FindingKind.CLARITY, Customer.name == which)
    return list(session.scalars(query))
