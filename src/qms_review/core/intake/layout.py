"""Finding the data in a sheet: which sheet, which row holds the headers, which column is which
field, and the order's own fields in a block above the table.

Synonyms are data (``resources/intake/fields.toml``); a saved mapping profile (header text →
field) takes precedence over them.
"""

from __future__ import annotations

import re
import tomllib
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from qms_review.core.intake.reading import Sheet
from qms_review.core.messages import Texts
from qms_review.core.orders.values import is_empty, normalise, text
from qms_review.resources import resource

HEADER_SCAN_ROWS = 60
_LINES = re.compile(r"\n| / ")
_CJK = re.compile(r"[\u3400-\u9fff]")
_TOTAL = re.compile(r"^(?:(?:total|sum|grand total|subtotal)\b|合计|总计|小计|共计)", re.I)
#: A label and a colon under the lines ("Notes:", "Address:", "备注：") starts the footer.
_FOOTER = re.compile(
    r"^(?:notes?|remarks?|comments?|customer|address|signature|signed|approved(?: by)?|"
    r"prepared(?: by)?|checked(?: by)?|terms|terms and conditions|bank|tel|phone|fax|e-?mail|"
    r"备注|说明|附注|注|客户|地址|签字|签名|签章|盖章|审核|批准|制单|制表|电话|传真|开户行|账号)"
    r"\s*[:：]",
    re.I,
)


@dataclass(frozen=True)
class FieldSpec:
    key: str
    labels: Texts
    type: str = "text"
    required: bool = False
    synonyms: tuple[str, ...] = ()

    def label(self, language: str) -> str:
        return self.labels(language)


@dataclass(frozen=True)
class Fields:
    line: dict[str, FieldSpec]
    header: dict[str, FieldSpec]
    catalogue: dict[str, FieldSpec]


def fields() -> Fields:
    """The field names of ``resources/intake/fields.toml``, read once per resources folder."""
    return _fields(resource("intake", "fields.toml"))


@cache
def _fields(path: Path) -> Fields:
    data = tomllib.loads(path.read_text(encoding="utf-8"))

    def specs(section: Mapping[str, Any]) -> dict[str, FieldSpec]:
        return {
            key: FieldSpec(
                key,
                Texts(spec["label"]),
                spec.get("type", "text"),
                bool(spec.get("required", False)),
                tuple(normalise(s) for s in [*spec["synonyms"], *spec["label"].values()]),
            )
            for key, spec in section.items()
        }

    return Fields(specs(data["line"]), specs(data["header"]), specs(data["catalogue"]))


@dataclass(frozen=True)
class _Matcher:
    """The synonyms of a set of fields, arranged to score a header cell in a lookup or two
    (header search scores every cell of a sheet's first rows: 200,000 on a wide workbook)."""

    exact: dict[str, tuple[str, ...]]  # synonym → the fields it names
    prefixes: tuple[str, ...]  # synonyms long enough to match the start of a longer header
    by_prefix: dict[str, tuple[str, ...]]


_MATCHERS: dict[int, tuple[Mapping[str, FieldSpec], _Matcher]] = {}


def _matcher(specs: Mapping[str, FieldSpec]) -> _Matcher:
    cached = _MATCHERS.get(id(specs))
    if cached is not None and cached[0] is specs:
        return cached[1]
    exact: dict[str, list[str]] = {}
    by_prefix: dict[str, list[str]] = {}
    for key, spec in specs.items():
        for synonym in spec.synonyms:
            if not synonym:
                continue
            exact.setdefault(synonym, []).append(key)
            if len(synonym) >= (2 if _CJK.search(synonym) else 4):
                by_prefix.setdefault(synonym, []).append(key)
    matcher = _Matcher(
        {k: tuple(v) for k, v in exact.items()},
        tuple(by_prefix),
        {k: tuple(v) for k, v in by_prefix.items()},
    )
    _MATCHERS[id(specs)] = (specs, matcher)
    return matcher


