"""Orders typed in by hand or taken by phone, and edits of an order.

A form or the command line gives texts (or values already typed): :func:`read` checks them and
names the field, the line and the value it refuses. :func:`save` writes a new order's first
revision, or an edit's next revision, the way an import does (:mod:`importer`): one unit of
work, differences to the revision before and to the quotation, the automatic checks, and the
review layer's ``then`` (the carry-over of an open review); an edit that changes nothing is
refused and writes nothing. Nothing is ever overwritten.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.checks import findings
from qms_review.core.checks.rules import default
from qms_review.core.intake import layout
from qms_review.core.intake.analysis import MAX_NUMBER, MAX_TEXT
from qms_review.core.intake.importer import (
    Result,
    Written,
    customer_for,
    known_customer,
    latest_revision,
    revision_content,
    same_content,
    write_revision,
)
from qms_review.core.intake.layout import match_columns
from qms_review.core.messages import Message, QmsError, Texts, labelled
from qms_review.core.orders import diff
from qms_review.core.orders.lookup import lines_of
from qms_review.core.orders.revisions import DUE_WORKING_DAYS, LINE_FIELDS, UNPARSED
from qms_review.core.orders.values import (
    AmbiguousDate,
    ImpossibleDate,
    looks_decimal_comma,
    parse_date,
    parse_number,
    text,
)
from qms_review.core.store.database import Store
from qms_review.core.store.models import Customer, Order, OrderRevision
from qms_review.core.store.vocabulary import OrderKind
from qms_review.core.text_fields import forbidden

#: The header terms a person types, in the order a form shows them.
HEADER = (
    "order_date",
    "buyer",
    "currency",
    "payment_terms",
    "delivery_terms",
    "quotation_ref",
    "notes",
)
#: The line fields a person types (a form's columns, a ``--line``'s parts), in order.
LINE = (
    "part_number",
    "part_revision",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "delivery_date",
)
#: How long each typed text may be (as an import allows; a customer's name as its column).
_LIMITS = {**MAX_TEXT, "number": 80, "customer": 200, "customer_code": 80, "quotation_ref": 80}
del _LIMITS["currency"]  # a three-letter code, its own refusal
_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Entry:
    """An order as typed: who, what kind and number, its header terms and its lines."""

    kind: OrderKind
    number: str
    customer: str
    customer_code: str | None = None
    header: Mapping[str, Any] = field(default_factory=dict)
    lines: Sequence[Mapping[str, Any]] = field(default_factory=list)
    verbal: bool = False


def field_label(name: str) -> Texts | Message:
    """A field's name in any language: the rule book's for the terms and lines, else the
    message ``field.<name>`` (number, customer, customer code, quotation reference)."""
    found = default().fields.get(name)
    return found if found is not None else Message(f"field.{name}")


def _refuse(key: str, name: str, value: Any = "", line: int | None = None) -> QmsError:
    if line is None:
        return QmsError(f"entry.{key}", field=field_label(name), value=value)
    return QmsError(f"entry.line.{key}", field=field_label(name), value=value, line=line)


def _text(name: str, value: Any, line: int | None = None) -> str | None:
    raw = text(value) if value is not None else ""
    if not raw:
        return None
    found = forbidden(raw, lines=name in ("notes", "description"))
    if found is not None:
        raise _refuse("forbidden", name, f"{found[1]} @ {found[0]}", line)
    limit = _LIMITS.get(name)
    if limit is not None and len(raw) > limit:
        raise _refuse("too_long", name, limit, line)
    return raw


def _number(name: str, value: Any, line: int, comma: bool) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = parse_number(value, comma)
    except ValueError:
        raise _refuse("not_number", name, text(value), line) from None
    if abs(number) >= MAX_NUMBER or number.as_tuple().exponent < -6:  # type: ignore[operator]
        raise _refuse("not_number", name, text(value), line)
    return number


def _date(name: str, value: Any, line: int | None = None) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_date(value)
    except AmbiguousDate:
        raise _refuse("ambiguous_date", name, text(value), line) from None
    except ImpossibleDate:  # 2027-13-01: a slip of the keyboard, not a vague "ASAP"
        raise _refuse("impossible_date", name, text(value), line) from None
    except ValueError:
        raise _refuse("not_date", name, text(value), line) from None


def read(fields: Mapping[str, Any], lines: Sequence[Mapping[str, Any]], verbal: bool) -> Entry:
    """Check what was typed: ``fields`` holds kind, number, customer, customer_code and the
    :data:`HEADER` terms; each line the :data:`LINE` fields (numbers with a decimal comma when
    the lines' numbers say so, "7,5" or "1.234,50", as an import reads them) (texts or typed values; an edited
    line may also hold its other stored fields, kept as they are). Blank lines are left out.
    :class:`QmsError` names the field, the line and the value refused."""
    raw_kind = text(fields.get("kind") or OrderKind.ORDER.value).lower()
    if raw_kind not in {k.value for k in OrderKind}:
        kinds = ", ".join(k.value for k in OrderKind)
        raise QmsError("entry.bad_kind", value=raw_kind, kinds=kinds)
    number = _text("number", fields.get("number"))
    customer = _text("customer", fields.get("customer"))
    code = _text("customer_code", fields.get("customer_code"))
    if number is None:
        raise _refuse("missing", "number")
    if customer is None and code is None:
        raise _refuse("missing", "customer")
    header: dict[str, Any] = {"order_date": _date("order_date", fields.get("order_date"))}
    for name in HEADER[1:]:
        header[name] = _text(name, fields.get(name))
    if header["currency"] is not None:
        header["currency"] = header["currency"].upper()
        if not _CURRENCY.match(header["currency"]):
            raise _refuse("bad_currency", "currency", header["currency"])
    filled = _filled(lines)
    numbers = [line.get(n) for line in filled for n in ("quantity", "unit_price")]
    comma = looks_decimal_comma([n for n in numbers if isinstance(n, str)])
    typed = [_line(line, position, comma) for position, line in enumerate(filled, start=1)]
    if not typed:
        raise QmsError("entry.no_lines", number=number)
    return Entry(OrderKind(raw_kind), number, customer or code or "", code, header, typed, verbal)


def _filled(lines: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [line for line in lines if any(text(line.get(name)) for name in LINE)]


def _line(line: Mapping[str, Any], position: int, comma: bool) -> dict[str, Any]:
    """One line typed: its texts checked, numbers and dates read. A missing quantity, price
    or date is left to the checks to name (as on an imported order), not refused."""
    number = line.get("line_no") or position
    unknown = set(line) - set(LINE_FIELDS)
    if unknown:
        raise _refuse("unknown", sorted(unknown)[0], "", number)
    typed = {name: line.get(name) for name in LINE_FIELDS if name not in LINE}
    typed["line_no"] = number
    for name in ("part_number", "part_revision", "description", "unit"):
        typed[name] = _text(name, line.get(name), number)
    for name in ("quantity", "unit_price"):
        typed[name] = _number(name, line.get(name), number, comma)
    try:
        typed["delivery_date"] = _date("delivery_date", line.get("delivery_date"), number)
    except QmsError as refused:
        if refused.key != "entry.line.not_date":
            raise  # an ambiguous date is asked about, as the import asks
        # "ASAP", "尽快", "week 12": kept as written, as an import keeps a date it cannot read,
        # for the checks to name (no delivery date; vague wording)
        extra = dict(typed.get("extra") or {})
        extra[UNPARSED] = {
            **dict(extra.get(UNPARSED) or {}),
            "delivery_date": text(line["delivery_date"]),
        }
        typed["extra"], typed["delivery_date"] = extra, None
    return typed


def save(
    store: Store,
    entry: Entry,
    actor: str,
    order_id: int | None = None,
    *,
    then: Callable[[Session, int], Any] | None = None,
    due_days: int = DUE_WORKING_DAYS,
) -> Result:
    """Write ``entry`` in one unit of work: a new order (``order_id`` None; refused when its
    customer already has that kind and number), or the next revision of the order ``order_id``
    (its kind, number and customer stay; refused when nothing changed). ``then(session,
    revision_id)`` runs in the same transaction (the review layer carries a review over)."""
    with store.write(actor) as session:
        previous: OrderRevision | None = None
        if order_id is None:
            customer, created = customer_for(session, entry.customer, entry.customer_code)
            if latest_revision(session, customer.id, entry.kind, entry.number) is not None:
                raise QmsError(
                    "entry.exists",
                    kind=labelled("kind", entry.kind.value),
                    number=entry.number,
                    customer=customer.name,
                )
        else:
            order = session.get(Order, order_id)
            if order is None:
                raise QmsError("entry.no_order", id=order_id)
            customer, created = order.customer, False
            same = known_customer(session, entry.customer, entry.customer_code)
            if (entry.kind, entry.number) != (order.kind, order.number) or (
                same is not None and same.id != customer.id
            ):
                raise QmsError("entry.identity", number=order.number)
            previous = latest_revision(session, customer.id, order.kind, order.number)
            _refuse_unchanged(session, previous, entry)
        written = Written(actor, entry.verbal, None, due_days, entry.header.get("notes"))
        result = write_revision(
            session,
            customer,
            entry.kind,
            entry.number,
            entry.header,
            entry.lines,
            written,
            previous,
        )
        result.customer_created = created
        result.findings = findings.run(session, result.revision_id, entry.lines).found
        if then is not None:
            result.amendment = then(session, result.revision_id)
    return result


def _refuse_unchanged(session: Session, previous: OrderRevision | None, typed: Entry) -> None:
    """Refuse an edit that says exactly what the latest revision says (its notes too)."""
    if (
        previous is not None
        and (previous.notes or None) == typed.header.get("notes")
        and same_content(session, previous, typed.header, typed.lines, typed.verbal)
    ):
        raise QmsError("entry.unchanged", number=typed.number, revision=previous.number)


def differences(store: Store, order_id: int, typed: Entry) -> list[diff.Change]:
    """What saving ``typed`` as the next revision of the order would change against its latest
    revision (shown before an edit is saved; nothing is written); refused when nothing would."""
    with store.read() as session:
        order = session.get(Order, order_id)
        if order is None:
            raise QmsError("entry.no_order", id=order_id)
        latest = latest_revision(session, order.customer_id, order.kind, order.number)
        assert latest is not None
        _refuse_unchanged(session, latest, typed)
        old_header, old_lines = revision_content(session, latest)
    new_header = {name: typed.header.get(name) for name in diff.HEADER_FIELDS}
    return diff.compare(old_header, old_lines, new_header, typed.lines)


def split_table(content: str) -> list[list[str]]:
    """Rows of cells from text copied out of a spreadsheet (tab-separated, a cell with line
    breaks in quotes, as Excel and LibreOffice copy) or a CSV file (comma or semicolon)."""
    first = content.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else (";" if first.count(";") > first.count(",") else ",")
    rows = csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=delimiter)
    return [[cell.strip() for cell in row] for row in rows if any(cell.strip() for cell in row)]


def header_of(row: Sequence[str]) -> dict[int, str] | None:
    """Column → line field when ``row`` is a header row (it names two or more of the fields a
    person types, in any language the import knows: "Part No.", "数量", …); else None."""
    found = {
        column: name
        for column, name in match_columns(row, specs=layout.fields().line).items()
        if name in LINE
    }
    return found if len(found) >= 2 else None


def lines_from_table(content: str) -> list[dict[str, str]]:
    """The lines of a table as text (see :func:`split_table`): by its header row's names, or
    without one, the cells in the order of :data:`LINE`."""
    rows = split_table(content)
    if not rows:
        return []
    header = header_of(rows[0])
    if header is not None:
        return [{name: row[c] for c, name in header.items() if c < len(row)} for row in rows[1:]]
    return [dict(zip(LINE, row, strict=False)) for row in rows]


def customers(session: Session) -> list[tuple[str, str | None]]:
    """Every customer's name and code, by name (what a form completes a customer from)."""
    rows = session.execute(select(Customer.name, Customer.code).order_by(Customer.name))
    return [(name, code) for name, code in rows]


def current(store: Store, order_id: int) -> Entry:
    """The order's latest revision as an entry (to edit it)."""
    with store.read() as session:
        order = session.get(Order, order_id)
        if order is None:
            raise QmsError("entry.no_order", id=order_id)
        latest = latest_revision(session, order.customer_id, order.kind, order.number)
        assert latest is not None
        header = {name: getattr(latest, name) for name in HEADER}
        return Entry(
            order.kind,
            order.number,
            order.customer.name,
            order.customer.code,
            header,
            lines_of(session, latest.id),
            latest.verbal,
        )
