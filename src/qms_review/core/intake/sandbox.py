"""Reading a file from outside without letting it take the program down.

A spreadsheet reader can be made to ask for any amount of memory: python-calamine builds a
sheet's whole range densely before it returns it, so a 1.5 KB .xlsx with one cell at
XFD1048576 asks for 512 GiB and the process aborts (no exception to catch). So:

1. cheap checks here, in the program's process, before anything is unpacked into cells: the
   file's size and kind, the zip members' sizes and compression ratio (zip bombs), and for
   .xlsx/.xlsm each sheet's declared dimension (``<dimension ref=…>``);
2. the file is then read by :func:`reading.read` in a child process with a memory limit
   (``RLIMIT_AS`` on POSIX) and a time limit, while this process scans the sheets' real cell
   references (the used range) and stops the child as soon as one lies beyond the limits;
3. the child returns plain picklable data (the workbook's rows), or the refusal it raised, or
   it dies: then the file is "too large or malformed", by name. Nothing is written either way.
"""

from __future__ import annotations

import io
import pickle
import re
import subprocess
import sys
import threading
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from qms_review.core.intake import child, reading
from qms_review.core.intake.limits import MAX_CELLS, MAX_COLUMNS, MAX_ROWS
from qms_review.core.intake.reading import ReadError, Sheet, SheetExtras, Workbook

CHILD_MEMORY_BYTES = 2 * 2**30
"""The child's address space: a 100,000-line order needs ~250 MB."""
CHILD_SECONDS: float = 120
"""Wall-clock time the child may take (a 100,000-line order takes about a second)."""

_DIMENSION = re.compile(
    rb'<dimension\b[^>]*?\bref="\$?([A-Z]{0,9})\$?(\d{0,15})(?::\$?([A-Z]{0,9})\$?(\d{0,15}))?"'
)
_ROW = re.compile(rb'<row\b[^>]*?\br="(\d{1,15})"')
_WIDE_CELL = re.compile(rb'<c r="([A-Z]{2,9})(\d{1,15})"')  # column AA or further
_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_REV = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
_CHUNK = 1 << 20
_BROKEN = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    ValueError,
    EOFError,
    RuntimeError,  # an encrypted member
    NotImplementedError,  # a compression method zipfile does not know
    KeyError,
)


Progress = Callable[[int, int], None]
"""``progress(done, total)``, called every ~50 ms while the child reads: a caller that wants
the reading stopped raises from it (the child is killed, the exception goes on)."""


def read(path: Path, progress: Progress | None = None) -> Workbook:
    """Read ``path`` (any supported kind) safely, or raise :class:`ReadError`."""
    content = reading.load(path)
    suffix = path.suffix.lower()
    facts = (
        reading.check_container(path, suffix, content) if suffix in reading.SPREADSHEETS else None
    )
    sheets, date1904 = _sheet_members(content) if suffix in (".xlsx", ".xlsm") else ({}, False)
    for member, name in sheets.items():
        _check_dimension(path, content, member, name)
    workbook = _read_in_child(path, content, sheets, progress)
    workbook.date1904 = workbook.date1904 or date1904 or bool(facts and facts.date1904)
    return workbook


# --- the cheap checks ----------------------------------------------------------------------


def _sheet_members(content: bytes) -> tuple[dict[str, str], bool]:
    """Zip member → sheet name, for every worksheet of an .xlsx/.xlsm; its 1904 flag."""
    found: dict[str, str] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            book = archive.read("xl/workbook.xml") if "xl/workbook.xml" in names else b""
            rels_name = "xl/_rels/workbook.xml.rels"
            rels_xml = archive.read(rels_name) if rels_name in names else b""
            rels = dict(_REL.findall(rels_xml))
            rels.update({k: v for v, k in _REL_REV.findall(rels_xml)})
    except _BROKEN:
        return found, False  # the child says what is wrong with it
    for raw_name, rid in _SHEET.findall(book):
        name = reading.unescape(raw_name.decode("utf-8", "replace"), quotes=True)
        target = rels.get(rid, b"").decode("utf-8", "replace").lstrip("/")
        member = target if target.startswith("xl/") else f"xl/{target}"
        if member in names:
            found[member] = name
    for member in names:  # a sheet the workbook does not list is still read by some readers
        if member.startswith("xl/worksheets/") and member.endswith(".xml"):
            found.setdefault(member, member.rpartition("/")[2])
    return found, reading.workbook_1904(book)


