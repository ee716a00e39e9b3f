"""What the checks look at, as plain data: an order revision, what it is compared with (its
quotation, its previous revision), the catalogue, and the load of accepted orders."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from qms_review.core.store.vocabulary import OrderKind, PartStatus

Line = Mapping[str, Any]  # a line's fields as in orders.LINE_FIELDS


@dataclass(frozen=True)
class Subject:
    """One order revision."""

    kind: OrderKind
    number: str
    revision: int
    received_on: date
    order_date: date | None
    header: Mapping[str, Any]  # currency, payment_terms, delivery_terms, buyer, notes
    lines: Sequence[Line]
    #: The lines' values field by field ({field: the value of each line}), when the caller has
    #: them (an import: those it stored); else the checks read ``lines``.
    columns: Mapping[str, Sequence[Any]] | None = None

    @property
    def start(self) -> date:
        """Where lead times and capacity count from: the order date, else its arrival."""
        return self.order_date or self.received_on


@dataclass(frozen=True)
class Basis:
    """An earlier version the revision is compared with."""

    basis: str  # "quotation" or "previous"
    number: str  # the quotation's number, or the previous revision's number
    header: Mapping[str, Any]
    lines: Sequence[Line]


@dataclass(frozen=True, slots=True)
class Part:
    """What the catalogue says about one revision of a part."""

    revision: str
    status: PartStatus
    lead_time_days: int | None = None
    min_lot: Decimal | None = None
    max_lot: Decimal | None = None
    weekly_capacity: Decimal | None = None


#: part number → its revisions in the catalogue
Catalogue = Mapping[str, Sequence[Part]]
#: part number → (delivery date, quantity) of the lines of accepted orders still to deliver
Load = Mapping[str, Sequence[tuple[date, Decimal]]]


@dataclass(frozen=True)
class Context:
    quotation: Basis | None = None
    previous: Basis | None = None
    catalogue: Catalogue = field(default_factory=dict)
    load: Load = field(default_factory=dict)
