"""From a read workbook to an import plan: header fields, typed lines, and every problem with
its place (sheet, row, column, value).

Errors block the import; they are what the sender or the user must fix (broken cells, formulas
saved without their values, control characters such as NUL inside a text, dates that could be
read two ways, duplicate line numbers, no customer or order number). Warnings
are what a reviewer must judge ("ASAP" as a delivery date, a quantity that is not a number):
the order is imported with them, the text kept as written, and they become findings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from qms_review.core.intake import grouping, typed_columns
from qms_review.core.intake import layout as layouts
from qms_review.core.intake.bulk import collector_paused
from qms_review.core.intake.reading import Sheet, Workbook, column_letter
from qms_review.core.intake.sandbox import Progress, read
from qms_review.core.messages import punctuation
from qms_review.core.messages import text as message
from qms_review.core.orders.revisions import UNPARSED
from qms_review.core.orders.values import (
    AmbiguousDate,
    date_order_hint,
    is_empty,
    looks_decimal_comma,
    parse_date,
    parse_number,
    text,
)
from qms_review.core.store.vocabulary import OrderKind

MAX_TEXT = {"part_number": 80, "part_revision": 20, "unit": 20, "currency": 3, "drawing_number": 80}
MAX_NUMBER = Decimal("1e12")
#: Characters no order text holds (C0 and C1 controls but tab, line feed and carriage return):
#: a NUL inside "PN-\x007103" is refused, never dropped or replaced.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Issue:
    """One problem found in the file, and where."""

    severity: str  # "error" or "warning"
    code: str  # a message key under intake.issue.
    sheet: str | None = None
    row: int | None = None  # 1-based, as the spreadsheet shows it
    column: int | None = None  # 0-based
    header: str | None = None
    value: str | None = None
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def cell(self) -> str:
        if self.row is None:
            return ""
        return (
            f"{column_letter(self.column)}{self.row}" if self.column is not None else str(self.row)
        )

    def where(self, language: str = "en") -> str:
        parts = []
        if self.sheet:
            parts.append(message("intake.where.sheet", language, sheet=self.sheet))
        if self.row is not None:
            parts.append(message("intake.where.row", language, row=self.row))
        if self.column is not None:
            label = column_letter(self.column) + (f" ({self.header})" if self.header else "")
            parts.append(message("intake.where.column", language, column=label))
        return punctuation("list_separator", language).join(parts)

    def message(self, language: str = "en") -> str:
        what = message(
            f"intake.issue.{self.code}", language, value=self.value or "", **dict(self.params)
        )
        where = self.where(language)
        return f"{where}{punctuation('colon', language)}{what}" if where else what


@dataclass
class Options:
    """What the user said (command line or wizard); None means "find it in the file"."""

    kind: OrderKind = OrderKind.ORDER
    customer: str | None = None
    customer_code: str | None = None
    order_number: str | None = None
    order_date: date | None = None
    currency: str | None = None
    payment_terms: str | None = None
    delivery_terms: str | None = None
    quotation_ref: str | None = None
    sheet: str | None = None
    header_row: int | None = None  # 1-based
    date_order: str | None = None  # "dmy" or "mdy"
    mapping: dict[int, str] | None = None  # column → field, overriding the detection
    profile: dict[str, str] | None = None  # header text → field, from a saved profile
    verbal: bool = False  # received by phone: accepting it needs our written confirmation first


HEADER_KEYS = (
    "customer",
    "customer_code",
    "order_number",
    "order_date",
    "currency",
    "payment_terms",
    "delivery_terms",
    "quotation_ref",
    "buyer",
)


@dataclass
class Plan:
    """Everything an import would write, and everything wrong with it; nothing written yet."""

    workbook: Workbook
    options: Options
    sheets: list[str] = field(default_factory=list)  # plausible sheets, best first
    layout: layouts.Layout | None = None
    header: dict[str, Any] = field(default_factory=dict)
    lines: list[dict[str, Any]] = field(default_factory=list)
    line_rows: list[int] = field(default_factory=list)  # 1-based sheet row of each line
    issues: list[Issue] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    decimal_comma: bool = False
    date_order: str | None = None
    needs_sheet: bool = False
    needs_date_order: bool = False
    orders: list[grouping.Order] = field(default_factory=list)  # the file's orders (one or more)
    #: The lines' values by field, as made (see :attr:`grouping.Order.columns`)
    columns: dict[str, Sequence[Any]] | None = None

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def sheet(self) -> Sheet | None:
        return self.workbook.sheet(self.layout.sheet) if self.layout else None


def analyse(
    source: Path | Workbook, options: Options | None = None, progress: Progress | None = None
) -> Plan:
    """Read (if given a path), find, map, parse and validate; never writes anything.
    ``progress`` is called while the file is read, and may raise to stop the reading."""
    with collector_paused():
        return _analyse(source, options, progress)


def _analyse(source: Path | Workbook, options: Options | None, progress: Progress | None) -> Plan:
    workbook = source if isinstance(source, Workbook) else read(source, progress)
    options = options or Options()
    plan = Plan(workbook, options)
    if not _choose_layout(plan):
        return plan
    assert plan.layout is not None
    assert plan.sheet is not None
    sheet = plan.sheet
    layouts.read_header_block(sheet, plan.layout)
    given = [key for key in HEADER_KEYS if getattr(options, key, None) not in (None, "")]
    plan.layout.order_columns = grouping.order_columns(
        columns_of(plan), plan.layout.mapping, sheet.rows[plan.layout.header_row + 1 :], given
    )
    _fill_merged(plan, sheet)
    _settle_formats(plan, sheet)
    _read_lines(plan, sheet)
    _unsaved_formulas(plan, sheet)
    _read_header(plan)
    _split_orders(plan, sheet)
    return plan


# --- steps ---------------------------------------------------------------------------------


def _error(plan: Plan, code: str, **where: Any) -> None:
    plan.issues.append(Issue("error", code, **where))


def _warn(plan: Plan, code: str, **where: Any) -> None:
    plan.issues.append(Issue("warning", code, **where))


def _choose_layout(plan: Plan) -> bool:
    options, book = plan.options, plan.workbook
    found = layouts.candidates(book.sheets, options.profile)
    plan.sheets = [layout.sheet for layout in found]
    if options.sheet is not None:
        try:
            sheet = book.sheet(options.sheet)
        except KeyError:
            names = ", ".join(s.name for s in book.sheets)
            _error(plan, "no_such_sheet", value=options.sheet, params=(("sheets", names),))
            return False
        if options.header_row is not None:
            plan.layout = layouts.layout_at(sheet, options.header_row - 1, options.profile)
        else:
            plan.layout = layouts.find_header_row(sheet, options.profile)
    elif options.header_row is not None and book.sheets:
        visible = [sheet for sheet in book.sheets if sheet.visible] or book.sheets
        sheet = book.sheet(found[0].sheet) if found else visible[0]
        plan.layout = layouts.layout_at(sheet, options.header_row - 1, options.profile)
    elif found:
        plan.layout = found[0]
        if layouts.is_ambiguous(found, book.sheets):
            plan.needs_sheet = True
            _error(plan, "which_sheet", params=(("sheets", ", ".join(plan.sheets)),))
    if plan.layout is None:
        names = ", ".join(s.name for s in book.sheets)
        _error(plan, "no_header", sheet=options.sheet, params=(("sheets", names),))
        return False
    if options.mapping is not None:
        plan.layout.mapping = {c: f for c, f in options.mapping.items() if f}
    if (
        "part_number" not in plan.layout.mapping.values()
        and "description" not in plan.layout.mapping.values()
    ):
        _error(plan, "no_part_column", sheet=plan.layout.sheet, row=plan.layout.header_row + 1)
    return True


def _fill_merged(plan: Plan, sheet: Sheet) -> None:
    """A merged cell's value stands for every row it spans (and is reported)."""
    assert plan.layout is not None
    for r0, c0, r1, c1 in sheet.merged:
        if r1 <= plan.layout.header_row or r0 == r1:
            continue
        top = sheet.rows[r0][c0] if r0 < len(sheet.rows) and c0 < len(sheet.rows[r0]) else None
        for r in range(max(r0, plan.layout.header_row + 1), min(r1, len(sheet.rows) - 1) + 1):
            row = sheet.rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                row[c] = top
        area = f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
        _warn(plan, "merged", sheet=sheet.name, row=r0 + 1, column=c0, value=area)