def _index(letters: bytes) -> int:
    return reading.column_index(letters.decode()) + 1 if letters else 1


def _check_dimension(path: Path, content: bytes, member: str, sheet: str) -> None:
    """The range the sheet declares (``<dimension ref="A1:XFD1048576"/>``), read from the first
    bytes of its XML: calamine reserves room for it before reading a cell."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive, archive.open(member) as stream:
            head = stream.read(8192)
    except _BROKEN:
        return  # the child says what is wrong with it
    found = _DIMENSION.search(head)
    if found is None:
        return
    first_column, first_row, last_column, last_row = found.groups()
    if last_column is None and last_row is None:  # a single cell: ref="A1"
        last_column, last_row = first_column, first_row
    _check_range(path, sheet, int(last_row or 1), _index(last_column or b""))


def _check_range(path: Path, sheet: str, rows: int, columns: int) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        raise reading.too_large(path, sheet, rows, columns)


def _scan_used_range(
    path: Path,
    content: bytes,
    sheets: dict[str, str],
    stop: threading.Event,
    extras: dict[str, SheetExtras],
) -> ReadError | None:
    """The last row and column each sheet really uses (its rows' numbers, and its cells beyond
    column Z), streamed 1 MB at a time (so the lock is never held long); the refusal of the
    first sheet beyond the limits. A file that hides its extent otherwise meets the child's
    memory limit. Meanwhile what calamine does not report (hidden rows, error cells, formulas
    without values) goes into ``extras`` by sheet name: the child need not read the XML again."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for member, sheet in sheets.items():
                last_row, last_column, tail = 0, 0, b""
                found = extras.setdefault(sheet, SheetExtras())
                with archive.open(member) as stream:
                    while not stop.is_set():
                        chunk = stream.read(_CHUNK)
                        data, tail = reading.row_blocks(tail + chunk) if chunk else (tail, b"")
                        found.scan(data)
                        rows = _ROW.findall(data)
                        wide = _WIDE_CELL.findall(data)
                        last_row = max([last_row, *map(int, rows), *(int(r) for _, r in wide)])
                        if wide:
                            widest = max({c for c, _ in wide}, key=lambda c: (len(c), c))
                            last_column = max(last_column, _index(widest))
                        if (
                            last_row > MAX_ROWS
                            or last_column > MAX_COLUMNS
                            or last_row * last_column > MAX_CELLS
                        ):
                            return reading.too_large(path, sheet, last_row, max(last_column, 1))
                        if not chunk:
                            break
    except _BROKEN:
        return None  # the child says what is wrong with it
    return None


# --- the child -----------------------------------------------------------------------------

CHILD_FLAG = "--read-spreadsheet-in-child"
"""``qms-review CHILD_FLAG NAME MEMORY SECONDS`` (or ``python -m qms_review …``) is the child
(:func:`qms_review.core.intake.child.child_main`): the program's own executable, so a bundle
made by PyInstaller starts it the same way."""


def _child_command() -> list[str]:
    program = (
        [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "qms_review"]
    )
    return [*program, CHILD_FLAG]


