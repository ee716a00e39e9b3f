"""The reading child's side of the sandbox (:mod:`qms_review.core.intake.sandbox`): limits
first, then the file from standard input, read, and the answer to standard output in frames.

The child imports what reading an .xlsx needs and no more (~20 ms, against ~55 ms for the
program's reading module with its messages and data classes): an .xlsx or .xlsm is read with
calamine here and its sheets sent as plain data. Every other kind, every refusal and every
file calamine fails on go through :func:`qms_review.core.intake.reading.read`, imported then.
"""

from __future__ import annotations

import gc
import io
import os
import pickle
import struct
import sys
from array import array
from datetime import date, datetime

from qms_review.core.intake.limits import MAX_CELLS, MAX_COLUMNS, MAX_ROWS
from qms_review.core.intake.worksheets import merged, worksheets

TYPE_CHECKING = False  # typing itself is not imported: ~5 ms of each child's start
if TYPE_CHECKING:
    from typing import Any

ROWS_PER_FRAME = 10_000
LENGTH = struct.Struct(">Q")
#: A sheet as the child sends it, before its rows: name, visible, merged cells (r0, c0, r1,
#: c1), formulas saved without their values ({(row, column): formula}).
Plain = tuple[str, bool, list[tuple[int, int, int, int]], dict[tuple[int, int], str]]


def child_main(args: list[str], leave: bool = False) -> int:
    """The child's side (``args``: the file's name, the memory and time limits): limits first,
    then the file from standard input, read; the answer (tuples and lists of plain data)
    pickled to standard output in frames: ("ok", sheets, row counts, 1904 date system), then
    each sheet's rows, :data:`ROWS_PER_FRAME` per frame; or ("refused", reason, parameters), or
    ("memory",). ``leave``: once the answer is out, the process ends at once (the program waits
    for it, and freeing a million cells one by one took ~0.03 s)."""
    name, memory, seconds = args[0], int(args[1]), int(float(args[2]))
    gc.disable()  # a short life making a million objects, none of them garbage
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds + 5, seconds + 10))
    except (ImportError, ValueError, OSError):  # not POSIX: the time limit still holds
        pass
    content = sys.stdin.buffer.read()
    out = sys.stdout.buffer

    def send(value: Any) -> None:
        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(LENGTH.pack(len(body)))
        out.write(body)

    try:
        found = _xlsx(name, content)
        sheets, rows, date1904 = found if found is not None else _read(name, content)
    except MemoryError:
        send(("memory",))
    except Exception as exc:  # a refusal, or a reader's own failure on a broken file
        send(_refusal(exc))
    else:
        send(("ok", sheets, [len(r) for r in rows], date1904))
        out.flush()
        shared: dict[Any, Any] = {}
        for sheet_rows in rows:
            for start in range(0, len(sheet_rows), ROWS_PER_FRAME):
                send(packed(sheet_rows[start : start + ROWS_PER_FRAME], shared))
                out.flush()
    out.flush()
    if leave:
        os._exit(0)
    return 0


def _xlsx(name: str, content: bytes) -> tuple[list[Plain], list[list[list[Any]]], bool] | None:
    """An .xlsx or .xlsm read with calamine, as :func:`reading.read` reads it (the program has
    checked the container, and takes the 1904 date system from the workbook XML); None for
    other kinds and whenever calamine fails (:func:`_read` says why)."""
    if not name.lower().endswith((".xlsx", ".xlsm")):
        return None
    import python_calamine as pc

    sheets: list[Plain] = []
    rows: list[list[list[Any]]] = []
    beyond: tuple[str, int, int] | None = None  # a sheet beyond the limits: name, height, width
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(content))
        for sheet, data, visible in worksheets(book):
            height, width = data.total_height, data.total_width
            if height * width > MAX_CELLS or height > MAX_ROWS or width > MAX_COLUMNS:
                beyond = (sheet, height, width)  # refused before its cells become objects
                break
            rows.append(data.to_python(skip_empty_area=False))
            sheets.append((sheet, visible, merged(data), {}))
    except MemoryError:
        raise
    except Exception:  # calamine's own failure (encrypted, damaged): reading.read says which
        return None
    if beyond is not None:
        from pathlib import Path

        from qms_review.core.intake import reading

        reading.check_sheet_size(Path(name), *beyond)
    return sheets, rows, False