def _typed_columns(plan: Plan, kind: str) -> list[int]:
    assert plan.layout is not None
    specs = layouts.fields().line
    return [c for c, f in plan.layout.mapping.items() if specs[f].type == kind]


def _settle_formats(plan: Plan, sheet: Sheet) -> None:
    assert plan.layout is not None
    body = sheet.rows[plan.layout.header_row + 1 :]
    number_columns, date_columns = _typed_columns(plan, "number"), _typed_columns(plan, "date")
    date_columns += [c for c, key in plan.layout.order_columns.items() if key == "order_date"]
    plan.decimal_comma = looks_decimal_comma(_texts_in(body, number_columns))
    dates = _texts_in(body, date_columns)
    dates += [v for k, v in plan.layout.header_fields.items() if k == "order_date"]
    plan.date_order = plan.options.date_order or date_order_hint(dates)


def _texts_in(rows: list[list[Any]], columns: list[int]) -> list[str]:
    """The texts (not empty) of these columns, row by row: what tells the file's number and
    date formats. Columns that hold no text (most) are passed over at C speed."""
    width = min(map(len, rows), default=0)
    found = [c for c in columns if c >= width or str in set(map(type, [row[c] for row in rows]))]
    return [
        value
        for row in rows
        for c in found
        if c < len(row) and type(value := row[c]) is str and value and not value.isspace()
    ]


