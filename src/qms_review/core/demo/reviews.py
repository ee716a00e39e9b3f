"""The demo's reviews in every state, and the signed records of the decided ones."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.demo.people import password_of
from qms_review.core.identity import users
from qms_review.core.review import actions, amendments, clarifications, progress, signatures
from qms_review.core.store.models import Finding, Order, OrderRevision, Review
from qms_review.core.store.vocabulary import (
    Answer,
    Decision,
    Disposition,
    Function,
)

#: Whether decided demo reviews get their signed PDF records (about a second; tests that do
#: not look at records turn it off).
SIGNED_RECORDS = True


def _person(session: Session, login: str) -> users.Person:
    return users.find(session, login)


def _order_id(session: Session, number: str) -> int:
    found = session.scalar(select(Order.id).where(Order.number == number))
    assert found is not None, number
    return found


def _answer(session: Session, review_id: int, only: tuple[str, ...] | None = None) -> None:
    """Every applicable item answered Yes by its section's function (only those named)."""
    review = session.get(Review, review_id)
    assert review is not None
    template = actions.template_of(session, review)
    have = progress.facts(session, review)
    for section in template.sections:
        if section.function == Function.APPROVER.value or (only and section.function not in only):
            continue
        person = _person(session, section.function)
        for item in section.items:
            if item.applies(have):
                actions.answer(
                    session,
                    person,
                    review_id,
                    item.key,
                    Answer.YES,
                    "Checked against the order and our records",
                )


def _dispose(session: Session, review_id: int) -> None:
    review = session.get(Review, review_id)
    assert review is not None
    approver = _person(session, "approver")
    for finding in session.scalars(
        select(Finding).where(
            Finding.revision_id == review.revision_id,
            Finding.disposition.is_(None),
            Finding.cleared_at.is_(None),
        )
    ):
        actions.dispose_finding(
            session,
            approver,
            review_id,
            finding.id,
            Disposition.CLARIFIED,
            "Confirmed with the customer's buyer by e-mail",
        )


def _sign(session: Session, review_id: int) -> None:
    review = session.get(Review, review_id)
    assert review is not None
    for section in actions.template_of(session, review).sections:
        if section.function != Function.APPROVER.value:
            person = _person(session, section.function)
            signatures.sign_in_session(
                session,
                person,
                password_of(person.login),
                review_id,
                signatures.section_scope(section.key),
                Function(section.function),
            )


def add_reviews(session: Session) -> None:
    """Reviews in every state: decided (accepted, and accepted with conditions), in review with
    open findings, waiting for a clarification, superseded by an amendment, just started."""
    sales, approver = _person(session, "sales"), _person(session, "approver")
    for number, decision, conditions in (
        (
            "PO-1001-260927",
            Decision.ACCEPTED_WITH_CONDITIONS,
            "Deliveries in two batches; certificate 3.1 with each batch",
        ),
        ("采购-20261102-3", Decision.ACCEPTED, None),
    ):
        review_id = actions.start(session, sales, _order_id(session, number))
        _answer(session, review_id)
        _dispose(session, review_id)
        _sign(session, review_id)
        actions.submit(session, approver, review_id)
        actions.decide_in_session(
            session, approver, password_of("approver"), review_id, decision, conditions
        )
        if SIGNED_RECORDS:
            _signed_record(session, review_id)
    rush = actions.start(session, sales, _order_id(session, "PO-1001-RUSH"))
    _answer(session, rush, ("sales", "engineering"))
    vague = actions.start(session, sales, _order_id(session, "采购-20261109-7"))
    _answer(session, vague, ("sales",))
    finding = session.scalar(
        select(Finding.id)
        .join(Review, Review.revision_id == Finding.revision_id)
        .where(Review.id == vague, Finding.rule == "clarity.vague")
        .limit(1)
    )
    clarifications.raise_clarification(
        session,
        sales,
        vague,
        "Line 10 says “尽快” (as soon as possible): which delivery date do you need?",
        finding_id=finding,
    )
    amended = _order_id(session, "PO-1001-260901")
    first = session.scalars(
        select(OrderRevision)
        .where(OrderRevision.order_id == amended)
        .order_by(OrderRevision.number)
    ).all()
    review_id = actions.start(session, sales, amended, first[0].number)
    _answer(session, review_id)
    _dispose(session, review_id)
    _sign(session, review_id)
    amendments.carry_over(session, first[-1].id)
    for number in ("PO-1002-260910", "采购-20260928-1"):
        actions.start(session, sales, _order_id(session, number))


def _signed_record(session: Session, review_id: int) -> None:
    """The decided review's PDF record, signed by everyone who signed the review, the
    approver last."""
    # Imported here, not above: the GUI imports the demo at start (its "Load demo data"), and
    # the records bring reportlab and pyHanko, which the start-up need not wait for.
    from qms_review.core.records import archive, pades, signers

    archive.generate(session, review_id, "en")
    for login in signers.in_order(session, review_id):
        pades.sign_in_session(
            session,
            _person(session, login),
            password_of(login),
            review_id,
            "Signed the review record as reviewed",
        )
