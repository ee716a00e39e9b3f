"""The one way a command prints a table: a row of column names, then the rows, each column as
wide as its widest cell on a terminal (a Chinese character takes two places), two spaces apart.
The names are catalogue texts; the cells are data (and labels) as they are."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

_GAP = "  "


def _width(cell: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in cell)


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """The lines of the table of ``rows`` under ``headers`` (the last column is not padded)."""
    lines = [list(headers), *(list(row) for row in rows)]
    widths = [max(_width(cell) for cell in column) for column in zip(*lines, strict=True)]
    return [_GAP.join(_padded(row, widths)).rstrip() for row in lines]


def _padded(row: Sequence[str], widths: Sequence[int]) -> list[str]:
    padded = [cell + " " * (width - _width(cell)) for cell, width in zip(row, widths, strict=True)]
    return [*padded[:-1], row[-1]]


def print_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Print :func:`table`."""
    for line in table(headers, rows):
        print(line)
