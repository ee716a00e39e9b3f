"""What others changed since a window last read the database: the audit trail is the feed.

Every write appends audit events in its own transaction, so the audit head (the highest event
number) moves whenever anything changes, and the events after a number say what changed, by
whom. A window keeps the head it last read (:func:`head`); a cheap check (one indexed
``max``) tells whether to read again, and :func:`since` lists what came after.

On PostgreSQL every audited write also sends a notification on :data:`CHANNEL` when it commits
(``pg_notify`` in the same transaction: sent at commit, dropped at rollback), carrying the new
head and the reviews and orders it touched, so a window that listens (:class:`Listener`) needs no
timer. SQLite has no such thing: the window checks the head on a timer and when it gets focus.

A change that would overwrite someone else's is refused (:func:`refuse_conflicts`): an action
on a review, made from what a window read at head ``seen``, is refused when since then another
person answered the same item, signed a section or the decision, changed the review's state, or
a newer revision of the order was imported.
"""

from __future__ import annotations

import contextlib
import json
import select as _select
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Select, Table, func, literal, select
from sqlalchemy.orm import Session

from qms_review.core.messages import QmsError, labelled
from qms_review.core.store.models import AuditEvent, Base, Order, OrderRevision, Review, User

#: The notification channel on PostgreSQL; the payload is JSON: head, reviews, orders.
CHANNEL = "qms_review_changes"
_TABLE = cast(Table, AuditEvent.__table__)
_MAX_IDS = 50  # a notification's payload stays far below PostgreSQL's 8000 bytes


@dataclass(frozen=True)
class Changed:
    """One audited change after the head a window read."""

    seq: int
    actor: str
    action: str
    entity: str
    entity_id: str | None
    values: dict[str, Any]

    def value(self, column: str) -> Any:
        """The column's new value (its old one for a delete)."""
        pair = self.values.get(column)
        if not isinstance(pair, list) or len(pair) != 2:
            return None
        return pair[1] if pair[1] is not None else pair[0]


def head(session: Session) -> int:
    """The audit head: the number of the latest event (0 for none)."""
    return int(session.scalar(select(func.max(AuditEvent.seq))) or 0)


def since(session: Session, seen: int, limit: int = 500) -> list[Changed]:
    """The changes after event ``seen``, oldest first (at most ``limit``)."""
    rows = session.execute(
        select(_TABLE.c.seq, _TABLE.c.actor, _TABLE.c.action, _TABLE.c.entity)
        .add_columns(_TABLE.c.entity_id, _TABLE.c.changes)
        .where(_TABLE.c.seq > seen)
        .order_by(_TABLE.c.seq)
        .limit(limit)
    )
    found = []
    for seq, actor, action, entity, entity_id, body in rows:
        try:
            values = json.loads(body)
        except ValueError:
            values = {}
        found.append(Changed(seq, actor, action, entity, entity_id, values))
    return found


def _review_of(change: Changed) -> int | None:
    if change.entity == "reviews":
        return _int(change.entity_id) or _int(change.value("id"))
    return _int(change.value("review_id"))


def _order_of(change: Changed) -> int | None:
    if change.entity == "orders":
        return _int(change.entity_id) or _int(change.value("id"))
    return _int(change.value("order_id"))


def _int(value: Any) -> int | None:
    try:
        return int(str(value).split("/")[0]) if value is not None else None
    except ValueError:
        return None


def for_review(session: Session, review_id: int, seen: int, actor: str = "") -> list[Changed]:
    """The changes since ``seen`` to one review (its answers, signatures, state, questions…)
    or to its order, made by anyone but ``actor``."""
    row = session.get(Review, review_id)
    if row is None:
        return []
    order_id = session.scalar(
        select(OrderRevision.order_id).where(OrderRevision.id == row.revision_id)
    )
    found = []
    for change in since(session, seen):
        if change.actor == actor:
            continue
        review, order = _review_of(change), _order_of(change)
        if review is None and order is None and change.action == "update":
            review, order = _owner_of(session, change)
        if review == review_id or (order is not None and order == order_id):
            found.append(change)
    return found


