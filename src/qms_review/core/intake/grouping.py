"""The orders of one file: order fields found in columns, and rows grouped by order number.

An ERP export repeats the order's own fields on every line: 订单号 / Order No., 客户 /
Customer, 订单日期 / Order date… A column whose header is exactly one of the names of the
header block (``resources/intake/fields.toml``, ``[header.*]``) and that is not a line field is
such an *order column*. The rows are grouped by the order-number column into orders, in the
order they first appear (a blank order-number cell continues the order of the row above, as
exports that print the number once per order do). Each order's fields are its rows' values over
the header block's; a field with two different values inside one order is an error naming both
rows. Line numbers are unique, and numbered, per order.

A file without order columns is one order: the plan's header and all its lines.

Pure: no database; :mod:`~qms_review.core.intake.analysis` turns the problems found here into
its issues (with the sheet), :mod:`~qms_review.core.intake.importer` writes the orders chosen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from qms_review.core.intake.layout import fields
from qms_review.core.orders.values import AmbiguousDate, is_empty, normalise, text

_WHITESPACE = re.compile(r"\s+")
_SUBTOTAL = re.compile(r"^(subtotal|sub-total|sub total|小计)(?![a-z])", re.I)
_TOTAL = re.compile(r"^(total|sum|grand total|合计|总计|共计)\s*[:：]?$", re.I)


@dataclass
class Order:
    """One order of the file: its fields, its lines and the 1-based sheet rows they came from."""

    number: str | None
    header: dict[str, Any] = field(default_factory=dict)
    lines: list[dict[str, Any]] = field(default_factory=list)
    line_rows: list[int] = field(default_factory=list)
    #: The lines' values field by field as the analysis made them (what
    #: :func:`~qms_review.core.orders.revisions.line_columns` gives), so that the import need
    #: not read each line again; None: read them from ``lines``. Code that changes ``lines``
    #: after the analysis sets it to None.
    columns: Mapping[str, Sequence[Any]] | None = None


@dataclass(frozen=True)
class Problem:
    """A problem of one order, where it is (the analysis adds the sheet)."""

    severity: str  # "error" or "warning"
    code: str  # a message key under intake.issue.
    row: int | None = None
    column: int | None = None
    header: str | None = None
    value: str | None = None
    params: tuple[tuple[str, Any], ...] = ()


class _Located(Protocol):
    @property
    def severity(self) -> str: ...

    @property
    def row(self) -> int | None: ...


def order_columns(
    headers: Sequence[Any],
    mapping: Mapping[int, str],
    body: Sequence[Sequence[Any]],
    given: Collection[str] = (),
) -> dict[int, str]:
    """Column index → order field, for the header row's cells named exactly as an order field
    and not mapped to a line field; each field once (the leftmost), none the user gave.

    Without an order-number column the file is one order, and a column is the order's only if
    it says one thing in every row of ``body`` (else it stays extra data of each line, as a
    "Date" column of delivery dates would)."""
    specs = fields().header
    found: dict[int, str] = {}
    for index, cell in enumerate(headers):
        if index in mapping or is_empty(cell):
            continue
        names = {normalise(cell), *(normalise(p) for p in re.split(r"\n| / ", text(cell)))}
        names.discard("")
        for key, spec in specs.items():
            if key not in given and key not in found.values() and names & set(spec.synonyms):
                found[index] = key
                break
    if "order_number" in found.values():
        return found
    return {c: key for c, key in found.items() if len(_values(body, c)) == 1}


def _values(rows: Sequence[Sequence[Any]], column: int) -> set[str]:
    return {_same(row[column]) for row in rows if column < len(row) and not is_empty(row[column])}


def split(
    rows: Sequence[Sequence[Any]],
    headers: Sequence[Any],
    columns: Mapping[int, str],
    header: dict[str, Any],
    lines: list[dict[str, Any]],
    line_rows: list[int],
    read_date: Callable[[Any], date],
) -> tuple[list[Order], list[Problem]]:
    """The orders of the lines (``line_rows`` 1-based) and what is wrong with them.

    ``header`` holds what the user gave and the block above the table said; ``read_date``
    reads an order-date cell (raising :class:`AmbiguousDate` or ``ValueError``)."""
    if not columns:  # one order: the very header and lines of the plan
        return [Order(_number(header.get("order_number")), header, lines, line_rows)], []
    problems: list[Problem] = []
    number_column = next((c for c, key in columns.items() if key == "order_number"), None)
    groups: dict[str | None, Order] = {}
    current: str | None = None
    for line, row in zip(lines, line_rows, strict=True):
        if number_column is not None:
            cell = _cell(rows, row, number_column)
            if not is_empty(cell):
                current = _number(cell)
            elif current is None:
                problems.append(
                    Problem(
                        "error",
                        "order_number_missing",
                        row,
                        number_column,
                        _name(headers, number_column),
                    )
                )
                continue
        else:
            current = _number(header.get("order_number"))
        order = groups.get(current)
        if order is None:
            order = groups[current] = Order(current, {**header, "order_number": current})
        order.lines.append(line)
        order.line_rows.append(row)
    for order in groups.values():
        problems += _fields_of(order, rows, headers, columns, read_date)
        problems += _checked(order)
        _number_lines(order.lines)
    return list(groups.values()), problems


def is_order_total(row: Sequence[Any], part_column: int | None) -> bool:
    """A subtotal between the orders of an export, skipped: a row without a part number that
    says "Subtotal"/"小计" anywhere, or a total word after its first cell (its order's number,
    "SO-1001 | 合计"). A grand total ("合计" first) still ends the table."""
    if part_column is not None and part_column < len(row) and not is_empty(row[part_column]):
        return False
    texts = [text(cell) for cell in row if type(cell) is str and cell.strip()]
    if any(_SUBTOTAL.match(t) for t in texts):
        return True
    first = next((cell for cell in row if not is_empty(cell)), None)
    later = texts[1:] if texts and first is not None and text(first) == texts[0] else texts
    return any(_TOTAL.match(t) for t in later)


def _cell(rows: Sequence[Sequence[Any]], row: int, column: int) -> Any:
    values = rows[row - 1] if 0 < row <= len(rows) else ()
    return values[column] if column < len(values) else None


def _name(headers: Sequence[Any], column: int) -> str:
    return text(headers[column]) if column < len(headers) else ""


def _number(value: Any) -> str | None:
    return None if is_empty(value) else text(value)


def _same(value: Any) -> str:
    """What two cells must share to be the same value: their date, else their text with
    spacing normalised."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return _WHITESPACE.sub(" ", text(value))


