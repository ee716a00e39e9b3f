"""Exports to Excel (openpyxl): the register as filtered, and one review's data — with real
column types (dates as dates, numbers as numbers), widths that fit, frozen headers and filters."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from qms_review.core.checks import rules as rule_book
from qms_review.core.messages import Texts, label, text
from qms_review.core.orders.revisions import LINE_COLUMNS
from qms_review.core.oversight import register
from qms_review.core.records import contents

BATCH = 2000

Progress = Callable[[int, int], None]
"""``progress(done, total)`` as an export goes; it may raise to stop the export."""


def _sheet(
    book: Any,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    progress: Callable[[int], None] | None = None,
) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title[:31])
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E4EBF2")
    widths = [len(str(h)) + 2 for h in headers]
    for done, row in enumerate(rows):
        if progress is not None and done % BATCH == 0:
            progress(done)
        values = [_cell(v) for v in row]
        sheet.append(values)
        for n, value in enumerate(values):
            shown = (
                len(value.isoformat())
                if isinstance(value, date | datetime)
                else len(str(value or ""))
            )
            widths[n] = min(max(widths[n], shown + 2), 60)
    for n, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):
        return value.astimezone().replace(tzinfo=None)
    if hasattr(value, "value") and not isinstance(value, date):
        return value.value
    return value


#: Where the review export finds the name of an order's or review's field: a catalogue key.
_FIELD_NAMES = {
    "number": "export.number",
    "kind": "export.kind",
    "revision": "export.revision",
    "customer": "export.customer",
    "customer_code": "export.code",
    "order_date": "export.order_date",
    "received_at": "export.received",
    "buyer": "record.buyer",
    "currency": "record.currency",
    "payment_terms": "record.payment_terms",
    "delivery_terms": "record.delivery_terms",
    "quotation_ref": "record.quotation",
    "verbal": "export.verbal",
    "state": "export.review_state",
    "decision": "record.decision",
    "conditions": "record.conditions",
    "due_on": "export.due",
    "decided_at": "export.decided_at",
    "template": "record.template",
}
#: Fields whose values are labels (prefix of their catalogue keys).
_VALUE_LABELS = {"kind": "kind", "state": "review_state", "decision": "decision"}


def _named(field: str, value: Any, language: str) -> list[Any]:
    """An order's or review's field and its value as people read them."""
    name = text(_FIELD_NAMES[field], language) if field in _FIELD_NAMES else field
    if field in _VALUE_LABELS and value:
        value = label(_VALUE_LABELS[field], str(value), language)
    elif isinstance(value, bool):
        value = label("answer", "yes" if value else "no", language)
    return [name, value]


def register_xlsx(
    session: Session,
    path: Path,
    needle: str = "",
    language: str = "en",
    only: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> int:
    """The register with the filter applied, one row per order; how many rows. ``progress``
    hears how far it is (reading the rows, then writing them: twice the rows in all)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    ids = register.matching_ids(session, needle, only=only)
    total = 2 * len(ids)
    rows = []
    for start in range(0, len(ids), BATCH):
        if progress is not None:
            progress(start, total)
        for r in register.rows(session, ids[start : start + BATCH]):
            rows.append(
                [
                    r.customer,
                    r.customer_code,
                    label("kind", r.kind.value, language),
                    r.number,
                    r.revision,
                    r.order_date,
                    r.received_at,
                    r.line_count,
                    label("status", r.status.value, language),
                    r.findings,
                    label("review_stage", r.stage.value, language),
                    label("decision", r.decision.value, language) if r.decision else None,
                    r.due,
                    r.clarifications,
                ]
            )
    headers = [
        text(f"export.{k}", language)
        for k in (
            "customer",
            "code",
            "kind",
            "number",
            "revision",
            "order_date",
            "received",
            "lines",
            "status",
            "findings",
            "review",
            "decision",
            "due",
            "questions",
        )
    ]

    def written(done: int) -> None:
        if progress is not None:
            progress(len(ids) + done, total)

    _sheet(book, text("export.register", language), headers, rows, written)
    book.save(path)  # not reported: the export stops before it or not at all
    return len(rows)


