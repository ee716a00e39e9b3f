"""How a figure with a fraction (an average, a median of days) is written for people, the same
on the dashboard, in ``qms-review stats`` and in the management-review report."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

#: Below this, a figure is written as "< 0.001" rather than with ever more zeros.
_SMALLEST = 0.001


def one_decimal(value: float | None) -> str:
    """One decimal, halves rounded up as people do (2.4, 0.2 for 0.15, 45.0, 0.0 for nothing at
    all), and a figure below 0.1 with the two digits that tell it from its neighbours — 0.048
    and 0.053 are not both "0.1" or "0.0" —, down to < 0.001 ("–": no figure)."""
    if value is None:
        return "–"
    if value == 0 or abs(value) >= 0.1:
        shown = Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return f"{shown:.1f}"
    if abs(value) < _SMALLEST:
        return f"< {_SMALLEST}" if value > 0 else f"> -{_SMALLEST}"
    return f"{value:.2g}"  # two significant digits: 0.04, 0.053, 0.012, 0.0012
