"""Clarity: is every requirement stated, unambiguous and free of contradictions?

Header fields that are missing; per line: no part number, no or non-positive quantity, no unit,
no or zero price, no delivery date or one before the order date or already past, a drawing
without revision, values that could not be read; vague wording anywhere in the text; and
contradictions between lines (one part at two prices, revisions or units, amounts that are not
quantity × price, mixed currencies).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from qms_review.core.checks.rules import Found, Rules
from qms_review.core.checks.subject import Line, Subject
from qms_review.core.orders.diff import shown
from qms_review.core.orders.revisions import UNPARSED

_NONE: Mapping[str, Any] = MappingProxyType({})
_ZERO = Decimal(0)  # compared with a Decimal faster than 0 is


def check(subject: Subject, rules: Rules) -> Iterator[Found]:
    """Every clarity finding. One pass over the lines (the hot loop at 100k lines: each line
    is looked at once, and a finding is made only when something is wrong)."""
    found: list[Found] = list(_header(subject, rules))
    with_extra = False  # whether a line keeps values besides its fields (unread ones too)
    first_of: dict[str, Line] = {}
    by_part: dict[str, list[Line]] = {}  # parts on more than one line: their lines
    price_required = subject.kind.value in rules.price_required_for
    tolerance, relative = rules.amount_tolerance, rules.amount_tolerance_relative
    earliest = max(subject.order_date or subject.received_on, subject.received_on)
    for line in subject.lines:
        get = line.get
        number, part = get("line_no"), get("part_number")
        extra = get("extra")
        unparsed: Mapping[str, Any] = (extra.get(UNPARSED) or _NONE) if extra else _NONE
        quantity, price = get("quantity"), get("unit_price")
        if part:
            seen = first_of.setdefault(part, line)
            if seen is not line:
                by_part.setdefault(part, [seen]).append(line)
        else:
            found.append(rules.found("clarity.no_part_number", line=number, field="part_number"))
        if quantity is None:
            if "quantity" not in unparsed:
                found.append(
                    rules.found(
                        "clarity.quantity_missing", line=number, field="quantity", part=part
                    )
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
                    rules.found(
                        "clarity.no_unit", line=number, field="unit", part=part, value=quantity
                    )
                )
        if price_required:
            if price is None:
                if "unit_price" not in unparsed:
                    found.append(
                        rules.found(
                            "clarity.price_missing", line=number, field="unit_price", part=part
                        )
                    )
            elif price == _ZERO:
                found.append(
                    rules.found("clarity.price_zero", line=number, field="unit_price", part=part)
                )
        amount = get("amount")
        if amount is not None and quantity is not None and price is not None:
            expected = quantity * price
            gap = amount - expected
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
        if extra:
            with_extra = True
    found.extend(_in_texts(subject, rules, with_extra))
    found.extend(_contradictions(by_part, rules))
    found.extend(_currencies(subject, subject.header.get("currency"), rules))
    return iter(found)


def _in_texts(subject: Subject, rules: Rules, with_extra: bool) -> list[Found]:
    """Vague words in the header's and the lines' texts, and the values the import could not
    read (kept in a line's extra data), in the order of the lines."""
    header: list[tuple[int | None, str | None, str, str]] = [
        (None, None, name, value)
        for name in rules.header_text_fields
        if isinstance(value := subject.header.get(name), str)
    ]
    if not with_extra:  # most orders: all texts searched at once, placed only if one is vague
        values = [text[3] for text in header]
        for field in rules.text_fields:
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
