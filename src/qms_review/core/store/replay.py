"""Today's rows against what the audit trail says about them.

The audit chain proves its own events; this proves the rows they describe. Replaying the
trail's inserts, updates and deletes gives, for the rows that matter most (people and their
functions, reviews, answers, signatures, records, certificates, the customer's feedback,
complaints and property), the value each column should
have now: a row changed, added or removed straight in the database, outside the program,
differs from it. And every row of every table the program writes row by row must have been
made by an audited event: rows whose events were cut off the end of the trail (with the anchor
file deleted) are found that way.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, select

from qms_review.core.messages import QmsError
from qms_review.core.store import audit
from qms_review.core.store.models import AuditEvent, Base

#: Tables replayed column by column, and the columns compared (stable values, no timestamps).
TRACKED: dict[str, tuple[str, ...]] = {
    "users": ("login", "display_name", "is_admin", "active", "password_hash"),
    "user_functions": ("user_id", "function"),
    "reviews": ("revision_id", "template_id", "state", "decision", "conditions", "waived"),
    "review_answers": (
        "review_id",
        "item_key",
        "value",
        "comment",
        "answered_by_id",
        "disposition",
        "disposition_note",
    ),
    "signatures": (
        "review_id",
        "user_id",
        "function",
        "meaning",
        "printed_name",
        "content_sha256",
        "scope",
        "certificate_id",
        "signature_value",
        "audit_head_seq",
        "audit_head_mac",
    ),
    "records": ("review_id", "sha256", "audit_head_seq", "audit_head_mac"),
    "certificates": ("user_id", "kind", "serial", "certificate_pem"),
    # the customer's file (schema 0010)
    "customer_feedback": (
        "customer_id",
        "kind",
        "received_on",
        "summary",
        "order_id",
        "line_no",
        "owner_id",
        "due_on",
        "status",
        "closing_note",
        "closed_on",
        "closed_by",
    ),
    "customer_property": (
        "customer_id",
        "item",
        "quantity",
        "unit",
        "received_on",
        "condition",
        "location",
        "order_id",
        "returned_on",
        "return_note",
    ),
    "property_incidents": ("property_id", "kind", "occurred_on", "description", "reported_on"),
}
#: Tables written in bulk (one event per batch, not per row) or not audited at all.
_NOT_ROW_BY_ROW = frozenset(
    {"audit_events", "order_lines", "revision_changes", "findings", "alembic_version", "presence"}
)


@dataclass(frozen=True)
class Difference:
    """A row that is not what the audit trail says."""

    table: str
    row: str
    column: str | None  # None: the whole row (added or removed outside the program)
    audited: Any = None
    current: Any = None

    def message(self) -> QmsError:
        if self.column is None and self.current is None:
            return QmsError("integrity.row_removed", table=self.table, row=self.row)
        if self.column is None:
            return QmsError("integrity.row_unaudited", table=self.table, row=self.row)
        return QmsError(
            "integrity.row_changed",
            table=self.table,
            row=self.row,
            column=self.column,
            audited=_shown(self.audited),
            current=_shown(self.current),
        )


def _shown(value: Any) -> str:
    return "NULL" if value is None else json.dumps(value, ensure_ascii=False)[:80]


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _identity(table: Table, row: Any) -> str:
    return "/".join(str(row[c.name]) for c in table.primary_key.columns)


def _made(table: Table, entity_id: str | None, values: dict[str, Any]) -> str | None:
    """The identity of the row an insert event made: its primary key values as recorded (an
    insert's event has no entity id of its own)."""
    keys = [c.name for c in table.primary_key.columns]
    if all(isinstance(values.get(k), list) and len(values[k]) == 2 for k in keys):
        return "/".join(str(values[k][1]) for k in keys)
    return entity_id


def _events(conn: Connection, entities: list[str]) -> Iterator[Any]:
    events = AuditEvent.__table__
    query = (
        select(events.c.action, events.c.entity, events.c.entity_id, events.c.changes)
        .where(events.c.entity.in_(entities), events.c.action.in_(("insert", "update", "delete")))
        .order_by(events.c.seq)
    )
    yield from conn.execute(query)


def audited_state(conn: Connection) -> dict[str, dict[str, dict[str, Any]]]:
    """table → row identity → column → value, as the audit trail's events leave them."""
    state: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in TRACKED}
    for action, entity, entity_id, changes in _events(conn, list(TRACKED)):
        try:
            values = json.loads(changes)
        except ValueError:
            continue
        if not isinstance(values, dict) or not all(
            isinstance(v, list) and len(v) == 2 for v in values.values()
        ):
            continue  # a bulk or a named event, not one row's columns
        if action == "insert":
            entity_id = _made(_table(entity), entity_id, values)
        if entity_id is None:
            continue
        rows = state[entity]
        if action == "delete":
            rows.pop(entity_id, None)
        elif action == "insert":
            rows[entity_id] = {k: v[1] for k, v in values.items()}
        else:
            rows.setdefault(entity_id, {}).update({k: v[1] for k, v in values.items()})
    return state


def differences(conn: Connection) -> list[Difference]:
    """Every tracked row that differs from the trail, and every row no event made."""
    found: list[Difference] = []
    state = audited_state(conn)
    for name, columns in TRACKED.items():
        table = _table(name)
        rows = state[name]
        seen = set()
        for row in conn.execute(select(table)).mappings():
            identity = _identity(table, row)
            seen.add(identity)
            audited = rows.get(identity)
            if audited is None:
                found.append(Difference(name, identity, None, None, True))
                continue
            for column in columns:
                if column not in audited:  # the event predates the column (a migration)
                    continue
                current = audit.jsonable(audit.recorded(column, row[column]))
                if current != audited[column]:
                    found.append(Difference(name, identity, column, audited[column], current))
        found += [Difference(name, identity, None) for identity in sorted(set(rows) - seen)]
    found += _unaudited_rows(conn)
    return found


def _unaudited_rows(conn: Connection) -> list[Difference]:
    """Rows of the untracked tables written row by row that no insert event made."""
    events = AuditEvent.__table__
    made: dict[str, set[str]] = {}
    for entity, entity_id, changes in conn.execute(
        select(events.c.entity, events.c.entity_id, events.c.changes).where(
            events.c.action == "insert"
        )
    ):
        table = Base.metadata.tables.get(entity)
        if table is None or entity in _NOT_ROW_BY_ROW or entity in TRACKED:
            continue
        try:
            values = json.loads(changes)
        except ValueError:
            continue
        identity = _made(table, entity_id, values) if isinstance(values, dict) else entity_id
        if identity is not None:
            made.setdefault(entity, set()).add(identity)
    found = []
    for name, table in Base.metadata.tables.items():
        if name in _NOT_ROW_BY_ROW or name in TRACKED:
            continue
        keys = list(table.primary_key.columns)
        for row in conn.execute(select(*keys)).mappings():
            identity = _identity(table, row)
            if identity not in made.get(name, ()):
                found.append(Difference(name, identity, None, None, True))
    return found