def _read_lines(plan: Plan, sheet: Sheet) -> None:
    """Every row under the header row, until a total row: one line each.

    The hot loop of an import (1.1M cells for a 100k-line order), so it runs column by column:
    each column's kind is decided once, and already-typed cells (numbers, dates, short ASCII
    text) skip the parsers; everything else goes through :func:`_cell`.
    """
    assert plan.layout is not None
    layout = plan.layout
    specs = layouts.fields().line
    rows, errors = sheet.rows, sheet.errors
    headers = rows[layout.header_row] if layout.header_row < len(rows) else []
    extra_columns = {
        c: text(h)
        for c, h in enumerate(headers)
        if c not in layout.mapping and c not in layout.order_columns and not is_empty(h)
    }
    per_order = bool(layout.order_columns)  # line numbers: unique and numbered per order
    plan.extra_columns = list(extra_columns.values())
    taken = _rows_of_lines(plan, sheet)
    taken_rows = [rows[r] for r in taken]
    extras: dict[int, dict[str, Any]] = {}  # by line index: unmapped and unreadable values
    state = {"ambiguous_reported": False}
    width = min(map(len, taken_rows), default=0)  # every line is at least this wide
    keys: list[str] = []
    columns: list[list[Any]] = []
    for c, key in sorted(layout.mapping.items()):
        kind = specs[key].type
        header = text(headers[c]) if c < len(headers) else specs[key].label("en")
        plain_text = kind == "text" and key != "currency"  # currency is upper-cased by _convert
        column = typed_columns.column_of(taken_rows, c, width)
        if errors:  # calamine reads error cells as empty text
            for index, r in enumerate(taken):
                if (r, c) in errors:
                    _error(plan, "error_cell", value=errors[(r, c)], **_at(sheet, r, c, header))
                    column[index] = None
        values, slow = typed_columns.convert(column, kind, plain_text, MAX_TEXT.get(key, 1 << 30))
        for index in slow:
            got: dict[str, Any] = {}
            r = taken[index]
            extra = extras.setdefault(index, {})
            _cell(plan, sheet, r, c, key, kind, header, column[index], got, extra, state)
            values[index] = got.get(key)
        keys.append(key)
        columns.append(values)
    lines = typed_columns.as_lines(keys, columns, len(taken))
    for c, header in extra_columns.items():  # kept as written, column by column
        column = typed_columns.column_of(taken_rows, c, width)
        for index in typed_columns.filled(column):
            value, r = column[index], taken[index]
            if type(value) is str and not value.strip():  # spaces only: nothing to keep
                continue
            if type(value) is str and not value.isprintable() and CONTROL.search(value):
                _control(plan, value, **_at(sheet, r, c, header))
                continue
            if type(value) is float and not value.is_integer():
                value = float(f"{value:.15g}")  # kept as Excel shows it: 3.93, not 3.92999…
            kept = value if isinstance(value, int | float | str) else text(value)
            extras.setdefault(index, {})[header] = kept
    for r in sorted(sheet.hidden_rows.intersection(taken)):
        _warn(plan, "hidden_row", sheet=sheet.name, row=r + 1)
    for index, extra in sorted(extras.items()):
        if extra:
            lines[index]["extra"] = extra
    fields = typed_columns.by_field(keys, columns, extras, len(lines))
    numbers = columns[keys.index("line_no")] if "line_no" in keys else [None] * len(lines)
    if not all(lines):  # a row of values in columns without a header and nothing else: no line
        chosen = [i for i, line in enumerate(lines) if line]
        lines, numbers = [lines[i] for i in chosen], [numbers[i] for i in chosen]
        taken = [taken[i] for i in chosen]
        fields = fields and {k: [v[i] for i in chosen] for k, v in fields.items()}
    if not per_order:
        _duplicate_line_numbers(plan, sheet, numbers, taken)
    plan.columns = fields if not plan.lines else None
    plan.lines.extend(lines)
    plan.line_rows.extend(map((1).__add__, taken))
    plan.issues.sort(key=lambda i: (i.row or 0, -1 if i.column is None else i.column))
    if not plan.lines:
        _error(plan, "no_lines", sheet=sheet.name, row=layout.header_row + 1)
        return
    if not per_order and None in numbers:
        _number_lines(plan)
        if plan.columns is not None:
            plan.columns["line_no"] = [line.get("line_no") for line in plan.lines]


