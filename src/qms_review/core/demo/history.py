"""A year of the demo's past, so that the dashboard tells a story on first start: orders received
over the twelve months before the day the demo is loaded, reviewed and decided a few days later.

The story, made from a fixed seed (the same shape every time, its dates counted back from
today): reviews took nine days a year ago and take three now; most orders are accepted, some
with conditions, a few referred back or declined; one in eight was amended; 宁波海天液压件厂
writes the vaguest orders ("尽快", "约500"); the last fortnight's are still open — some overdue,
some waiting for a question to the customer, two not started.

The past reviews carry their outcome (dates, decision, conditions), not filled-in checklists:
answers and signatures would take seconds to make, and the figures do not need them. The open
ones are started as a person starts them. Loaded with the rest of the demo (see
:func:`qms_review.core.demo.load`); ``HISTORY`` turns it off (tests that count the demo's
orders).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from qms_review.core.checks import findings
from qms_review.core.demo import reviews
from qms_review.core.demo.orders import CUSTOMERS, PARTS
from qms_review.core.demo.people import password_of
from qms_review.core.identity import users
from qms_review.core.intake.importer import record_differences
from qms_review.core.orders.revisions import (
    RevisionContent,
    add_revision,
    due_date,
    find_or_create_customer,
)
from qms_review.core.review import actions, clarifications, signatures, templates
from qms_review.core.store.models import Clarification, OrderRevision, Review, ReviewFunction
from qms_review.core.store.vocabulary import (
    Decision,
    Function,
    OrderKind,
    OrderStatus,
    PartStatus,
    ReviewState,
)

#: Whether the demo gets its year of history (tests that count the demo's orders turn it off).
HISTORY = True
#: Orders received in each of the twelve months.
PER_MONTH = 6
#: The customer whose orders are vague.
VAGUE = "C-2003"

_DECISIONS = (
    *[Decision.ACCEPTED] * 13,
    *[Decision.ACCEPTED_WITH_CONDITIONS] * 4,
    Decision.REFERRED_BACK,
    Decision.DECLINED,
)
_STATUS = {
    Decision.ACCEPTED: OrderStatus.ACCEPTED,
    Decision.ACCEPTED_WITH_CONDITIONS: OrderStatus.ACCEPTED_WITH_CONDITIONS,
    Decision.REFERRED_BACK: OrderStatus.REFERRED_BACK,
    Decision.DECLINED: OrderStatus.DECLINED,
}
_CONDITIONS = (
    "Partial deliveries agreed with the buyer",
    "交期按我方确认的日期",
    "Price valid for the quantity ordered only",
)


def add_history(session: Session, actor: str, today: date | None = None) -> int:
    """The year before ``today`` (by default the local date); the number of orders made."""
    today = today or date.today()
    rng = random.Random(9_3)
    sales = users.find(session, "sales")
    template_id = templates.current_id(session, "iso9001")
    assert template_id is not None
    template = templates.current(session, "iso9001")
    assert template is not None
    owners = [Function(f) for f in template.functions if f != Function.APPROVER.value]
    customers = [find_or_create_customer(session, name, code, c) for code, name, c in CUSTOMERS]
    made = 0
    for month in range(12, 0, -1):
        for n in range(PER_MONTH):
            age = month * 30 - n * 30 // PER_MONTH + 14  # days before today
            day = today - timedelta(days=age)
            customer = customers[rng.randrange(len(customers))]
            vague = customer.code == VAGUE
            number = f"H-{day:%y%m%d}-{n + 1}"
            content = _content(rng, day, vague)
            revision = add_revision(session, customer, OrderKind.ORDER, number, content, actor)
            findings.run(session, revision.id)
            made += 1
            # reviews took nine days a year ago, three now; one in five took longer
            days = 3 + month / 2 + (rng.uniform(2, 6) if rng.random() < 0.2 else rng.uniform(0, 1))
            if (month + n) % 8 == 0:  # amended two days later: the first review superseded
                first = _review(session, revision, template_id, sales.id, owners, None, 2)
                amended = [dict(line, quantity=line["quantity"] * 2) for line in content.lines]
                later = _later(content, 2, amended)
                second = add_revision(session, customer, OrderKind.ORDER, number, later, actor)
                record_differences(session, second.id, {}, amended, revision, None)
                findings.run(session, second.id)
                first.state = ReviewState.SUPERSEDED
                revision = second
            decision = _DECISIONS[rng.randrange(len(_DECISIONS))]
            _review(session, revision, template_id, sales.id, owners, decision, days)
    made += _open(session, actor, today, rng, customers, sales)
    return made


def _later(content: RevisionContent, days: int, lines: list[Any]) -> RevisionContent:
    assert content.received_at is not None
    return RevisionContent(
        order_date=content.order_date,
        received_at=content.received_at + timedelta(days=days),
        buyer=content.buyer,
        currency=content.currency,
        payment_terms=content.payment_terms,
        delivery_terms=content.delivery_terms,
        lines=lines,
    )


def _content(rng: random.Random, day: date, vague: bool) -> RevisionContent:
    released = [p for p in PARTS if p[2] is PartStatus.RELEASED]
    lines = []
    for index, part in enumerate(rng.sample(released, k=2), start=1):
        number, rev, _, text, lead, low, *_rest, price = part
        quantity = Decimal(low * rng.choice((1, 2, 5)))
        line: dict[str, Any] = {
            "line_no": index * 10,
            "part_number": number,
            "part_revision": rev,
            "description": text,
            "quantity": quantity,
            "unit": "pcs",
            "unit_price": Decimal(price),
            "amount": (quantity * Decimal(price)).quantize(Decimal("0.01")),
            "delivery_date": day + timedelta(days=lead + 14),
            "drawing_number": f"DWG-{number}",
        }
        if vague and index == 1:
            line["remarks"] = rng.choice(("交期尽快", "数量约500，包装参照上次订单"))
        lines.append(line)
    received = datetime.combine(day, time(rng.randint(1, 8), rng.randint(0, 59)), UTC)
    return RevisionContent(
        order_date=day - timedelta(days=1),
        received_at=received,
        buyer=rng.choice(("J. Carter", "王丽", "S. Weber")),
        currency="CNY" if vague else "USD",
        payment_terms="30 days net",
        delivery_terms=None if vague else "FCA Suzhou",
        lines=lines,
    )


def _review(
    session: Session,
    revision: OrderRevision,
    template_id: int,
    started_by: int,
    owners: list[Function],
    decision: Decision | None,
    days: float,
) -> Review:
    """A past review of ``revision``: decided ``days`` after receipt (``decision``), or left
    in review (superseded by the caller)."""
    received = revision.received_at
    if received.tzinfo is None:
        received = received.replace(tzinfo=UTC)
    review = Review(
        revision_id=revision.id,
        template_id=template_id,
        state=ReviewState.DECIDED if decision else ReviewState.IN_REVIEW,
        decision=decision,
        conditions=_CONDITIONS[revision.id % len(_CONDITIONS)]
        if decision is Decision.ACCEPTED_WITH_CONDITIONS
        else None,
        due_on=due_date(received),
        started_at=received + timedelta(hours=2),
        started_by_id=started_by,
        decided_at=received + timedelta(days=days) if decision else None,
        packs=[],
    )
    session.add(review)
    session.flush()
    session.add_all(ReviewFunction(review_id=review.id, function=f, required=True) for f in owners)
    if decision is not None:
        revision.order.status = _STATUS[decision]
    return review


#: How far the open reviews have come, by their age in days: the functions that signed (all:
#: submitted, waiting for the approver's decision).
_SIGNED: dict[int, tuple[str, ...]] = {
    12: ("sales", "engineering"),
    10: ("sales",),
    9: ("all",),
    7: ("sales", "engineering", "planning"),
}


def _progress(session: Session, review_id: int, functions: tuple[str, ...]) -> None:
    """Answer and sign the sections of ``functions`` as their people do (``all``: every
    section, the findings dispositioned, and submitted for the decision)."""
    if not functions:
        return
    if functions == ("all",):
        reviews._answer(session, review_id)
        reviews._dispose(session, review_id)
        reviews._sign(session, review_id)
        actions.submit(session, users.find(session, "approver"), review_id)
        return
    reviews._answer(session, review_id, functions)
    review = session.get(Review, review_id)
    assert review is not None
    for section in actions.template_of(session, review).sections:
        if section.function in functions:
            person = users.find(session, section.function)
            signatures.sign_in_session(
                session,
                person,
                password_of(person.login),
                review_id,
                signatures.section_scope(section.key),
                Function(section.function),
            )


def _open(
    session: Session,
    actor: str,
    today: date,
    rng: random.Random,
    customers: list[Any],
    sales: users.Person,
) -> int:
    """The last fortnight's orders: open reviews (some overdue, some asking the customer), and
    two not started."""
    made = 0
    for age in (12, 10, 9, 7, 5, 3, 2, 1):
        day = today - timedelta(days=age)
        customer = customers[age % len(customers)]
        vague = customer.code == VAGUE
        number = f"H-{day:%y%m%d}-9"
        revision = add_revision(
            session, customer, OrderKind.ORDER, number, _content(rng, day, vague), actor
        )
        findings.run(session, revision.id)
        made += 1
        if age in (3, 1):
            continue  # not started yet
        review_id = actions.start(session, sales, revision.order_id)
        _progress(session, review_id, _SIGNED.get(age, ()))
        if age in (12, 7, 5):
            asked = clarifications.raise_clarification(
                session,
                sales,
                review_id,
                "Which delivery date do you need for line 10?"
                if not vague
                else "第10行写“尽快”：请确认具体交货日期。",
            )
            question = session.get(Clarification, asked)
            assert question is not None
            question.raised_at = datetime.now(UTC) - timedelta(days=age - 1)
    return made
