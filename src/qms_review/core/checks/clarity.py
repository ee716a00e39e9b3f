"""Clarity: is every requirement stated, unambiguous and free of contradictions?

Header fields that are missing; per line: no part number, no or non-positive quantity, no unit,
no or zero price, no delivery date or one before the order date or already past, a drawing
without revision, values that could not be read; vague wording anywhere in the text; and
contradictions between lines (one part at two prices, revisions or units, amounts that are not
quantity × price, mixed currencies).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from qms_review.core.checks.rules import Found, Rules
from qms_review.core.checks.subject import Line, Subject
from qms_review.core.orders import UNPARSED


def check(subject: Subject, rules: Rules) -> Iterator[Found]:
    yield from _header(subject, rules)
    for line in subject.lines:
        yield from _line(subject, line, rules)
    yield from _vagueness(subject, rules)
    yield from _contradictions(subject, rules)


def _header(subject: Subject, rules: Rules) -> Iterator[Found]:
    values = {**subject.header, "order_date": subject.order_date}
    for name in rules.required_header:
        if values.get(name) in (None, ""):
            yield rules.found("clarity.header_missing", field=name)


def _vague(rules: Rules, line: int | None, part: str | None, field: str, value: str,
           terms: list[str]) -> Found:  # fmt: skip
    return rules.found("clarity.vague", line=line, field=field, key="/".join(terms),
                       part=part, terms=", ".join(terms), value=value)  # fmt: skip


def _line(subject: Subject, line: Line, rules: Rules) -> Iterator[Found]:
    number = line.get("line_no")
    part = line.get("part_number")
    extra = line.get("extra") or {}
    unparsed: dict[str, Any] = extra.get(UNPARSED) or {}
    quantity = line.get("quantity")
    if not part:
        yield rules.found("clarity.no_part_number", line=number, field="part_number")
    if quantity is None:
        if "quantity" not in unparsed:
            yield rules.found("clarity.quantity_missing", line=number, field="quantity", part=part)
    elif quantity <= 0:
        yield rules.found(
            "clarity.quantity_not_positive",
            line=number,
            field="quantity",
            part=part,
            value=quantity,
        )
    if quantity is not None and not line.get("unit"):
        yield rules.found("clarity.no_unit", line=number, field="unit", part=part, value=quantity)
    price = line.get("unit_price")
    if subject.kind.value in rules.price_required_for:
        if price is None and "unit_price" not in unparsed:
            yield rules.found("clarity.price_missing", line=number, field="unit_price", part=part)
        elif price is not None and price == 0:
            yield rules.found("clarity.price_zero", line=number, field="unit_price", part=part)
    yield from _dates(subject, line, number, part, unparsed, rules)
    drawing = line.get("drawing_number")
    if drawing and not line.get("part_revision") and not rules.drawing_revision.search(drawing):
        yield rules.found("clarity.drawing_without_revision", line=number, field="drawing_number", part=part,
                          value=drawing)  # fmt: skip
    for field, raw in unparsed.items():
        if not rules.vague_terms(str(raw)):
            yield rules.found("clarity.unreadable", line=number, field=field, part=part, value=raw)


def _texts(subject: Subject, rules: Rules) -> Iterator[tuple[int | None, str | None, str, str]]:
    """Every free text of the order: (line, part, field, text); header texts have no line."""
    for name in rules.header_text_fields:
        value = subject.header.get(name)
        if isinstance(value, str):
            yield None, None, name, value
    fields = rules.text_fields
    for line in subject.lines:
        number, part = line.get("line_no"), line.get("part_number")
        for field in fields:
            value = line.get(field)
            if type(value) is str:
                yield number, part, field, value
        extra = line.get("extra")
        if extra:
            for column, value in extra.items():
                if column == UNPARSED:
                    for field, raw in value.items():
                        yield number, part, field, str(raw)
                elif isinstance(value, str):
                    yield number, part, column, value


def _vagueness(subject: Subject, rules: Rules) -> Iterator[Found]:
    texts = list(_texts(subject, rules))
    for index, terms in rules.vague_in([t[3] for t in texts]).items():
        number, part, field, value = texts[index]
        yield _vague(rules, number, part, field, value, terms)


def _dates(subject: Subject, line: Line, number: int | None, part: str | None,
           unparsed: dict[str, Any], rules: Rules) -> Iterator[Found]:  # fmt: skip
    due = line.get("delivery_date")
    if due is None:
        if "delivery_date" not in unparsed:
            yield rules.found(
                "clarity.no_delivery_date", line=number, field="delivery_date", part=part
            )
    elif subject.order_date is not None and due < subject.order_date:
        yield rules.found("clarity.date_before_order", line=number, field="delivery_date", part=part, value=due,
                          order_date=subject.order_date)  # fmt: skip
    elif due < subject.received_on:
        yield rules.found("clarity.date_in_past", line=number, field="delivery_date", part=part, value=due,
                          received=subject.received_on)  # fmt: skip


def _contradictions(subject: Subject, rules: Rules) -> Iterator[Found]:
    by_part: dict[str, list[Line]] = {}
    for line in subject.lines:
        part = line.get("part_number")
        if part:
            by_part.setdefault(part, []).append(line)
    for part, lines in by_part.items():
        if len(lines) < 2:
            continue
        for field, rule in (("unit_price", "clarity.two_prices"),
                            ("part_revision", "clarity.two_revisions"),
                            ("unit", "clarity.two_units")):  # fmt: skip
            found = _differing(lines, field)
            if found:
                values, numbers, first = found
                yield rules.found(rule, line=first, field=field, key=part, part=part,
                                  count=len(values), values=", ".join(values),
                                  lines=", ".join(numbers))  # fmt: skip
    tolerance, relative = rules.amount_tolerance, rules.amount_tolerance_relative
    currency = subject.header.get("currency")
    for line in subject.lines:
        amount, quantity, price = line.get("amount"), line.get("quantity"), line.get("unit_price")
        if amount is not None and quantity is not None and price is not None:
            expected = quantity * price
            if abs(amount - expected) > max(tolerance, abs(expected) * relative):
                yield rules.found("clarity.amount_mismatch", line=line.get("line_no"), field="amount",
                                  part=line.get("part_number"), value=amount, quantity=quantity,
                                  price=price, expected=expected)  # fmt: skip
    yield from _currencies(subject, currency, rules)


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
    first = next(line.get("line_no") for line in lines
                 if line.get(field) not in (None, "", first_value))  # fmt: skip
    numbers = [str(line.get("line_no")) for line in lines if line.get(field) not in (None, "")]
    return [_text(v) for v in seen], numbers, first


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
            yield rules.found("clarity.mixed_currencies", line=line.get("line_no"),
                              field="currency", key=value, part=line.get("part_number"),
                              value=value, currency=reference)  # fmt: skip


def _text(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)
