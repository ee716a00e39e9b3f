"""The figures a quality manager watches (ISO 9001 §9.1.3, §9.3 inputs on customer requirements):
reviews open, due and overdue and who holds them up; how long reviews take; how they end; what
the automatic checks find and which customers send the vaguest orders; amendments; questions to
customers waiting for an answer.

Two kinds of figures. *Now* figures (open, due this week, overdue, holding up, questions open) are
as of ``today``. *Flow* figures (cycle time, decisions, findings, amendments) count the revisions
received in the period. Both follow the customer and kind filters. Counting and grouping happen
in SQL; only the cycle times of the period's decided reviews (one number each) and the open
reviews' signature counts come back to Python.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, String, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from qms_review.core.oversight.voice import Voice, customer_voice
from qms_review.core.review import templates
from qms_review.core.store.models import (
    Clarification,
    Customer,
    Finding,
    Order,
    OrderRevision,
    Review,
    ReviewFunction,
    Signature,
)
from qms_review.core.store.vocabulary import (
    Decision,
    FindingKind,
    Function,
    OrderKind,
    OrderStatus,
    ReviewState,
)

OPEN = (ReviewState.DRAFT, ReviewState.IN_REVIEW, ReviewState.READY_FOR_DECISION)
TOP = 10


@dataclass(frozen=True)
class Scope:
    """Which orders count: received from ``start`` to ``end`` (inclusive, local dates; None:
    open-ended), of customers whose name or code contains ``customer``, of ``kind``."""

    start: date | None = None
    end: date | None = None
    customer: str | None = None
    kind: OrderKind | None = None


@dataclass(frozen=True)
class Month:
    month: str  # "2026-11"
    decided: int
    median_days: float


@dataclass(frozen=True)
class CustomerLine:
    """One customer's share of the period: orders, amendments, findings (clarity among them)."""

    customer: str
    orders: int
    amendments: int
    findings: int
    clarity: int


@dataclass(frozen=True)
class Late:
    """An overdue review (or an order whose review has not started and is due)."""

    number: str
    customer: str
    due_on: date
    state: ReviewState | None  # None: not started


@dataclass
class Figures:
    """Every figure of the dashboard and the management-review report for one scope."""

    today: date
    scope: Scope
    # now
    open_reviews: int = 0
    not_started: int = 0
    due_this_week: int = 0
    overdue: int = 0
    holding_up: dict[Function, int] = field(default_factory=dict)
    questions_open: int = 0
    oldest_question_days: int | None = None
    median_question_days: float | None = None
    # flow
    revisions: int = 0
    decided: int = 0
    decisions: dict[Decision, int] = field(default_factory=dict)
    cycle_median_days: float | None = None
    cycle_p90_days: float | None = None
    by_month: list[Month] = field(default_factory=list)
    findings_by_kind: dict[FindingKind, int] = field(default_factory=dict)
    findings_by_rule: list[tuple[str, int]] = field(default_factory=list)
    vaguest_customers: list[tuple[str, int, int]] = field(default_factory=list)
    orders: int = 0
    amended_orders: int = 0
    amendments: int = 0
    customers: list[CustomerLine] = field(default_factory=list)
    late: list[Late] = field(default_factory=list)
    # the customer's voice: feedback, complaints, property (ISO 9001 §9.3.2 c, §8.5.3)
    voice: Voice = field(default_factory=Voice)

    def rate(self, decision: Decision) -> float | None:
        """The share of the period's decisions that were ``decision`` (None: none decided)."""
        return self.decisions.get(decision, 0) / self.decided if self.decided else None

    @property
    def amendments_per_order(self) -> float | None:
        return self.amendments / self.orders if self.orders else None

    def as_dict(self) -> dict[str, Any]:
        """Plain data (JSON, the spreadsheet): enum keys as their values."""
        return {
            "today": self.today.isoformat(),
            "scope": {
                "from": self.scope.start.isoformat() if self.scope.start else None,
                "to": self.scope.end.isoformat() if self.scope.end else None,
                "customer": self.scope.customer,
                "kind": self.scope.kind.value if self.scope.kind else None,
            },
            "open_reviews": self.open_reviews,
            "not_started": self.not_started,
            "due_this_week": self.due_this_week,
            "overdue": self.overdue,
            "holding_up": {f.value: n for f, n in self.holding_up.items()},
            "questions_open": self.questions_open,
            "oldest_question_days": self.oldest_question_days,
            "median_question_days": self.median_question_days,
            "revisions": self.revisions,
            "decided": self.decided,
            "decisions": {d.value: n for d, n in self.decisions.items()},
            "cycle_median_days": self.cycle_median_days,
            "cycle_p90_days": self.cycle_p90_days,
            "by_month": [
                {"month": m.month, "decided": m.decided, "median_days": m.median_days}
                for m in self.by_month
            ],
            "findings_by_kind": {k.value: n for k, n in self.findings_by_kind.items()},
            "findings_by_rule": [{"rule": r, "count": n} for r, n in self.findings_by_rule],
            "vaguest_customers": [
                {"customer": c, "clarity_findings": n, "revisions": r}
                for c, n, r in self.vaguest_customers
            ],
            "orders": self.orders,
            "amended_orders": self.amended_orders,
            "amendments": self.amendments,
            "amendments_per_order": self.amendments_per_order,
            "customers": [
                {
                    "customer": c.customer,
                    "orders": c.orders,
                    "amendments": c.amendments,
                    "findings": c.findings,
                    "clarity_findings": c.clarity,
                }
                for c in self.customers
            ],
            "late": [
                {
                    "number": x.number,
                    "customer": x.customer,
                    "due_on": x.due_on.isoformat(),
                    "state": x.state.value if x.state else None,
                }
                for x in self.late
            ],
            "feedback": self.voice.as_dict(),
        }


