"""Files that used to take the program down are refused, by name, and nothing is written.

Before the sandbox, ``far_cell`` aborted the whole process (exit 134: calamine asked for
512 GiB) and ``four_cells`` took 20 s and 3 GB: had these tests read them in-process, pytest
itself would have died.
"""

from __future__ import annotations

import math
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from qms_review import cli
from qms_review.core.intake import reading, sandbox
from qms_review.core.intake.analysis import analyse
from qms_review.core.intake.catalogue_import import analyse as analyse_catalogue
from qms_review.core.intake.reading import ReadError
from tests import corpus, hostile
from tests.core.helpers import counts


def _refused(path: Path) -> tuple[ReadError, float]:
    """The refusal, and the seconds it took (generous limits below: CI machines are shared)."""
    start = time.perf_counter()
    with pytest.raises(ReadError) as caught:
        sandbox.read(path)
    return caught.value, time.perf_counter() - start


def test_far_cell_declared_is_refused_at_once(tmp_path: Path):
    path = hostile.far_cell(tmp_path / "far.xlsx")
    assert path.stat().st_size < 2000
    start = time.process_time()
    error, seconds = _refused(path)
    assert time.process_time() - start < 1  # refused before any child is started
    assert seconds < 5
    assert error.reason_key == "intake.reason.too_large"
    assert error.message() == (
        "Cannot read far.xlsx: this file is too large or malformed: sheet Order reaches cell "
        "XFD1048576 (1048576 rows × 16384 columns); at most 1000000 rows, 500 columns and "
        "20000000 cells in all are read. Nothing was imported"
    )
    assert "文件过大或格式异常：工作表 Order 延伸到单元格 XFD1048576" in error.message("zh_CN")


def test_far_cell_without_dimension_is_found_by_the_used_range(tmp_path: Path):
    error, seconds = _refused(hostile.far_cell(tmp_path / "far.xlsx", dimension=None))
    assert seconds < 10
    assert error.reason_key == "intake.reason.too_large"
    assert "XFD1048576" in error.message()


def test_four_cells_reaching_sf150000(tmp_path: Path):
    error, seconds = _refused(hostile.four_cells(tmp_path / "four.xlsx"))
    assert seconds < 10
    assert "sheet Order reaches cell SF150000 (150000 rows × 500 columns)" in error.message()


def test_a_file_hiding_its_extent_meets_the_childs_memory_limit(tmp_path: Path):
    """No dimension, and the cell references after other attributes (the scan does not see
    them): only the child's memory limit stands between calamine and 512 GiB."""
    path = hostile.xlsx(
        tmp_path / "hidden.xlsx", [("A1", "Part No."), ("XFD1048576", "x")], None, "S", True
    )
    error, seconds = _refused(path)
    assert seconds < 20
    assert error.reason_key == "intake.reason.too_much_memory"
    assert error.message().startswith("Cannot read hidden.xlsx: this file is too large or ")


def test_a_child_that_takes_too_long_is_stopped(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sandbox, "CHILD_SECONDS", 0.001)
    error, _seconds = _refused(corpus.messy(tmp_path / "po.xlsx"))
    assert error.reason_key == "intake.reason.too_slow"
    assert "took longer than 0.001 seconds" in error.message()


