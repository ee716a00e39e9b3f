"""The review: rules as a table, and a whole journey from start to a signed decision."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from qms_review.core.messages import QmsError
from qms_review.core.review import actions, amendments, clarifications, progress, signatures
from qms_review.core.review.workflow import ALLOWED, Action, Snapshot, decision_blockers, refusal
from qms_review.core.store.database import Store
from qms_review.core.store.models import Finding, Order
from qms_review.core.store.vocabulary import (
    Answer,
    CommunicationKind,
    Decision,
    Disposition,
    Function,
    OrderStatus,
    ReviewState,
)
from tests.helpers import DEMO_LOGINS, find_person, order_id

APPROVER = frozenset({Function.APPROVER})
SALES = frozenset({Function.SALES})


# --- the rules as a table ------------------------------------------------------------------------

TABLE = [
    (
        state,
        action,
        who,
        action in ALLOWED[state]
        and (
            action not in {Action.DECIDE, Action.REOPEN, Action.SET_FUNCTIONS, Action.WAIVE}
            or who == APPROVER
        ),
    )
    for state in ReviewState
    for action in Action
    for who in (APPROVER, SALES)
]


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
    moves = {
        Action.SUBMIT: ReviewState.READY_FOR_DECISION,
        Action.REOPEN: ReviewState.IN_REVIEW,
        Action.DECIDE: ReviewState.DECIDED,
        Action.SUPERSEDE: ReviewState.SUPERSEDED,
        Action.ANSWER: ReviewState.IN_REVIEW,
    }
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


def _answer_everything(store: Store, review: int) -> None:
    with store.read() as session:
        template = actions.template_of(session, session.get(actions.Review, review))
        have = progress.facts(session, session.get(actions.Review, review))
    for section in template.sections:
        if section.function == "approver":
            continue
        person = find_person(store, DEMO_LOGINS[section.function])
        with store.write(person.actor) as session:
            for item in section.items:
                if item.applies(have):
                    actions.answer(session, person, review, item.key, Answer.YES, "checked")


def test_journey_from_start_to_a_signed_decision(demo_store: Store):
    store = demo_store
    order = order_id(store, "PO-1003-261015")
    sales = find_person(store, "sales")
    with store.write(sales.actor) as session:
        review = actions.start(session, sales, order)
    with store.read() as session:
        status = progress.status(session, review)
        assert status.state is ReviewState.DRAFT
        assert status.due_on is not None
        assert session.get(Order, order).status is OrderStatus.IN_REVIEW
        assert {b.kind for b in status.blockers} >= {"answer", "signature"}

    # someone answers a section that is not theirs: refused, nothing written
    with pytest.raises(QmsError, match="answered by Engineering"), store.write("x") as session:
        actions.answer(session, sales, review, "technical.parts_revisions", Answer.YES)
    _answer_everything(store, review)

    # a "No" needs a disposition before the section can be signed
    quality = find_person(store, "quality")
    with store.write(quality.actor) as session:
        actions.answer(
            session,
            quality,
            review,
            "quality.measuring_equipment",
            Answer.NO,
            "CMM booked for the first article only",
        )
    with pytest.raises(QmsError, match="cannot be signed yet"):
        actions.sign_section(store, "quality", "quality-demo", review, "quality")
    with store.write(quality.actor) as session:
        actions.dispose_answer(
            session,
            quality,
            review,
            "quality.measuring_equipment",
            Disposition.CONDITION,
            "First article measured at the customer",
        )

    # findings: each one dispositioned (the approver may do any)
    approver = find_person(store, "approver")
    with store.write(approver.actor) as session:
        for finding in session.scalars(
            select(Finding).where(
                Finding.revision_id == session.get(actions.Review, review).revision_id
            )
        ):
            actions.dispose_finding(
                session, approver, review, finding.id, Disposition.RESOLVED, "confirmed by phone"
            )

    # a clarification raised and answered
    with store.write(sales.actor) as session:
        question = clarifications.raise_clarification(session, sales, review, "Packaging per box?")
    with store.read() as session:
        assert progress.snapshot(session, review).open_clarifications == (question,)
    with store.write(sales.actor) as session:
        clarifications.close_clarification(
            session, sales, question, "10 per box", date(2026, 10, 20), "e-mail", "M. Weber"
        )

    # every section signed by its function; signed sections are locked
    with store.read() as session:
        template = actions.template_of(session, session.get(actions.Review, review))
    for section in template.sections:
        if section.function != "approver":
            login = DEMO_LOGINS[section.function]
            actions.sign_section(store, login, f"{login}-demo", review, section.key)
    with pytest.raises(QmsError, match="signed and locked"), store.write("x") as session:
        actions.answer(session, quality, review, "quality.statutory", Answer.NO)

    with store.write(approver.actor) as session:
        actions.submit(session, approver, review)
    with pytest.raises(QmsError, match="Only the approver may decide"):
        actions.decide(store, "sales", "sales-demo", review, Decision.ACCEPTED)
    with pytest.raises(QmsError, match="conditions written"):
        actions.decide(
            store, "approver", "approver-demo", review, Decision.ACCEPTED_WITH_CONDITIONS, ""
        )
    # this demo order came by phone: accepting it needs the written confirmation first
    with pytest.raises(QmsError, match=r"cannot be decided “accepted with conditions”.*verbal"):
        actions.decide(
            store,
            "approver",
            "approver-demo",
            review,
            Decision.ACCEPTED_WITH_CONDITIONS,
            "First article at customer site",
        )
    with store.write(sales.actor) as session:
        clarifications.record_communication(
            session,
            sales,
            order,
            CommunicationKind.CONFIRMATION,
            False,
            date(2026, 10, 16),
            "Order confirmed by e-mail",
            "e-mail",
            "purchasing@meridian.example",
        )
    signed = actions.decide(
        store,
        "approver",
        "approver-demo",
        review,
        Decision.ACCEPTED_WITH_CONDITIONS,
        "First article at customer site",
    )
    assert signed.meaning == "Approved — accepted with conditions"
    with store.read() as session:
        assert session.get(Order, order).status is OrderStatus.ACCEPTED_WITH_CONDITIONS
        assert progress.status(session, review).state is ReviewState.DECIDED
        assert signatures.check(session, signed.id).ok
    with pytest.raises(QmsError, match="does not allow"), store.write("x") as session:
        actions.answer(session, sales, review, "gate.kind", Answer.YES)
    assert store.verify_audit().ok


def test_a_verbal_order_needs_its_written_confirmation(demo_store: Store):
    store = demo_store
    with store.read() as session:
        order = session.scalar(
            select(Order.id).join(Order.revisions).where(actions.OrderRevision.verbal.is_(True))
        )
    assert order is not None
    approver = find_person(store, "approver")
    with store.write(approver.actor) as session:
        review = actions.start(session, approver, order)
    with store.write(approver.actor) as session:
        snap = progress.snapshot(session, review)
    assert snap.verbal
    assert not snap.verbal_confirmed
    with store.write(approver.actor) as session:
        clarifications.record_communication(
            session,
            approver,
            order,
            CommunicationKind.CONFIRMATION,
            False,
            date(2026, 10, 3),
            "Order confirmed in writing",
        )
        assert progress.snapshot(session, review).verbal_confirmed


def test_a_revision_is_reviewed_once_and_only_sales_or_approver_start(demo_store: Store):
    store = demo_store
    order = order_id(store, "PO-1002-261006")
    quality = find_person(store, "quality")
    with pytest.raises(QmsError, match="started by sales"), store.write("x") as session:
        actions.start(session, quality, order)
    sales = find_person(store, "sales")
    with store.write(sales.actor) as session:
        actions.start(session, sales, order)
    with pytest.raises(QmsError, match="already under review"), store.write("x") as session:
        actions.start(session, sales, order)


def test_required_functions_are_adjustable_with_a_reason(demo_store: Store):
    store = demo_store
    order = order_id(store, "采购-20261024-3")
    approver = find_person(store, "approver")
    with store.write(approver.actor) as session:
        review = actions.start(session, approver, order)
        assert Function.FINANCE in progress.required_functions(session, review)
        with pytest.raises(QmsError, match="reason"):
            actions.set_function(session, approver, review, Function.FINANCE, False, " ")
        actions.set_function(
            session,
            approver,
            review,
            Function.FINANCE,
            False,
            "Repeat order within the existing frame contract",
        )
        assert Function.FINANCE not in progress.required_functions(session, review)
        assert "finance" not in progress.snapshot(session, review).unsigned


def test_working_days():
    assert actions.working_days_after(date(2026, 11, 20), 3) == date(2026, 11, 25)  # Fri → Wed


def test_amendment_carries_over_untouched_sections_and_reopens_touched(demo_store: Store):
    """Revision 2 changes a delivery date: planning's section is re-opened and its people are
    told; every other section keeps its answers and signatures; revision 1's review is left as
    it was, superseded."""
    from qms_review.core.intake.importer import revision_content
    from qms_review.core.orders.revisions import RevisionContent, add_revision
    from qms_review.core.store.models import Review, ReviewAnswer, Signature

    store = demo_store
    order = order_id(store, "PO-1002-260923")
    sales = find_person(store, "sales")
    with store.write(sales.actor) as session:
        first = actions.start(session, sales, order)
    _answer_everything(store, first)
    approver = find_person(store, "approver")
    with store.write(approver.actor) as session:
        for finding in session.scalars(
            select(Finding).where(Finding.revision_id == session.get(Review, first).revision_id)
        ):
            actions.dispose_finding(
                session, approver, first, finding.id, Disposition.RESOLVED, "checked"
            )
    for section, login in (("gate", "sales"), ("delivery", "planning")):
        actions.sign_section(store, login, f"{login}-demo", first, section)
    with store.read() as session:
        before = {
            (a.item_key, a.value)
            for a in session.scalars(select(ReviewAnswer).where(ReviewAnswer.review_id == first))
        }

    with store.write("tester") as session:  # revision 2: line 20 moves out by a week
        order_row = session.get(Order, order)
        latest = order_row.revisions[-1]
        _header, lines = revision_content(session, latest)
        lines[1]["delivery_date"] = date(2026, 12, 29)
        revision = add_revision(
            session,
            order_row.customer,
            order_row.kind,
            order_row.number,
            RevisionContent(
                order_date=latest.order_date,
                currency=latest.currency,
                payment_terms=latest.payment_terms,
                delivery_terms=latest.delivery_terms,
                lines=lines,
            ),
            "tester",
        )
        amendment = amendments.carry_over(session, revision.id)
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
        assert {
            (a.item_key, a.value)
            for a in session.scalars(select(ReviewAnswer).where(ReviewAnswer.review_id == first))
        } == before
        new_answers = {
            a.item_key
            for a in session.scalars(
                select(ReviewAnswer).where(ReviewAnswer.review_id == amendment.review)
            )
        }
        assert "gate.kind" in new_answers
        assert "delivery.dates_terms" not in new_answers
        carried = session.scalars(
            select(Signature).where(Signature.review_id == amendment.review)
        ).all()
        assert [s.scope for s in carried] == ["section:gate"]  # not delivery: re-opened
        assert signatures.check(session, carried[0].id).ok  # still proves itself on revision 2
        assert signatures.is_locked(session, amendment.review, "section:gate")
        assert not signatures.is_locked(session, amendment.review, "section:delivery")
        notice = amendments.notices(session, amendment.review)[0]
        assert (notice.login, notice.function, notice.acknowledged_at) == (
            "planning",
            Function.PLANNING,
            None,
        )
    planning = find_person(store, "planning")
    with store.write(planning.actor) as session:
        amendments.acknowledge(session, planning, notice.id)
    with pytest.raises(QmsError, match="not addressed to you"), store.write("x") as session:
        amendments.acknowledge(session, sales, notice.id)
    with store.read() as session:
        assert amendments.notices(session, amendment.review)[0].acknowledged_at is not None


def test_evidence_waiver_and_communication_log(demo_store: Store, tmp_path: Path):
    store = demo_store
    order = order_id(store, "PO-1002-261006")
    approver = find_person(store, "approver")
    with store.write(approver.actor) as session:
        review = actions.start(session, approver, order)
        with pytest.raises(QmsError, match="Answer item"):
            actions.add_evidence(session, approver, review, "gate.kind", tmp_path / "x.pdf")
    drawing = tmp_path / "drawing list 图纸.pdf"
    drawing.write_bytes(b"%PDF-1.4 demo")
    sales = find_person(store, "sales")
    with store.write(sales.actor) as session:
        actions.answer(session, sales, review, "gate.kind", Answer.YES)
        actions.add_evidence(session, sales, review, "gate.kind", drawing)
        with pytest.raises(QmsError, match="Cannot read"):
            actions.add_evidence(session, sales, review, "gate.kind", tmp_path / "missing.pdf")
    from qms_review.core.review import walkthrough

    with store.read() as session:
        view = walkthrough.load(session, review)
        gate = next(s for s in view.sections if s.key == "gate")
        assert next(i for i in gate.items if i.item.key == "gate.kind").evidence == (drawing.name,)
    # a waiver needs the IATF pack
    with pytest.raises(QmsError, match="IATF 16949"), store.write(approver.actor) as session:
        actions.waive(session, approver, review, "Customer letter", drawing)
    with store.write(approver.actor) as session:
        clarifications.record_communication(
            session,
            approver,
            order,
            CommunicationKind.FEEDBACK,
            True,
            date(2026, 11, 1),
            "Praised the last delivery",
            "phone",
        )
        assert [e.summary for e in clarifications.communications(session, order)] == [
            "Praised the last delivery"
        ]


def test_an_iatf_review_may_be_waived_with_the_customers_authorisation(
    demo_store: Store, tmp_path: Path
):
    store = demo_store
    order = order_id(store, "采购-20261024-3")
    approver = find_person(store, "approver")
    letter = tmp_path / "waiver.pdf"
    letter.write_bytes(b"%PDF-1.4 the customer's authorisation")
    with store.write(approver.actor) as session:
        review = actions.start(session, approver, order, packs=("iatf16949",))
        with pytest.raises(QmsError, match="justification"):
            actions.waive(session, approver, review, " ", letter)
        actions.waive(
            session, approver, review, "Customer letter 2026-11-01 waives the review", letter
        )
        snap = progress.snapshot(session, review)
    assert snap.waived
    assert snap.waiver_evidence
    assert decision_blockers(snap, Decision.ACCEPTED, None) == []


# --- random sequences against the database -------------------------------------------------------

LOGINS = (
    "sales",
    "engineering",
    "planning",
    "quality",
    "finance",
    "approver",
    "production",
    "purchasing",
)
ACTS = (
    "answer_yes",
    "answer_no",
    "dispose_no",
    "sign",
    "submit",
    "reopen",
    "decide",
    "clarify",
    "close",
    "dispose_finding",
)


def _fingerprint(store: Store, review: int) -> tuple:
    from qms_review.core.store.models import Review, ReviewAnswer, Signature

    with store.read() as session:
        row = session.get(Review, review)
        answers = tuple(
            sorted(
                (a.item_key, str(a.value), str(a.disposition))
                for a in session.scalars(
                    select(ReviewAnswer).where(ReviewAnswer.review_id == review)
                )
            )
        )
        signatures = tuple(
            sorted(
                (s.scope, s.lapsed_at is None)
                for s in session.scalars(select(Signature).where(Signature.review_id == review))
            )
        )
        return row.state, row.decision, answers, signatures


def test_random_sequences_of_actions_keep_a_review_consistent(demo_store: Store):
    """Whatever people try in whatever order, a refused action changes nothing, signed parts
    keep the content they signed, answers come only from the owning function, and a decided
    review has its decision, its signature and the order's status."""
    from qms_review.core.orders.revisions import (
        RevisionContent,
        add_revision,
        find_or_create_customer,
    )
    from qms_review.core.store.models import Review, Signature
    from qms_review.core.store.vocabulary import OrderKind

    store = demo_store
    people = {login: find_person(store, login) for login in LOGINS}
    counter = iter(range(10_000))

    @settings(max_examples=12, deadline=None)
    @given(
        st.lists(
            st.tuples(st.sampled_from(ACTS), st.sampled_from(LOGINS), st.integers(0, 60)),
            max_size=30,
        )
    )
    def run(steps: list[tuple[str, str, int]]) -> None:
        with store.write("tester") as session:
            customer = find_or_create_customer(session, "Random GmbH", "R-1")
            revision = add_revision(
                session,
                customer,
                OrderKind.ORDER,
                f"R-{next(counter)}",
                RevisionContent(
                    order_date=date(2026, 11, 2),
                    currency="EUR",
                    delivery_terms="EXW",
                    lines=[
                        {"line_no": 10, "part_number": "FL-3305", "quantity": 100, "unit": "pcs"}
                    ],
                ),
                "tester",
            )
            order = revision.order_id
            review = actions.start(session, people["sales"], order)
            template = actions.template_of(session, session.get(Review, review))
        items = [i.key for s in template.sections if s.function != "approver" for i in s.items]
        sections = [s.key for s in template.sections if s.function != "approver"]
        for act, login, n in steps:
            person = people[login]
            before = _fingerprint(store, review)
            try:
                with store.write(person.actor) as session:
                    if act in ("answer_yes", "answer_no"):
                        actions.answer(
                            session,
                            person,
                            review,
                            items[n % len(items)],
                            Answer.YES if act == "answer_yes" else Answer.NO,
                        )
                    elif act == "dispose_no":
                        actions.dispose_answer(
                            session,
                            person,
                            review,
                            items[n % len(items)],
                            Disposition.CONDITION,
                            "agreed",
                        )
                    elif act == "submit":
                        actions.submit(session, person, review)
                    elif act == "reopen":
                        actions.reopen(session, person, review, "more to check")
                    elif act == "clarify":
                        clarifications.raise_clarification(session, person, review, "Why?")
                    elif act == "close":
                        open_ones = progress.snapshot(session, review).open_clarifications
                        if open_ones:
                            clarifications.close_clarification(
                                session,
                                person,
                                open_ones[0],
                                "Because",
                                date(2026, 11, 3),
                                "mail",
                                "buyer",
                            )
                    elif act == "dispose_finding":
                        open_findings = progress.snapshot(session, review).open_findings
                        if open_findings:
                            actions.dispose_finding(
                                session,
                                person,
                                review,
                                open_findings[0][1],
                                Disposition.RESOLVED,
                                "",
                            )
                if act == "sign":
                    actions.sign_section(
                        store, login, f"{login}-demo", review, sections[n % len(sections)]
                    )
                elif act == "decide":
                    actions.decide(
                        store,
                        login,
                        f"{login}-demo",
                        review,
                        list(Decision)[n % 4],
                        "conditions agreed",
                    )
            except QmsError:
                assert _fingerprint(store, review) == before, (act, login)
            with store.read() as session:
                row = session.get(Review, review)
                snap = progress.snapshot(session, review)
                assert snap.wrongly_answered == ()
                for signature in session.scalars(
                    select(Signature).where(
                        Signature.review_id == review, Signature.lapsed_at.is_(None)
                    )
                ):
                    assert signatures.digest(
                        signatures.content(session, review, signature.scope)
                    ) == (signature.content_sha256)
                if row.state is ReviewState.DECIDED:
                    assert row.decision is not None
                    assert signatures.is_locked(session, review, signatures.DECISION)
                    assert session.get(Order, order).status.value == row.decision.value
                else:
                    assert row.decision is None

    run()


def test_touched_fields_in_words():
    assert amendments.touched_text("added, delivery_date", "en") == "lines added, delivery date"
    assert amendments.touched_text("added, delivery_date", "zh_CN") == "新增行, 交货日期"
