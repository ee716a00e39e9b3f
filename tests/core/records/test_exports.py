"""Excel exports: real types, the filter applied, one review's data."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from qms_review import cli


def test_register_and_review_exports(capsys, folder: Path, tmp_path: Path):
    assert cli.main(["demo"]) == 0
    capsys.readouterr()
    path = tmp_path / "register.xlsx"
    assert cli.main(["export", str(path), "--filter", "northwind"]) == 0
    assert "Saved 8 orders" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Customer", "Customer code", "Kind", "Number"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 8
    assert all(r[0] == "Northwind Pumps Ltd" for r in rows)
    assert isinstance(rows[0][4], int)  # revision as a number
    assert isinstance(rows[0][5], date | datetime)  # order date as a date
    assert sheet.freeze_panes == "A2"
    review = tmp_path / "review.xlsx"
    assert cli.main(["export", str(review), "--review-of", "PO-1001-260927"]) == 0
    book = openpyxl.load_workbook(review)
    assert len(book.sheetnames) == 7  # … with the communication log
    manifest = book[book.sheetnames[-1]]
    assert manifest.max_row == 11  # header + 10 signatures
    assert cli.main(["export", str(review)]) == 1  # never overwrites


def test_register_export_reports_progress_and_stops_when_told(demo_store, tmp_path: Path):
    from qms_review.core.records import exports

    seen: list[tuple[int, int]] = []
    path = tmp_path / "register.xlsx"
    with demo_store.read() as session:
        count = exports.register_xlsx(
            session, path, progress=lambda done, total: seen.append((done, total))
        )
    assert count > 0
    assert path.exists()
    assert seen[0] == (0, 2 * count)  # reading the rows, then writing them
    assert {total for _done, total in seen} == {2 * count}
    assert [done for done, _total in seen] == sorted(done for done, _total in seen)

    class Stop(Exception):
        pass

    def stop(_done: int, _total: int) -> None:
        raise Stop

    stopped = tmp_path / "stopped.xlsx"
    with demo_store.read() as session, pytest.raises(Stop):
        exports.register_xlsx(session, stopped, progress=stop)
    assert not stopped.exists()  # nothing written halfway