def _scores(names: Sequence[str], matcher: _Matcher) -> dict[str, int]:
    """Field → how well a header names it: 3 a synonym exactly, 2 one at its start (plus at
    most 12 characters). A header in several lines ("Qty\\n数量") counts its best line."""
    found: dict[str, int] = {}
    for name in names:
        if not name:
            continue
        for key in matcher.exact.get(name, ()):
            found[key] = 3
        if name.startswith(matcher.prefixes):
            for synonym in matcher.prefixes:
                if name.startswith(synonym) and len(name) <= len(synonym) + 12:
                    for key in matcher.by_prefix[synonym]:
                        found.setdefault(key, 2)
    return found


def _names(cell: Any) -> tuple[str, ...]:
    """A header cell's lines ("Qty\\n数量", "Qty / 数量"), normalised."""
    raw = text(cell)
    if "\n" in raw or " / " in raw:
        return tuple(normalise(part) for part in _LINES.split(raw))
    return (normalise(raw),)


def match_columns(
    headers: Sequence[Any],
    profile: Mapping[str, str] | None = None,
    specs: Mapping[str, FieldSpec] | None = None,
) -> dict[int, str]:
    """Column index → field (of order lines, unless ``specs`` says otherwise), each field used
    once: a profile's names first, then the synonyms (an exact match beats a prefix; the
    leftmost wins a tie)."""
    specs = specs if specs is not None else fields().line
    mapping: dict[int, str] = {}
    if profile:
        by_name = {normalise(k): v for k, v in profile.items() if v in specs}
        for index, header in enumerate(headers):
            name = normalise(header)
            if name in by_name and by_name[name] not in mapping.values():
                mapping[index] = by_name[name]
    matcher = _matcher(specs)
    exact, prefixes = matcher.exact, matcher.prefixes
    candidates = []
    for index, header in enumerate(headers):
        if header is None or header == "" or index in mapping:
            continue
        names = _names(header)
        if len(names) == 1 and names[0] not in exact and not names[0].startswith(prefixes):
            continue  # most cells: no field's name (the test of _scores, without the call)
        for key, score in _scores(names, matcher).items():
            candidates.append((-score, index, key))
    candidates.sort()
    for _negative, index, key in candidates:
        if index not in mapping and key not in mapping.values():
            mapping[index] = key
    return mapping


@dataclass
class Layout:
    """Where the data of one sheet is."""

    sheet: str
    header_row: int  # 0-based
    mapping: dict[int, str]
    score: int
    header_fields: dict[str, Any] = field(default_factory=dict)
    header_cells: dict[str, tuple[int, int]] = field(default_factory=dict)
    order_columns: dict[int, str] = field(default_factory=dict)  # column → order field

    @property
    def plausible(self) -> bool:
        fields_found = set(self.mapping.values())
        return len(fields_found) >= 2 and bool({"part_number", "quantity"} & fields_found)


_FOUND: dict[int, tuple[weakref.ref[Sheet], tuple[Any, ...], Layout | None]] = {}


def find_header_row(sheet: Sheet, profile: Mapping[str, str] | None = None) -> Layout | None:
    """The row (among the first ones) whose cells name the most fields, if one is plausible.

    Remembered per sheet and profile: the analysis asks for every sheet to choose one, then
    for the chosen one, and again at each step of the wizard."""
    key = (tuple(sorted(profile.items())) if profile else (), len(sheet.rows))
    cached = _FOUND.get(id(sheet))
    if cached is not None and cached[0]() is sheet and cached[1] == key:
        found = cached[2]
    else:
        found = _find_header_row(sheet, profile)
        if len(_FOUND) > 256:
            _FOUND.clear()
        _FOUND[id(sheet)] = (weakref.ref(sheet), key, found)
    if found is None:
        return None
    return replace(found, mapping=dict(found.mapping), header_fields={}, header_cells={})


