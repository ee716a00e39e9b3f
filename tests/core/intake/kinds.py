"""Files of every kind and fault the intake must tell apart, made by the tests: OLE compound
files (encrypted Office workbooks, Word documents), .xls encrypted with RC4 or XOR (a FILEPASS
record after BOF), encrypted .ods, documents renamed .xlsx, UTF-16 text, workbooks with
formulas saved without values, and .ods/.xls/.xlsb in the 1904 date system.

No .xlsb writer is published (pyxlsb and calamine only read), so :func:`xlsb` writes the few
records a workbook needs by hand ([MS-XLSB]): enough for calamine to read it, and to reproduce
its failure on a chart sheet ("failed to fill whole buffer").
"""

from __future__ import annotations

import csv
import io
import struct
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tests import corpus

_FREE, _END, _FAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def ole_file(path: Path, streams: Mapping[str, bytes]) -> Path:
    """A version-3 OLE compound file holding ``streams`` in its root storage (each padded to
    4096 bytes, so none lives in the mini stream)."""
    sector = 512
    padded = {
        name: data.ljust(max(4096, -(-len(data) // sector) * sector), b"\0")
        for name, data in streams.items()
    }
    fat: list[int] = [_FAT, _END]  # sector 0: the FAT, sector 1: the directory
    starts: dict[str, int] = {}
    for name, data in padded.items():
        count = len(data) // sector
        starts[name] = len(fat)
        fat.extend(range(len(fat) + 1, len(fat) + count))
        fat.append(_END)
    assert len(fat) <= 128
    assert len(padded) <= 3
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<III", header, 0x2C, 1, 1, 0)  # FAT sectors, first directory sector
    struct.pack_into("<IIIII", header, 0x38, 4096, _END, 0, _END, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([_FREE] * 108))

    def entry(name: str, kind: int, start: int, size: int, child: int, right: int) -> bytes:
        raw = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        raw[: len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 0x40, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 0x44, _FREE, right, child)
        struct.pack_into("<II", raw, 0x74, start, size)
        return bytes(raw)

    names = list(padded)
    directory = entry("Root Entry", 5, _END, 0, 1 if names else _FREE, _FREE)
    for index, name in enumerate(names, start=1):
        right = index + 1 if index < len(names) else _FREE
        directory += entry(name, 2, starts[name], len(padded[name]), _FREE, right)
    directory = directory.ljust(sector, b"\0")
    fat_sector = struct.pack(f"<{len(fat)}I", *fat).ljust(sector, b"\xff")
    path.write_bytes(bytes(header) + fat_sector + directory + b"".join(padded.values()))
    return path


def encrypted_xls(path: Path, method: str = "rc4") -> Path:
    """An .xls whose globals start with a FILEPASS record, as Excel writes a workbook with a
    password to open: RC4 (the records after it are unreadable) or XOR obfuscation."""
    corpus.xls(path, corpus.simple_rows())
    content = bytearray(path.read_bytes())
    bof = content.index(b"\x09\x08\x10\x00\x00\x06\x05\x00")
    start = bof + 20
    # InterfaceHdr, Mms, InterfaceEnd, WriteAccess (4+2, 4+2, 4+0, 4+112 bytes) make way.
    assert content[start : start + 2] == b"\xe1\x00"
    if method == "rc4":
        payload = struct.pack("<HHH", 1, 1, 1) + bytes(range(48))
    else:
        payload = struct.pack("<HHH", 0, 0x1234, 0xABCD)
    length = 132 - 4
    content[start : start + 132] = struct.pack("<HH", 0x002F, length) + payload.ljust(length, b"\0")
    path.write_bytes(bytes(content))
    return path


def encrypted_ooxml(path: Path) -> Path:
    """An .xlsx as Office saves it with a password: an OLE file with EncryptionInfo and
    EncryptedPackage streams."""
    info = (
        struct.pack("<HHI", 4, 4, 0x40)
        + b"<encryption xmlns='http://schemas.microsoft.com/office/2006/encryption'/>"
    )
    return ole_file(path, {"EncryptionInfo": info, "EncryptedPackage": b"\x93" * 5000})


def encrypted_ods(path: Path) -> Path:
    """An .ods saved by LibreOffice with a password: its manifest describes the encryption of
    content.xml, which is no longer XML."""
    corpus.ods(path, corpus.simple_rows())
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members["content.xml"] = bytes(range(256)) * 8
    members["META-INF/manifest.xml"] = members["META-INF/manifest.xml"].replace(
        b'manifest:full-path="content.xml" manifest:media-type="text/xml"/>',
        b'manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="9000">'
        b'<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:'
        b'xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA">'
        b'<manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc"'
        b' manifest:initialisation-vector="AAAA"/></manifest:encryption-data></manifest:file-entry>',
    )
    return _zip(path, members, first="mimetype")


def ods_1904(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    """An .ods whose null date is 1904-01-01 (a workbook that came from a Mac's Excel)."""
    corpus.ods(path, rows)
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members["content.xml"] = members["content.xml"].replace(
        b"<office:spreadsheet>",
        b"<office:spreadsheet><table:calculation-settings><table:null-date "
        b'table:date-value="1904-01-01"/></table:calculation-settings>',
    )
    return _zip(path, members, first="mimetype")


def word_document(path: Path) -> Path:
    """A .docx (what a sender attaches when the order is a letter), under ``path``'s name."""
    return _zip(
        path,
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
            "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Order PO-1</w:t></w:r></w:p></w:body></w:document>',
        },
    )


def presentation(path: Path) -> Path:
    return _zip(
        path,
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            "ppt/presentation.xml": b'<?xml version="1.0"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
        },
    )


def plain_zip(path: Path) -> Path:
    return _zip(path, {"order.pdf": b"%PDF-1.7\n" + b"x" * 200, "readme.txt": b"see attached"})


def unicode_text(path: Path, rows: Sequence[Sequence[Any]], sep: str = "\t") -> Path:
    """Excel's "Unicode Text" (and a UTF-16 CSV): UTF-16 little-endian with its BOM."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep).writerows(
        ["" if v is None else str(v) for v in row] for row in rows
    )
    path.write_bytes(b"\xff\xfe" + buffer.getvalue().encode("utf-16-le"))
    return path


def _zip(path: Path, members: Mapping[str, bytes], first: str | None = None) -> Path:
    ordered = sorted(members, key=lambda name: name != first)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ordered:
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, members[name], method)
    return path


# --- .xlsb, written record by record ([MS-XLSB]) ---------------------------------------------


def _record(kind: int, payload: bytes = b"") -> bytes:
    def varint(value: int) -> bytes:
        out = bytearray()
        while True:
            byte, value = value & 0x7F, value >> 7
            out.append(byte | (0x80 if value else 0))
            if not value:
                return bytes(out)

    return varint(kind) + varint(len(payload)) + payload


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def xlsb(
    path: Path, rows: Sequence[Sequence[Any]], *, date1904: bool = False, chart: bool = False
) -> Path:
    """A minimal .xlsb: one worksheet "Order" (numbers and texts; dates as serials), optionally
    after a chart sheet "Chart1", and the 1904 flag of BrtWbProp."""
    sheets = [("Chart1", "rId2")] if chart else []
    sheets.append(("Order", "rId1"))
    book = _record(0x83) + _record(0x99, struct.pack("<II", int(date1904), 0) + _wide(""))
    book += _record(0x8F)
    for tab, (name, rid) in enumerate(sheets):
        book += _record(0x9C, struct.pack("<II", 0, tab + 1) + _wide(rid) + _wide(name))
    book += _record(0x90) + _record(0x84)
    width = max((len(row) for row in rows), default=1)
    sheet = _record(0x81) + _record(0x94, struct.pack("<IIII", 0, len(rows) - 1, 0, width - 1))
    sheet += _record(0x91)
    for r, row in enumerate(rows):
        sheet += _record(0x00, struct.pack("<IIHBBBI", r, 0, 300, 0, 0, 0, 0))
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, int | float):
                sheet += _record(0x05, struct.pack("<IId", c, 0, float(value)))
            else:
                sheet += _record(0x06, struct.pack("<II", c, 0) + _wide(str(value)))
    sheet += _record(0x92) + _record(0x82)
    relations = '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/>'
    members = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.bin": book,
        "xl/worksheets/sheet1.bin": sheet,
    }
    if chart:
        relations += '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.bin"/>'
        members["xl/chartsheets/sheet1.bin"] = _record(0x81) + _record(0x82)  # no cells
    members["xl/_rels/workbook.bin.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        f'openxmlformats.org/package/2006/relationships">{relations}</Relationships>'
    ).encode()
    return _zip(path, members)
