"""The hot part of an import: one mapped column of the lines' cells at a time, already-typed
cells turned into their values without the parsers.

A 100,000-line order is 1.1M cells. Most are what the column wants already (a float in a
number column, a date in a date column, short printable text in a text column): those become
their value here, with as little per-cell work as Python allows (text columns are checked as a
whole, joined). Every other cell that is not empty is left to the caller's full parsers (its
index in ``slow``), which say what is wrong with it and where.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from qms_review.core.orders.revisions import LINE_FIELDS

#: Numbers beyond this are left to the parsers (which refuse them).
_LIMIT = 1e12
_ZERO = Decimal(0)


def convert(
    column: list[Any], kind: str, plain_text: bool, limit: int
) -> tuple[list[Any], list[int]]:
    """The values of ``column`` (None where there is nothing), and the indices of the cells
    the fast path could not settle. ``plain_text``: a text column kept as written (stripped),
    at most ``limit`` characters."""
    if kind == "number":
        return _numbers(column)
    if kind == "integer":
        return _integers(column)
    if kind == "date":
        return _dates(column)
    if plain_text:
        return _texts(column, limit)
    return _others(column)


def _numbers(column: list[Any]) -> tuple[list[Any], list[int]]:
    values, rest = _floats(column, _decimals)
    slow: list[int] = []
    for index in rest:
        raw = column[index]
        kind = type(raw)
        if kind is float:
            if -_LIMIT < raw < _LIMIT:
                if raw.is_integer():
                    values[index] = Decimal(raw) if raw else _ZERO  # exact; not "-0"
                    continue
                # 86.4 as written; 3.9299999999999997 (float noise) as 3.93; ≤ 6 places
                written = f"{raw:.15g}"
                point = written.find(".")
                if "e" not in written and 0 <= point >= len(written) - 7:
                    values[index] = Decimal(written)
                    continue
        elif kind is str:
            if not raw or raw.isspace():
                continue
        elif kind is int:
            values[index] = Decimal(raw)
            continue
        elif raw is None:
            continue
        slow.append(index)
    return values, slow


def _integers(column: list[Any]) -> tuple[list[Any], list[int]]:
    values, rest = _floats(column, _whole)
    slow: list[int] = []
    for index in rest:
        raw = column[index]
        kind = type(raw)
        if kind is float:
            if -_LIMIT < raw < _LIMIT and raw.is_integer():
                values[index] = int(raw)
                continue
        elif kind is str:
            if not raw or raw.isspace():
                continue
        elif kind is int:
            values[index] = raw
            continue
        elif raw is None:
            continue
        slow.append(index)
    return values, slow


def _floats(
    column: list[Any], convert: Callable[[list[float]], list[Any] | None]
) -> tuple[list[Any], Iterable[int]]:
    """The values of the column's floats, converted all at once by ``convert`` (which does per
    column what the cell-by-cell path does per cell, with builtins only), and the indices of
    the other cells (all of them when ``convert`` declines: the cell-by-cell path decides)."""
    every = set(map(type, column)) == {float}
    floats = (
        range(len(column)) if every else [i for i, raw in enumerate(column) if type(raw) is float]
    )
    if not floats:
        return [None] * len(column), range(len(column))
    found = convert(column if every else [column[index] for index in floats])
    if found is None:
        return [None] * len(column), range(len(column))
    if every:
        return found, ()
    values: list[Any] = [None] * len(column)
    for index, value in zip(floats, found, strict=True):
        values[index] = value
    taken = set(floats)
    return values, [index for index in range(len(column)) if index not in taken]


_MORE_PLACES = re.compile(r"\.\d{7}")


def _decimals(floats: list[float]) -> list[Decimal] | None:
    """Each float as the decimal Excel shows (15 significant digits: 3.9299999999999997 is
    3.93), or None when one of them is not plainly such a number (beyond ±1e12, more than six
    places, written with an exponent, not finite): those the cells' own path settles."""
    if all(map(float.is_integer, floats)):  # line numbers, quantities: no text needed
        if max(map(abs, floats)) >= _LIMIT:
            return None
        return list(map(Decimal, map(int, floats)))
    written = ("%.15g " * len(floats)) % tuple(floats)
    if (
        "e" in written  # an exponent; "inf" and "nan" hold an "n"
        or "n" in written
        or _MORE_PLACES.search(written)
        or max(map(abs, floats)) >= _LIMIT
        # one point in each float that is not whole (2.0000000000000004 is written "2")
        or written.count(".") != len(floats) - sum(map(float.is_integer, floats))
    ):
        return None
    values = list(map(Decimal, written.split()))
    if 0.0 in floats:  # -0.0 is written "-0": zero is zero
        for index, value in enumerate(floats):
            if not value:
                values[index] = _ZERO
    return values


