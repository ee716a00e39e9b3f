"""Findings in the database: running the checks on a stored revision, and reading them back.

Running the checks again is idempotent: a finding is known by its fingerprint (rule, place and
what it is about), so one found again is kept as it is — with its disposition — and a new one is
added. One the checks no longer find (say the catalogue was corrected) is marked cleared, never
deleted; if it comes back it is un-cleared. Findings of the intake (``intake.*``: merged cells,
hidden rows) are made by the import and left alone here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core import checks
from qms_review.core.checks import Basis, Context, Found, Part, Subject
from qms_review.core.messages import QmsError, Texts
from qms_review.core.orders.lookup import lines_of
from qms_review.core.store import audit, engines
from qms_review.core.store.columns import utcnow
from qms_review.core.store.models import CatalogueItem, Finding, Order, OrderLine, OrderRevision
from qms_review.core.store.vocabulary import Disposition, FindingKind, OrderStatus, Severity

ACCEPTED = (OrderStatus.ACCEPTED, OrderStatus.ACCEPTED_WITH_CONDITIONS)


INTAKE_PREFIX = "intake."


@dataclass(frozen=True)
class Outcome:
    """What a run of the checks changed."""

    revision_id: int
    found: int
    added: int
    cleared: int
    reopened: int


@dataclass(frozen=True, slots=True)
class FindingRow:
    id: int
    rule: str
    kind: FindingKind
    severity: Severity
    field: str | None
    line_no: int | None
    messages: Texts
    item: str | None
    disposition: Disposition | None
    disposition_note: str | None
    cleared: bool

    def message(self, language: str) -> str:
        return self.messages(language)

    @property
    def open(self) -> bool:
        return self.disposition is None and not self.cleared


def _header(revision: OrderRevision) -> dict[str, Any]:
    return {
        "currency": revision.currency,
        "payment_terms": revision.payment_terms,
        "delivery_terms": revision.delivery_terms,
        "buyer": revision.buyer,
        "notes": revision.notes,
    }


def catalogue(session: Session) -> dict[str, list[Part]]:
    """The whole catalogue by part number (5,000 parts read in a few milliseconds)."""
    found: dict[str, list[Part]] = {}
    rows = session.execute(
        select(
            CatalogueItem.part_number,
            CatalogueItem.revision,
            CatalogueItem.status,
            CatalogueItem.lead_time_days,
            CatalogueItem.min_lot,
            CatalogueItem.max_lot,
            CatalogueItem.weekly_capacity,
        )
    )
    for number, revision, status, lead, low, high, weekly in rows:
        found.setdefault(number, []).append(Part(revision, status, lead, low, high, weekly))
    return found


def load(
    session: Session, excluding_order: int, since: date
) -> dict[str, list[tuple[date, Decimal]]]:
    """What accepted orders (their current revisions) still have to deliver from ``since``."""
    rows = session.execute(
        select(OrderLine.part_number, OrderLine.delivery_date, OrderLine.quantity)
        .join(OrderRevision, OrderRevision.id == OrderLine.revision_id)
        .join(
            Order,
            (Order.id == OrderRevision.order_id) & (OrderRevision.number == Order.revision_count),
        )
        .where(
            Order.status.in_(ACCEPTED),
            Order.id != excluding_order,
            OrderLine.delivery_date >= since,
            OrderLine.quantity > 0,
        )
    )
    found: dict[str, list[tuple[date, Decimal]]] = {}
    for part, due, quantity in rows:
        if part and due is not None and quantity is not None:
            found.setdefault(part, []).append((due, quantity))
    return found


def inputs(
    session: Session, revision_id: int, lines: Sequence[Mapping[str, Any]] | None = None
) -> tuple[Subject, Context]:
    """The revision, its quotation and previous revision, the catalogue and the load
    (``lines``: the revision's lines when the caller has them, as an import does)."""
    revision = session.get(OrderRevision, revision_id)
    if revision is None:
        raise QmsError("check.no_revision", revision=revision_id)
    order = revision.order
    received = revision.received_at.astimezone().date()
    subject = Subject(
        order.kind,
        order.number,
        revision.number,
        received,
        revision.order_date,
        _header(revision),
        lines if lines is not None else lines_of(session, revision_id),
    )
    quotation = previous = None
    if revision.quotation_revision_id is not None:
        quoted = session.get(OrderRevision, revision.quotation_revision_id)
        assert quoted is not None
        quotation = Basis(
            "quotation", quoted.order.number, _header(quoted), lines_of(session, quoted.id)
        )
    if revision.number > 1:
        before = session.scalars(
            select(OrderRevision).where(
                OrderRevision.order_id == order.id, OrderRevision.number == revision.number - 1
            )
        ).one()
        previous = Basis(
            "previous", str(before.number), _header(before), lines_of(session, before.id)
        )
    context = Context(
        quotation, previous, catalogue(session), load(session, order.id, subject.start)
    )
    return subject, context


def run(
    session: Session,
    revision_id: int,
    lines: Sequence[Mapping[str, Any]] | None = None,
    columns: Mapping[str, Sequence[Any]] | None = None,
) -> Outcome:
    """Run every check on the revision and store the outcome (idempotent). ``lines``: the
    revision's lines when the caller has them (an import), ``columns`` their values by field
    (:func:`~qms_review.core.orders.revisions.line_columns`)."""
    subject, context = inputs(session, revision_id, lines)
    if lines is not None and columns is not None:
        subject = replace(subject, columns=columns)
    return store(session, revision_id, checks.run(subject, context))


def store(session: Session, revision_id: int, found: Sequence[Found]) -> Outcome:
    existing = {
        row.fingerprint: row
        for row in session.scalars(select(Finding).where(Finding.revision_id == revision_id))
    }
    new = [f for f in found if f.fingerprint not in existing]
    if new:
        rows = [
            (
                revision_id,
                f.fingerprint,
                f.rule,
                f.kind.value,
                f.severity.value,
                f.field,
                f.line_no,
                json.dumps(dict(f.messages), ensure_ascii=False),
                f.item,
            )
            for f in new
        ]
        engines.insert_rows(session, "findings", _COLUMNS, rows)
        audit.record(
            session,
            audit.Change(
                "insert",
                "findings",
                f"revision/{revision_id}",
                {"count": len(new), "rules": _tally(new)},
            ),
        )
    now = utcnow()
    fingerprints = {f.fingerprint for f in found}
    cleared = reopened = 0
    for fingerprint, row in existing.items():
        if row.rule.startswith(INTAKE_PREFIX):
            continue
        if fingerprint in fingerprints and row.cleared_at is not None:
            row.cleared_at = None
            reopened += 1
        elif fingerprint not in fingerprints and row.cleared_at is None:
            row.cleared_at = now
            cleared += 1
    return Outcome(revision_id, len(found), len(new), cleared, reopened)


_COLUMNS = (
    "revision_id",
    "fingerprint",
    "rule",
    "kind",
    "severity",
    "field",
    "line_no",
    "messages",
    "checklist_item_key",
)


def _tally(found: Sequence[Found]) -> dict[str, int]:
    tally: dict[str, int] = {}
    for f in found:
        tally[f.rule] = tally.get(f.rule, 0) + 1
    return tally


_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def of_revision(session: Session, revision_id: int, *, cleared: bool = False) -> list[FindingRow]:
    """The revision's findings (without cleared ones unless asked): header first, then by line,
    errors before warnings."""
    query = select(Finding).where(Finding.revision_id == revision_id)
    if not cleared:
        query = query.where(Finding.cleared_at.is_(None))
    rows = [
        FindingRow(
            f.id,
            f.rule,
            f.kind,
            f.severity,
            f.field,
            f.line_no,
            Texts(f.messages),
            f.checklist_item_key,
            f.disposition,
            f.disposition_note,
            f.cleared_at is not None,
        )
        for f in session.scalars(query)
    ]
    kinds = list(FindingKind)
    rows.sort(
        key=lambda r: (
            kinds.index(r.kind),
            _ORDER[r.severity],
            -1 if r.line_no is None else r.line_no,
            r.id,
        )
    )
    return rows


def as_dict(row: FindingRow) -> dict[str, Any]:
    """A finding as the command line's JSON shows it."""
    return {
        "id": row.id,
        "rule": row.rule,
        "kind": row.kind.value,
        "severity": row.severity.value,
        "line": row.line_no,
        "field": row.field,
        "item": row.item,
        "message": dict(row.messages),
        "disposition": row.disposition.value if row.disposition else None,
        "cleared": row.cleared,
    }
