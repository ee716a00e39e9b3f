"""The review: rules as a table, and a whole journey from start to a signed decision."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from qms_review.core import demo, reviews
from qms_review.core.identity import signing, users
from qms_review.core.messages import QmsError
from qms_review.core.models import (
    Answer,
    CommunicationKind,
    Decision,
    Disposition,
    Finding,
    Function,
    Order,
    OrderStatus,
    ReviewState,
)
from qms_review.core.review_rules import ALLOWED, Action, Snapshot, decision_blockers, refusal
from qms_review.core.store import Store

OWNERS = {"sales": "sales", "engineering": "engineering", "planning": "planning",
          "production": "production", "purchasing": "purchasing", "quality": "quality",
          "finance": "finance"}  # fmt: skip
APPROVER = frozenset({Function.APPROVER})
SALES = frozenset({Function.SALES})


# --- the rules as a table ------------------------------------------------------------------------

TABLE = [
    (state, action, who, action in ALLOWED[state] and (
        action not in {Action.DECIDE, Action.REOPEN, Action.SET_FUNCTIONS, Action.WAIVE}
        or who == APPROVER))
    for state in ReviewState for action in Action for who in (APPROVER, SALES)
]  # fmt: skip


@pytest.mark.parametrize(("state", "action", "who", "allowed"), TABLE)
def test_rules_table(state: ReviewState, action: Action, who: frozenset[Function], allowed: bool):
    problem = refusal(state, action, who)
    if allowed:
        assert problem is None
    else:
        assert problem is not None
        expected = "review.not_now" if action not in ALLOWED[state] else "review.approver_only"
        assert problem.key == expected
        assert problem.message("en")
        assert problem.message("zh_CN")


def test_the_decision_gates():
    clear = Snapshot(ReviewState.READY_FOR_DECISION)
    assert decision_blockers(clear, Decision.ACCEPTED, None) == []
    assert [b.kind for b in decision_blockers(clear, Decision.ACCEPTED_WITH_CONDITIONS, " ")] == [
        "conditions"
    ]
    waiting = Snapshot(ReviewState.READY_FOR_DECISION, open_clarifications=(7,))
    assert [b.kind for b in decision_blockers(waiting, Decision.ACCEPTED, None)] == [
        "clarification"
    ]
    assert decision_blockers(waiting, Decision.REFERRED_BACK, None) == []
    verbal = Snapshot(ReviewState.READY_FOR_DECISION, verbal=True)
    assert [b.kind for b in decision_blockers(verbal, Decision.ACCEPTED, None)] == ["verbal"]
    assert decision_blockers(verbal, Decision.DECLINED, None) == []
    waived = Snapshot(ReviewState.READY_FOR_DECISION, waived=True, unanswered=(("gate", "x"),))
    assert [b.kind for b in decision_blockers(waived, Decision.ACCEPTED, None)] == ["waiver"]
    proven = Snapshot(ReviewState.READY_FOR_DECISION, waived=True, waiver_evidence=True)
    assert decision_blockers(proven, Decision.ACCEPTED, None) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list(Action)), max_size=12))
def test_no_sequence_of_actions_leaves_the_state_machine(actions: list[Action]):
    """Whatever is tried, a review only moves along allowed transitions, and once decided or
    superseded nothing but supersession happens."""
    moves = {Action.SUBMIT: ReviewState.READY_FOR_DECISION, Action.REOPEN: ReviewState.IN_REVIEW,
             Action.DECIDE: ReviewState.DECIDED, Action.SUPERSEDE: ReviewState.SUPERSEDED,
             Action.ANSWER: ReviewState.IN_REVIEW}  # fmt: skip
    state = ReviewState.DRAFT
    for action in actions:
        if refusal(state, action, APPROVER) is None:
            new = moves.get(action, state)
            if action is Action.ANSWER and state is not ReviewState.DRAFT:
                new = state
            assert new in ReviewState
            if state in (ReviewState.DECIDED, ReviewState.SUPERSEDED):
                assert action is Action.SUPERSEDE
            state = new
    assert state in ReviewState


# --- a journey ----------------------------------------------------------------------------------------


@pytest.fixture
def demo_store(store: Store) -> Store:
    demo.load(store, "tester")
    store.reload_identity()
    return store


def _person(store: Store, login: str) -> users.Person:
    with store.read() as session:
        return users.find(session, login)


def _order(store: Store, number: str) -> int:
    with store.read() as session:
        found = session.scalar(select(Order.id).where(Order.number == number))
    assert found is not None
    return found


def _answer_everything(store: Store, review: int) -> None:
    with store.read() as session:
        template = reviews.template_of(session, session.get(reviews.Review, review))
        have = reviews.facts(session, session.get(reviews.Review, review))
    for section in template.sections:
        if section.function == "approver":
            continue
        person = _person(store, OWNERS[section.function])
        with store.write(person.actor) as session:
            for item in section.items:
                if item.applies(have):
                    reviews.answer(session, person, review, item.key, Answer.YES, "checked")


def test_journey_from_start_to_a_signed_decision(demo_store: Store):
    store = demo_store
    order = _order(store, "PO-1003-261015")
    sales = _person(store, "sales")
    with store.write(sales.actor) as session:
        review = reviews.start(session, sales, order)
    with store.read() as session:
        status = reviews.status(session, review)
        assert status.state is ReviewState.DRAFT
        assert status.due_on is not None
        assert session.get(Order, order).status is OrderStatus.IN_REVIEW
        assert {b.kind for b in status.blockers} >= {"answer", "signature"}

    # someone answers a section that is not theirs: refused, nothing written
    with pytest.raises(QmsError, match="answered by engineering"), store.write("x") as session:
        reviews.answer(session, sales, review, "technical.parts_revisions", Answer.YES)
    _answer_everything(store, review)

    # a "No" needs a disposition before the section can be signed
    quality = _person(store, "quality")
    with store.write(quality.actor) as session:
        reviews.answer(session, quality, review, "quality.measuring_equipment", Answer.NO,
                       "CMM booked for the first article only")  # fmt: skip
    with pytest.raises(QmsError, match="cannot be signed yet"):
        reviews.sign_section(store, "quality", "quality-demo", review, "quality")
    with store.write(quality.actor) as session:
        reviews.dispose_answer(session, quality, review, "quality.measuring_equipment",
                               Disposition.CONDITION, "First article measured at the customer")  # fmt: skip

    # findings: each one dispositioned (the approver may do any)
    approver = _person(store, "approver")
    with store.write(approver.actor) as session:
        for finding in session.scalars(select(Finding).where(
                Finding.revision_id == session.get(reviews.Review, review).revision_id)):  # fmt: skip
            reviews.dispose_finding(session, approver, review, finding.id, Disposition.RESOLVED,
                                    "confirmed by phone")  # fmt: skip

    # a clarification raised and answered
    with store.write(sales.actor) as session:
        question = reviews.raise_clarification(session, sales, review, "Packaging per box?")
    with store.read() as session:
        assert reviews.snapshot(session, review).open_clarifications == (question,)
    with store.write(sales.actor) as session:
        reviews.close_clarification(session, sales, question, "10 per box", date(2026, 10, 20),
                                    "e-mail", "M. Weber")  # fmt: skip

    # every section signed by its function; signed sections are locked
    with store.read() as session:
        template = reviews.template_of(session, session.get(reviews.Review, review))
    for section in template.sections:
        if section.function != "approver":
            login = OWNERS[section.function]
            reviews.sign_section(store, login, f"{login}-demo", review, section.key)
    with pytest.raises(QmsError, match="signed and locked"), store.write("x") as session:
        reviews.answer(session, quality, review, "quality.statutory", Answer.NO)

    with store.write(approver.actor) as session:
        reviews.submit(session, approver, review)
    with pytest.raises(QmsError, match="Only the approver may decide"):
        reviews.decide(store, "sales", "sales-demo", review, Decision.ACCEPTED)
    with pytest.raises(QmsError, match="conditions written"):
        reviews.decide(store, "approver", "approver-demo", review,
                       Decision.ACCEPTED_WITH_CONDITIONS, "")  # fmt: skip
    # this demo order came by phone: accepting it needs the written confirmation first
    with pytest.raises(QmsError, match=r"cannot be decided “accepted with conditions”.*verbal"):
        reviews.decide(store, "approver", "approver-demo", review,
                       Decision.ACCEPTED_WITH_CONDITIONS, "First article at customer site")  # fmt: skip
    with store.write(sales.actor) as session:
        reviews.record_communication(session, sales, order, CommunicationKind.CONFIRMATION, False,
                                     date(2026, 10, 16), "Order confirmed by e-mail", "e-mail",
                                     "purchasing@meridian.example")  # fmt: skip
    signed = reviews.decide(store, "approver", "approver-demo", review,
                            Decision.ACCEPTED_WITH_CONDITIONS, "First article at customer site")  # fmt: skip
    assert signed.meaning == "Approved — accepted with conditions"
    with store.read() as session:
        assert session.get(Order, order).status is OrderStatus.ACCEPTED_WITH_CONDITIONS
        assert reviews.status(session, review).state is ReviewState.DECIDED
        assert signing.check(session, signed.id).ok
    with pytest.raises(QmsError, match="does not allow"), store.write("x") as session:
        reviews.answer(session, sales, review, "gate.kind", Answer.YES)
    assert store.verify_audit().ok


def test_a_verbal_order_needs_its_written_confirmation(demo_store: Store):
    store = demo_store
    with store.read() as session:
        order = session.scalar(select(Order.id).join(Order.revisions).where(
            reviews.OrderRevision.verbal.is_(True)))  # fmt: skip
    assert order is not None
    approver = _person(store, "approver")
    with store.write(approver.actor) as session:
        review = reviews.start(session, approver, order)
    with store.write(approver.actor) as session:
        snap = reviews.snapshot(session, review)
    assert snap.verbal
    assert not snap.verbal_confirmed
    with store.write(approver.actor) as session:
        reviews.record_communication(session, approver, order, CommunicationKind.CONFIRMATION,
                                     False, date(2026, 10, 3), "Order confirmed in writing")  # fmt: skip
        assert reviews.snapshot(session, review).verbal_confirmed


def test_a_revision_is_reviewed_once_and_only_sales_or_approver_start(demo_store: Store):
    store = demo_store
    order = _order(store, "PO-1002-261006")
    quality = _person(store, "quality")
    with pytest.raises(QmsError, match="started by sales"), store.write("x") as session:
        reviews.start(session, quality, order)
    sales = _person(store, "sales")
    with store.write(sales.actor) as session:
        reviews.start(session, sales, order)
    with pytest.raises(QmsError, match="already under review"), store.write("x") as session:
        reviews.start(session, sales, order)


def test_required_functions_are_adjustable_with_a_reason(demo_store: Store):
    store = demo_store
    order = _order(store, "采购-20261024-3")
    approver = _person(store, "approver")
    with store.write(approver.actor) as session:
        review = reviews.start(session, approver, order)
        assert Function.FINANCE in reviews.required_functions(session, review)
        with pytest.raises(QmsError, match="reason"):
            reviews.set_function(session, approver, review, Function.FINANCE, False, " ")
        reviews.set_function(session, approver, review, Function.FINANCE, False,
                             "Repeat order within the existing frame contract")  # fmt: skip
        assert Function.FINANCE not in reviews.required_functions(session, review)
        assert "finance" not in reviews.snapshot(session, review).unsigned


def test_working_days():
    assert reviews.working_days_after(date(2026, 11, 20), 3) == date(2026, 11, 25)  # Fri → Wed


def test_amendment_carries_over_untouched_sections_and_reopens_touched(demo_store: Store):
    """Revision 2 changes a delivery date: planning's section is re-opened and its people are
    told; every other section keeps its answers and signatures; revision 1's review is left as
    it was, superseded."""
    from qms_review.core.intake.importer import revision_content
    from qms_review.core.models import Review, ReviewAnswer, Signature
    from qms_review.core.orders import RevisionContent, add_revision

    store = demo_store
    order = _order(store, "PO-1002-260923")
    sales = _person(store, "sales")
    with store.write(sales.actor) as session:
        first = reviews.start(session, sales, order)
    _answer_everything(store, first)
    approver = _person(store, "approver")
    with store.write(approver.actor) as session:
        for finding in session.scalars(select(Finding).where(
                Finding.revision_id == session.get(Review, first).revision_id)):  # fmt: skip
            reviews.dispose_finding(session, approver, first, finding.id, Disposition.RESOLVED,
                                    "checked")  # fmt: skip
    for section, login in (("gate", "sales"), ("delivery", "planning")):
        reviews.sign_section(store, login, f"{login}-demo", first, section)
    with store.read() as session:
        before = {(a.item_key, a.value) for a in session.scalars(
            select(ReviewAnswer).where(ReviewAnswer.review_id == first))}  # fmt: skip

    with store.write("tester") as session:  # revision 2: line 20 moves out by a week
        order_row = session.get(Order, order)
        latest = order_row.revisions[-1]
        _header, lines = revision_content(session, latest)
        lines[1]["delivery_date"] = date(2026, 12, 29)
        revision = add_revision(session, order_row.customer, order_row.kind, order_row.number,
                                RevisionContent(order_date=latest.order_date,
                                                currency=latest.currency,
                                                payment_terms=latest.payment_terms,
                                                delivery_terms=latest.delivery_terms, lines=lines),
                                "tester")  # fmt: skip
        amendment = reviews.carry_over(session, revision.id)
    assert amendment is not None
    assert amendment.touched == ["delivery_date"]
    assert amendment.reopened == [Function.PLANNING]
    assert "gate" in amendment.carried
    assert "delivery" not in amendment.carried
    assert amendment.informed == ["planning"]

    with store.read() as session:
        old = session.get(Review, first)
        assert old.state is ReviewState.SUPERSEDED
        assert old.superseded_by_id == amendment.review
        assert {(a.item_key, a.value) for a in session.scalars(
            select(ReviewAnswer).where(ReviewAnswer.review_id == first))} == before  # fmt: skip
        new_answers = {a.item_key for a in session.scalars(
            select(ReviewAnswer).where(ReviewAnswer.review_id == amendment.review))}  # fmt: skip
        assert "gate.kind" in new_answers
        assert "delivery.dates_terms" not in new_answers
        carried = session.scalars(select(Signature).where(
            Signature.review_id == amendment.review)).all()  # fmt: skip
        assert [s.scope for s in carried] == ["section:gate"]  # not delivery: re-opened
        assert signing.check(session, carried[0].id).ok  # still proves itself on revision 2
        assert signing.is_locked(session, amendment.review, "section:gate")
        assert not signing.is_locked(session, amendment.review, "section:delivery")
        notice = reviews.notices(session, amendment.review)[0]
        assert (notice.login, notice.function, notice.acknowledged_at) == (
            "planning",
            Function.PLANNING,
            None,
        )
    planning = _person(store, "planning")
    with store.write(planning.actor) as session:
        reviews.acknowledge(session, planning, notice.id)
    with pytest.raises(QmsError, match="not addressed to you"), store.write("x") as session:
        reviews.acknowledge(session, sales, notice.id)
    with store.read() as session:
        assert reviews.notices(session, amendment.review)[0].acknowledged_at is not None


def test_evidence_waiver_and_communication_log(demo_store: Store, tmp_path: Path):
    store = demo_store
    order = _order(store, "PO-1002-261006")
    approver = _person(store, "approver")
    with store.write(approver.actor) as session:
        review = reviews.start(session, approver, order)
        with pytest.raises(QmsError, match="Answer item"):
            reviews.add_evidence(session, approver, review, "gate.kind", tmp_path / "x.pdf")
    drawing = tmp_path / "drawing list 图纸.pdf"
    drawing.write_bytes(b"%PDF-1.4 demo")
    sales = _person(store, "sales")
    with store.write(sales.actor) as session:
        reviews.answer(session, sales, review, "gate.kind", Answer.YES)
        reviews.add_evidence(session, sales, review, "gate.kind", drawing)
        with pytest.raises(QmsError, match="Cannot read"):
            reviews.add_evidence(session, sales, review, "gate.kind", tmp_path / "missing.pdf")
    from qms_review.core import review_view

    with store.read() as session:
        view = review_view.load(session, review)
        gate = next(s for s in view.sections if s.key == "gate")
        assert next(i for i in gate.items if i.item.key == "gate.kind").evidence == (drawing.name,)
    # a waiver needs the IATF pack
    with pytest.raises(QmsError, match="IATF 16949"), store.write(approver.actor) as session:
        reviews.waive(session, approver, review, "Customer letter", drawing)
    with store.write(approver.actor) as session:
        reviews.record_communication(session, approver, order, CommunicationKind.FEEDBACK, True,
                                     date(2026, 11, 1), "Praised the last delivery", "phone")  # fmt: skip
        assert [e.summary for e in reviews.communications(session, order)] == [
            "Praised the last delivery"
        ]


def test_an_iatf_review_may_be_waived_with_the_customers_authorisation(demo_store: Store,
                                                                       tmp_path: Path):  # fmt: skip
    store = demo_store
    order = _order(store, "采购-20261024-3")
    approver = _person(store, "approver")
    letter = tmp_path / "waiver.pdf"
    letter.write_bytes(b"%PDF-1.4 the customer's authorisation")
    with store.write(approver.actor) as session:
        review = reviews.start(session, approver, order, packs=("iatf16949",))
        with pytest.raises(QmsError, match="justification"):
            reviews.waive(session, approver, review, " ", letter)
        reviews.waive(session, approver, review, "Customer letter 2026-11-01 waives the review",
                      letter)  # fmt: skip
        snap = reviews.snapshot(session, review)
    assert snap.waived
    assert snap.waiver_evidence
    assert decision_blockers(snap, Decision.ACCEPTED, None) == []


# --- random sequences against the database -------------------------------------------------------

LOGINS = ("sales", "engineering", "planning", "quality", "finance", "approver", "production",
          "purchasing")  # fmt: skip
ACTS = ("answer_yes", "answer_no", "dispose_no", "sign", "submit", "reopen", "decide", "clarify",
        "close", "dispose_finding")  # fmt: skip


def _fingerprint(store: Store, review: int) -> tuple:
    from qms_review.core.models import Review, ReviewAnswer, Signature

    with store.read() as session:
        row = session.get(Review, review)
        answers = tuple(sorted((a.item_key, str(a.value), str(a.disposition)) for a in session.scalars(
            select(ReviewAnswer).where(ReviewAnswer.review_id == review))))  # fmt: skip
        signatures = tuple(sorted((s.scope, s.lapsed_at is None) for s in session.scalars(
            select(Signature).where(Signature.review_id == review))))  # fmt: skip
        return row.state, row.decision, answers, signatures


def test_random_sequences_of_actions_keep_a_review_consistent(demo_store: Store):
    """Whatever people try in whatever order, a refused action changes nothing, signed parts
    keep the content they signed, answers come only from the owning function, and a decided
    review has its decision, its signature and the order's status."""
    from qms_review.core.models import OrderKind, Review, Signature
    from qms_review.core.orders import RevisionContent, add_revision, find_or_create_customer

    store = demo_store
    people = {login: _person(store, login) for login in LOGINS}
    counter = iter(range(10_000))

    @settings(max_examples=12, deadline=None)
    @given(st.lists(st.tuples(st.sampled_from(ACTS), st.sampled_from(LOGINS),
                              st.integers(0, 60)), max_size=30))  # fmt: skip
    def run(steps: list[tuple[str, str, int]]) -> None:
        with store.write("tester") as session:
            customer = find_or_create_customer(session, "Random GmbH", "R-1")
            revision = add_revision(session, customer, OrderKind.ORDER, f"R-{next(counter)}",
                                    RevisionContent(order_date=date(2026, 11, 2),
                                                    currency="EUR", delivery_terms="EXW",
                                                    lines=[{"line_no": 10, "part_number": "FL-3305",
                                                            "quantity": 100, "unit": "pcs"}]),
                                    "tester")  # fmt: skip
            order = revision.order_id
            review = reviews.start(session, people["sales"], order)
            template = reviews.template_of(session, session.get(Review, review))
        items = [i.key for s in template.sections if s.function != "approver" for i in s.items]
        sections = [s.key for s in template.sections if s.function != "approver"]
        for act, login, n in steps:
            person = people[login]
            before = _fingerprint(store, review)
            try:
                with store.write(person.actor) as session:
                    if act in ("answer_yes", "answer_no"):
                        reviews.answer(session, person, review, items[n % len(items)],
                                       Answer.YES if act == "answer_yes" else Answer.NO)  # fmt: skip
                    elif act == "dispose_no":
                        reviews.dispose_answer(session, person, review, items[n % len(items)],
                                               Disposition.CONDITION, "agreed")  # fmt: skip
                    elif act == "submit":
                        reviews.submit(session, person, review)
                    elif act == "reopen":
                        reviews.reopen(session, person, review, "more to check")
                    elif act == "clarify":
                        reviews.raise_clarification(session, person, review, "Why?")
                    elif act == "close":
                        open_ones = reviews.snapshot(session, review).open_clarifications
                        if open_ones:
                            reviews.close_clarification(session, person, open_ones[0], "Because",
                                                        date(2026, 11, 3), "mail", "buyer")  # fmt: skip
                    elif act == "dispose_finding":
                        open_findings = reviews.snapshot(session, review).open_findings
                        if open_findings:
                            reviews.dispose_finding(session, person, review, open_findings[0][1],
                                                    Disposition.RESOLVED, "")  # fmt: skip
                if act == "sign":
                    reviews.sign_section(store, login, f"{login}-demo", review,
                                         sections[n % len(sections)])  # fmt: skip
                elif act == "decide":
                    reviews.decide(store, login, f"{login}-demo", review,
                                   list(Decision)[n % 4], "conditions agreed")  # fmt: skip
            except QmsError:
                assert _fingerprint(store, review) == before, (act, login)
            with store.read() as session:
                row = session.get(Review, review)
                snap = reviews.snapshot(session, review)
                assert snap.wrongly_answered == ()
                for signature in session.scalars(select(Signature).where(
                        Signature.review_id == review, Signature.lapsed_at.is_(None))):  # fmt: skip
                    assert signing.digest(signing.content(session, review, signature.scope)) == (
                        signature.content_sha256
                    )
                if row.state is ReviewState.DECIDED:
                    assert row.decision is not None
                    assert signing.is_locked(session, review, signing.DECISION)
                    assert session.get(Order, order).status.value == row.decision.value
                else:
                    assert row.decision is None

    run()


def test_touched_fields_in_words():
    assert reviews.touched_text("added, delivery_date", "en") == "lines added, delivery date"
    assert reviews.touched_text("added, delivery_date", "zh_CN") == "新增行, 交货日期"