def _find_header_row(sheet: Sheet, profile: Mapping[str, str] | None) -> Layout | None:
    best: Layout | None = None
    for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        if sum(1 for cell in row if not is_empty(cell)) < 2:
            continue
        mapping = match_columns(row, profile)
        layout = Layout(sheet.name, index, mapping, len(set(mapping.values())))
        if layout.plausible and (best is None or layout.score > best.score):
            best = layout
    return best


def layout_at(sheet: Sheet, header_row: int, profile: Mapping[str, str] | None = None) -> Layout:
    row = sheet.rows[header_row] if 0 <= header_row < len(sheet.rows) else []
    mapping = match_columns(row, profile)
    return Layout(sheet.name, header_row, mapping, len(set(mapping.values())))


def candidates(sheets: Sequence[Sheet], profile: Mapping[str, str] | None = None) -> list[Layout]:
    """Plausible layouts of the visible sheets, the most convincing first (score, then rows)."""
    found = []
    for sheet in sheets:
        layout = find_header_row(sheet, profile) if sheet.visible else None
        if layout is not None:
            found.append((layout.score, len(sheet.rows) - layout.header_row, layout))
    found.sort(key=lambda item: (-item[0], -item[1]))
    return [layout for *_, layout in found]


def is_ambiguous(found: Sequence[Layout], sheets: Sequence[Sheet]) -> bool:
    """Two sheets that both look like order lines, equally well, with data under them."""
    if len(found) < 2:
        return False
    first, second = found[0], found[1]
    rows = {s.name: len(s.rows) for s in sheets}
    return first.score == second.score and rows[second.sheet] - second.header_row > 1


def read_header_block(sheet: Sheet, layout: Layout) -> None:
    """Fill ``layout.header_fields`` from "label: value" cells above the table."""
    specs = fields().header
    for r, row in enumerate(sheet.rows[: layout.header_row]):
        for c, cell in enumerate(row):
            raw = text(cell)
            if not raw:
                continue
            label, sep, rest = raw.partition(":") if ":" in raw else raw.partition("：")
            names = {normalise(label), *(normalise(p) for p in re.split(r"\n| / ", label))}
            for key, spec in specs.items():
                if key in layout.header_fields or not names & set(spec.synonyms):
                    continue
                value: Any = rest.strip() if sep else ""
                where = (r, c)
                if not value:
                    for c2 in range(c + 1, len(row)):
                        if not is_empty(row[c2]):
                            value, where = row[c2], (r, c2)
                            break
                if not is_empty(value):
                    layout.header_fields[key] = value
                    layout.header_cells[key] = where
                break


def is_total_row(row: Sequence[Any], mapping: Mapping[int, str]) -> bool:
    """A "Total"/"合计" row under the lines, or a footer's first label ("Notes:", "Customer:",
    "备注："): it ends the table, unless the row has a part number of its own."""
    where, first = next(
        ((c, text(cell)) for c, cell in enumerate(row) if not is_empty(cell)), (0, "")
    )
    part_column = next((i for i, f in mapping.items() if f == "part_number"), None)
    part = text(row[part_column]) if part_column is not None and part_column < len(row) else ""
    if _TOTAL.match(first):
        return not part or bool(_TOTAL.match(part))
    if where > min(mapping, default=0):  # not where lines begin: a remark "Note: …" of a line
        return False
    if _FOOTER.match(first):
        return True
    label, colon, _rest = first.replace("：", ":").partition(":")
    return bool(colon) and normalise(label) in _header_names()  # "Buyer:", "PO No.:" below


@cache
def _header_names() -> frozenset[str]:
    return frozenset(name for spec in fields().header.values() for name in spec.synonyms)


def header_fields_anywhere(sheet: Sheet) -> dict[str, Any]:
    """The order's fields named anywhere in a sheet's first rows: how a file whose columns we
    cannot place yet still tells which customer (and so which saved mapping) it is from."""
    probe = Layout(sheet.name, min(len(sheet.rows), HEADER_SCAN_ROWS), {}, 0)
    read_header_block(sheet, probe)
    return probe.header_fields