def _duplicate_line_numbers(
    plan: Plan, sheet: Sheet, numbers: list[int | None], taken: list[int]
) -> None:
    """A line number used before in the file: an error naming the row that used it last."""
    given = [number for number in numbers if number is not None]
    if len(set(given)) == len(given):
        return
    seen: dict[int, int] = {}
    for number, r in zip(numbers, taken, strict=True):
        if number is None:
            continue
        if number in seen:
            _error(
                plan,
                "duplicate_line",
                sheet=sheet.name,
                row=r + 1,
                value=str(number),
                params=(("first", seen[number]),),
            )
        seen[number] = r + 1


def _rows_of_lines(plan: Plan, sheet: Sheet) -> list[int]:
    """The sheet rows (0-based) holding lines: not blank, and above any total row."""
    assert plan.layout is not None
    mapping, errors = plan.layout.mapping, sheet.errors
    marked = errors.keys() | sheet.formulas.keys() if sheet.formulas else errors
    part = next((c for c, key in mapping.items() if key == "part_number"), None)
    per_order = bool(plan.layout.order_columns)  # an export's subtotals between its orders
    taken = []
    for r in range(plan.layout.header_row + 1, len(sheet.rows)):
        row = sheet.rows[r]
        first = row[0] if row and row[0] is not None and row[0] != "" else None
        if first is None:  # the common case above: a line begins in the first column
            first = next((cell for cell in row if cell is not None and cell != ""), None)
        if (
            first is None
            or (type(first) is str and not first.strip() and all(is_empty(x) for x in row))
        ) and (not marked or not any((r, c) in marked for c in range(len(row)))):
            continue
        if per_order and grouping.is_order_total(row, part):
            continue
        if type(first) is str and layouts.is_total_row(row, mapping):
            break
        taken.append(r)
    return taken


