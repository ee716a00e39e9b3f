"""Clarity: is every requirement stated, unambiguous and free of contradictions?

Header fields that are missing; per line: no part number, no or non-positive quantity, no unit,
no or zero price, no delivery date or one before the order date or already past, a drawing
without revision, values that could not be read; vague wording anywhere in the text; and
contradictions between lines (one part at two prices, revisions or units, amounts that are not
quantity × price, mixed currencies).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from itertools import compress, count, repeat
from operator import eq, is_, le, lt, mul, not_, sub
from types import MappingProxyType
from typing import Any

from qms_review.core.checks.rules import Found, Rules
from qms_review.core.checks.subject import Line, Subject
from qms_review.core.orders.diff import shown
from qms_review.core.orders.revisions import UNPARSED

_NONE: Mapping[str, Any] = MappingProxyType({})
_ZERO = Decimal(0)  # compared with a Decimal faster than 0 is


def check(subject: Subject, rules: Rules) -> Iterator[Found]:
    """Every clarity finding, line by line in the order of the lines. With the lines' values
    by field (an import's), the lines that may be wrong are found first by comparisons over
    whole columns at C speed, and only these go through the rules one by one (most lines of a
    100,000-line order need no look); else every line does, in one pass."""
    found: list[Found] = list(_header(subject, rules))
    lines = subject.lines
    price_required = subject.kind.value in rules.price_required_for
    earliest = max(subject.order_date or subject.received_on, subject.received_on)
    columns = subject.columns
    suspect = None
    if columns is not None and all(len(columns.get(f, ())) == len(lines) for f in _FIELDS):
        suspect = _suspect(columns, price_required, earliest)
    if suspect is None:
        columns = None
        with_extra = False  # whether a line keeps values besides its fields (unread ones too)
        first_of: dict[str, Line] = {}
        by_part: dict[str, list[Line]] = {}  # parts on more than one line: their lines
        for line in lines:
            part = line.get("part_number")
            if part:
                seen = first_of.setdefault(part, line)
                if seen is not line:
                    by_part.setdefault(part, [seen]).append(line)
            found.extend(_line(subject, rules, line, price_required, earliest))
            if line.get("extra"):
                with_extra = True
    else:
        assert columns is not None
        for index in suspect:
            found.extend(_line(subject, rules, lines[index], price_required, earliest))
        with_extra = any(columns["extra"])
        by_part = _by_part(lines, columns["part_number"])
    found.extend(_in_texts(subject, rules, with_extra, columns))
    found.extend(_contradictions(by_part, rules))
    if columns is None or any(columns["currency"]):
        found.extend(_currencies(subject, subject.header.get("currency"), rules))
    return iter(found)


#: The fields :func:`_suspect` compares.
_FIELDS = (
    "part_number",
    "part_revision",
    "quantity",
    "unit",
    "unit_price",
    "amount",
    "currency",
    "delivery_date",
    "drawing_number",
    "extra",
    *("description", "remarks"),
)


def _suspect(
    columns: Mapping[str, Sequence[Any]], price_required: bool, earliest: Any
) -> list[int] | None:
    """The indices, in order, of the lines :func:`_line` may find something wrong with (a
    superset), made by comparisons over whole columns; None when the values are not all of
    the types an import gives (the lines then go one by one)."""
    parts, units = columns["part_number"], columns["unit"]
    quantities, prices, amounts = columns["quantity"], columns["unit_price"], columns["amount"]
    dues, drawings, revisions = (
        columns["delivery_date"],
        columns["drawing_number"],
        columns["part_revision"],
    )
    found: set[int] = set()
    try:
        found.update(compress(count(), map(not_, parts)))
        found.update(compress(count(), map(not_, units)))
        found.update(compress(count(), columns["extra"]))
        if price_required:
            found.update(compress(count(), map(is_, prices, repeat(None))))
            found.update(compress(count(), map(eq, prices, repeat(_ZERO))))
        # a drawing without revision, unless its number says one
        found.update(i for i in compress(count(), drawings) if not revisions[i])
        # (``None in`` would compare each Decimal with None: 5× slower than ``is``)
        q_none, p_none, a_none = (
            any(map(is_, c, repeat(None))) for c in (quantities, prices, amounts)
        )
        if q_none:  # a line without quantity: looked at for it
            found.update(i for i, q in enumerate(quantities) if q is None or q <= _ZERO)
        else:
            found.update(compress(count(), map(le, quantities, repeat(_ZERO))))
        if any(map(is_, dues, repeat(None))):
            found.update(i for i, due in enumerate(dues) if due is None or due < earliest)
        else:
            found.update(compress(count(), map(lt, dues, repeat(earliest))))
        if q_none or p_none or a_none:
            found.update(
                i
                for i, (q, p, a) in enumerate(zip(quantities, prices, amounts, strict=True))
                if a is not None and q is not None and p is not None and a - q * p
            )
        else:  # amounts that are not quantity × price (within the tolerance or not)
            found.update(compress(count(), map(sub, amounts, map(mul, quantities, prices))))
    except TypeError:  # values of other types than an import's
        return None
    return sorted(found)


def _by_part(lines: Sequence[Line], parts: Sequence[Any]) -> dict[str, list[Line]]:
    """The parts on more than one line and their lines (most orders: none)."""
    named = [part for part in parts if part]
    if len(set(named)) == len(named):
        return {}
    first_of: dict[str, Line] = {}
    by_part: dict[str, list[Line]] = {}
    for line, part in zip(lines, parts, strict=True):
        if part:
            seen = first_of.setdefault(part, line)
            if seen is not line:
                by_part.setdefault(part, [seen]).append(line)
    return by_part


def _line(
    subject: Subject, rules: Rules, line: Line, price_required: bool, earliest: Any
) -> list[Found]:
    """What is wrong with one line, in the order of the rules (a finding is made only when
    something is)."""
    found: list[Found] = []
    get = line.get
    number, part = get("line_no"), get("part_number")
    extra = get("extra")
    unparsed: Mapping[str, Any] = (extra.get(UNPARSED) or _NONE) if extra else _NONE
    quantity, price = get("quantity"), get("unit_price")
    if not part:
        found.append(rules.found("clarity.no_part_number", line=number, field="part_number"))
    if quantity is None:
        if "quantity" not in unparsed:
            found.append(
                rules.found("clarity.quantity_missing", line=number, field="quantity", part=part)
            )
    else:
        if quantity <= _ZERO:
            found.append(
                rules.found(
                    "clarity.quantity_not_positive",
                    line=number,
                    field="quantity",
                    part=part,
                    value=quantity,
                )
            )
        if not get("unit"):
            found.append(
                rules.found("clarity.no_unit", line=number, field="unit", part=part, value=quantity)
            )
    if price_required:
        if price is None:
            if "unit_price" not in unparsed:
                found.append(
                    rules.found("clarity.price_missing", line=number, field="unit_price", part=part)
                )
        elif price == _ZERO:
            found.append(
                rules.found("clarity.price_zero", line=number, field="unit_price", part=part)
            )
    amount = get("amount")
    if amount is not None and quantity is not None and price is not None:
        expected = quantity * price
        gap = amount - expected
        tolerance, relative = rules.amount_tolerance, rules.amount_tolerance_relative
        if gap and abs(gap) > max(tolerance, abs(expected) * relative):
            found.append(
                rules.found(
                    "clarity.amount_mismatch",
                    line=number,
                    field="amount",
                    part=part,
                    value=amount,
                    quantity=quantity,
                    price=price,
                    expected=expected,
                )
            )
    due = get("delivery_date")
    if due is None or due < earliest:  # most lines are neither: no call for them
        found.extend(_dates(subject, due, number, part, unparsed, rules))
    drawing = get("drawing_number")
    if drawing and not get("part_revision") and not rules.drawing_revision.search(drawing):
        found.append(
            rules.found(
                "clarity.drawing_without_revision",
                line=number,
                field="drawing_number",
                part=part,
                value=drawing,
            )
        )
    return found


def _in_texts(
    subject: Subject,
    rules: Rules,
    with_extra: bool,
    columns: Mapping[str, Sequence[Any]] | None = None,
) -> list[Found]:
    """Vague words in the header's and the lines' texts, and the values the import could not
    read (kept in a line's extra data), in the order of the lines. ``columns``: the lines'
    values by field, when the check has them."""
    header: list[tuple[int | None, str | None, str, str]] = [
        (None, None, name, value)
        for name in rules.header_text_fields
        if isinstance(value := subject.header.get(name), str)
    ]
    if not with_extra:  # most orders: all texts searched at once, placed only if one is vague
        values = [text[3] for text in header]
        for field in rules.text_fields:
            if columns is not None and field in columns:
                values += [v for v in columns[field] if type(v) is str]
            else:
                values += [v for line in subject.lines if type(v := line.get(field)) is str]
        if not rules.vague_in(values):
            return []
    texts = header
    unreadable: list[int] = []  # the texts that are values the import could not read
    for line in subject.lines:
        get = line.get
        number, part = get("line_no"), get("part_number")
        for field in rules.text_fields:
            value = get(field)
            if type(value) is str:
                texts.append((number, part, field, value))
        extra = get("extra")
        if extra:
            for column, value in extra.items():
                if column == UNPARSED:
                    for field, raw in value.items():
                        unreadable.append(len(texts))
                        texts.append((number, part, field, str(raw)))
                elif isinstance(value, str):
                    texts.append((number, part, column, value))
    found = []
    vague = rules.vague_in([t[3] for t in texts])
    for index, terms in vague.items():
        number, part, field, value = texts[index]
        found.append(_vague(rules, number, part, field, value, terms))
    for index in unreadable:
        if index not in vague:
            number, part, field, value = texts[index]
            found.append(
                rules.found("clarity.unreadable", line=number, field=field, part=part, value=value)
            )
    return found


def _header(subject: Subject, rules: Rules) -> Iterator[Found]:
    values = {**subject.header, "order_date": subject.order_date}
    for name in rules.required_header:
        if values.get(name) in (None, ""):
            yield rules.found("clarity.header_missing", field=name)


def _vague(
    rules: Rules, line: int | None, part: str | None, field: str, value: str, terms: list[str]
) -> Found:
    return rules.found(
        "clarity.vague",
        line=line,
        field=field,
        key="/".join(terms),
        part=part,
        terms=", ".join(terms),
        value=value,
    )


def _dates(
    subject: Subject,
    due: Any,
    number: int | None,
    part: str | None,
    unparsed: Mapping[str, Any],
    rules: Rules,
) -> list[Found]:
    if due is None:
        if "delivery_date" in unparsed:
            return []
        return [
            rules.found("clarity.no_delivery_date", line=number, field="delivery_date", part=part)
        ]
    if subject.order_date is not None and due < subject.order_date:
        return [
            rules.found(
                "clarity.date_before_order",
                line=number,
                field="delivery_date",
                part=part,
                value=due,
                order_date=subject.order_date,
            )
        ]
    if due < subject.received_on:
        return [
            rules.found(
                "clarity.date_in_past",
                line=number,
                field="delivery_date",
                part=part,
                value=due,
                received=subject.received_on,
            )
        ]
    return []


def _contradictions(by_part: dict[str, list[Line]], rules: Rules) -> Iterator[Found]:
    for part, lines in by_part.items():
        for field, rule in (
            ("unit_price", "clarity.two_prices"),
            ("part_revision", "clarity.two_revisions"),
            ("unit", "clarity.two_units"),
        ):
            found = _differing(lines, field)
            if found:
                values, numbers, first = found
                yield rules.found(
                    rule,
                    line=first,
                    field=field,
                    key=part,
                    part=part,
                    count=len(values),
                    values=", ".join(values),
                    lines=", ".join(numbers),
                )


def _differing(lines: list[Line], field: str) -> tuple[list[str], list[str], int | None] | None:
    """The distinct values of ``field`` among lines of one part (if more than one), the line
    numbers, and the first line that departs from the first value."""
    seen: dict[Any, None] = {}
    for line in lines:
        value = line.get(field)
        if value not in (None, ""):
            seen.setdefault(value, None)
    if len(seen) < 2:
        return None
    first_value = next(iter(seen))
    first = next(
        line.get("line_no") for line in lines if line.get(field) not in (None, "", first_value)
    )
    numbers = [str(line.get("line_no")) for line in lines if line.get(field) not in (None, "")]
    return [shown(v) or "" for v in seen], numbers, first


def _currencies(subject: Subject, currency: str | None, rules: Rules) -> Iterator[Found]:
    """Lines in another currency than the order's (or than the first line's, if the order
    names none): one finding per odd currency, at its first line."""
    reference = currency
    reported: set[str] = set()
    for line in subject.lines:
        value = line.get("currency")
        if not value:
            continue
        if reference is None:
            reference = value
        elif value != reference and value not in reported:
            reported.add(value)
            yield rules.found(
                "clarity.mixed_currencies",
                line=line.get("line_no"),
                field="currency",
                key=value,
                part=line.get("part_number"),
                value=value,
                currency=reference,
            )