def _same_date(read_date: Callable[[Any], date]) -> Callable[[Any], str]:
    """What two order-date cells must share: the date they mean (2026-11-02 is 2026/11/02)."""

    def same(value: Any) -> str:
        try:
            return read_date(value).isoformat()
        except ValueError:
            return _same(value)

    return same


def _fields_of(
    order: Order,
    rows: Sequence[Sequence[Any]],
    headers: Sequence[Any],
    columns: Mapping[int, str],
    read_date: Callable[[Any], date],
) -> list[Problem]:
    """The order's fields from its rows' cells: one value each, or a conflict naming rows."""
    problems: list[Problem] = []
    labels = fields().header
    for column, key in columns.items():
        if key == "order_number":
            continue
        same = _same_date(read_date) if key == "order_date" else _same
        first: tuple[Any, int] | None = None
        for row in order.line_rows:
            raw = _cell(rows, row, column)
            if is_empty(raw):
                continue
            if first is None:
                first = (raw, row)
            elif same(raw) != same(first[0]):
                problems.append(
                    Problem(
                        "error",
                        "order_conflict",
                        row,
                        column,
                        _name(headers, column),
                        text(raw),
                        (
                            ("field", labels[key].labels),
                            ("order", order.number or ""),
                            ("first", text(first[0])),
                            ("first_row", first[1]),
                        ),
                    )
                )
                break
        if first is None:
            continue
        raw, row = first
        if key != "order_date":
            order.header[key] = text(raw)
            continue
        where: dict[str, Any] = {
            "row": row,
            "column": column,
            "header": _name(headers, column),
            "value": text(raw),
        }
        try:
            order.header[key] = read_date(raw)
        except AmbiguousDate:
            problems.append(Problem("error", "ambiguous_date", **where))
        except ValueError:
            order.header.pop(key, None)
            problems.append(Problem("warning", "not_date", **where))
    return problems


def _checked(order: Order) -> list[Problem]:
    """The order's currency from its lines when it names none; a customer and unique line
    numbers, or the problem."""
    problems: list[Problem] = []
    header = order.header
    currencies = {line.get("currency") for line in order.lines if line.get("currency")}
    if not header.get("currency") and len(currencies) == 1:
        header["currency"] = currencies.pop()
    if isinstance(header.get("currency"), str):
        header["currency"] = header["currency"].strip().upper()[:3]
    first_row = order.line_rows[0] if order.line_rows else None
    if not header.get("customer") and not header.get("customer_code"):
        problems.append(
            Problem(
                "error", "order_no_customer", first_row, params=(("order", order.number or ""),)
            )
        )
    if not order.number:
        problems.append(Problem("error", "no_order_number"))
    seen: dict[int, int] = {}
    for line, row in zip(order.lines, order.line_rows, strict=True):
        number = line.get("line_no")
        if isinstance(number, int):
            if number in seen:
                problems.append(
                    Problem(
                        "error",
                        "duplicate_line",
                        row,
                        value=str(number),
                        params=(("first", seen[number]),),
                    )
                )
            seen.setdefault(number, row)
    return problems


def _number_lines(lines: Sequence[dict[str, Any]]) -> None:
    """Lines without a number of their own get the next free multiple of 10 (per order)."""
    used = {line["line_no"] for line in lines if isinstance(line.get("line_no"), int)}
    candidate = 10
    for line in lines:
        if not isinstance(line.get("line_no"), int):
            while candidate in used:
                candidate += 10
            line["line_no"] = candidate
            used.add(candidate)


def issues_by_order[T: _Located](
    orders: Sequence[Order], issues: Iterable[T]
) -> tuple[list[list[T]], list[T]]:
    """The issues found in each order's rows (in the order of ``orders``), and the file's own
    (in no order's rows: above the table, or of the file as a whole)."""
    owner = {row: index for index, order in enumerate(orders) for row in order.line_rows}
    mine: list[list[T]] = [[] for _ in orders]
    others: list[T] = []
    for issue in issues:
        index = owner.get(issue.row) if issue.row is not None else None
        (others if index is None else mine[index]).append(issue)
    return mine, others


def blocking[T: _Located](
    orders: Sequence[Order], issues: Iterable[T], chosen: Sequence[Order]
) -> list[T]:
    """The errors that keep ``chosen`` from being imported: those of the file as a whole (in no
    order's rows) and those of the orders chosen."""
    mine: set[int] = {row for order in chosen for row in order.line_rows}
    theirs: set[int] = {row for order in orders for row in order.line_rows} - mine
    return [i for i in issues if i.severity == "error" and i.row not in theirs]