def _at(sheet: Sheet, r: int, c: int, header: str) -> dict[str, Any]:
    return {"sheet": sheet.name, "row": r + 1, "column": c, "header": header}


def _cell(
    plan: Plan,
    sheet: Sheet,
    r: int,
    c: int,
    key: str,
    kind: str,
    header: str,
    raw: Any,
    line: dict[str, Any],
    extra: dict[str, Any],
    state: dict[str, bool],
) -> None:
    """One cell through the full parsers, with its problems recorded where they are."""
    if type(raw) is str and CONTROL.search(raw):
        _control(plan, raw, **_at(sheet, r, c, header))
        return
    try:
        line[key] = _convert(plan, kind, key, raw)
    except AmbiguousDate:
        plan.needs_date_order = True
        if not state["ambiguous_reported"]:
            _error(plan, "ambiguous_date", value=text(raw), **_at(sheet, r, c, header))
            state["ambiguous_reported"] = True
    except _TooLong as exc:
        _error(
            plan,
            "too_long",
            value=text(raw),
            params=(("max", exc.limit),),
            **_at(sheet, r, c, header),
        )
    except _TooPrecise:
        _error(plan, "too_precise", value=text(raw), **_at(sheet, r, c, header))
    except ValueError:
        _warn(plan, f"not_{kind}", value=text(raw), **_at(sheet, r, c, header))
        # Kept as written, by field: the checks report it (vague, or not readable).
        extra.setdefault(UNPARSED, {})[key] = text(raw)


def _control(plan: Plan, raw: str, **where: Any) -> None:
    """A text holding a control character: refused, naming the cell and the character."""
    found = CONTROL.search(raw)
    assert found is not None
    shown = CONTROL.sub(lambda m: f"<U+{ord(m.group()):04X}>", raw)
    _error(
        plan,
        "control_character",
        value=shown,
        params=(("char", f"U+{ord(found.group()):04X}"),),
        **where,
    )


def _unsaved_formulas(plan: Plan, sheet: Sheet) -> None:
    """Every formula above the table's end whose result was not saved: an error, by cell
    (the file must be opened and saved by a spreadsheet program to store the values)."""
    if not sheet.formulas:
        return
    end = (
        plan.line_rows[-1] if plan.line_rows else (plan.layout.header_row + 1 if plan.layout else 0)
    )
    headers = sheet.rows[plan.layout.header_row] if plan.layout else []
    for (r, c), formula in sorted(sheet.formulas.items()):
        if r < end:
            header = (
                text(headers[c])
                if plan.layout and r > plan.layout.header_row and c < len(headers)
                else None
            )
            _error(
                plan,
                "formula_without_value",
                value=formula,
                sheet=sheet.name,
                row=r + 1,
                column=c,
                header=header or None,
            )
    plan.issues.sort(key=lambda i: (i.row or 0, -1 if i.column is None else i.column))


class _TooLong(ValueError):
    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


class _TooPrecise(ValueError):
    pass


def _convert(plan: Plan, kind: str, key: str, raw: Any) -> Any:
    if kind == "number":
        number = parse_number(raw, plan.decimal_comma)
        if abs(number) >= MAX_NUMBER or number.as_tuple().exponent < -6:  # type: ignore[operator]
            raise _TooPrecise()
        return number
    if kind == "integer":
        number = parse_number(raw, plan.decimal_comma)
        if number != number.to_integral_value():
            raise ValueError("not an integer")
        return int(number)
    if kind == "date":
        return parse_date(raw, plan.date_order, plan.workbook.date1904)
    value = text(raw)
    limit = MAX_TEXT.get(key)
    if key == "currency":
        value = value.upper()
    if limit and len(value) > limit:
        raise _TooLong(limit)
    return value


