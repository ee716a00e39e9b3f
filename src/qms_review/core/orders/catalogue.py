"""The capability catalogue: the parts the organisation supplies and what it takes to make them.

Imported from a spreadsheet with the intake machinery (reading, header detection by synonyms,
cell parsing; every problem with its sheet, row, column and value, and nothing written unless
the whole file is right), and edited row by row. A row is known by part number and revision:
importing updates rows that exist and adds the others.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.messages import QmsError
from qms_review.core.orders.values import is_empty, normalise, parse_number, text
from qms_review.core.store.models import CatalogueItem
from qms_review.core.store.vocabulary import PartStatus
from qms_review.resources import resource

#: The editable fields of a catalogue row, in the order tables show them.
FIELDS = (
    "part_number",
    "revision",
    "status",
    "description",
    "lead_time_days",
    "min_lot",
    "max_lot",
    "weekly_capacity",
    "processes",
    "special_processes",
    "notes",
)


NUMBERS = ("min_lot", "max_lot", "weekly_capacity")


LIMITS = {"part_number": 80, "revision": 20}


def _status_words() -> dict[str, PartStatus]:
    return _status_words_in(resource("intake", "fields.toml"))


@cache
def _status_words_in(path: Path) -> dict[str, PartStatus]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    words = {}
    for status, names in data["catalogue_status"].items():
        for name in names:
            words[normalise(name)] = PartStatus(status)
    return words


def status_of(value: Any) -> PartStatus:
    """A status cell as a status; ValueError if it says neither released nor obsolete."""
    if isinstance(value, PartStatus):
        return value
    if is_empty(value):
        return PartStatus.RELEASED
    found = _status_words().get(normalise(text(value)))
    if found is None:
        raise ValueError(value)
    return found


class Invalid(QmsError):
    """A catalogue row that cannot be saved; ``field`` names the culprit."""

    def __init__(self, field_name: str, code: str, value: Any, **params: Any) -> None:
        super().__init__(f"intake.issue.{code}", value=text(value), **params)
        self.field = field_name


def clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """A row's values checked and typed (text trimmed, numbers as Decimal, lead time as days);
    :class:`Invalid` for the first thing wrong."""
    row: dict[str, Any] = {}
    for name in FIELDS:
        raw = values.get(name)
        if name == "status":
            try:
                row[name] = status_of(raw)
            except ValueError:
                raise Invalid(name, "cat_status", raw) from None
            continue
        if is_empty(raw):
            row[name] = "" if name == "revision" else None
            continue
        if name == "lead_time_days" or name in NUMBERS:
            try:
                number = parse_number(raw)
            except ValueError:
                raise Invalid(name, "not_number", raw) from None
            if number < 0:
                raise Invalid(name, "cat_negative", raw)
            if name == "lead_time_days":
                if number != number.to_integral_value():
                    raise Invalid(name, "not_integer", raw)
                row[name] = int(number)
            else:
                row[name] = number
            continue
        value = text(raw)
        if name in LIMITS and len(value) > LIMITS[name]:
            raise Invalid(name, "too_long", raw, max=LIMITS[name])
        row[name] = value
    if not row["part_number"]:
        raise Invalid("part_number", "cat_no_part", "")
    low, high = row["min_lot"], row["max_lot"]
    if low is not None and high is not None and low > high:
        raise Invalid("max_lot", "cat_min_above_max", high, low=_shown(low))
    return row


def _shown(value: Decimal) -> str:
    return format(value.normalize(), "f")


def assign(item: CatalogueItem, row: Mapping[str, Any]) -> bool:
    """Set ``item``'s fields from a clean row; whether anything changed."""
    changed = False
    for name, value in row.items():
        if getattr(item, name) != value:
            setattr(item, name, value)
            changed = True
    return changed


def rows(session: Session) -> list[dict[str, Any]]:
    """Every catalogue row as {"id": …, field: value}, by part number and revision."""
    items = session.scalars(
        select(CatalogueItem).order_by(CatalogueItem.part_number, CatalogueItem.revision)
    )
    return [{"id": i.id, **{name: getattr(i, name) for name in FIELDS}} for i in items]


def save(session: Session, item_id: int | None, values: Mapping[str, Any]) -> int:
    """Add a row (``item_id`` None) or change one; its id. :class:`Invalid` if a value is wrong
    or the part number and revision are taken."""
    row = clean(values)
    clash = session.scalar(
        select(CatalogueItem.id).where(
            CatalogueItem.part_number == row["part_number"],
            CatalogueItem.revision == row["revision"],
        )
    )
    if clash is not None and clash != item_id:
        raise Invalid(
            "part_number", "cat_taken", row["part_number"], revision=row["revision"] or "—"
        )
    if item_id is None:
        new = CatalogueItem(**row)
        session.add(new)
        session.flush()
        return new.id
    item = session.get(CatalogueItem, item_id)
    if item is None:
        raise QmsError("catalogue.gone", id=item_id)
    assign(item, row)
    return item.id


def delete(session: Session, item_id: int) -> dict[str, Any]:
    """Remove a row; its values (to put it back on undo)."""
    item = session.get(CatalogueItem, item_id)
    if item is None:
        raise QmsError("catalogue.gone", id=item_id)
    values = {name: getattr(item, name) for name in FIELDS}
    session.delete(item)
    return values