def review_xlsx(session: Session, review_id: int, path: Path, language: str = "en") -> Path:
    """One review's data: the order, its lines, findings, answers, clarifications, the order's
    communication log, signatures."""
    from openpyxl import Workbook

    data = contents.load(session, review_id)
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]

    def t(key: str, **params: Any) -> str:
        return text(f"record.{key}", language, **params)

    _sheet(
        book,
        t("order"),
        [t("field"), t("value")],
        [_named(k, v, language) for k, v in (*data.order.items(), *data.review.items())]
        + [[text("export.data_sha256", language), data.sha256]],
    )
    fields = rule_book.default()
    _sheet(
        book,
        text("export.lines", language),
        [fields.field_name(k, language) for k in LINE_COLUMNS],
        [[ln.get(k) for k in LINE_COLUMNS] for ln in data.lines],
    )
    _sheet(
        book,
        t("finding"),
        [t("severity"), t("line"), t("finding"), t("disposition")],
        [
            [
                label("check.severity", f["severity"], language),
                f["line"],
                Texts(f["message"])(language),
                label("disposition", f["disposition"], language) if f["disposition"] else None,
            ]
            for f in data.findings
        ],
    )
    _sheet(
        book,
        t("checklist"),
        [t("clause"), t("item"), t("answer"), t("comment"), t("by")],
        [
            [
                i["clause"],
                Texts(i["text"])(language),
                label("answer", i["answer"], language) if i["answer"] else None,
                "; ".join(
                    filter(
                        None,
                        [
                            i["comment"],
                            label("disposition", i["disposition"], language)
                            if i["disposition"]
                            else None,
                            i["disposition_note"],
                        ],
                    )
                ),
                i["answered_by"],
            ]
            for s in data.sections
            for i in s["items"]
            if i["applies"]
        ],
    )
    _sheet(
        book,
        t("question"),
        [t("question"), t("answer_given"), t("answered_on")],
        [[c["question"], c["answer"], c["answered_on"]] for c in data.clarifications],
    )
    _sheet(
        book,
        t("communications_sheet"),
        [t("said_on"), t("communication"), t("direction"), t("channel"), t("said"), t("by")],
        [
            [
                c["occurred_on"],
                label("communication", c["kind"], language),
                t("incoming") if c["incoming"] else t("outgoing"),
                " / ".join(filter(None, [c["channel"], c["contact"]])),
                c["summary"],
                c["recorded_by"],
            ]
            for c in data.communications
        ],
    )
    _sheet(
        book,
        t("manifest"),
        [t("signer"), t("function"), t("meaning"), t("signed_at"), t("content")],
        [
            [
                s["printed_name"],
                label("owner", s["function"], language) if s["function"] else None,
                s["meaning"],
                s["signed_at"],
                s["content_sha256"],
            ]
            for s in data.signatures
        ],
    )
    book.save(path)
    return path


def acknowledgement_xlsx(content: dict[str, Any], language: str) -> bytes:
    """The order acknowledgement as a workbook (the same content as its PDF): the bytes."""
    import io

    from openpyxl import Workbook

    from qms_review.core.records.rendering import difference_row

    def t(key: str, **params: Any) -> str:
        return text(f"acknowledgement.{key}", language, **params)

    def r(key: str, **params: Any) -> str:
        return text(f"record.{key}", language, **params)

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    decision = label("decision", content["decision"], language)
    _sheet(
        book,
        t("sheet.order"),
        [r("field"), r("value")],
        [
            [t("reference"), content["reference"]],
            [t("date"), content["date"]],
            [t("from"), content["organisation"]],
            [t("to"), content["customer"]],
            [t("your_order"), f"{content['order']} — {t('revision', n=content['revision'])}"],
            [r("decision"), decision],
            [t("conditions"), content["conditions"] or t("no_conditions")],
        ]
        + [[r(key), value] for key, value in content["terms"] if value not in (None, "")],
    )
    columns = ("line", "part", "rev", "description", "quantity", "unit", "price", "amount")
    _sheet(
        book,
        t("sheet.lines"),
        [r(k) for k in (*columns, "delivery")],
        [[ln.get(k) for k in (*LINE_COLUMNS_SHOWN, "delivery_date")] for ln in content["lines"]],
    )
    _sheet(
        book,
        t("sheet.changes"),
        [r(k) for k in ("basis", "change", "line", "part", "field", "was", "now")],
        [difference_row(d, language) for d in content["differences"]],
    )
    _sheet(
        book,
        t("sheet.questions"),
        [r("question"), r("answer_given"), r("answered_on")],
        [[c["question"], c["answer"], c["answered_on"]] for c in content["clarifications"]],
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


#: The line fields an acknowledgement shows, in its columns' order (before the due date).
LINE_COLUMNS_SHOWN = (
    "line_no",
    "part_number",
    "part_revision",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "amount",
)