def _whole(floats: list[float]) -> list[int] | None:
    """Each float as an integer, or None when one is not whole or beyond ±1e12."""
    if not all(map(float.is_integer, floats)) or max(map(abs, floats)) >= _LIMIT:
        return None
    return list(map(int, floats))


def _dates(column: list[Any]) -> tuple[list[Any], list[int]]:
    values: list[Any] = [None] * len(column)
    slow: list[int] = []
    for index, raw in enumerate(column):
        kind = type(raw)
        if kind is date:
            values[index] = raw
        elif kind is datetime:
            values[index] = raw.date()
        elif raw is None or (kind is str and (not raw or raw.isspace())):
            continue
        else:
            slow.append(index)
    return values, slow


def _texts(column: list[Any], limit: int) -> tuple[list[Any], list[int]]:
    """Texts stripped; the column checked as a whole when it is all text (printable, short,
    ASCII or already in NFKC form), else cell by cell."""
    if set(map(type, column)) == {str}:
        stripped = list(map(str.strip, column))
        joined = "".join(stripped)
        lengths: list[int] = []  # one look at each text for its length (~5 ms a 100k column)
        if (
            joined.isprintable()
            and max(lengths := list(map(len, stripped)), default=0) <= limit
            # a space between the texts: nothing composes across them
            and (joined.isascii() or unicodedata.is_normalized("NFKC", " ".join(stripped)))
        ):
            return ([value or None for value in stripped] if 0 in lengths else stripped), []
    values: list[Any] = [None] * len(column)
    slow: list[int] = []
    for index, raw in enumerate(column):
        if type(raw) is str:
            value = raw.strip()
            if not value:
                continue
            if len(value) <= limit and value.isprintable() and _nfkc(value):
                values[index] = value
                continue
        elif raw is None:
            continue
        slow.append(index)
    return values, slow


def _nfkc(value: str) -> bool:
    return value.isascii() or unicodedata.is_normalized("NFKC", value)


def _others(column: list[Any]) -> tuple[list[Any], list[int]]:
    slow = [
        index
        for index, raw in enumerate(column)
        if raw is not None and not (type(raw) is str and (not raw or raw.isspace()))
    ]
    return [None] * len(column), slow


# --- from rows to columns and back -----------------------------------------------------------


def column_of(rows: list[list[Any]], c: int, width: int) -> list[Any]:
    """Column ``c`` of ``rows`` (None where a row is too short; every row is ``width`` wide)."""
    if c < width:
        return [row[c] for row in rows]
    return [row[c] if c < len(row) else None for row in rows]


def filled(column: list[Any]) -> list[int]:
    """The indices of the cells that hold something (not None, not an empty text; a text of
    spaces only is the caller's to pass over)."""
    return [index for index, raw in enumerate(column) if raw is not None and raw != ""]


def as_lines(keys: list[str], columns: list[list[Any]], count: int) -> list[dict[str, Any]]:
    """One dict per line from the columns' values (``keys`` names them), without the fields a
    line has no value for."""
    if not columns:
        return [{} for _ in range(count)]
    return [
        {k: v for k, v in zip(keys, found, strict=True) if v is not None}
        for found in zip(*columns, strict=True)
    ]


def by_field(
    keys: list[str], columns: list[list[Any]], extras: dict[int, dict[str, Any]], count: int
) -> dict[str, Sequence[Any]] | None:
    """The values of :func:`as_lines`' lines (with ``extras``: each line's extra data, by
    index) field by field, every field of LINE_FIELDS in it: what
    :func:`~qms_review.core.orders.revisions.line_columns` would read of the lines, made
    from the columns at hand. None when two columns give one field."""
    if len(set(keys)) != len(keys):
        return None
    nothing: list[Any] = [None] * count
    found: dict[str, Sequence[Any]] = dict.fromkeys(LINE_FIELDS, nothing)
    found.update(zip(keys, columns, strict=True))
    extra = list(nothing)
    for index, value in extras.items():
        if value:
            extra[index] = value
    found["extra"] = extra
    return found