def test_the_childs_own_refusal_comes_back_as_ours(tmp_path: Path):
    path = corpus.messy(tmp_path / "po.xlsx")
    sheet = "xl/worksheets/sheet1.xml"
    broken = hostile.rewrite(path, tmp_path / "broken.xlsx", sheet, lambda x: x[: len(x) // 2])
    error, _seconds = _refused(broken)
    assert error.reason_key == "intake.reason.damaged"
    assert error.message().startswith("Cannot read broken.xlsx: the file is damaged (")


def test_a_good_file_comes_back_whole(tmp_path: Path):
    path = corpus.messy(tmp_path / "po.xlsx")
    workbook = sandbox.read(path)
    assert workbook.path == path
    assert workbook.content == path.read_bytes()  # the bytes kept as evidence are the ones read
    plan = analyse(path)
    assert plan.ok
    assert [line["part_number"] for line in plan.lines] == ["HB-1020", "SH-2210", "FL-3305"]


def test_every_kind_of_column_comes_back_as_read_in_process(tmp_path: Path):
    """The child sends a column as an array of numbers, repeated values and their indices,
    texts joined, or as it is: the program gets exactly the cells (values and types) that
    reading the file in its own process gives."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for n in range(1, 301):
        sheet.append(
            [
                n * 10.5 if n % 7 else -0.0,  # numbers
                f"P-{n:04d}",  # texts, all different
                "件" if n % 3 else "pcs",  # texts, repeated
                date(2027, 1, 1 + n % 28),  # dates, repeated
                datetime(2027, 1, 1, n % 24, 30),  # date and time
                n if n % 2 else f"{n} pcs",  # numbers and texts
                None if n % 4 else "需提供材质证明",  # mostly empty
                n % 5 == 0,  # true or false
            ]
        )
    path = tmp_path / "kinds.xlsx"
    book.save(path)
    expected = reading.read(path).sheets[0].rows
    got = sandbox.read(path).sheets[0].rows
    assert [[(type(c), c) for c in row] for row in got] == [
        [(type(c), c) for c in row] for row in expected
    ]
    assert math.copysign(1, got[6][0]) == -1  # -0.0 kept


def test_the_catalogue_import_reads_in_the_sandbox_too(tmp_path: Path):
    with pytest.raises(ReadError, match="too large or malformed"):
        analyse_catalogue(hostile.far_cell(tmp_path / "parts.xlsx"))


@pytest.mark.parametrize("make", [hostile.far_cell, hostile.four_cells])
def test_cli_dry_run_refuses_and_writes_nothing(capsys, folder: Path, tmp_path: Path, make):
    db = folder / "qms-review.sqlite3"
    assert cli.main(["db", "upgrade"]) == 0
    before = counts(db)
    path = make(tmp_path / "order.xlsx")
    for extra in (["--dry-run"], []):
        capsys.readouterr()
        start = time.perf_counter()
        assert cli.main(["import", str(path), *extra]) == 1
        assert time.perf_counter() - start < 10
        err = capsys.readouterr().err
        assert "Cannot read order.xlsx: this file is too large or malformed: sheet Order" in err
        assert "Traceback" not in err
    assert counts(db) == before


def test_an_ods_repeating_cells_to_the_sheets_end_is_refused(tmp_path: Path):
    """OpenDocument has no declared range to check cheaply: refused all the same (calamine
    gives up on it; had it tried to build the range, the child would have stopped)."""
    import zipfile

    base = corpus.ods(tmp_path / "base.ods", [["Part No.", "Qty"], ["P-1", 1]])
    far = tmp_path / "far.ods"
    repeated = (
        b'<table:table-row table:number-rows-repeated="1048570">'
        b'<table:table-cell table:number-columns-repeated="16380"/>'
        b'<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
        b"</table:table-row></table:table>"
    )
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(far, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "content.xml":
                data = data.replace(b"</table:table>", repeated, 1)
            target.writestr(info, data)
    error, seconds = _refused(far)
    assert seconds < 20
    assert error.message().startswith("Cannot read far.ods: ")


def test_a_reading_stopped_through_progress_kills_the_child(tmp_path: Path, monkeypatch):
    """The caller's progress raises (the user cancelled): the child is gone at once and the
    exception goes on."""
    import subprocess
    import sys

    started: list[subprocess.Popen[bytes]] = []
    real_popen = subprocess.Popen

    def popen(*args, **kwargs):
        started.append(real_popen(*args, **kwargs))
        return started[-1]

    slow = "import sys, time; sys.stdin.buffer.read(); time.sleep(60)"
    monkeypatch.setattr(sandbox, "_child_command", lambda: [sys.executable, "-c", slow])
    monkeypatch.setattr(sandbox.subprocess, "Popen", popen)
    calls: list[int] = []

    class Stop(Exception):
        pass

    def progress(_done: int, _total: int) -> None:
        calls.append(1)
        if len(calls) > 3:
            raise Stop()

    start = time.perf_counter()
    with pytest.raises(Stop):
        sandbox.read(corpus.messy(tmp_path / "po.xlsx"), progress)
    assert time.perf_counter() - start < 10
    assert started[0].poll() is not None
