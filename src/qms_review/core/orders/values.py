"""Turning what a spreadsheet cell holds into numbers and dates, the same for every reader.

Real sheets hold "1,200.50", "1.200,50", "１２００", "¥1,200", 46000 (an Excel date serial),
3.9299999999999997 (how a binary float keeps 3.93), "2026/11/23", "2026年11月23日", "23.11.2026",
"20-Dec-2026", "Dec 20, 2026", "9/25/2000 00:00:00" and "11/12/2026" (which one?). These
functions say what a value is or raise ValueError saying why not; the caller adds where.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

_PUNCT = re.compile(r"[\s\.\:：#/\\()（）\[\]【】\-_'’,，;；*]+")
_CURRENCY = re.compile(r"^(?:[A-Z]{3}|RMB|US\$|[$€£¥￥元])\s*|\s*(?:[A-Z]{3}|RMB|元|[$€£¥￥])$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:[,  '’]\d{3})+(?:\.\d+)?$")
_EU = re.compile(r"^[+-]?\d{1,3}(?:[.  ]\d{3})+(?:,\d+)?$")
_PLAIN = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")

#: The day Excel's serial 0 stands for, in its two date systems.
EPOCH_1900 = date(1899, 12, 30)
EPOCH_1904 = date(1904, 1, 1)


def text(value: Any) -> str:
    """A cell's text with width and spacing normalised (full-width digits become ASCII)."""
    if value is None:
        return ""
    if type(value) is str and value.isascii():  # the common case, without normalising
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _float_decimal(value: float) -> Decimal:
    """A binary float as the decimal it stands for: rounded to the 15 significant digits that
    Excel shows and keeps, so 3.9299999999999997 is 3.93 and 36.900000000000006 is 36.9."""
    return Decimal(f"{value:.15g}")


def parse_number(value: Any, decimal_comma: bool = False) -> Decimal:
    """A number from a cell: numbers as they are; text with thousands separators, decimal
    commas (when the file uses them), full-width digits, currency signs, (negatives)."""
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("not a number")
        return Decimal(int(value)) if value.is_integer() else _float_decimal(value)
    if isinstance(value, Decimal):
        return value
    raw = text(value)
    if not raw:
        raise ValueError("empty")
    negative = raw.startswith("(") and raw.endswith(")")
    if negative:
        raw = raw[1:-1].strip()
    raw = _CURRENCY.sub("", raw).strip().replace(" ", "")
    if _PLAIN.match(raw) and not (decimal_comma and "." in raw and _EU.match(raw)):
        cleaned = raw
    elif not decimal_comma and _THOUSANDS.match(raw):
        cleaned = re.sub(r"[,  '’]", "", raw)
    elif decimal_comma and (_EU.match(raw) or re.match(r"^[+-]?\d+(?:,\d+)?$", raw)):
        cleaned = re.sub(r"[.  ]", "", raw).replace(",", ".")
    else:
        raise ValueError("not a number")
    try:
        number = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError("not a number") from exc
    return -number if negative else number


def looks_decimal_comma(values: list[str]) -> bool:
    """Whether a file's number texts use a decimal comma: "12,5" or "1.234,56" say so;
    "1,234" alone could be either and says nothing."""
    for raw in values:
        t = text(raw).replace(" ", "")
        if re.match(r"^[+-]?\d{1,3}(?:\.\d{3})+,\d+$", t) or re.match(r"^[+-]?\d+,\d{1,2}$", t):
            return True
        if re.match(r"^[+-]?\d{1,3}(?:,\d{3})+\.\d+$", t) or re.match(r"^[+-]?\d+\.\d{1,2}$", t):
            return False
    return False


# --- dates ---------------------------------------------------------------------------------

_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DMY_DOTS = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_AMBIGUOUS = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
#: A time of day after a date ("9/25/2000 00:00:00", "2026/12/20 0:00", "… 3:15 PM"): ignored.
_TIME = re.compile(r"(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?)$")
_ISO_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH_NAME = re.compile(r"^(\d{1,2})[-\s/.]+([A-Za-z]{3,9})\.?[-\s/.,]+(\d{4})$")
_MONTH_NAME_DAY = re.compile(
    r"^([A-Za-z]{3,9})\.?[-\s/.]+(\d{1,2})(?:st|nd|rd|th)?,?[-\s/.]+(\d{4})$"
)


class AmbiguousDate(ValueError):
    """A date like 03/04/2026 that is 3 April or 4 March depending on the sender."""


class ImpossibleDate(ValueError):
    """A text written as a date that names no day of the calendar: 2027-13-01, 30.02.2027."""


def serial_to_date(serial: float, date1904: bool = False) -> date:
    if not 1 <= serial < 2_958_466:  # Excel's range: 1900-01-01 .. 9999-12-31
        raise ValueError("not a date")
    epoch = EPOCH_1904 if date1904 else EPOCH_1900
    return epoch + timedelta(days=int(serial))


def parse_date(value: Any, order: str | None = None, date1904: bool = False) -> date:
    """A date from a cell. ``order`` ("dmy" or "mdy") settles 03/04/2026; without it such a
    date raises :class:`AmbiguousDate` unless day or month is above 12."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return serial_to_date(float(value), date1904)
    raw = text(value)
    if not raw:
        raise ValueError("empty")
    raw = _without_time(raw)
    for pattern, parts in ((_YMD, (1, 2, 3)), (_COMPACT, (1, 2, 3))):
        match = pattern.match(raw)
        if match:
            y, m, d = (int(match.group(i)) for i in parts)
            return _make(y, m, d)
    match = _DMY_DOTS.match(raw)
    if match:
        return _make(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    named = _month_named(raw)
    if named is not None:
        return named
    match = _AMBIGUOUS.match(raw)
    if match:
        a, b, y = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if order is None:
            if a > 12 >= b:
                order = "dmy"
            elif b > 12 >= a:
                order = "mdy"
            elif a == b:
                return _make(y, a, b)
            else:
                raise AmbiguousDate(raw)
        return _make(y, b, a) if order == "dmy" else _make(y, a, b)
    if re.match(r"^\d+(\.\d+)?$", raw):
        return serial_to_date(float(raw), date1904)
    raise ValueError("not a date")


def _without_time(raw: str) -> str:
    """A date text without the time of day some programs write after it."""
    if _ISO_TIMESTAMP.match(raw):  # 2026-12-20T10:00:00+08:00
        return raw[:10]
    return _TIME.sub("", raw) if ":" in raw else raw


def _month_named(raw: str) -> date | None:
    """ "20-Dec-2026", "20 December 2026", "Dec 20, 2026", "December 20th 2026"."""
    match = _DAY_MONTH_NAME.match(raw)
    if match:
        day, name, year = match.groups()
    else:
        match = _MONTH_NAME_DAY.match(raw)
        if not match:
            return None
        name, day, year = match.groups()
    month = _MONTHS.get(name.casefold())
    if month is None:
        raise ValueError("not a date")
    return _make(int(year), month, int(day))


def _make(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ImpossibleDate("no such day") from exc


def date_order_hint(values: list[Any]) -> str | None:
    """The day/month order a file's ambiguous-looking dates reveal, if any of them does."""
    for value in values:
        match = _AMBIGUOUS.match(_without_time(text(value)))
        if match:
            a, b = int(match.group(1)), int(match.group(2))
            if a > 12 >= b:
                return "dmy"
            if b > 12 >= a:
                return "mdy"
    return None


def normalise(label: Any) -> str:
    """A label as compared with known names: width, case, spaces and punctuation ignored."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text(label)).casefold())
