"""Reading a spreadsheet file into plain rows, whatever made it.

python-calamine reads .xlsx/.xlsm/.xlsb/.xls/.ods (NOTES.md: ~8× faster than openpyxl);
CSV is read with the encodings real senders use (UTF-8 with or without BOM, GBK/GB18030,
UTF-16 with a BOM as Excel's "Unicode Text" saves it). For .xlsx/.xlsm the workbook XML is also
scanned for what calamine does not report: the 1904 date system, hidden rows, error cells
(#N/A, #REF!) and formulas saved without their values; :mod:`containers` tells the 1904 system
of the other kinds, encryption, and documents renamed. Chart sheets are skipped.

Hostile or broken files end in :class:`ReadError` with a reason a person understands:
encrypted workbooks, other files renamed to .xlsx, truncated or empty files, zip bombs and
absurd sizes (see the limits below). Nothing here touches the database.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import threading
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qms_review.core.intake import containers, formulas
from qms_review.core.intake.limits import MAX_CELLS, MAX_COLUMNS, MAX_ROWS
from qms_review.core.intake.worksheets import merged, worksheets
from qms_review.core.messages import Message, QmsError

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200

SPREADSHEETS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
SUFFIXES = (*SPREADSHEETS, ".csv", ".txt")
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ReadError(QmsError):
    """The file cannot be read as a spreadsheet; nothing was imported."""

    def __init__(self, path: Path, reason_key: str, **params: Any) -> None:
        self.reason_key = reason_key
        super().__init__(
            "intake.unreadable",
            file=path.name,
            reason=Message(reason_key, **params),
        )


def too_large(path: Path, sheet: str, rows: int, columns: int) -> ReadError:
    """The refusal of a sheet whose range (``rows`` × ``columns``) is beyond the limits."""
    return ReadError(
        path,
        "intake.reason.too_large",
        sheet=sheet,
        cell=f"{column_letter(max(columns, 1) - 1)}{rows}",
        rows=rows,
        columns=columns,
        max_rows=MAX_ROWS,
        max_columns=MAX_COLUMNS,
        max_cells=MAX_CELLS,
    )


@dataclass
class Sheet:
    """One sheet's cells as rows (row 0 is the sheet's first row), and what else it says."""

    name: str
    rows: list[list[Any]]
    visible: bool = True
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1
    hidden_rows: set[int] = field(default_factory=set)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    #: cells holding a formula whose result was not saved (calamine reads them as empty)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass
class Workbook:
    path: Path
    content: bytes
    sheets: list[Sheet]
    date1904: bool = False

    def sheet(self, name: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)


def read(path: Path, content: bytes | None = None, *, scan_xml: bool = True) -> Workbook:
    """Read ``path`` (any supported kind; its ``content`` when already loaded by :func:`load`)
    in this process, or raise :class:`ReadError`. Files from outside are read through
    :func:`qms_review.core.intake.sandbox.read`, which calls this in a child process (with
    ``scan_xml`` False: the program scans an .xlsx's XML itself while the child reads)."""
    if content is None:
        content = load(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return Workbook(path, content, [_read_csv(path, content)])
    facts = check_container(path, suffix, content)
    workbook = _read_calamine(path, suffix, content, scan_xml)
    workbook.date1904 = workbook.date1904 or facts.date1904
    return workbook


def load(path: Path) -> bytes:
    """The bytes of ``path``, if it may be a spreadsheet (its suffix, size, not empty)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(path, "intake.reason.suffix", suffix=suffix or "(none)")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(path, "intake.reason.too_big", mb=MAX_FILE_BYTES // 2**20)
        content = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, "intake.reason.os", error=_os_reason(exc)) from exc
    if not content.strip():
        raise ReadError(path, "intake.reason.empty")
    return content


def _os_reason(exc: OSError) -> Message:
    """Why the system would not give the file, in our words."""
    if isinstance(exc, FileNotFoundError):
        return Message("intake.os.missing")
    if isinstance(exc, PermissionError):
        return Message("intake.os.denied")
    if isinstance(exc, IsADirectoryError):
        return Message("intake.os.folder")
    return Message("intake.os.other", errno=exc.errno or 0)


def check_container(path: Path, suffix: str, content: bytes) -> containers.Facts:
    """Encryption, other documents renamed, broken or hostile zips: refused before reading."""
    if content.startswith(_OLE):
        # An .xls, or an .xlsx/.xlsm/.xlsb that Office encrypted (an EncryptionInfo stream).
        facts = containers.ole(content)
    elif suffix == ".xls" or not content.startswith(_ZIP):
        raise ReadError(path, "intake.reason.not_spreadsheet", suffix=suffix)
    else:
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                infos = archive.infolist()
                total = sum(info.file_size for info in infos)
                packed = max(sum(info.compress_size for info in infos), 1)
                if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
                    raise ReadError(path, "intake.reason.bomb", mb=total // 2**20)
                facts = containers.zipped(archive)
        except (
            zipfile.BadZipFile,
            EOFError,
            ValueError,
            OSError,
            zlib.error,
            RuntimeError,  # a member encrypted with a zip password
            NotImplementedError,  # a compression method zipfile does not know
        ) as exc:
            raise ReadError(path, "intake.reason.truncated") from exc
    if facts.encrypted:
        raise ReadError(path, "intake.reason.encrypted")
    if facts.kind is not None:
        raise ReadError(
            path,
            "intake.reason.other_document",
            kind=Message(f"intake.kind.{facts.kind}"),
            suffix=suffix,
        )
    return facts


def _read_calamine(path: Path, suffix: str, content: bytes, scan_xml: bool = True) -> Workbook:
    import python_calamine as pc

    extras: dict[str, Any] = {}
    scanner: threading.Thread | None = None
    if scan_xml and suffix in (
        ".xlsx",
        ".xlsm",
    ):  # calamine releases the GIL: scan the XML meanwhile
        scanner = threading.Thread(target=lambda: extras.update(_scan_xml(content)), daemon=True)
        scanner.start()
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheets: list[Sheet] = []
        for name, data, visible in worksheets(book):
            # checked before the cells become Python objects
            check_sheet_size(path, name, data.total_height, data.total_width)
            rows = data.to_python(skip_empty_area=False)
            sheets.append(Sheet(name, rows, visible, merged(data)))
    except pc.PasswordError as exc:
        raise ReadError(path, "intake.reason.encrypted") from exc
    except ReadError:
        raise
    except Exception as exc:  # calamine raises plain exceptions for some broken files
        raise ReadError(path, "intake.reason.damaged", error=_damage(exc)) from exc
    finally:
        if scanner is not None:
            scanner.join()
    workbook = Workbook(path, content, sheets)
    workbook.date1904 = bool(extras.get("date1904"))
    for sheet in sheets:
        extras.get("sheets", {}).get(sheet.name, SheetExtras()).apply(sheet)
    if suffix in (".ods", ".xls"):  # calamine reads a formula without its result as empty
        unsaved = formulas.in_ods(content) if suffix == ".ods" else formulas.in_xls(content)
        for sheet in sheets:
            sheet.formulas = {
                (r, c): formula
                for (r, c), formula in unsaved.get(sheet.name, {}).items()
                if r >= len(sheet.rows) or c >= len(sheet.rows[r]) or sheet.rows[r][c] in ("", None)
            }
    return workbook


def check_sheet_size(path: Path, sheet: str, height: int, width: int) -> None:
    """Refuse a sheet of ``height`` rows × ``width`` columns beyond the limits."""
    if height * width > MAX_CELLS:
        raise too_large(path, sheet, height, width)
    if height > MAX_ROWS or width > MAX_COLUMNS:
        raise ReadError(
            path,
            "intake.reason.too_many",
            sheet=sheet,
            rows=height,
            columns=width,
            max_rows=MAX_ROWS,
            max_columns=MAX_COLUMNS,
        )


def _damage(exc: BaseException) -> Message:
    """What broke, in our words (the library's English stays out of the message)."""
    import python_calamine as pc

    said = str(exc).casefold()
    if "detect file format" in said:
        key = "format"
    elif isinstance(exc, pc.ZipError) or "zip" in said:
        key = "zip"
    elif isinstance(exc, pc.XmlError) or "xml" in said:
        key = "xml"
    else:
        key = "records"
    return Message(f"intake.damage.{key}")


# --- what calamine does not tell: the workbook XML of .xlsx/.xlsm --------------------------

_ROW_HIDDEN = re.compile(rb'<row\b[^>]*?\br="(\d+)"[^>]*?\bhidden="(?:1|true)"')
_ROW_HIDDEN_REV = re.compile(rb'<row\b[^>]*?\bhidden="(?:1|true)"[^>]*?\br="(\d+)"')
_ERROR_CELL = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?\bt="e"[^>]*>(?:.*?<v>([^<]*)</v>)?', re.S
)
_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_REV = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
_FORMULA_CELL = re.compile(
    rb'<c\b([^>]*?\br="([A-Z]+)(\d+)"[^>]*?)(?<!/)>((?:(?!</c>).)*?<f\b(?:(?!</c>).)*)</c>', re.S
)
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>([^<]*)</f>)")
_VALUE = re.compile(rb"<v>[^<]+</v>")
_EMPTY_VALUE = re.compile(rb"<v\s*/>|<v>\s*</v>")
_TEXT_TYPE = re.compile(rb'\bt="str"')


@dataclass
class SheetExtras:
    """What a worksheet's XML says that calamine does not: hidden rows, error cells, and
    formulas saved without their result. Scanned whole, or block by block (a block ending
    between rows, see :func:`row_blocks`)."""

    hidden: set[int] = field(default_factory=set)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)

    def scan(self, xml: bytes) -> None:
        # substring checks first (the regexes cost 0.4 s at 100k rows), each after a check
        # for one byte of it that most sheets lack (a byte is found ~40× faster)
        if b"h" in xml and b"hidden=" in xml:
            rows = _ROW_HIDDEN.findall(xml) + _ROW_HIDDEN_REV.findall(xml)
            self.hidden.update(int(r) - 1 for r in rows)
        if b't="e"' in xml:
            for letters, row, value in _ERROR_CELL.findall(xml):
                key = (int(row) - 1, column_index(letters.decode()))
                self.errors[key] = value.decode("utf-8", "replace") or "#ERROR"
        if b"f" in xml and b"<f" in xml:  # formulas saved without their result
            for attributes, letters, row, inner in _FORMULA_CELL.findall(xml):
                # An empty <v/> of a text result (t="str") is a formula giving "".
                if not _VALUE.search(inner) and not (
                    _TEXT_TYPE.search(attributes) and _EMPTY_VALUE.search(inner)
                ):
                    formula = _FORMULA.search(inner)
                    written = formula.group(1) if formula and formula.group(1) else b""
                    key = (int(row) - 1, column_index(letters.decode()))
                    self.formulas[key] = "=" + unescape(written.decode("utf-8", "replace"))

    def apply(self, sheet: Sheet) -> None:
        sheet.hidden_rows, sheet.errors, sheet.formulas = self.hidden, self.errors, self.formulas


