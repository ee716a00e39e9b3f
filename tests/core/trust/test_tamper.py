"""Each attack on the data done straight in SQL, on SQLite and PostgreSQL, and exactly what
finds it: ``audit verify``, ``review status``, the review's progress and ``record make``."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import select

from qms_review import cli
from qms_review.core.messages import QmsError
from qms_review.core.records import archive
from qms_review.core.review import integrity, progress, walkthrough
from qms_review.core.store import audit
from qms_review.core.store.models import User
from tests.core.trust.conftest import Victim

#: The demo's decided review (order PO-1001-260927) and its reviewed revision still under way
#: after an amendment (PO-1001-260901 revision 2, three sections carried over signed).
DECIDED, ORDER, UNDER_WAY = 1, "PO-1001-260927", 6


def _verify(victim: Victim, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = cli.main(["--database", victim.url, "audit", "verify"])
    out, err = capsys.readouterr()
    return code, [line for line in (out + err).splitlines() if line]


def _problems(victim: Victim) -> list[QmsError]:
    with victim.store.read() as session:
        return integrity.verify(session)


def _said(problem: QmsError) -> tuple[str, dict[str, object]]:
    params = {
        k: (v.key, v.args) if hasattr(v, "args") and hasattr(v, "key") else v
        for k, v in problem.params.items()
    }
    return problem.key, params


def _broken(review: int, section: str, signer: str, reason: str, seq: int | None) -> tuple:
    order = {DECIDED: ORDER, UNDER_WAY: "PO-1001-260901"}[review]
    return (
        "integrity.broken",
        {
            "review": review,
            "order": order,
            "section": section,
            "signer": signer,
            "reason": (f"integrity.reason.{reason}", {"seq": seq}),
        },
    )


def _head(victim: Victim, review: int, scope: str) -> int:
    return victim.rows(
        "SELECT audit_head_seq FROM signatures WHERE review_id = :r AND scope = :s",
        r=review,
        s=scope,
    )[0][0]


def test_an_honest_copy_is_clean(victim: Victim, capsys):
    assert _problems(victim) == []
    code, lines = _verify(victim, capsys)
    assert code == 0
    assert lines[-1] == "Today's data matches the audit trail and every signature."


def test_a_signed_answer_forged(victim: Victim, capsys):
    victim.sql(
        "UPDATE review_answers SET value = 'no', comment = 'forged' "
        f"WHERE review_id = {DECIDED} AND item_key = 'commercial.quantities_prices'"
    )
    seq = _head(victim, DECIDED, "section:commercial")
    expected = _broken(DECIDED, "commercial", "王丽 Wang Li (sales)", "content", seq)
    problems = _problems(victim)
    assert _said(problems[0]) == expected
    # the row itself differs from what the trail says, column by column
    assert {(p.key, p.params.get("column")) for p in problems[1:]} == {
        ("integrity.row_changed", "value"),
        ("integrity.row_changed", "comment"),
    }
    code, lines = _verify(victim, capsys)
    assert code == 1
    assert lines[0].startswith("Audit trail OK")  # the chain itself was not touched
    assert lines[1] == (
        "Review 1 (order PO-1001-260927), commercial signed by 王丽 Wang Li (sales): signature "
        "BROKEN — the signed data (answers, comments, dispositions or decision) was changed "
        "after signing; it does not count as signed."
    )
    # review status says so, and fails
    assert cli.main(["--database", victim.url, "review", "status", ORDER]) == 1
    assert lines[1] in capsys.readouterr().out
    # the review shows it broken; no record is made of it
    with victim.store.read() as session:
        view = walkthrough.load(session, DECIDED)
        assert [s.key for s in view.sections if s.signature and s.signature.broken] == [
            "commercial"
        ]
    with pytest.raises(QmsError) as refused, victim.store.write("tester") as session:
        archive.generate(session, DECIDED, "en")
    assert _said(refused.value) == expected
    records = victim.rows("SELECT count(*) FROM records")
    assert cli.main(["--database", victim.url, "record", "make", ORDER]) == 1
    assert lines[1] in capsys.readouterr().err
    assert victim.rows("SELECT count(*) FROM records") == records  # nothing written


def test_a_broken_section_does_not_count_as_signed(victim: Victim):
    victim.sql(
        "UPDATE review_answers SET comment = 'forged' "
        f"WHERE review_id = {UNDER_WAY} AND item_key = 'quality.statutory'"
    )
    with victim.store.read() as session:
        snap = progress.snapshot(session, UNDER_WAY)
        blockers = progress.status(session, UNDER_WAY).blockers
    assert snap.broken == ("quality",)
    assert ("broken", "quality") in [(b.kind, b.key) for b in blockers]
    assert [b.message().message() for b in blockers if b.kind == "broken"] == [
        "section “Quality requirements”: its signature is BROKEN (its data changed after signing)"
    ]


def test_a_signature_meaning_forged(victim: Victim):
    victim.sql(
        "UPDATE signatures SET meaning = 'Approved — everything' "
        f"WHERE review_id = {DECIDED} AND scope = 'section:finance'"
    )
    seq = _head(victim, DECIDED, "section:finance")
    problems = _problems(victim)
    assert _said(problems[0]) == _broken(
        DECIDED, "finance", "刘洋 Liu Yang (finance)", "signature", seq
    )
    assert problems[1].key == "integrity.row_changed"
    assert problems[1].params["column"] == "meaning"


def test_a_decision_forged(victim: Victim):
    victim.sql(f"UPDATE reviews SET decision = 'declined' WHERE id = {DECIDED}")
    seq = _head(victim, DECIDED, "decision")
    problems = _problems(victim)
    assert _said(problems[0]) == _broken(
        DECIDED, "decision", "Margaret Okafor (approver)", "content", seq
    )
    assert (problems[1].key, problems[1].params["column"]) == ("integrity.row_changed", "decision")
    with victim.store.read() as session:
        assert walkthrough.load(session, DECIDED).decision_signature.broken  # type: ignore[union-attr]


def test_a_function_given_and_taken_in_sql(victim: Victim, capsys):
    with victim.store.read() as session:
        sales = session.scalar(select(User.id).where(User.login == "sales"))
    victim.sql(
        f"INSERT INTO user_functions (user_id, function) VALUES ({sales}, 'approver')",
        f"DELETE FROM user_functions WHERE user_id = {sales} AND function = 'sales'",
        "UPDATE users SET is_admin = true WHERE login = 'finance'"
        if victim.backend == "postgres"
        else "UPDATE users SET is_admin = 1 WHERE login = 'finance'",
    )
    said = [(p.key, p.params) for p in _problems(victim)]
    assert said == [
        ("integrity.row_changed", _changed("users", said, "is_admin")),
        ("integrity.row_unaudited", {"table": "user_functions", "row": f"{sales}/approver"}),
        ("integrity.row_removed", {"table": "user_functions", "row": f"{sales}/sales"}),
    ]
    assert (said[0][1]["audited"], said[0][1]["current"]) == ("false", "true")
    code, lines = _verify(victim, capsys)
    assert code == 1
    assert f"user_functions row {sales}/approver exists, but no audit event made it" in lines[2]


def _changed(table: str, said: list, column: str) -> dict:
    found = next(p for k, p in said if p.get("column") == column)
    assert found["table"] == table
    return found


def _rewrite(victim: Victim, seq: int) -> audit.Head:
    """History rewritten with the audit key: event ``seq`` edited, every MAC after it
    recomputed, the anchor reset to the new head."""
    key = victim.store.key
    rows = victim.rows(
        "SELECT seq, at, actor, action, entity, entity_id, changes FROM audit_events "
        "WHERE seq >= :s ORDER BY seq",
        s=seq,
    )
    prev = victim.rows("SELECT mac FROM audit_events WHERE seq = :s", s=seq - 1)[0][0]
    updates = []
    for number, at, actor, action, entity, entity_id, changes in rows:
        if number == seq:
            body = json.loads(changes)
            body["forged"] = [None, True]
            changes = audit.canonical_json(body)
        if isinstance(at, str):  # SQLite hands the raw text back
            at = datetime.fromisoformat(at)
        mac = audit.event_mac(
            key,
            seq=number,
            at=at,
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            changes=changes,
            prev_mac=prev,
        )
        updates.append((changes, prev, mac, number))
        prev = mac
    for changes, before, mac, number in updates:
        victim.sql(
            "UPDATE audit_events SET changes = :c, prev_mac = :b, mac = :m WHERE seq = :n",
            c=changes,
            b=before,
            m=mac,
            n=number,
        )
    head = audit.Head(updates[-1][3], updates[-1][2])
    victim.store.anchor.reset(head)
    return head


def test_history_rewritten_with_the_key(victim: Victim, capsys):
    first = _head(victim, DECIDED, "section:gate")
    target = first - 5  # an event before the first signature of the decided review
    _rewrite(victim, target)
    assert victim.store.verify_audit().ok  # the key holder's chain checks out
    problems = _problems(victim)
    first_broken = _said(problems[0])
    assert first_broken == _broken(DECIDED, "gate", "王丽 Wang Li (sales)", "history", first)
    # every signature made after the rewritten event is broken, none before
    signed = victim.rows("SELECT count(*) FROM signatures WHERE audit_head_seq >= :s", s=target)
    assert sum(p.key == "integrity.broken" for p in problems) == signed[0][0]
    # and the record made after it names an event the chain no longer holds as it was
    record, seq = victim.rows("SELECT id, audit_head_seq FROM records")[0]
    assert ("integrity.record_head", {"record": record, "review": DECIDED, "seq": seq}) in [
        (p.key, p.params) for p in problems
    ]
    code, lines = _verify(victim, capsys)
    assert code == 1
    assert lines[0].startswith("Audit trail OK")
    assert "the audit trail it was signed at (event #" in lines[1]


def test_anchor_deleted_and_the_end_cut_off(victim: Victim, capsys):
    newest = victim.rows("SELECT max(audit_head_seq) FROM signatures")[0][0]
    end = victim.rows("SELECT max(seq) FROM audit_events")[0][0]
    assert end > newest
    victim.sql(f"DELETE FROM audit_events WHERE seq > {newest}")
    victim.store.anchor.path.unlink()
    assert victim.store.verify_audit().ok  # no anchor: the chain alone cannot tell
    problems = _problems(victim)
    assert problems, "the rows those events made are still there"
    newest_signature = victim.rows("SELECT max(id) FROM signatures")[0][0]
    assert ("integrity.row_unaudited", {"table": "signatures", "row": str(newest_signature)}) in [
        (p.key, p.params) for p in problems
    ]
    code, _lines = _verify(victim, capsys)
    assert code == 1


def test_anchor_deleted_and_cut_off_before_a_signature(victim: Victim):
    """Cutting the trail (and every row made after) back to before the newest signature's
    head: the signature names the event it was made at, which is gone."""
    newest = victim.rows("SELECT max(audit_head_seq) FROM signatures")[0][0]
    victim.sql(f"DELETE FROM audit_events WHERE seq >= {newest}")
    victim.store.anchor.path.unlink()
    assert victim.store.verify_audit().ok
    reasons = {
        p.params["reason"].key  # type: ignore[union-attr]
        for p in _problems(victim)
        if p.key == "integrity.broken"
    }
    assert reasons == {"integrity.reason.history"}


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE signatures SET meaning = 'x' WHERE id = 1",
        "DELETE FROM signatures WHERE id = 1",
        f"UPDATE reviews SET decision = 'declined' WHERE id = {DECIDED}",
        f"UPDATE reviews SET conditions = 'none' WHERE id = {DECIDED}",
        f"UPDATE review_answers SET comment = 'forged' WHERE review_id = {DECIDED}",
        f"DELETE FROM review_answers WHERE review_id = {DECIDED}",
    ],
)
def test_signed_rows_refuse_change_in_the_database(victim: Victim, statement: str):
    """With the triggers in place (no attacker switched them off) the database refuses."""
    from sqlalchemy import text
    from sqlalchemy.exc import DatabaseError

    with pytest.raises(DatabaseError, match="refused"), victim.store.engine.begin() as conn:
        conn.execute(text(statement))
    assert _problems(victim) == []


def test_a_review_under_way_is_not_frozen(victim: Victim):
    """Only a decided, signed review is frozen: the program goes on working on the others (a
    state change of the decided one, as an amendment makes, is allowed too)."""
    from sqlalchemy import text

    with victim.store.engine.begin() as conn:
        conn.execute(text(f"UPDATE reviews SET state = 'decided' WHERE id = {DECIDED}"))
        changed = conn.execute(
            text(f"UPDATE review_answers SET comment = 'x' WHERE review_id = {UNDER_WAY}")
        )
        assert changed.rowcount > 0
        conn.rollback()