def figures(session: Session, scope: Scope, today: date | None = None) -> Figures:
    """Every figure for ``scope`` as of ``today`` (by default the local date)."""
    found = Figures(today or date.today(), scope)
    _now(session, found)
    _questions(session, found)
    _decisions(session, found)
    _flow(session, found)
    found.voice = customer_voice(session, scope.start, scope.end, scope.customer, found.today)
    return found


# --- filters -------------------------------------------------------------------------------------


def _orders(scope: Scope) -> list[ColumnElement[bool]]:
    """Conditions on Order (joined to Customer) for the customer and kind filters."""
    conditions: list[ColumnElement[bool]] = []
    if scope.customer:
        pattern = f"%{scope.customer}%"
        conditions.append(or_(Customer.name.ilike(pattern), Customer.code.ilike(pattern)))
    if scope.kind is not None:
        conditions.append(Order.kind == scope.kind)
    return conditions


def _received(scope: Scope) -> list[ColumnElement[bool]]:
    """Conditions on OrderRevision.received_at for the period (local dates, stored in UTC)."""
    conditions: list[ColumnElement[bool]] = []
    if scope.start is not None:
        conditions.append(OrderRevision.received_at >= _utc(scope.start))
    if scope.end is not None:
        conditions.append(OrderRevision.received_at < _utc(scope.end + timedelta(days=1)))
    return conditions


