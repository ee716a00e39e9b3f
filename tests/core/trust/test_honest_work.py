"""Honest work never raises a false alarm: a long random journey through the program's own
operations (answers, signatures, refusals, decisions, records, people's functions changed,
deactivated and back), then every check over today's data is clean."""

from __future__ import annotations

import random

from sqlalchemy import select

from qms_review import cli
from qms_review.core.identity import users
from qms_review.core.messages import QmsError
from qms_review.core.records import archive
from qms_review.core.review import actions, integrity, progress
from qms_review.core.store.models import Review
from qms_review.core.store.vocabulary import Answer, Decision, Function, ReviewState
from tests.core.trust.conftest import Victim
from tests.helpers import DEMO_LOGINS, find_person

STEPS = 120


def _open_reviews(victim: Victim) -> list[int]:
    with victim.store.read() as session:
        return list(
            session.scalars(
                select(Review.id).where(
                    Review.state.in_((ReviewState.DRAFT, ReviewState.IN_REVIEW))
                )
            )
        )


def _step(victim: Victim, rng: random.Random, review: int) -> None:
    store = victim.store
    with store.read() as session:
        template = actions.template_of(session, session.get(Review, review))
    sections = [s for s in template.sections if s.function != Function.APPROVER.value]
    section = rng.choice(sections)
    login = DEMO_LOGINS.get(section.function, "planning")
    person = find_person(store, login)
    move = rng.random()
    if move < 0.55:
        item = rng.choice(section.items)
        value = rng.choice(list(item.answers))
        with store.write(person.actor) as session:
            actions.answer(session, person, review, item.key, value, rng.choice([None, "ok"]))
            if value is Answer.NO:
                actions.dispose_answer(
                    session, person, review, item.key, rng.choice(list(actions.Disposition)), "n"
                )
    elif move < 0.8:
        actions.sign_section(store, login, f"{login}-demo", review, section.key)
    elif move < 0.9:
        extra = rng.choice([[Function.LOGISTICS], []])
        with store.write("admin") as session:
            users.set_functions(session, "finance", [Function.FINANCE, *extra])
    else:
        with store.write("admin") as session:
            users.set_active(session, "purchasing", rng.random() < 0.5)
        with store.write("admin") as session:
            users.set_active(session, "purchasing", True)


def test_a_long_random_journey_raises_no_alarm(victim: Victim, capsys):
    rng = random.Random(13)
    refused = 0
    signed_before = victim.rows("SELECT count(*) FROM signatures")[0][0]
    for _ in range(STEPS):
        reviews = _open_reviews(victim)
        if not reviews:
            break
        try:
            _step(victim, rng, rng.choice(reviews))
        except QmsError:
            refused += 1  # refusals are honest work too (and audited where they should be)
    # every review ready goes through to a decision and a record
    approver = find_person(victim.store, "approver")
    for review in _open_reviews(victim):
        try:
            with victim.store.write(approver.actor) as session:
                actions.submit(session, approver, review)
            actions.decide(victim.store, "approver", "approver-demo", review, Decision.DECLINED)
            with victim.store.write(approver.actor) as session:
                archive.generate(session, review, "en")
        except QmsError:
            refused += 1
    with victim.store.write("admin") as session:  # a function taken away: audited as such
        users.set_functions(session, "finance", [Function.FINANCE, Function.LOGISTICS])
    with victim.store.write("admin") as session:
        users.set_functions(session, "finance", [Function.FINANCE])
    assert refused < STEPS  # the journey did something
    assert victim.rows("SELECT count(*) FROM signatures")[0][0] > signed_before
    assert victim.rows(
        "SELECT count(*) FROM audit_events WHERE entity = 'user_functions' AND action = 'delete'"
    )[0][0]
    with victim.store.read() as session:
        assert integrity.verify(session) == []
        for review in session.scalars(select(Review.id)):
            assert progress.status(session, review).broken == []
    assert victim.store.verify_audit().ok
    assert cli.main(["--database", victim.url, "audit", "verify"]) == 0
    assert "every signature" in capsys.readouterr().out
