"""A process killed (kill -9) while it signs a record or decides a review leaves nothing half
done: either the whole unit of work is there or none of it, the audit trail and today's data
verify, and the work can then be done."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qms_review.cli import main
from qms_review.core.demo import reviews as demo_reviews
from qms_review.core.identity import users
from qms_review.core.records import archive
from qms_review.core.review import actions, progress
from qms_review.core.store.database import Store
from qms_review.core.store.models import Record, Review, Signature
from qms_review.core.store.vocabulary import ReviewState
from tests.helpers import order_id

DECIDED, UNDER_WAY = "PO-1001-260927", "PO-1002-260910"
KILLS = 8
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _killed(args: list[str], password: str, folder: Path, after: float) -> bool:
    """Run ``qms-review ARGS`` and kill -9 it ``after`` seconds in; whether it was killed
    (False: it had finished by then)."""
    env = {**os.environ, "QMS_REVIEW_DATA_DIR": str(folder), "LANG": "C"}
    process = subprocess.Popen(
        [sys.executable, "-m", "qms_review", *args],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None
    process.stdin.write(f"{password}\n".encode())
    process.stdin.close()
    try:
        process.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        pass
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return True


def _audit_ok(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "verify"], env={"QMS_REVIEW_DATA_DIR": str(folder), "LANG": "C"}) == 0
    capsys.readouterr()


def _delays(seed: int, longest: float) -> list[float]:
    rng = random.Random(seed)
    return sorted(rng.uniform(0.2, longest) for _ in range(KILLS))


def test_killed_while_signing_a_record(
    store: Store, folder: Path, capsys: pytest.CaptureFixture[str], demo_store
):
    with store.write("tester") as session:
        review = progress.review_of(session, order_id(store, DECIDED))
        assert review is not None
        archive.generate(session, review, "en")

    def kept() -> int:
        """How many states of the record are kept (each signature keeps a new one)."""
        with store.read() as session:
            return (
                session.scalar(
                    select(func.count()).select_from(Record).where(Record.review_id == review)
                )
                or 0
            )

    def signatures_in_newest() -> int:
        with store.read() as session:
            newest = session.scalars(
                select(Record).where(Record.review_id == review).order_by(Record.id.desc())
            ).first()
            assert newest is not None
            return newest.pdf.count(b"/ByteRange")

    made = kept()
    args = ["record", "sign", DECIDED, "--as", "sales"]
    kills = 0
    for delay in _delays(17, 2.0):
        kills += _killed(args, "sales-demo", folder, delay)
        # all or nothing: nothing changed, or the signed state is kept whole (the kill came
        # after the commit)
        assert kept() in (made, made + 1)
        assert signatures_in_newest() == kept() - made
        _audit_ok(folder, capsys)
        if kept() > made:
            break
    assert kills  # the test killed something (at the slowest, before the signing began)
    if kept() == made:  # and the work can be done after all
        assert _killed(args, "sales-demo", folder, 30) is False
    assert kept() == made + 1
    assert signatures_in_newest() == 1
    _audit_ok(folder, capsys)


def _ready_for_decision(store: Store) -> int:
    """The demo's review of PO-1002-260910 answered, dispositioned, signed and submitted."""
    with store.write("tester") as session:
        review = progress.review_of(session, order_id(store, UNDER_WAY))
        assert review is not None
        demo_reviews._answer(session, review)
        demo_reviews._dispose(session, review)
        demo_reviews._sign(session, review)
        actions.submit(session, users.find(session, "approver"), review)
    return review


def test_killed_while_deciding(
    store: Store, folder: Path, capsys: pytest.CaptureFixture[str], demo_store
):
    review = _ready_for_decision(store)

    def state() -> tuple[ReviewState, int]:
        with store.read() as session:
            row = session.get(Review, review)
            assert row is not None
            signed = session.scalar(
                select(func.count())
                .select_from(Signature)
                .where(Signature.review_id == review, Signature.scope == "decision")
            )
            return row.state, signed or 0

    kills = 0
    for delay in _delays(23, 2.0):
        kills += _killed(
            ["review", "decide", UNDER_WAY, "accepted", "--as", "approver"],
            "approver-demo",
            folder,
            delay,
        )
        # decided with its signature, or not decided and not signed: never one without the other
        assert state() in {(ReviewState.READY_FOR_DECISION, 0), (ReviewState.DECIDED, 1)}
        _audit_ok(folder, capsys)
        if state()[0] is ReviewState.DECIDED:
            break
    assert kills
    if state()[0] is not ReviewState.DECIDED:
        args = ["review", "decide", UNDER_WAY, "accepted", "--as", "approver"]
        assert _killed(args, "approver-demo", folder, 30) is False
    assert state() == (ReviewState.DECIDED, 1)
    _audit_ok(folder, capsys)