def row_blocks(data: bytes) -> tuple[bytes, bytes]:
    """``data`` (a worksheet's XML read so far) cut before its last row (else its last cell,
    else its last tag): the part to scan now, and the rest to scan with what follows."""
    cut = data.rfind(b"<row")
    if cut <= 0:
        end = data.rfind(b"</c>")
        cut = end + 4 if end >= 0 else data.rfind(b"<")
    if cut <= 0:  # one tag of more than 8 MB is scanned as it is (the rest is no XML cell)
        return (data, b"") if len(data) > 1 << 23 else (b"", data)
    return data[:cut], data[cut:]


def unescape(text: str, *, quotes: bool = False) -> str:
    """XML text with its entities &lt; &gt; &amp; (and &quot; &apos;) as the characters they
    stand for, as ``xml.sax.saxutils.unescape`` does (whose import costs ~15 ms)."""
    text = text.replace("&lt;", "<").replace("&gt;", ">")
    if quotes:
        text = text.replace("&quot;", '"').replace("&apos;", "'")
    return text.replace("&amp;", "&")


def workbook_1904(book: bytes) -> bool:
    """Whether ``xl/workbook.xml`` sets the 1904 date system."""
    return bool(re.search(rb'date1904="(?:1|true)"', book))


def _scan_xml(content: bytes) -> dict[str, Any]:
    """The 1904 flag, and each sheet's hidden rows and error cells, from the workbook XML."""
    found: dict[str, Any] = {"date1904": False, "sheets": {}}
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            book = archive.read("xl/workbook.xml")
            found["date1904"] = workbook_1904(book)
            rels_xml = archive.read("xl/_rels/workbook.xml.rels")
            rels = dict(_REL.findall(rels_xml))
            rels.update({k: v for v, k in _REL_REV.findall(rels_xml)})
            for raw_name, rid in _SHEET.findall(book):
                name = unescape(raw_name.decode("utf-8"), quotes=True)
                target = rels.get(rid, b"").decode("utf-8").lstrip("/")
                member = target if target.startswith("xl/") else f"xl/{target}"
                if member not in names:
                    continue
                found["sheets"][name] = extras = SheetExtras()
                extras.scan(archive.read(member))
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        pass  # the extras are a bonus; calamine reads the cells
    return found


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (ord(char) - 64)
    return index - 1