def _number_lines(plan: Plan) -> None:
    """Lines without a number of their own get the next free multiple of 10."""
    used = {line["line_no"] for line in plan.lines if isinstance(line.get("line_no"), int)}
    step = 10
    candidate = step
    for line in plan.lines:
        if not isinstance(line.get("line_no"), int):
            while candidate in used:
                candidate += step
            line["line_no"] = candidate
            used.add(candidate)


def _read_header(plan: Plan) -> None:
    assert plan.layout is not None
    assert plan.sheet is not None
    found = plan.layout.header_fields
    options = plan.options
    header: dict[str, Any] = {}
    for key in HEADER_KEYS:
        given = getattr(options, key, None)
        if given not in (None, ""):
            header[key] = given
        elif key in found:
            raw = found[key]
            r, c = plan.layout.header_cells[key]
            where = {"sheet": plan.sheet.name, "row": r + 1, "column": c}
            if key == "order_date":
                try:
                    header[key] = parse_date(raw, plan.date_order, plan.workbook.date1904)
                except AmbiguousDate:
                    plan.needs_date_order = True
                    _error(plan, "ambiguous_date", value=text(raw), **where)
                except ValueError:
                    _warn(plan, "not_date", value=text(raw), header="order date", **where)
            elif type(raw) is str and CONTROL.search(raw):
                _control(plan, raw, **where)
            else:
                header[key] = text(raw)
    if "currency" not in header:  # the lines' one currency, if they name one
        currencies = {line.get("currency") for line in plan.lines if line.get("currency")}
        if len(currencies) == 1:
            header["currency"] = currencies.pop()
    if isinstance(header.get("currency"), str):
        header["currency"] = header["currency"].strip().upper()[:3]
    plan.header = header
    if plan.layout.order_columns:  # checked per order (grouping)
        return
    if not header.get("customer") and not header.get("customer_code"):
        _error(plan, "no_customer")
    if not header.get("order_number"):
        _error(plan, "no_order_number")


def _split_orders(plan: Plan, sheet: Sheet) -> None:
    """The file's orders (by the order-number column, if any) and their problems."""
    assert plan.layout is not None

    def read_date(raw: Any) -> date:
        return parse_date(raw, plan.date_order, plan.workbook.date1904)

    found, problems = grouping.split(
        sheet.rows,
        columns_of(plan),
        plan.layout.order_columns,
        plan.header,
        plan.lines,
        plan.line_rows,
        read_date,
    )
    plan.orders = found
    if len(found) == 1 and found[0].lines is plan.lines:  # the lines as they are
        found[0].columns = plan.columns
    plan.issues += [Issue(p.severity, p.code, sheet.name, **_located(p)) for p in problems]
    plan.needs_date_order |= any(p.code == "ambiguous_date" for p in problems)


def _located(problem: grouping.Problem) -> dict[str, Any]:
    keys = ("row", "column", "header", "value", "params")
    return {key: getattr(problem, key) for key in keys}


def profile_of(plan: Plan) -> dict[str, str]:
    """The mapping as header text → field, to save for this customer's next file."""
    if plan.layout is None or plan.sheet is None:
        return {}
    headers = plan.sheet.rows[plan.layout.header_row]
    return {
        text(headers[c]): f
        for c, f in plan.layout.mapping.items()
        if c < len(headers) and text(headers[c])
    }


def options_with(options: Options, **changes: Any) -> Options:
    """A copy of ``options`` with some answers filled in (the wizard's next attempt)."""
    values: dict[str, Any] = {**options.__dict__, **changes}
    return Options(**values)


def columns_of(plan: Plan) -> list[str]:
    """The header texts of the chosen header row (for mapping screens)."""
    if plan.layout is None or plan.sheet is None:
        return []
    row = plan.sheet.rows[plan.layout.header_row]
    return [text(h) for h in row]


def mapping_labels(language: str) -> Mapping[str, str]:
    return {k: spec.label(language) for k, spec in layouts.fields().line.items()}