def _read(name: str, content: bytes) -> tuple[list[Plain], list[list[list[Any]]], bool]:
    """The file read by :func:`reading.read` (the program scans an .xlsx's XML itself)."""
    from pathlib import Path

    from qms_review.core.intake import reading

    workbook = reading.read(Path(name), content, scan_xml=False)
    sheets: list[Plain] = [(s.name, s.visible, s.merged, s.formulas) for s in workbook.sheets]
    return sheets, [sheet.rows for sheet in workbook.sheets], workbook.date1904


def _refusal(exc: Exception) -> tuple[Any, ...]:
    from qms_review.core.intake.reading import ReadError
    from qms_review.core.messages import Message

    if isinstance(exc, ReadError):
        return ("refused", exc.reason_key, dict(exc.params["reason"].args))
    return ("refused", "intake.reason.damaged", {"error": Message("intake.damage.records")})


# --- the rows as they travel ---------------------------------------------------------------

_SHARED_TYPES = (str, date, datetime)
_SHAREABLE = frozenset({str, date, datetime, type(None)})


def packed(block: list[list[Any]], shared: dict[Any, Any]) -> Any:
    """A block of rows as it travels: as a tuple of columns when the rows are equally wide
    (calamine's are), else as the rows themselves. A column of numbers goes as the bytes of
    an array of doubles; one that repeats texts or dates (a unit "件" on 100,000 lines) as
    its distinct values and an array of indices (one object each in the program: ~15 MB less
    per 100,000 lines); one of other texts joined by NUL (when none holds one); the rest as
    the column. Each made and remade at C speed (:func:`unpacked`)."""
    widths = set(map(len, block))
    if len(widths) != 1 or not widths.pop():
        _share(block, shared)
        return block
    columns: list[Any] = list(zip(*block, strict=True))
    for index, column in enumerate(columns):
        kinds = set(map(type, column))
        if kinds == {float}:
            columns[index] = ("d", array("d", column).tobytes())
            continue
        if kinds <= _SHAREABLE:
            sample = column[:256]  # part numbers: not worth a look at every cell for repeats
            distinct = list(dict.fromkeys(column)) if len(set(sample)) < len(sample) else ()
            if distinct and len(distinct) * 2 <= len(column):  # repeated: worth sharing
                at = {value: n for n, value in enumerate(distinct)}
                codes = array("I", map(at.__getitem__, column))
                columns[index] = ("k", distinct, codes.tobytes())
                continue
            if kinds == {str} and (joined := "\0".join(column)).count("\0") == len(column) - 1:
                columns[index] = ("s", joined)
                continue
        columns[index] = ("c", column)
    return tuple(columns)


def unpacked(columns: tuple[Any, ...]) -> list[list[Any]]:
    """The rows of a block that :func:`packed` made columns of."""
    found: list[Any] = []
    for column in columns:
        kind = column[0]
        if kind == "d":
            found.append(array("d", column[1]).tolist())
        elif kind == "k":
            found.append(list(map(column[1].__getitem__, array("I", column[2]))))
        elif kind == "s":
            found.append(column[1].split("\0"))
        elif kind == "c":
            found.append(column[1])
        else:
            raise ValueError(kind)
    return list(map(list, zip(*found, strict=True)))


def _share(rows: list[list[Any]], shared: dict[Any, Any]) -> None:
    """Equal texts and dates as one object (a unit "件" on 100,000 lines): pickled once per
    frame, and unpickled into one object, which saves the program ~15 MB per 100,000 lines."""
    if len(shared) > 1 << 16:
        shared.clear()
    for row in rows:
        for index, cell in enumerate(row):
            if type(cell) in _SHARED_TYPES:
                row[index] = shared.setdefault(cell, cell)
