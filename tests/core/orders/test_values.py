"""Number and date parsing, checked on generated values (hypothesis) and known hard cases."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qms_review.core.orders.values import (
    AmbiguousDate,
    date_order_hint,
    looks_decimal_comma,
    parse_date,
    parse_number,
)

amounts = st.decimals(
    min_value=Decimal("-999999999.99"),
    max_value=Decimal("999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
FULL_WIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


@given(amounts)
def test_plain_and_grouped(value: Decimal):
    assert parse_number(f"{value:f}") == value
    assert parse_number(f"{value:,.2f}") == value
    assert parse_number(f"{value:,.2f}".translate(FULL_WIDTH)) == value


@given(amounts)
def test_decimal_comma(value: Decimal):
    european = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    assert parse_number(european, decimal_comma=True) == value


@given(amounts)
def test_currency_signs_and_brackets(value: Decimal):
    magnitude = abs(value)
    assert parse_number(f"¥{magnitude:,.2f}") == magnitude
    assert parse_number(f"USD {magnitude:.2f}") == magnitude
    assert parse_number(f"({magnitude:.2f})") == -magnitude


@pytest.mark.parametrize("junk", ["", "abc", "ASAP", "约500", "1.2.3", "12-", "--1", "1e", "TBD"])
def test_not_numbers(junk: str):
    with pytest.raises(ValueError):  # noqa: PT011 - the message is for people, not the test
        parse_number(junk)


@given(days)
def test_date_formats(day: date):
    for written in (
        day.isoformat(),
        f"{day:%Y/%m/%d}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day:%d.%m.%Y}",
        f"{day:%Y%m%d}",
        f"{day.isoformat()}T00:00:00",
    ):
        assert parse_date(written) == day, written
    serial = (day - date(1899, 12, 30)).days
    assert parse_date(serial) == day
    assert parse_date(float(serial)) == day
    assert parse_date((day - date(1904, 1, 1)).days, date1904=True) == day


@given(days)
def test_day_month_order(day: date):
    dmy, mdy = f"{day:%d/%m/%Y}", f"{day:%m/%d/%Y}"
    assert parse_date(dmy, "dmy") == day
    assert parse_date(mdy, "mdy") == day
    if day.day <= 12 and day.day != day.month:
        with pytest.raises(AmbiguousDate):
            parse_date(dmy)
    elif day.day > 12:
        assert parse_date(dmy) == day  # only one reading is possible
        assert date_order_hint([dmy]) == "dmy"
        assert date_order_hint([mdy]) == "mdy"


@pytest.mark.parametrize(
    "junk", ["尽快", "ASAP", "TBD", "2026-02-30", "31.13.2026", "0", "week 47"]
)
def test_not_dates(junk: str):
    with pytest.raises(ValueError):  # noqa: PT011
        parse_date(junk)


def test_decimal_comma_detection():
    assert looks_decimal_comma(["12,5", "3"])
    assert looks_decimal_comma(["1.234,56"])
    assert not looks_decimal_comma(["1,234.56"])
    assert not looks_decimal_comma(["1,234"])  # either reading: no evidence
    assert parse_date(date(2026, 1, 1) + timedelta(days=1)) == date(2026, 1, 2)