def _owner_of(session: Session, change: Changed) -> tuple[int | None, int | None]:
    """The review and order of the row an update event names only by its id."""
    table = Base.metadata.tables.get(change.entity)
    row_id = _int(change.entity_id)
    if table is None or row_id is None or "id" not in table.c:
        return None, None
    columns = [table.c[n] for n in ("review_id", "order_id") if n in table.c]
    if not columns:
        return None, None
    row = session.execute(select(*columns).where(table.c.id == row_id)).first()
    if row is None:
        return None, None
    values = dict(row._mapping)
    return values.get("review_id"), values.get("order_id")


def for_order(session: Session, order_id: int, seen: int) -> list[Changed]:
    """The changes since ``seen`` to one order: the order, its revisions, lines and findings,
    its reviews (answers, signatures, decisions), its questions and messages."""
    return _concerning(session, seen, {order_id}, None)


def for_customer(session: Session, customer_id: int, seen: int) -> list[Changed]:
    """The changes since ``seen`` to one customer's file: the customer, their orders (as
    :func:`for_order`), feedback and property held."""
    orders = set(session.scalars(select(Order.id).where(Order.customer_id == customer_id)))
    return _concerning(session, seen, orders, customer_id)


def _concerning(
    session: Session, seen: int, orders: set[int], customer: int | None
) -> list[Changed]:
    found = since(session, seen)
    if not found:
        return []
    revisions = set(
        session.scalars(select(OrderRevision.id).where(OrderRevision.order_id.in_(orders)))
    )
    reviews = set(session.scalars(select(Review.id).where(Review.revision_id.in_(revisions))))
    wanted = {"order_id": orders, "revision_id": revisions, "review_id": reviews}
    if customer is not None:
        wanted["customer_id"] = {customer}
    return [c for c in found if any(v in wanted.get(k, ()) for k, v in _ids(session, c).items())]


_OWN_ID = {
    "orders": "order_id",
    "order_revisions": "revision_id",
    "reviews": "review_id",
    "customers": "customer_id",
}
_OWNERS = ("order_id", "revision_id", "review_id", "customer_id")


def _ids(session: Session, change: Changed) -> dict[str, int | None]:
    """The order, revision, review and customer a change is about (those it names)."""
    ids = {name: _int(change.value(name)) for name in _OWNERS}
    own = _OWN_ID.get(change.entity)
    if own is not None:
        ids[own] = _int(change.entity_id) or _int(change.value("id"))
    if change.action == "update" and not any(ids.values()):  # an update names changes only
        table = Base.metadata.tables.get(change.entity)
        row_id = _int(change.entity_id)
        columns = [table.c[n] for n in _OWNERS if n in table.c] if table is not None else []
        if table is not None and columns and row_id is not None and "id" in table.c:
            row = session.execute(select(*columns).where(table.c.id == row_id)).first()
            if row is not None:
                ids.update(dict(row._mapping))
    return ids


def who(session: Session, change: Changed) -> str:
    """The name of the person who made a change (the actor as recorded for a program)."""
    return _who(session, change.actor)


def refuse_conflicts(
    session: Session, review_id: int, seen: int, actor: str, item_key: str | None = None
) -> None:
    """Refuse an action on review ``review_id`` made from what was read at head ``seen`` when
    someone else has since answered ``item_key``, signed, changed the review's state or imported
    a newer revision of its order: :class:`QmsError` saying what changed and who changed it."""
    for change in for_review(session, review_id, seen, actor):
        who = _who(session, change.actor)
        if change.entity == "review_answers" and item_key is not None:
            if change.value("item_key") == item_key or _answer_key(session, change) == item_key:
                raise QmsError("live.changed_answer", item=item_key, who=who)
        elif change.entity == "signatures" and change.action == "insert":
            scope = str(change.value("scope") or "")
            if scope.startswith("section:"):
                raise QmsError(
                    "live.changed_signed", section=scope.removeprefix("section:"), who=who
                )
            raise QmsError("live.changed_decided", who=who)
        elif change.entity == "reviews" and _state_changed(change):
            raise QmsError(
                "live.changed_state",
                state=labelled("review_state", str(change.value("state"))),
                who=who,
            )
        elif change.entity == "order_revisions" and change.action == "insert":
            raise QmsError("live.changed_revision", number=change.value("number"), who=who)


