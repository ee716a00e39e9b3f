"""What changed between two versions of an order: lines added or removed, and quantity, price,
date, part revision, unit, drawing or currency changed; header terms changed.

Pure: plain dicts in, changes out. Lines are paired by line number and part number, then by
part number alone (renumbered lines), then by line number alone (a part replaced).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

LINE_FIELDS = (
    "part_number",
    "part_revision",
    "quantity",
    "unit",
    "unit_price",
    "delivery_date",
    "drawing_number",
    "currency",
)
HEADER_FIELDS = ("currency", "payment_terms", "delivery_terms")


@dataclass(frozen=True)
class Change:
    change: str  # "added", "removed", "changed", "header"
    line_no: int | None = None
    part_number: str | None = None
    field: str | None = None
    old: str | None = None
    new: str | None = None


def shown(value: Any) -> str | None:
    """A value as people read it (and as the differences store it); None for no value."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _same(a: Any, b: Any) -> bool:
    if a == b:  # the common case, without formatting either
        return type(a) is type(b) or isinstance(a, Decimal) or shown(a) == shown(b)
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return False
    return shown(a) == shown(b)


def compare(
    old_header: Mapping[str, Any],
    old_lines: Sequence[Mapping[str, Any]],
    new_header: Mapping[str, Any],
    new_lines: Sequence[Mapping[str, Any]],
) -> list[Change]:
    changes = [
        Change(
            "header", field=name, old=shown(old_header.get(name)), new=shown(new_header.get(name))
        )
        for name in HEADER_FIELDS
        if not _same(old_header.get(name), new_header.get(name))
    ]
    unmatched_old = list(range(len(old_lines)))
    unmatched_new = list(range(len(new_lines)))
    pairs: list[tuple[int, int]] = []
    for rule in (("line_no", "part_number"), ("part_number",), ("line_no",)):
        index = _index(old_lines, unmatched_old, rule)
        remaining = []
        for n_index in unmatched_new:
            key = tuple(new_lines[n_index].get(k) for k in rule)
            candidates = index.get(key) if None not in key else None
            if not candidates:
                remaining.append(n_index)
            else:
                pairs.append((candidates.pop(0), n_index))
        unmatched_new = remaining
        matched = {o for o, _ in pairs}
        unmatched_old = [o for o in unmatched_old if o not in matched]
    for o_index, n_index in sorted(pairs, key=lambda p: p[1]):
        old, new = old_lines[o_index], new_lines[n_index]
        for name in LINE_FIELDS:
            if not _same(old.get(name), new.get(name)):
                changes.append(
                    Change(
                        "changed",
                        new.get("line_no"),
                        new.get("part_number"),
                        name,
                        shown(old.get(name)),
                        shown(new.get(name)),
                    )
                )
    for n_index in unmatched_new:
        line = new_lines[n_index]
        changes.append(
            Change(
                "added",
                line.get("line_no"),
                line.get("part_number"),
                new=shown(line.get("quantity")),
            )
        )
    for o_index in unmatched_old:
        line = old_lines[o_index]
        changes.append(
            Change(
                "removed",
                line.get("line_no"),
                line.get("part_number"),
                old=shown(line.get("quantity")),
            )
        )
    return changes


def _index(
    lines: Sequence[Mapping[str, Any]], among: Sequence[int], rule: tuple[str, ...]
) -> dict[tuple[Any, ...], list[int]]:
    """Line positions by their key under ``rule``: pairing stays linear at 100k lines."""
    found: dict[tuple[Any, ...], list[int]] = {}
    for position in among:
        key = tuple(lines[position].get(k) for k in rule)
        if None not in key:
            found.setdefault(key, []).append(position)
    return found
