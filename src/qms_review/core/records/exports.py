"""Exports to Excel (openpyxl): the register as filtered, and one review's data — with real
column types (dates as dates, numbers as numbers), widths that fit, frozen headers and filters."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from qms_review.core.messages import Texts, label, punctuation, text
from qms_review.core.orders.revisions import LINE_COLUMNS
from qms_review.core.oversight import register, stats
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
        [[k, v] for k, v in data.order.items()]
        + [[k, v] for k, v in data.review.items()]
        + [["review_data_sha256", data.sha256]],
    )
    _sheet(
        book,
        text("export.lines", language),
        LINE_COLUMNS,
        [[ln.get(k) for k in LINE_COLUMNS] for ln in data.lines],
    )
    _sheet(
        book,
        t("finding"),
        [t("severity"), t("line"), t("finding"), t("disposition")],
        [
            [f["severity"], f["line"], Texts(f["message"])(language), f["disposition"]]
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
                i["answer"],
                "; ".join(filter(None, [i["comment"], i["disposition"], i["disposition_note"]])),
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
            [s["printed_name"], s["function"], s["meaning"], s["signed_at"], s["content_sha256"]]
            for s in data.signatures
        ],
    )
    book.save(path)
    return path


def stats_xlsx(figures: stats.Figures, path: Path, language: str = "en") -> None:
    """The dashboard's figures as a workbook: one sheet of single figures, then the tables
    behind them (waiting for, decisions, by month, findings, vaguest orders)."""
    from openpyxl import Workbook

    def t(key: str, **args: Any) -> str:
        return text(key, language, **args)

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    single = figures.as_dict()
    names = (
        "open_reviews",
        "not_started",
        "due_this_week",
        "overdue",
        "questions_open",
        "oldest_question_days",
        "median_question_days",
        "revisions",
        "decided",
        "cycle_median_days",
        "cycle_p90_days",
        "orders",
        "amended_orders",
        "amendments",
        "amendments_per_order",
    )
    rows: list[list[Any]] = [
        [t("stats.scope"), scope_text(figures.scope, language)],
        [t("stats.today"), figures.today],
    ]
    rows += [[t(f"stats.{name}"), single[name]] for name in names]
    _sheet(book, t("stats.sheet.figures"), [t("stats.col.figure"), t("stats.col.value")], rows)
    _sheet(
        book,
        t("stats.sheet.holding_up"),
        [t("stats.col.function"), t("stats.col.reviews")],
        [[label("owner", f.value, language), n] for f, n in figures.holding_up.items()],
    )
    _sheet(
        book,
        t("stats.sheet.decisions"),
        [t("stats.col.decision"), t("stats.col.count"), t("stats.col.share")],
        [
            [label("decision", d.value, language), n, round(figures.rate(d) or 0, 4)]
            for d, n in figures.decisions.items()
        ],
    )
    _sheet(
        book,
        t("stats.sheet.months"),
        [t("stats.col.month"), t("stats.decided"), t("stats.col.median_days")],
        [[m.month, m.decided, m.median_days] for m in figures.by_month],
    )
    kinds = [[t(f"check.kind.{k.value}"), "", n] for k, n in figures.findings_by_kind.items()]
    _sheet(
        book,
        t("stats.sheet.rules"),
        [t("stats.col.kind"), t("stats.col.rule"), t("stats.col.count")],
        kinds + [["", rule, n] for rule, n in figures.findings_by_rule],
    )
    _sheet(
        book,
        t("stats.sheet.customers"),
        [t("stats.col.customer"), t("stats.col.clarity_findings"), t("stats.col.revisions")],
        [list(v) for v in figures.vaguest_customers],
    )
    book.save(path)


def scope_text(scope: stats.Scope, language: str = "en") -> str:
    """The scope in words: "2026-01-01 to 2026-11-30; customer “acme”; orders only"."""
    start = scope.start.isoformat() if scope.start else "…"
    end = scope.end.isoformat() if scope.end else "…"
    parts = [
        text("stats.period", language, start=start, end=end)
        if scope.start or scope.end
        else text("stats.all_time", language)
    ]
    if scope.customer:
        parts.append(text("stats.customer_filter", language, customer=scope.customer))
    if scope.kind is not None:
        kind = label("kind", scope.kind.value, language)
        parts.append(text("stats.kind_filter", language, kind=kind))
    return punctuation("list_separator", language).join(parts)