def _utc(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


def _of_orders[*Ts](query: Select[*Ts], scope: Scope, lean: bool = False) -> Select[*Ts]:
    """``query`` over order revisions joined to their order and customer, for the customer and
    kind filters (``lean``: only when they filter, the query naming neither)."""
    if lean and scope.customer is None and scope.kind is None:
        return query
    return (
        query.join(Order, Order.id == OrderRevision.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .where(*_orders(scope))
    )


# --- now -----------------------------------------------------------------------------------------


def _now(session: Session, found: Figures) -> None:
    scope, today = found.scope, found.today
    week_end = today + timedelta(days=6 - today.weekday())
    reviews = _of_orders(
        select(
            Review.id,
            Review.state,
            Review.due_on,
            Review.template_id,
            Review.packs,
            Order.id.label("order_id"),
            Order.number,
            Customer.name,
        ).join(OrderRevision, OrderRevision.id == Review.revision_id),
        scope,
    ).where(Review.state.in_(OPEN))
    open_rows = session.execute(reviews).all()
    found.open_reviews = len(open_rows)
    found.due_this_week = sum(1 for r in open_rows if r.due_on and today <= r.due_on <= week_end)
    found.overdue = sum(1 for r in open_rows if r.due_on and r.due_on < today)

    # orders received and not yet under review: due (and overdue) all the same
    waiting = session.execute(
        select(Order.due_on, Order.number, Customer.name)
        .join(Customer, Customer.id == Order.customer_id)
        .where(*_not_started(), *_orders(scope))
    ).all()
    found.not_started = len(waiting)
    found.due_this_week += sum(1 for w in waiting if w.due_on and today <= w.due_on <= week_end)
    found.overdue += sum(1 for w in waiting if w.due_on and w.due_on < today)
    late = [Late(r.number, r.name, r.due_on, r.state) for r in open_rows if _late(r.due_on, today)]
    late += [Late(w.number, w.name, w.due_on, None) for w in waiting if _late(w.due_on, today)]
    found.late = sorted(late, key=lambda x: (x.due_on, x.number))
    found.holding_up = {f: len(ids) for f, ids in _waiting(session, open_rows).items()}


def _not_started() -> list[ColumnElement[bool]]:
    """Orders received and not yet under review (a quotation is not reviewed). An order leaves
    the status "received" when its review starts: the status, through its index with the kind,
    finds the few waiting among years of orders; no review of it makes sure."""
    revision, review = aliased(OrderRevision), aliased(Review)
    started = (
        select(review.id)
        .join(revision, revision.id == review.revision_id)
        .where(revision.order_id == Order.id)
    )
    return [
        Order.status == OrderStatus.RECEIVED,
        Order.kind.in_([k for k in OrderKind if k is not OrderKind.QUOTATION]),
        ~started.exists(),  # looked up per order found, not a list of every order reviewed
    ]


def _late(due: date | None, today: date) -> bool:
    return due is not None and due < today


def _waiting(session: Session, open_rows: Sequence[Any]) -> dict[Function, list[int]]:
    """Per function, the orders whose open review waits for it (most first): a required
    function with fewer valid signatures than its sections; the approver for a review ready for
    decision."""
    ids = [r.id for r in open_rows]
    if not ids:
        return {}
    required: dict[int, set[Function]] = defaultdict(set)
    for review_id, function in session.execute(
        select(ReviewFunction.review_id, ReviewFunction.function).where(
            ReviewFunction.review_id.in_(ids), ReviewFunction.required.is_(True)
        )
    ):
        required[review_id].add(function)
    signed: Counter[tuple[int, Function | None]] = Counter()
    for review_id, signer, count in session.execute(
        select(Signature.review_id, Signature.function, func.count())
        .where(
            Signature.review_id.in_(ids),
            Signature.lapsed_at.is_(None),
            Signature.scope.like("section:%"),
        )
        .group_by(Signature.review_id, Signature.function)
    ):
        signed[(review_id, signer)] = count
    sections: dict[tuple[int, tuple[int, ...]], Counter[str]] = {}
    holding: dict[Function, list[int]] = defaultdict(list)
    for row in open_rows:
        if row.state is ReviewState.READY_FOR_DECISION:
            holding[Function.APPROVER].append(row.order_id)
            continue
        kind = (row.template_id, tuple(row.packs or ()))
        if kind not in sections:
            review = session.get(Review, row.id)
            assert review is not None
            template = templates.of_review(session, review)
            sections[kind] = Counter(s.function for s in template.sections)
        for function in required[row.id]:
            if function is Function.APPROVER:
                continue
            if signed[(row.id, function)] < sections[kind].get(function.value, 0):
                holding[function].append(row.order_id)
    return dict(sorted(holding.items(), key=lambda item: -len(item[1])))


def _questions(session: Session, found: Figures) -> None:
    raised = session.execute(
        select(Clarification.raised_at)
        .join(Order, Order.id == Clarification.order_id)
        .join(Customer, Customer.id == Order.customer_id)
        .where(Clarification.closed_at.is_(None), *_orders(found.scope))
    ).all()
    ages = sorted((found.today - _local_date(r)).days for (r,) in raised)
    found.questions_open = len(ages)
    if ages:
        found.oldest_question_days = ages[-1]
        found.median_question_days = float(statistics.median(ages))


def _local_date(instant: datetime) -> date:
    return instant.astimezone().date()


# --- flow ----------------------------------------------------------------------------------------


def _decisions(session: Session, found: Figures) -> None:
    scope = found.scope
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:  # days and local months in SQL: no datetime made per row in Python
        month: Any = func.strftime("%Y-%m", Review.decided_at, "localtime")
        taken: Any = func.julianday(Review.decided_at) - func.julianday(OrderRevision.received_at)
    else:
        month, taken = Review.decided_at, OrderRevision.received_at
    decided = _of_orders(
        # the decision as its stored text: an enum made per row would cost more than the query
        select(type_coerce(Review.decision, String), month, taken).join(
            OrderRevision, OrderRevision.id == Review.revision_id
        ),
        scope,
        lean=True,
    ).where(Review.decision.is_not(None), Review.decided_at.is_not(None), *_received(scope))
    rows: list[Any] = list(session.connection().execute(decided).all())
    if not sqlite:
        rows = [
            (d, _local_date(at).strftime("%Y-%m"), (at - received).total_seconds() / 86400)
            for d, at, received in rows
        ]
    found.decided = len(rows)
    found.decisions = {Decision(d): n for d, n in Counter(r[0] for r in rows).most_common()}
    days = [float(r[2]) for r in rows]
    if days:
        found.cycle_median_days = round(statistics.median(days), 2)
        found.cycle_p90_days = round(_percentile(sorted(days), 0.9), 2)
    months: dict[str, list[float]] = defaultdict(list)
    for row, took in zip(rows, days, strict=True):
        months[row[1]].append(took)
    found.by_month = [
        Month(m, len(v), round(statistics.median(v), 2)) for m, v in sorted(months.items())
    ]


def _percentile(ordered: list[float], share: float) -> float:
    """The nearest-rank percentile of sorted values."""
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def _flow(session: Session, found: Figures) -> None:
    """Findings, revisions, orders and amendments of the period, grouped by customer in SQL
    (a few hundred rows at most), then summed here."""
    scope, connection = found.scope, session.connection()
    grouped = connection.execute(
        _of_orders(
            select(Customer.name, Finding.kind, Finding.rule, func.count())
            .select_from(Finding)
            .join(OrderRevision, OrderRevision.id == Finding.revision_id),
            scope,
        )
        .where(Finding.cleared_at.is_(None), *_received(scope))
        .group_by(Customer.name, Finding.kind, Finding.rule)
    ).all()
    kinds: Counter[FindingKind] = Counter()
    rules: Counter[str] = Counter()
    total: Counter[str] = Counter()
    clarity: Counter[str] = Counter()
    for name, kind, rule, count in grouped:
        kinds[FindingKind(kind)] += count
        rules[rule] += count
        total[name] += count
        if FindingKind(kind) is FindingKind.CLARITY:
            clarity[name] += count
    found.findings_by_kind = dict(kinds.most_common())
    found.findings_by_rule = sorted(rules.items(), key=lambda r: (-r[1], r[0]))[:TOP]
    revisions = dict(
        connection.execute(
            _of_orders(select(Customer.name, func.count()).select_from(OrderRevision), scope)
            .where(*_received(scope))
            .group_by(Customer.name)
        ).all()
    )
    found.revisions = sum(revisions.values())
    vague = [(name, count, revisions.get(name, 0)) for name, count in clarity.items()]
    found.vaguest_customers = sorted(vague, key=lambda v: (-(v[1] / max(v[2], 1)), -v[1], v[0]))[
        :TOP
    ]
    # Orders with a revision received in the period, and their revisions after the first.
    in_period = select(OrderRevision.order_id).where(*_received(scope)).distinct()
    per_customer = connection.execute(
        select(
            Customer.name,
            func.count(Order.id),
            func.count(Order.id).filter(Order.revision_count > 1),
            func.sum(Order.revision_count - 1),
        )
        .select_from(Order)
        .join(Customer, Customer.id == Order.customer_id)
        .where(Order.id.in_(in_period), *_orders(scope))
        .group_by(Customer.name)
    ).all()
    found.orders = sum(r[1] for r in per_customer)
    found.amended_orders = sum(r[2] for r in per_customer)
    found.amendments = sum(int(r[3] or 0) for r in per_customer)
    lines = [
        CustomerLine(name, orders, int(amended or 0), total[name], clarity[name])
        for name, orders, _amended_orders, amended in per_customer
    ]
    found.customers = sorted(lines, key=lambda c: (-(c.findings + c.amendments), c.customer))[:TOP]
