"""How a figure with a fraction (an average, a median of days) is written for people, the same
on the dashboard, in ``qms-review stats`` and in the management-review report."""

from __future__ import annotations

#: Below this, a figure is written as "< 0.001" rather than with ever more zeros.
_SMALLEST = 0.001


def one_decimal(value: float | None) -> str:
    """One decimal (2.4, 45.0, 0.0 for nothing at all), and a small figure that one decimal
    would show as 0.0 with the digits that say it is not nothing: 0.04, 0.0012, < 0.001 ("–":
    no figure)."""
    if value is None:
        return "–"
    if value == 0 or abs(value) >= 0.05:
        return f"{value:.1f}"
    if abs(value) < _SMALLEST:
        return f"< {_SMALLEST}" if value > 0 else f"> -{_SMALLEST}"
    return f"{value:.2g}"  # two significant digits: 0.04, 0.012, 0.0012