def _state_changed(change: Changed) -> bool:
    """A review's state changed, other than from draft to in review (its first answer)."""
    pair = change.values.get("state")
    return isinstance(pair, list) and pair not in (["draft", "in_review"], [None, "draft"])


def _answer_key(session: Session, change: Changed) -> str | None:
    """The item of an answer row an update event names only by its id."""
    from qms_review.core.store.models import ReviewAnswer

    row = session.get(ReviewAnswer, _int(change.entity_id)) if change.entity_id else None
    return row.item_key if row is not None else None


def _who(session: Session, actor: str) -> str:
    """A person's name for an actor (``user:login``), else the actor as recorded."""
    login = actor.removeprefix("user:")
    name = session.scalar(select(User.display_name).where(User.login == login))
    return name or actor


# --- PostgreSQL: notify on commit, listen --------------------------------------------------


def notification(new_head: int, changes: Iterable[Any]) -> Select[Any]:
    """The statement that queues the notification of an audited write (PostgreSQL sends it at
    commit): the new head and the reviews and orders the ``changes`` touched."""
    reviews: set[int] = set()
    orders: set[int] = set()
    for change in changes:
        probe = Changed(0, "", change.action, change.entity, change.entity_id, change.changes)
        if (review := _review_of(probe)) is not None:
            reviews.add(review)
        if (order := _order_of(probe)) is not None:
            orders.add(order)
    payload = json.dumps(
        {
            "head": new_head,
            "reviews": sorted(reviews)[:_MAX_IDS],
            "orders": sorted(orders)[:_MAX_IDS],
        }
    )
    return select(func.pg_notify(literal(CHANNEL), literal(payload)))


class Listener:
    """A connection of its own that listens for the notifications of other writers
    (PostgreSQL only): a window watches :meth:`fileno` and calls :meth:`heads` when it is
    readable. When the connection drops, :meth:`heads` says so once (``[0]``: read again) and
    :meth:`fileno` is -1 until :meth:`connect` succeeds."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._conn: Any = None
        self.connect()

    def connect(self) -> bool:
        """(Re)connect and listen; whether it is connected now."""
        import psycopg
        from sqlalchemy.engine import make_url

        self.close()
        u = make_url(self._url)
        params: dict[str, Any] = {
            "host": u.query.get("host") or u.host,
            "port": u.query.get("port") or u.port,
            "user": u.username,
            "password": u.password,
            "dbname": u.database,
        }
        try:
            self._conn = psycopg.connect(autocommit=True, **{k: v for k, v in params.items() if v})
            self._conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error:
            self.close()
        return self._conn is not None

    def fileno(self) -> int:
        """The socket to watch (-1 while not connected)."""
        return self._conn.fileno() if self._conn is not None else -1

    def heads(self) -> list[int]:
        """The heads notified since the last call (empty when none); never blocks."""
        import psycopg

        if self._conn is None:
            return []
        found = []
        try:
            readable = bool(_select.select([self._conn.fileno()], [], [], 0)[0])
            if readable:
                self._conn.pgconn.consume_input()
            while (note := self._conn.pgconn.notifies()) is not None:
                found.append(int(json.loads(note.extra.decode())["head"]))
            if readable and not found:  # no notification: the server's goodbye, or its end
                self._conn.execute("SELECT 1")
        except (psycopg.Error, OSError, ValueError, KeyError):
            self.close()
            return [0]
        return found

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):  # a connection already cut closes anyway
                self._conn.close()
        self._conn = None