def _read_in_child(
    path: Path, content: bytes, sheets: dict[str, str], progress: Progress | None
) -> Workbook:
    """Start the child, scan the used range (and the XML's extras) meanwhile, and take the
    child's answer frame by frame (the rows come in blocks, so unpickling here overlaps
    pickling there). ``progress`` is called while waiting; if it raises, the child is killed.

    The scan begins once the child has the file: the file goes through a pipe a few KB at a
    time, each piece waiting for the interpreter lock that the scan's regexes hold, which
    kept a 100,000-line order (6.6 MB) from the child for ~0.2 s."""
    process = subprocess.Popen(
        [*_child_command(), path.name, str(CHILD_MEMORY_BYTES), str(CHILD_SECONDS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console flashing on Windows
    )
    stop = threading.Event()
    refusal: list[ReadError | None] = [None]
    extras: dict[str, SheetExtras] = {}
    timed_out = threading.Event()
    answer: list[tuple[Any, ...] | None] = [None]
    given = threading.Event()  # the child has the file (or will never take it)

    def scan() -> None:
        given.wait()
        refusal[0] = _scan_used_range(path, content, sheets, stop, extras)
        if refusal[0] is not None:
            process.kill()

    def too_slow() -> None:
        timed_out.set()
        process.kill()

    def take() -> None:
        answer[0] = _answer(process, content, given)

    scanner = threading.Thread(target=scan, daemon=True)
    reader = threading.Thread(target=take, daemon=True)
    timer = threading.Timer(CHILD_SECONDS, too_slow)
    scanner.start()
    reader.start()
    timer.start()
    try:
        while reader.is_alive():
            reader.join(_POLL_SECONDS)
            if progress is not None and reader.is_alive():
                progress(0, 0)
    finally:
        timer.cancel()
        if answer[0] is None or answer[0][0] != "ok":
            stop.set()  # the extras are wanted only for a workbook read
        if process.poll() is None and answer[0] is None:
            process.kill()
        process.wait()
        reader.join()
        scanner.join()
        for stream in (process.stdin, process.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:  # the child died before it read all of the file
                pass
    if refusal[0] is not None:
        raise refusal[0]
    if timed_out.is_set():
        raise ReadError(path, "intake.reason.too_slow", seconds=CHILD_SECONDS)
    got = answer[0]
    if got is None or got[0] == "memory" or process.returncode != 0:
        raise ReadError(path, "intake.reason.too_much_memory", mb=CHILD_MEMORY_BYTES // 2**20)
    if got[0] == "refused":
        raise ReadError(path, got[1], **got[2])
    workbook: Workbook = got[1]
    workbook.path, workbook.content = path, content
    for sheet in workbook.sheets:
        if sheet.name in extras:
            extras[sheet.name].apply(sheet)
    return workbook


_POLL_SECONDS = 0.05


def _answer(
    process: subprocess.Popen[bytes], content: bytes, given: threading.Event
) -> tuple[Any, ...] | None:
    """The child's answer, its rows put back into its sheets; None if it died on the way.
    ``given`` is set once the file is written to the child (or cannot be)."""
    assert process.stdin is not None
    assert process.stdout is not None
    try:
        process.stdin.write(content)
        process.stdin.close()
    except OSError:  # it died before it read the file
        return None
    finally:
        given.set()
    answer: tuple[Any, ...] | None = _frame(process.stdout)
    if not isinstance(answer, tuple) or not answer:
        return None
    if answer[0] == "ok":
        try:
            _, plain, counts, date1904 = answer
            sheets = [
                Sheet(name, [], shown, merged, formulas=f) for name, shown, merged, f in plain
            ]
        except (ValueError, TypeError):
            return None
        workbook = Workbook(Path(), b"", sheets, bool(date1904))
        for sheet, count in zip(workbook.sheets, counts, strict=True):
            while len(sheet.rows) < count:
                block = _frame(process.stdout)
                if isinstance(block, tuple) and block and isinstance(block[0], tuple):
                    try:
                        sheet.rows.extend(child.unpacked(block))  # sent as columns
                    except (ValueError, IndexError, TypeError):
                        return None
                elif isinstance(block, list) and block:
                    sheet.rows.extend(block)
                else:
                    return None
        answer = ("ok", workbook)
    return answer


def _frame(stream: IO[bytes]) -> Any:
    head = stream.read(child.LENGTH.size)
    if len(head) < child.LENGTH.size:
        return None
    (length,) = child.LENGTH.unpack(head)
    body = stream.read(length)
    if len(body) < length:
        return None
    try:
        return pickle.loads(body)
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return None
