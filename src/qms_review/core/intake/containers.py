"""What a file's container says before a spreadsheet reader opens it, and what the reader does
not report: whether it is encrypted, whether it is another kind of document renamed, and the
workbook's date system (1900 or 1904).

- An OLE compound file is an .xls (a ``Workbook`` or ``Book`` stream of BIFF records), an
  encrypted .xlsx/.xlsm/.xlsb (an ``EncryptionInfo`` stream), or a Word/PowerPoint document.
  An .xls is encrypted when its globals hold a FILEPASS record (RC4 or XOR); its DATEMODE
  record says 1904.
- A zip is an .xlsx/.xlsm (``xl/workbook.xml``), an .xlsb (``xl/workbook.bin``, whose
  BrtWbProp record says 1904), an OpenDocument file (``content.xml``; encrypted when its
  manifest has ``encryption-data``; ``table:null-date`` says the epoch), or a Word, PowerPoint
  or other document.

Only headers and the first records are read: nothing here builds cells. Malformed structures
yield "nothing known" and the reader decides.
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass

_ENDOFCHAIN = 0xFFFFFFFE


@dataclass
class Facts:
    """What the container tells: ``kind`` is None for a spreadsheet, else the key of what it is
    instead (``intake.kind.<kind>``)."""

    encrypted: bool = False
    kind: str | None = None
    date1904: bool = False


# --- OLE compound files (.xls, encrypted Office files, .doc, .ppt) --------------------------


class _Compound:
    """A minimal reader of an OLE compound file's directory and streams ([MS-CFB])."""

    def __init__(self, content: bytes) -> None:
        self.content = content
        self.shift = struct.unpack_from("<H", content, 0x1E)[0]
        self.mini_shift = struct.unpack_from("<H", content, 0x20)[0]
        if not 7 <= self.shift <= 16 or not 1 <= self.mini_shift < self.shift:
            raise ValueError("bad sector size")
        self.size = 1 << self.shift
        self.mini_cutoff = struct.unpack_from("<I", content, 0x38)[0]
        fat_sectors = list(struct.unpack_from("<109I", content, 0x4C))
        next_difat, difat_count = struct.unpack_from("<II", content, 0x44)
        per_sector = self.size // 4
        self.sectors = len(content) // self.size
        for _ in range(min(difat_count, self.sectors)):
            if next_difat >= _ENDOFCHAIN:
                break
            block = struct.unpack_from(f"<{per_sector}I", self._sector(next_difat))
            fat_sectors.extend(block[:-1])
            next_difat = block[-1]
        count = struct.unpack_from("<I", content, 0x2C)[0]
        fat_sectors = [s for s in fat_sectors[:count] if s < _ENDOFCHAIN]
        table = b"".join(self._sector(s) for s in fat_sectors)
        self.fat = struct.unpack(f"<{len(table) // 4}I", table[: len(table) // 4 * 4])
        directory = self._chain(struct.unpack_from("<I", content, 0x30)[0])
        self.entries: dict[str, tuple[int, int, int]] = {}  # name → (type, start, size)
        for offset in range(0, len(directory) - 127, 128):
            entry = directory[offset : offset + 128]
            length = struct.unpack_from("<H", entry, 0x40)[0]
            kind = entry[0x42]
            if kind in (1, 2, 5) and 2 <= length <= 64:
                name = entry[: length - 2].decode("utf-16-le", "replace")
                start, size = struct.unpack_from("<II", entry, 0x74)
                self.entries.setdefault(name, (kind, start, size))
        root = next((e for e in self.entries.values() if e[0] == 5), None)
        self._mini_stream = self._chain(root[1]) if root else b""
        minifat_start = struct.unpack_from("<I", content, 0x3C)[0]
        mini_table = self._chain(minifat_start) if minifat_start < _ENDOFCHAIN else b""
        self.minifat = struct.unpack(f"<{len(mini_table) // 4}I", mini_table)

    def _sector(self, index: int) -> bytes:
        start = (index + 1) * self.size
        if start + self.size > len(self.content):
            raise ValueError("sector beyond the end of the file")
        return self.content[start : start + self.size]

    def _follow(self, start: int, table: tuple[int, ...]) -> list[int]:
        chain: list[int] = []
        while start < _ENDOFCHAIN:
            if start >= len(table) or len(chain) > len(table):
                raise ValueError("broken or looping chain")
            chain.append(start)
            start = table[start]
        return chain

    def _chain(self, start: int) -> bytes:
        return b"".join(self._sector(s) for s in self._follow(start, self.fat))

    def stream(self, name: str, limit: int | None = None) -> bytes | None:
        """The stream ``name`` of the root storage (its first ``limit`` bytes), if it is one."""
        entry = self.entries.get(name)
        if entry is None or entry[0] != 2:
            return None
        _kind, start, size = entry
        wanted = size if limit is None else min(size, limit)
        if size < self.mini_cutoff:
            unit = 1 << self.mini_shift
            parts = []
            for index in self._follow(start, self.minifat):
                parts.append(self._mini_stream[index * unit : (index + 1) * unit])
                if len(parts) * unit >= wanted:
                    break
            return b"".join(parts)[:wanted]
        parts, total = [], 0
        for index in self._follow(start, self.fat):
            parts.append(self._sector(index))
            total += self.size
            if total >= wanted:
                break
        return b"".join(parts)[:wanted]


_FILEPASS, _DATEMODE, _EOF, _BOF_TYPES = 0x002F, 0x0022, 0x000A, (0x0809, 0x0409, 0x0209, 0x0009)
_OLE_DOCUMENTS = {"WordDocument": "word", "PowerPoint Document": "powerpoint"}


def ole(content: bytes) -> Facts:
    """The facts of an OLE compound file."""
    try:
        compound = _Compound(content)
        names = set(compound.entries)
        if "EncryptionInfo" in names or "EncryptedPackage" in names:
            return Facts(encrypted=True)
        for name in ("Workbook", "Book"):
            stream = compound.stream(name)
            if stream is not None:
                return _biff_globals(stream)
    except (ValueError, struct.error, IndexError):
        return Facts()
    for name, kind in _OLE_DOCUMENTS.items():
        if name in names:
            return Facts(kind=kind)
    return Facts(kind="ole")


def workbook_stream(content: bytes) -> bytes | None:
    """The BIFF ``Workbook`` (or ``Book``) stream of an .xls, if it has one."""
    compound = _Compound(content)
    for name in ("Workbook", "Book"):
        stream = compound.stream(name)
        if stream is not None:
            return stream
    return None


def _biff_globals(stream: bytes) -> Facts:
    """FILEPASS and DATEMODE from the workbook globals (the records up to the first EOF)."""
    facts = Facts()
    offset = 0
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        if offset == 0 and kind not in _BOF_TYPES:
            return facts
        if kind == _FILEPASS:
            facts.encrypted = True
            return facts
        if kind == _DATEMODE and length >= 2:
            facts.date1904 = struct.unpack_from("<H", stream, offset + 4)[0] == 1
        if kind == _EOF:
            break
        offset += 4 + length
    return facts


# --- zip containers (.xlsx, .xlsm, .xlsb, .ods, and what gets renamed to them) --------------

_ODF_KINDS = {
    "application/vnd.oasis.opendocument.text": "odf_text",
    "application/vnd.oasis.opendocument.presentation": "odf_presentation",
}
_NULL_DATE = re.compile(rb'<table:null-date\b[^>]*\btable:date-value="(\d{4})-')


def zipped(archive: zipfile.ZipFile) -> Facts:
    """The facts of a zip archive (opened by the caller)."""
    names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        return Facts()
    if "xl/workbook.bin" in names:
        try:
            return Facts(date1904=_xlsb_1904(archive.read("xl/workbook.bin")))
        except (ValueError, struct.error):
            return Facts()
    if "META-INF/manifest.xml" in names:
        manifest = archive.read("META-INF/manifest.xml")
        if b"encryption-data" in manifest:
            return Facts(encrypted=True)
    if "mimetype" in names:
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        if mimetype in _ODF_KINDS:
            return Facts(kind=_ODF_KINDS[mimetype])
    if "content.xml" in names:
        with archive.open("content.xml") as content:
            head = content.read(1 << 16)  # the calculation settings come before the tables
        found = _NULL_DATE.search(head)
        return Facts(date1904=bool(found and found.group(1) == b"1904"))
    if "word/document.xml" in names:
        return Facts(kind="word")
    if "ppt/presentation.xml" in names:
        return Facts(kind="powerpoint")
    return Facts(kind="zip")


_BRT_WB_PROP = 0x0099


def _xlsb_1904(book: bytes) -> bool:
    """Whether an .xlsb's BrtWbProp record sets f1904 (the first bit of its flags)."""
    offset = 0
    for _ in range(64):  # BrtWbProp is among the first records of workbook.bin
        kind, offset = _varint(book, offset, 2)
        size, offset = _varint(book, offset, 4)
        if kind == _BRT_WB_PROP and size >= 4 and offset + 4 <= len(book):
            return bool(struct.unpack_from("<I", book, offset)[0] & 1)
        offset += size
        if offset >= len(book):
            break
    return False


def _varint(data: bytes, offset: int, most: int) -> tuple[int, int]:
    """An .xlsb record type or size: 7 bits a byte, low first, the high bit says "more"."""
    value = 0
    for index in range(most):
        if offset >= len(data):
            raise ValueError("truncated record")
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << (7 * index)
        if not byte & 0x80:
            break
    return value, offset
