"""The append-only audit trail: who changed what, when, from which value to which.

Every flush of an ORM session notes one event per inserted, updated or deleted row; a bulk write
that bypasses the ORM notes its own (:func:`record`). The events of a unit of work are appended
to the chain at its very end, just before its commit, in the same transaction: on PostgreSQL the
chain's lock is held only for reading the head, inserting the events and committing, so
writers wait for each other that long, not for each other's whole unit of work.
Events form a chain: each one's MAC is an HMAC-SHA256, keyed by a secret kept outside the
database, over its content and its predecessor's MAC. Without the key nobody can edit, insert,
delete or reorder events undetected; a copy of the chain head kept on this computer (the
*anchor*) also reveals events cut off at the end.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Connection, Table, event, insert, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from qms_review.core.messages import QmsError, one_or_many
from qms_review.core.store import changes as live
from qms_review.core.store.columns import utcnow
from qms_review.core.store.models import AuditEvent

GENESIS = "0" * 64
_PG_LOCK_ID = 0x716D7372  # "qmsr": serialises chain appends on PostgreSQL
_TABLE = cast(Table, AuditEvent.__table__)


# --- canonical content ---------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """A JSON-safe, stable form of a column value (bytes are summarised, not copied)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
        return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return str(value)


def _default(value: Any) -> Any:
    converted = jsonable(value)
    if converted is value:
        raise TypeError(f"cannot serialise {type(value).__name__}")
    return converted


def canonical_json(value: Any) -> str:
    """Stable JSON: the C encoder does dicts, lists, text and numbers; ``jsonable`` the rest
    (the same output as converting everything first, several times faster on 100k lines)."""
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_default
    )


def _instant(at: datetime) -> str:
    return at.replace(tzinfo=None).isoformat(timespec="microseconds")


def event_mac(
    key: bytes,
    *,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None,
    changes: str,
    prev_mac: str,
) -> str:
    payload = canonical_json(
        [seq, _instant(at), actor, action, entity, entity_id, changes, prev_mac]
    )
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


# --- appending -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One event to append: an action on an entity with its old → new values."""

    action: str
    entity: str
    entity_id: str | None
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Head:
    seq: int
    mac: str


def chain_head(conn: Connection) -> Head:
    row = conn.execute(select(_TABLE.c.seq, _TABLE.c.mac).order_by(_TABLE.c.seq.desc()).limit(1))
    found = row.first()
    return Head(0, GENESIS) if found is None else Head(found.seq, found.mac)


def mac_at(conn: Connection, seq: int) -> str | None:
    """The MAC of the event numbered ``seq`` (None: there is none)."""
    return conn.execute(select(_TABLE.c.mac).where(_TABLE.c.seq == seq)).scalar()