# --- CSV -----------------------------------------------------------------------------------


def decode(content: bytes) -> str:
    """CSV text: UTF-16 with its BOM (Excel's "Unicode Text"), UTF-8 (with or without BOM),
    else GB18030 (a superset of GBK), else Latin-1."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def _delimiter(body: str) -> str:
    """The delimiter that splits some line of the first ones into the most fields (csv.Sniffer
    gives up on the header blocks above real tables)."""
    lines = body[:65536].splitlines()[:200]
    best, best_count = ",", 0
    for candidate in (",", ";", "\t", "|"):
        count = max((line.count(candidate) for line in lines), default=0)
        if count > best_count:
            best, best_count = candidate, count
    return best


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _read_csv(path: Path, content: bytes) -> Sheet:
    body = decode(content)
    sample = body[:4096]
    if len(_CONTROL.findall(sample)) > max(4, len(sample) // 100):  # binary, not text
        raise ReadError(path, "intake.reason.not_spreadsheet", suffix=path.suffix.lower())
    rows: list[list[Any]] = []
    try:
        for row in csv.reader(io.StringIO(body, newline=""), delimiter=_delimiter(body)):
            if len(rows) >= MAX_ROWS or len(row) > MAX_COLUMNS:
                raise ReadError(
                    path,
                    "intake.reason.too_many",
                    sheet=path.stem,
                    rows=len(rows),
                    columns=len(row),
                    max_rows=MAX_ROWS,
                    max_columns=MAX_COLUMNS,
                )
            rows.append(list(row))
    except csv.Error as exc:
        raise ReadError(
            path, "intake.reason.damaged", error=Message("intake.damage.records")
        ) from exc
    return Sheet(path.stem, rows)
