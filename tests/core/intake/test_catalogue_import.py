"""The capability catalogue's import from a spreadsheet: adds and updates, and refuses a bad
file whole."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from qms_review.core.intake import catalogue_import
from qms_review.core.store.database import Store
from qms_review.core.store.models import CatalogueItem
from qms_review.core.store.vocabulary import PartStatus
from tests.core.helpers import catalogue_file, counts


def test_catalogue_import_adds_and_updates_and_refuses_bad_files_whole(
    store: Store, tmp_path: Path
):
    good = catalogue_file(
        tmp_path / "parts.xlsx",
        [
            ["HB-1020", "C", "发布", "液压块", 28, 10, 500, 120, "CNC"],
            ["HB-1020", "B", "作废", "液压块", 28, 10, 500, 120, "CNC"],
            ["SH-2210", "A", "", "Shaft", "35", "20", "2,000", 400, "Turning"],
        ],
    )
    plan = catalogue_import.analyse(good)
    assert plan.ok
    assert plan.sheet == "Parts"
    with store.write("quality") as session:
        assert catalogue_import.commit(session, plan) == catalogue_import.Summary(3, 0, 0)
    with store.read() as session:
        items = {(i.part_number, i.revision): i for i in session.scalars(select(CatalogueItem))}
    assert items[("HB-1020", "B")].status is PartStatus.OBSOLETE
    assert items[("SH-2210", "A")].max_lot == Decimal(2000)

    bad = catalogue_file(
        tmp_path / "bad.xlsx",
        [
            ["HB-1020", "C", "released", "", 21, 10, 500, 120, ""],
            ["FL-3305", "D", "maybe", "", 21, 50, 10, 800, ""],
            ["PN-7103", "A", "", "", "ten", 1, 2, 3, ""],
            ["HB-1020", "C", "", "", 1, 1, 2, 3, ""],
        ],
    )
    before = counts(tmp_path / "data" / "qms-review.sqlite3")
    plan = catalogue_import.analyse(bad)
    assert [(i.row, i.header, i.code) for i in plan.issues] == [
        (4, "状态", "cat_status"),
        (5, "生产周期(天)", "not_number"),
        (6, None, "cat_duplicate"),
    ]
    assert "row 4, column C (状态): “maybe”" in plan.issues[0].message("en")
    with pytest.raises(catalogue_import.CatalogueRefused), store.write("quality") as session:
        catalogue_import.commit(session, plan)
    assert counts(tmp_path / "data" / "qms-review.sqlite3") == before

    update = catalogue_file(
        tmp_path / "update.xlsx", [["HB-1020", "C", "发布", "液压块", 21, 10, 500, 120, "CNC"]]
    )
    with store.write("quality") as session:
        assert catalogue_import.commit(
            session, catalogue_import.analyse(update)
        ) == catalogue_import.Summary(0, 1, 0)
