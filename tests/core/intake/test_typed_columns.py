"""The column-at-once paths give what a cell (or a line) at a time gives: a number column
of floats is written as Excel shows it (15 significant digits), and any float that is not
plainly such a number (an exponent, more than six places, ±1e12 or beyond, not finite) is left
to the parsers, whatever else the column holds; a cell of spaces in an unmapped column is no
value kept with its line."""

from __future__ import annotations

import math
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from qms_review.core.intake import typed_columns
from qms_review.core.intake.analysis import Options, analyse

TRICKY = [
    3.9299999999999997,  # float noise: 3.93
    36.900000000000006,
    86.4,
    0.0,
    -0.0,
    -12.5,
    1.0,
    999_999_999_999.0,
    123_456.123456,
    2.0000000000000004,  # written "2", not whole: the parsers say 2
    0.1234567,  # seven places: the parsers refuse it
    1e-7,
    1e12,
    -1e12,
    1e15,
    math.inf,
    -math.inf,
    math.nan,
]


def _alone(value: Any, kind: str) -> tuple[Any, bool]:
    """The value and whether it was left to the parsers, converting a column of one cell."""
    values, slow = typed_columns.convert([value], kind, False, 80)
    return values[0], bool(slow)


def _shown(value: Any) -> str | None:
    return None if value is None else str(value)


def test_a_column_gives_what_each_cell_alone_gives() -> None:
    rng = random.Random(16)
    plain = [round(rng.uniform(-900, 900), rng.randint(0, 6)) for _ in range(200)]
    for kind in ("number", "integer"):
        for column in (plain, [*plain, TRICKY[0]], TRICKY, [*plain, "12", None, "", 7, *TRICKY]):
            values, slow = typed_columns.convert(list(column), kind, False, 80)
            for index, raw in enumerate(column):
                value, left = _alone(raw, kind)
                assert (index in slow) == left, (kind, raw)
                assert _shown(values[index]) == _shown(value), (kind, raw)


def test_floats_as_excel_shows_them() -> None:
    values, slow = typed_columns.convert(TRICKY, "number", False, 80)
    shown = {raw: _shown(values[i]) for i, raw in enumerate(TRICKY) if i not in slow}
    assert shown[3.9299999999999997] == "3.93"
    assert shown[36.900000000000006] == "36.9"
    assert shown[86.4] == "86.4"
    assert shown[123_456.123456] == "123456.123456"
    assert _shown(values[TRICKY.index(-0.0)]) == "0"  # never "-0"
    assert values[TRICKY.index(999_999_999_999.0)] == Decimal(999_999_999_999)
    left = {TRICKY[i] for i in slow if not isinstance(TRICKY[i], float) or TRICKY[i] == TRICKY[i]}
    assert left == {2.0000000000000004, 0.1234567, 1e-7, 1e12, -1e12, 1e15, math.inf, -math.inf}
    assert any(isinstance(TRICKY[i], float) and math.isnan(TRICKY[i]) for i in slow)


def test_whole_numbers_column() -> None:
    values, slow = typed_columns.convert([10.0, 20.0, 30.0], "integer", False, 80)
    assert values == [10, 20, 30]
    assert all(type(v) is int for v in values)
    assert not slow
    values, slow = typed_columns.convert([10.0, 20.5, None, ""], "integer", False, 80)
    assert values[0] == 10
    assert slow == [1]


def test_a_cell_of_spaces_in_an_unmapped_column_is_nothing(tmp_path: Path) -> None:
    path = tmp_path / "po.csv"
    path.write_text("Part No.,Qty,客户料号\nP-1,5,   \nP-2,6,K-2\n,,  \n", encoding="utf-8")
    plan = analyse(path, Options(customer="ACME", order_number="PO-1"))
    assert plan.ok, [issue.message() for issue in plan.errors]
    assert [line.get("extra") for line in plan.lines] == [None, {"客户料号": "K-2"}]
    assert plan.line_rows == [2, 3]
