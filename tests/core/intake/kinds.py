"""Files of every kind and fault the intake must tell apart, made by the tests: OLE compound
files (encrypted Office workbooks, Word documents), .xls encrypted with RC4 or XOR (a FILEPASS
record after BOF), encrypted .ods, documents renamed .xlsx, UTF-16 text, workbooks with
formulas saved without values, and .ods/.xls in the 1904 date system.

No .xlsb writer is available offline (pyxlsb and calamine only read), so .xlsb files are not
made here; the .xlsb paths (chart sheets, BrtWbProp's 1904 flag) are the same code as .xlsx's
chart sheets and .xls's DATEMODE, tested through those.
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
