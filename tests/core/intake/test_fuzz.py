"""A bounded fuzz test: valid orders (.xlsx made with openpyxl, .csv) mutated at random —
bytes flipped, files cut short, sheet XML edited, dimensions and cells made absurd — a fixed,
seeded number of cases. Every outcome is an import or a clean refusal with a message, the
process survives (the reader runs in a child), and a refusal leaves the database as it was.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

from qms_review.core.intake import importer
from qms_review.core.intake.analysis import Options
from qms_review.core.messages import QmsError
from qms_review.core.review import amendments
from qms_review.core.store.database import Store
from tests import corpus, hostile
from tests.core.helpers import counts

SEED = 14
XLSX_CASES = 48
CSV_CASES = 24
SHEET = "xl/worksheets/sheet1.xml"
LANGUAGES = ("en", "zh_CN")

Mutation = Callable[[random.Random, bytes], bytes]


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _cut(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _xml(edit: Callable[[random.Random, bytes], bytes]) -> Callable[[random.Random, Path], bytes]:
    """A mutation of the sheet's XML inside the zip (so the archive itself stays whole)."""

    def mutate(rng: random.Random, path: Path) -> bytes:
        target = path.with_name(f"edited-{rng.randrange(10**9)}.xlsx")
        hostile.rewrite(path, target, SHEET, lambda xml: edit(rng, xml))
        return target.read_bytes()

    return mutate


def _delete_span(rng: random.Random, xml: bytes) -> bytes:
    start = rng.randrange(len(xml))
    return xml[:start] + xml[start + rng.randint(1, 200) :]


def _duplicate_span(rng: random.Random, xml: bytes) -> bytes:
    start = rng.randrange(len(xml))
    return xml[:start] + xml[start : start + rng.randint(1, 400)] * rng.randint(2, 5) + xml[start:]


def _absurd_dimension(rng: random.Random, xml: bytes) -> bytes:
    ref = rng.choice(["A1:XFD1048576", "A1:SF150000", "A1:ZZZZ99999999", "B2:A1", ":", "A0"])
    if b"<dimension" in xml:
        return re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), xml, count=1)
    return xml.replace(b"<sheetData>", f'<dimension ref="{ref}"/><sheetData>'.encode(), 1)


def _far_cell(rng: random.Random, xml: bytes) -> bytes:
    ref = rng.choice(["XFD1048576", "SF150000", "A1048577", "SG1", "AAAA1", "A99999999"])
    refs = re.findall(rb'<c r="([A-Z]+\d+)"', xml)
    return xml.replace(b'r="' + rng.choice(refs) + b'"', f'r="{ref}"'.encode(), 1)


def _odd_values(rng: random.Random, xml: bytes) -> bytes:
    values = re.findall(rb"<v>([^<]*)</v>", xml)
    odd = rng.choice([b"NaN", b"1e400", b"-0", b"9" * 400, b"", b"&#0;", b"\xff\xfe"])
    return xml.replace(b"<v>" + rng.choice(values) + b"</v>", b"<v>" + odd + b"</v>", 1)


def _no_references(rng: random.Random, xml: bytes) -> bytes:
    return re.sub(rb' r="[A-Z]*\d+"', b"", xml, count=rng.randint(1, 40))


XLSX_MUTATIONS: list[Callable[[random.Random, Path], bytes]] = [
    lambda rng, path: _flip(rng, path.read_bytes()),
    lambda rng, path: _cut(rng, path.read_bytes()),
    _xml(_delete_span),
    _xml(_duplicate_span),
    _xml(_absurd_dimension),
    _xml(_far_cell),
    _xml(_odd_values),
    _xml(_no_references),
]


def _csv_mutation(rng: random.Random, data: bytes) -> bytes:
    kind = rng.randrange(6)
    if kind == 0:
        return _flip(rng, data)
    if kind == 1:
        return _cut(rng, data)
    at = rng.randrange(len(data))
    insert = [
        b"\x00",
        b'"' * rng.randint(1, 3),
        b"," * rng.randint(400, 900),
        "\ufeff数量".encode("utf-16"),
    ][kind - 2]
    return data[:at] + insert + data[at:]


def _outcome(store: Store, db: Path, path: Path) -> str:
    """ "imported" or "refused"; a refusal must have said why and changed nothing."""
    before = counts(db)
    head = store.verify_audit().head
    messages: list[str] = []
    try:
        plan = importer.prepare(store, path, Options())
        if plan.ok:
            amendments.import_order(store, plan, "tester")
            return "imported"
        messages = [issue.message(language) for issue in plan.errors for language in LANGUAGES]
    except QmsError as refusal:
        messages = [refusal.message(language) for language in LANGUAGES]
    assert messages, path
    assert all(messages), path
    assert not any("Traceback" in m for m in messages), path
    assert counts(db) == before, path
    assert store.verify_audit().head == head, path
    return "refused"


def test_mutated_workbooks_import_or_are_refused(store: Store, folder: Path, tmp_path: Path):
    rng = random.Random(SEED)
    db = folder / "qms-review.sqlite3"
    bases = [
        corpus.messy(tmp_path / "inline.xlsx"),
        corpus.to_shared_strings(corpus.messy(tmp_path / "shared.xlsx")),
    ]
    outcomes: dict[str, int] = {}
    for case in range(XLSX_CASES):
        mutate = XLSX_MUTATIONS[case % len(XLSX_MUTATIONS)]
        path = tmp_path / f"case-{case}.xlsx"
        path.write_bytes(mutate(rng, rng.choice(bases)))
        outcome = _outcome(store, db, path)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    assert outcomes.get("refused", 0) > XLSX_CASES // 3  # the mutations do break files
    assert store.verify_audit().ok


def test_mutated_csv_files_import_or_are_refused(store: Store, folder: Path, tmp_path: Path):
    rng = random.Random(SEED)
    db = folder / "qms-review.sqlite3"
    base = corpus.csv_file(tmp_path / "base.csv", corpus.simple_rows()).read_bytes()
    seen = set()
    for case in range(CSV_CASES):
        path = tmp_path / f"case-{case}.csv"
        path.write_bytes(_csv_mutation(rng, base))
        seen.add(_outcome(store, db, path))
    assert "refused" in seen
    assert store.verify_audit().ok
