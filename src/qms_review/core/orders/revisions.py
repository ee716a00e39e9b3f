"""Creating orders and their revisions — the one way content enters the store.

Lines are written with one bulk insert (an ORM ``add`` per line is ~5× slower, see NOTES.md)
and covered by one audit event holding their count and SHA-256, in the same transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal, Inexact, getcontext, localcontext
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from qms_review.core.store import audit, engines
from qms_review.core.store.columns import SCALE, fixed6, utcnow
from qms_review.core.store.models import Customer, Order, OrderLine, OrderRevision, StoredFile
from qms_review.core.store.vocabulary import OrderKind

#: The fields of an order line as a table shows them, in order.
LINE_COLUMNS = (
    "line_no",
    "part_number",
    "part_revision",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "amount",
    "currency",
    "delivery_date",
    "drawing_number",
    "remarks",
)
#: Every field an order line stores: its columns, and ``extra`` (unmapped columns, unread cells).
LINE_FIELDS = (*LINE_COLUMNS, "extra")
#: Where a line's ``extra`` keeps mapped cells that could not be read: {field: text as written}.
UNPARSED = "_unparsed"


@dataclass(frozen=True)
class RevisionContent:
    """What one revision of an order says: its header terms and its lines."""

    order_date: date | None = None
    received_at: datetime | None = None
    buyer: str | None = None
    currency: str | None = None
    payment_terms: str | None = None
    delivery_terms: str | None = None
    quotation_ref: str | None = None
    quotation_revision_id: int | None = None
    verbal: bool = False
    notes: str | None = None
    lines: Sequence[Mapping[str, Any]] = field(default_factory=list)
    #: The lines' values field by field, when the caller has them (:func:`line_columns`).
    columns: Mapping[str, Sequence[Any]] | None = None


def line_columns(lines: Sequence[Mapping[str, Any]]) -> dict[str, Sequence[Any]]:
    """The lines' values field by field ({field: the value of each line, None if it has
    none}) for every field in LINE_FIELDS: each line read once (one pass over 100,000 lines
    costs less than a pass per field), for what stores the lines and what checks them."""
    if not lines:
        return {name: () for name in LINE_FIELDS}
    rows = [tuple(map(line.get, LINE_FIELDS)) for line in lines]
    return dict(zip(LINE_FIELDS, zip(*rows, strict=True), strict=True))


def find_or_create_customer(
    session: Session, name: str, code: str | None = None, country: str | None = None
) -> Customer:
    """The customer with this code (or, without a code, this exact name), created if new."""
    query = select(Customer).where(Customer.code == code if code else Customer.name == name)
    customer = session.scalars(query).first()
    if customer is None:
        customer = Customer(name=name, code=code, country=country)
        session.add(customer)
        session.flush()
    return customer


def store_file(
    session: Session, filename: str, content: bytes, media_type: str, sha256: str | None = None
) -> StoredFile:
    """Keep a file in the database with its SHA-256 (``sha256`` when the caller has taken it;
    flushed: its id is known at once)."""
    stored = StoredFile(
        filename=filename,
        sha256=sha256 or hashlib.sha256(content).hexdigest(),
        size=len(content),
        media_type=media_type,
        content=content,
    )
    session.add(stored)
    session.flush()
    return stored


#: A review is due this many working days after receipt, unless the settings say otherwise.
DUE_WORKING_DAYS = 3


def working_days_after(start: date, days: int) -> date:
    """The date ``days`` working days (Monday to Friday) after ``start``."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def due_date(received_at: datetime, days: int = DUE_WORKING_DAYS) -> date:
    """When the review of a revision received at ``received_at`` is due (local calendar)."""
    return working_days_after(received_at.astimezone().date(), days)


def add_revision(
    session: Session,
    customer: Customer,
    kind: OrderKind,
    number: str,
    content: RevisionContent,
    created_by: str,
    source: StoredFile | None = None,
    due_days: int = DUE_WORKING_DAYS,
) -> OrderRevision:
    """Add revision N+1 of the order (revision 1 of a new order); never changes revision N.
    The order's review is due ``due_days`` working days after the new revision's receipt."""
    order = session.scalars(
        select(Order).where(
            Order.customer_id == customer.id, Order.kind == kind, Order.number == number
        )
    ).first()
    if order is None:
        order = Order(customer=customer, kind=kind, number=number, revision_count=0)
        session.add(order)
    elif content.quotation_ref is None and order.revision_count:
        content = _quotation_carried(session, order.id, content)
    order.revision_count = (order.revision_count or 0) + 1
    received_at = content.received_at or utcnow()
    # A quotation is ours, not the customer's requirements: nothing is due to review it.
    order.due_on = None if kind is OrderKind.QUOTATION else due_date(received_at, due_days)
    revision = OrderRevision(
        order=order,
        number=order.revision_count,
        received_at=received_at,
        order_date=content.order_date,
        buyer=content.buyer,
        currency=content.currency,
        payment_terms=content.payment_terms,
        delivery_terms=content.delivery_terms,
        quotation_ref=content.quotation_ref,
        quotation_revision_id=content.quotation_revision_id,
        verbal=content.verbal,
        notes=content.notes,
        source_file=source,
        line_count=len(content.lines),
        created_by=created_by,
    )
    session.add(revision)
    session.flush()
    _insert_lines(session, revision.id, content.lines, content.columns)
    return revision