def _append(conn: Connection, key: bytes, batches: list[tuple[str, list[Change]]]) -> Head:
    """Append each actor's events after the current head (taking the chain's lock on
    PostgreSQL, held until the transaction ends); the new head."""
    postgres = conn.dialect.name == "postgresql"
    head = _lock_and_read_head(conn) if postgres else chain_head(conn)
    seq, prev = head.seq, head.mac
    at = utcnow()
    rows = []
    for actor, changes in batches:
        for change in changes:
            seq += 1
            body = canonical_json(change.changes)
            mac = event_mac(
                key,
                seq=seq,
                at=at,
                actor=actor,
                action=change.action,
                entity=change.entity,
                entity_id=change.entity_id,
                changes=body,
                prev_mac=prev,
            )
            rows.append(
                {
                    "seq": seq,
                    "at": at,
                    "actor": actor,
                    "action": change.action,
                    "entity": change.entity,
                    "entity_id": change.entity_id,
                    "changes": body,
                    "prev_mac": prev,
                    "mac": mac,
                }
            )
            prev = mac
    if rows and postgres:
        for start in range(0, len(rows) - _ROWS_PER_STATEMENT, _ROWS_PER_STATEMENT):
            conn.execute(insert(_TABLE), rows[start : start + _ROWS_PER_STATEMENT])
        last = rows[(len(rows) - 1) // _ROWS_PER_STATEMENT * _ROWS_PER_STATEMENT :]
        # the last rows and the notification in one statement: one round trip fewer under lock
        appended = insert(_TABLE).values(last).cte("appended")
        everything = [change for _actor, changes in batches for change in changes]
        conn.execute(live.notification(seq, everything).add_cte(appended))
    elif rows:
        conn.execute(insert(_TABLE), rows)
    return Head(seq, prev)


_ROWS_PER_STATEMENT = 1000  # 9 parameters a row: far below PostgreSQL's 65535 a statement


def committed(conn: Connection, head: Head) -> bool:
    """Whether the events up to ``head`` are in the chain: a unit of work whose commit was cut
    off was committed after all (its work and its events commit together). On PostgreSQL it
    first waits for the chain's lock, so a transaction still ending on the server has ended."""
    if conn.dialect.name == "postgresql":
        _lock_and_read_head(conn)
    return mac_at(conn, head.seq) == head.mac


def _lock_and_read_head(conn: Connection) -> Head:
    """Take the chain's lock and read the head, in one round trip: two statements in one simple
    query, the second with a snapshot taken after the lock was granted (read committed), so it
    sees the head the previous holder committed."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(
            f"SELECT pg_advisory_xact_lock({_PG_LOCK_ID}); "
            f"SELECT seq, mac FROM {_TABLE.name} ORDER BY seq DESC LIMIT 1"
        )
        cursor.nextset()
        found = cursor.fetchone()
    finally:
        cursor.close()
    return Head(0, GENESIS) if found is None else Head(int(found[0]), str(found[1]))


# --- capturing ORM writes ------------------------------------------------------------------

#: session.info keys
ACTOR = "audit_actor"
KEY = "audit_key"
ANCHOR = "audit_anchor"
_PENDING_HEAD = "audit_pending_head"
_QUEUED = "audit_queued"  # [(actor, [Change…])…] noted, not yet appended
_MARKS = "audit_savepoints"  # savepoint → how many batches were queued when it began
SENT_HEAD = "audit_sent_head"  # the head appended before the commit was sent (kept after it)


class MissingActor(RuntimeError):
    """A write was attempted in a session that does not say who is writing."""


def install(factory: sessionmaker[Session]) -> None:
    """Make every flush of sessions from ``factory`` note audit events, appended at commit."""
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_commit", _after_commit)
    event.listen(factory, "after_transaction_create", _after_begin)
    event.listen(factory, "after_soft_rollback", _after_rollback)


def _identity(obj: Any) -> str | None:
    key = inspect(obj).identity
    if key is None:
        return None
    return "/".join(str(part) for part in key)


#: Columns whose values the trail records only as a fingerprint: a password hash or an
#: encrypted key has no business being copied into a record nobody may ever remove.
SECRET_COLUMNS = frozenset({"password_hash", "key_pem"})


def recorded(name: str, value: Any) -> Any:
    if name in SECRET_COLUMNS and value is not None:
        digest = hashlib.sha256(str(value).encode("utf-8")).hexdigest()[:16]
        return f"(secret, sha256 {digest}…)"
    return value


def _values(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    return {
        attr.columns[0].name: recorded(attr.columns[0].name, getattr(obj, attr.key))
        for attr in state.mapper.column_attrs
    }


def _updates(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    changed: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            name = attr.columns[0].name
            changed[name] = [recorded(name, old), recorded(name, new)]
    return changed


def _collect(session: Session) -> list[Change]:
    changes: list[Change] = []
    for obj in session.new:
        if not isinstance(obj, AuditEvent):
            values = {name: [None, value] for name, value in _values(obj).items()}
            changes.append(Change("insert", obj.__tablename__, _identity(obj), values))
    for obj in session.dirty:
        if isinstance(obj, AuditEvent):
            continue
        diff = _updates(obj)
        if diff:
            changes.append(Change("update", obj.__tablename__, _identity(obj), diff))
    for obj in session.deleted:
        if not isinstance(obj, AuditEvent):
            values = {name: [value, None] for name, value in _values(obj).items()}
            changes.append(Change("delete", obj.__tablename__, _identity(obj), values))
    changes.sort(key=lambda c: (c.action != "insert", c.entity, c.entity_id or ""))
    return changes


def _after_flush(session: Session, _context: Any) -> None:
    if any(isinstance(obj, AuditEvent) for obj in session.new):
        raise RuntimeError("audit events are appended by the audit trail, not added")
    changes = _collect(session)
    if not changes:
        return
    actor = session.info.get(ACTOR)
    if not actor:
        raise MissingActor("a write needs an actor: use Store.write(actor)")
    session.info.setdefault(_QUEUED, []).append((actor, changes))


def record(session: Session, change: Change) -> None:
    """Audit a write that bypassed the ORM (a bulk insert) in the session's own transaction."""
    actor = session.info.get(ACTOR)
    if not actor:
        raise MissingActor("a write needs an actor: use Store.write(actor)")
    session.info.setdefault(_QUEUED, []).append((actor, [change]))


def noted(session: Session) -> int:
    """How many events this unit of work has noted and not yet appended."""
    return sum(len(changes) for _actor, changes in session.info.get(_QUEUED, []))


def settled_head(session: Session) -> Head:
    """The chain's head with this unit of work's events so far appended (they are part of what
    a signature or a record states): appends them now, taking the chain's lock early."""
    session.flush()
    queued = session.info.pop(_QUEUED, None)
    if queued:
        session.info[_PENDING_HEAD] = _append(session.connection(), session.info[KEY], queued)
        session.info.pop(_MARKS, None)
    return chain_head(session.connection())


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return
    session.flush()  # the last changes first: nothing is left to flush after the append
    queued = session.info.pop(_QUEUED, None)
    session.info.pop(_MARKS, None)
    if queued:
        session.info[_PENDING_HEAD] = _append(session.connection(), session.info[KEY], queued)
    session.info[SENT_HEAD] = session.info.get(_PENDING_HEAD)


def _after_begin(session: Session, transaction: Any) -> None:
    if transaction.nested:
        marks = session.info.setdefault(_MARKS, {})
        marks[id(transaction)] = len(session.info.get(_QUEUED, []))
    elif transaction.parent is None:
        session.info.pop(SENT_HEAD, None)


def _after_commit(session: Session) -> None:
    head = session.info.pop(_PENDING_HEAD, None)
    anchor = session.info.get(ANCHOR)
    if head is not None and anchor is not None:
        anchor.advance(head)


def _after_rollback(session: Session, previous: Any) -> None:
    if previous.nested:  # a savepoint rolled back: the events it noted go with it
        mark = session.info.get(_MARKS, {}).pop(id(previous), None)
        if mark is not None and _QUEUED in session.info:
            del session.info[_QUEUED][mark:]
        return
    session.info.pop(_PENDING_HEAD, None)
    session.info.pop(_QUEUED, None)
    session.info.pop(_MARKS, None)


# --- verification --------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """The outcome of :func:`verify`: OK, or the first bad event and what is wrong with it."""

    count: int
    head: Head
    problem: QmsError | None = None
    bad_seq: int | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def message(self, language: str = "en") -> str:
        if self.problem is not None:
            return self.problem.message(language)
        if self.count == 0:
            return QmsError("audit.empty").message(language)
        return QmsError(
            one_or_many(self.count, "audit.ok_one", "audit.ok"), count=self.count, seq=self.head.seq
        ).message(language)


def _fail(count: int, head: Head, seq: int, key: str, **params: Any) -> Report:
    return Report(count, head, QmsError(key, seq=seq, **params), seq)


def verify(conn: Connection, key: bytes, anchor: Head | None) -> Report:
    """Check the whole chain; report the first event that was edited, deleted, inserted,
    reordered or cut off."""
    # Reordering shows as rows stored in one order but numbered in another.
    previous: int | None = None
    for (row_seq,) in conn.execute(select(_TABLE.c.seq).order_by(_TABLE.c.id)):
        if previous is not None and row_seq <= previous:
            return _fail(0, Head(0, GENESIS), row_seq, "audit.out_of_order", before=previous)
        previous = row_seq

    count = 0
    head = Head(0, GENESIS)
    rows = conn.execute(select(_TABLE).order_by(_TABLE.c.seq)).mappings()
    for row in rows:
        seq = row["seq"]
        if seq != head.seq + 1:
            if head.seq == 0 and seq > 1:
                return _fail(count, head, 1, "audit.missing", before=0, after=seq)
            return _fail(count, head, head.seq + 1, "audit.missing", before=head.seq, after=seq)
        expected = event_mac(
            key,
            seq=seq,
            at=row["at"],
            actor=row["actor"],
            action=row["action"],
            entity=row["entity"],
            entity_id=row["entity_id"],
            changes=row["changes"],
            prev_mac=row["prev_mac"],
        )
        if not hmac.compare_digest(expected, row["mac"]):
            return _fail(count, head, seq, "audit.altered")
        if row["prev_mac"] != head.mac:
            return _fail(count, head, seq, "audit.inserted", before=head.seq)
        count += 1
        head = Head(seq, row["mac"])
    if anchor is not None:
        if anchor.seq > head.seq:
            return _fail(count, head, head.seq + 1, "audit.truncated", anchor=anchor.seq)
        mac_at_anchor = conn.execute(
            select(_TABLE.c.mac).where(_TABLE.c.seq == anchor.seq)
        ).scalar()
        if anchor.seq > 0 and mac_at_anchor != anchor.mac:
            return _fail(count, head, anchor.seq, "audit.anchor_mismatch")
    return Report(count, head)
