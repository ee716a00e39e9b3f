"""The hot part of an import: one mapped column of the lines' cells at a time, already-typed
cells turned into their values without the parsers.

A 100,000-line order is 1.1M cells. Most are what the column wants already (a float in a
number column, a date in a date column, short printable text in a text column): those become
their value here, with as little per-cell work as Python allows (text columns are checked as a
whole, joined). Every other cell that is not empty is left to the caller's full parsers (its
index in ``slow``), which say what is wrong with it and where.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Any

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
    values: list[Any] = [None] * len(column)
    slow: list[int] = []
    for index, raw in enumerate(column):
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
    values: list[Any] = [None] * len(column)
    slow: list[int] = []
    for index, raw in enumerate(column):
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
        stripped = [raw.strip() for raw in column]
        joined = "".join(stripped)
        if (
            joined.isprintable()
            and max(map(len, stripped), default=0) <= limit
            # a space between the texts: nothing composes across them
            and (joined.isascii() or unicodedata.is_normalized("NFKC", " ".join(stripped)))
        ):
            return [value or None for value in stripped], []
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
