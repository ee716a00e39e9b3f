"""Column types that behave the same on SQLite and PostgreSQL.

SQLite has no exact decimal and no time zones; rather than depend on either, money and
quantities are stored as integers in millionths, and instants as naive UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, DateTime, Dialect
from sqlalchemy.types import TypeDecorator

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SCALE = 6
#: The largest row id or number every database can hold (PostgreSQL's INTEGER): a number
#: typed beyond it names nothing, rather than overflowing the database driver.
MAX_ID = 2**31 - 1
_FACTOR = Decimal(10) ** SCALE


def is_row_id(value: int) -> bool:
    """Whether ``value`` can be a row's id or number (1 … :data:`MAX_ID`)."""
    return 0 < value <= MAX_ID


def row_of[T](session: Session, model: type[T], row_id: int) -> T | None:
    """The ``model`` row ``row_id``; None when there is none or the number cannot be an id
    (typed by a person: 0, negative, beyond what the database holds)."""
    return session.get(model, row_id) if is_row_id(row_id) else None


class Fixed6(TypeDecorator[Decimal]):
    """An exact decimal with six places, stored as a scaled BIGINT (portable and summable)."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        return None if value is None else fixed6(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / _FACTOR).normalize() + Decimal(0)


class UTCDateTime(TypeDecorator[datetime]):
    """An instant: aware datetimes in, stored as naive UTC, aware UTC datetimes out."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError(f"an aware datetime is required, got {value!r}")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


def fixed6(value: Any) -> int:
    """A decimal as stored by :class:`Fixed6`: an integer count of millionths."""
    scaled = Decimal(value).scaleb(SCALE)
    whole = int(scaled)
    if whole != scaled:
        raise ValueError(f"{value} has more than {SCALE} decimal places")
    return whole


def utcnow() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(UTC)