def _quotation_carried(
    session: Session, order_id: int, content: RevisionContent
) -> RevisionContent:
    """A new revision that names no quotation keeps the one its previous revision named."""
    before = session.execute(
        select(OrderRevision.quotation_ref, OrderRevision.quotation_revision_id)
        .where(OrderRevision.order_id == order_id)
        .order_by(OrderRevision.number.desc())
        .limit(1)
    ).first()
    if before is None or before.quotation_ref is None:
        return content
    return replace(
        content,
        quotation_ref=before.quotation_ref,
        quotation_revision_id=before.quotation_revision_id,
    )


def _insert_lines(
    session: Session,
    revision_id: int,
    lines: Sequence[Mapping[str, Any]],
    columns: Mapping[str, Sequence[Any]] | None = None,
) -> None:
    """All lines in one executemany, and one audit event holding their count and digest.

    On SQLite the lines go to the DB-API cursor in their stored form, 10,000 at a time (the
    stored form of 100,000 lines is ~30 MB, and SQLAlchemy's per-row parameter processing
    costs more than SQLite's own work); the digest is taken block by block meanwhile."""
    if not lines:
        return
    connection = session.connection()
    digest = hashlib.sha256(b"[")
    if connection.dialect.name == "sqlite":
        names = ", ".join(["revision_id", *LINE_FIELDS])
        # the revision's id (an integer the database gave) written in: the rows as they are
        marks = f"({int(revision_id)}, {', '.join('?' * len(LINE_FIELDS))})"
        for start in range(0, len(lines), _BLOCK):
            block = {k: v[start : start + _BLOCK] for k, v in columns.items()} if columns else None
            stored = stored_form(lines[start : start + _BLOCK], start, block)
            engines.insert_values(
                connection, f"INSERT INTO order_lines ({names}) VALUES ", marks, stored
            )
            _digest_block(digest, stored, start)
    else:
        stored = stored_form(lines)
        session.execute(
            insert(cast(Table, OrderLine.__table__)),
            [
                {
                    "revision_id": revision_id,
                    **{n: line.get(n) for n in LINE_FIELDS},
                    "line_no": row[0],
                }
                for line, row in zip(lines, stored, strict=True)
            ],
        )
        for start in range(0, len(stored), _BLOCK):
            _digest_block(digest, stored[start : start + _BLOCK], start)
    digest.update(b"]")
    change = audit.Change(
        "insert",
        "order_lines",
        f"revision/{revision_id}",
        {"count": len(lines), "sha256": digest.hexdigest()},
    )
    audit.record(session, change)


_BLOCK = 10_000


def _digest_block(digest: Any, stored: Sequence[tuple[Any, ...]], start: int) -> None:
    """Add a block of the stored form to the SHA-256 of ``repr(stored_form(lines))``."""
    text = repr(stored if type(stored) is list else list(stored)).encode("utf-8")
    if start:
        digest.update(b", ")
    digest.update(memoryview(text)[1:-1])  # the brackets of the list left out


def stored_form(
    lines: Sequence[Mapping[str, Any]],
    offset: int = 0,
    columns: Mapping[str, Sequence[Any]] | None = None,
) -> list[tuple[Any, ...]]:
    """Each line as the tuple of values the table stores, in LINE_FIELDS order: decimals as
    Fixed6 millionths, dates in ISO form, extra data as JSON text. A missing line number is the
    line's position (``offset`` lines before these). (A test checks these are the forms
    SQLAlchemy's column types store.) Made field by field, with builtins where they can; a
    field no line has is a column of None without a look at the lines. ``columns``: the
    lines' values by field (:func:`line_columns`), when the caller has them."""
    fields = set(LINE_FIELDS)
    used = set().union(*lines)
    if not fields.issuperset(used):
        raise ValueError(f"unknown line fields: {sorted(used - fields)}")
    nothing = [None] * len(lines)
    table: dict[str, Sequence[Any]] = {
        name: nothing
        if name not in used
        else columns[name]
        if columns is not None and len(columns.get(name, ())) == len(lines)
        else [line.get(name) for line in lines]
        for name in LINE_FIELDS
    }
    numbers = table["line_no"]
    if not all(numbers):
        table["line_no"] = [n or i for i, n in enumerate(numbers, start=offset + 1)]
    for name in ("quantity", "unit_price", "amount"):
        if name in used:
            table[name] = _fixed6_column(table[name])
    dates = table["delivery_date"]
    if "delivery_date" in used:
        table["delivery_date"] = (
            list(map(date.isoformat, dates))
            if set(map(type, dates)) == {date}
            else [None if due is None else due.isoformat() for due in dates]
        )
    if "extra" in used:
        table["extra"] = [
            None if extra is None else json.dumps(extra, ensure_ascii=False)
            for extra in table["extra"]
        ]
    return list(zip(*table.values(), strict=True))


_MILLION = Decimal(10**SCALE)


def _fixed6_column(values: Sequence[Any]) -> list[int | None]:
    """:func:`fixed6` of each value (None stays None); a column of Decimals at C speed: each
    times a million (in the context :func:`fixed6` works in), exactly: a product that
    would be rounded or has a fraction left raises Inexact, and the values go one by one."""
    if set(map(type, values)) == {Decimal}:
        exact = getcontext().copy()
        exact.traps[Inexact] = True
        try:
            with localcontext(exact):
                scaled = map(Decimal.to_integral_exact, map(_MILLION.__mul__, values))
                return list(map(int, scaled))
        except (ArithmeticError, ValueError):  # more than 6 places, NaN, infinity: one by one
            pass
    return [None if value is None else _fixed6(value) for value in values]


def _fixed6(value: Any) -> int:
    """:func:`fixed6`, with the common case (a Decimal of at most 6 places) inline."""
    if type(value) is Decimal:
        scaled = value.scaleb(SCALE)
        whole = int(scaled)
        if whole == scaled:
            return whole
    return fixed6(value)
