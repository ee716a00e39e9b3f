"""A small average (one amendment in 25 orders) is not written as "0.0 per order": it keeps the
digits that say it is not nothing, in ``qms-review stats`` in every language."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_review.cli import main
from qms_review.core.oversight.fractions import one_decimal
from qms_review.core.store.database import Store
from tests.helpers import orders_rarely_amended


@pytest.mark.parametrize(
    ("value", "written"),
    [(None, "–"), (0, "0.0"), (2.44, "2.4"), (0.05, "0.05"), (1 / 25, "0.04"), (1 / 90, "0.011"),
     (0.00123, "0.0012"), (0.00001, "< 0.001"), (1 / 21, "0.048"), (1 / 19, "0.053"),
     (3 / 20, "0.2"), (0.25, "0.3"), (45, "45.0")],
)  # fmt: skip
def test_one_decimal_unless_it_would_say_nothing(value: float | None, written: str):
    assert one_decimal(value) == written


@pytest.mark.parametrize(
    ("language", "said"),
    [("C", "Orders: 25, of which 1 amended (1 amendment, 0.04 per order)."),
     ("zh_CN.UTF-8", "订单：25 份，其中 1 份有修订（共 1 次，每份 0.04 次）。")],
)  # fmt: skip
def test_the_command_line_says_a_small_average(
    store: Store, capsys, folder: Path, language: str, said: str
):
    orders_rarely_amended(store)
    assert main(["stats"], env={"LANG": language, "QMS_REVIEW_DATA_DIR": str(folder)}) == 0
    assert said in capsys.readouterr().out.splitlines()
