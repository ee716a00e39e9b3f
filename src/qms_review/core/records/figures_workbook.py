"""The dashboard's figures as a workbook (``qms-review stats --xlsx``, the dashboard's *Save as
Excel…*, ``report --xlsx``), and the scope they were counted over in words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qms_review.core.messages import label, punctuation, text
from qms_review.core.oversight import stats
from qms_review.core.records.exports import _sheet


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
        kinds
        + [["", label("check.rule", rule, language), n] for rule, n in figures.findings_by_rule],
    )
    _sheet(
        book,
        t("stats.sheet.customers"),
        [t("stats.col.customer"), t("stats.col.clarity_findings"), t("stats.col.revisions")],
        [list(v) for v in figures.vaguest_customers],
    )
    voice = figures.voice
    _sheet(
        book,
        t("stats.sheet.voice"),
        [
            t("stats.col.received"),
            t("stats.col.customer"),
            t("stats.col.kind"),
            t("stats.col.said"),
            t("export.number"),
            t("stats.col.status"),
            t("stats.col.due"),
            t("stats.col.closed"),
        ],
        [
            [
                s.received_on,
                s.customer,
                label("feedback_kind", s.kind.value, language),
                s.summary,
                s.order or "",
                label("feedback_status", s.status.value, language),
                s.due_on or "",
                s.closed_on or "",
            ]
            for s in voice.said
        ],
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
