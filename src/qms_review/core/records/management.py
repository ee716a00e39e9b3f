"""The management-review report (ISO 9001 §9.3.2 c, inputs on customer requirements): the review
figures of a period as a PDF with its own charts (reportlab.graphics), in one language.

Sections: the reviews now (and which functions they wait for), the decisions, the time from
receipt to decision by month, what the automatic checks found, the customers with most findings
and amendments, and the overdue reviews.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy.orm import Session

from qms_review.core.identity import certificates, pki
from qms_review.core.messages import QmsError, label, one_or_many, text
from qms_review.core.oversight import fractions, stats
from qms_review.core.records import figures_workbook
from qms_review.core.records.typesetting import MARGIN, document, font, styles

BLUE = colors.HexColor("#1f4e79")
WIDTH = A4[0] - 2 * MARGIN
MAX_LATE = 40


def report_pdf(
    figures: stats.Figures, organisation: str, language: str = "en", made: datetime | None = None
) -> bytes:
    """The report as PDF bytes."""
    made = made or datetime.now().astimezone()

    def t(key: str, **args: Any) -> str:
        return text(key, language, **args)

    shown: list[Any] = [
        _para(t("report.title"), "title"),
        _para(
            t(
                "report.subtitle",
                organisation=organisation or t("report.organisation"),
                scope=figures_workbook.scope_text(figures.scope, language),
                made=made.strftime("%Y-%m-%d %H:%M"),
            ),
            "base",
        ),
        _section(t("report.now"), t("report.now_intro", today=figures.today.isoformat())),
        _table(
            [t("stats.col.figure"), t("stats.col.value")],
            [
                [t("stats.open_reviews"), figures.open_reviews],
                [t("stats.not_started"), figures.not_started],
                [t("stats.due_this_week"), figures.due_this_week],
                [t("stats.overdue"), figures.overdue],
                [t("stats.questions_open"), figures.questions_open],
                [t("stats.oldest_question_days"), _number(figures.oldest_question_days)],
            ],
            [WIDTH * 0.7, WIDTH * 0.3],
        ),
    ]
    if figures.holding_up:
        shown.append(
            _bars(
                t("report.waiting_chart"),
                [label("owner", f.value, language) for f in figures.holding_up],
                list(figures.holding_up.values()),
                horizontal=True,
            )
        )
    shown.append(
        _section(
            t("report.decisions"),
            t(
                one_or_many(
                    figures.decided, "report.decisions_intro_one", "report.decisions_intro"
                ),
                count=figures.decided,
            ),
        )
    )
    if figures.decided:
        names = [label("decision", d.value, language) for d in figures.decisions]
        shown.append(
            _table(
                [t("stats.col.decision"), t("stats.col.count"), t("stats.col.share")],
                [
                    [name, n, f"{100 * (figures.rate(d) or 0):.0f}%"]
                    for name, (d, n) in zip(names, figures.decisions.items(), strict=True)
                ],
                [WIDTH * 0.6, WIDTH * 0.2, WIDTH * 0.2],
            )
        )
        shown.append(_bars(t("report.decisions_chart"), names, list(figures.decisions.values())))
        shown.append(
            _para(
                t(
                    "cli.stats.cycle",
                    median=_number(figures.cycle_median_days),
                    p90=_number(figures.cycle_p90_days),
                ),
                "base",
            )
        )
        if figures.by_month:
            shown.append(
                _bars(
                    t("report.months_chart"),
                    [m.month for m in figures.by_month],
                    [m.median_days for m in figures.by_month],
                )
            )
    shown.append(_section(t("report.findings"), t("report.findings_intro")))
    if figures.findings_by_kind:
        kinds = [t(f"check.kind.{k.value}") for k in figures.findings_by_kind]
        shown.append(
            _bars(t("report.findings_chart"), kinds, list(figures.findings_by_kind.values()))
        )
        shown.append(
            _table(
                [t("stats.col.rule"), t("stats.col.count")],
                [[label("check.rule", rule, language), n] for rule, n in figures.findings_by_rule],
                [WIDTH * 0.8, WIDTH * 0.2],
            )
        )
    shown.append(_section(t("report.customers"), t("report.customers_intro")))
    if figures.customers:
        shown.append(
            _table(
                [
                    t("stats.col.customer"),
                    t("stats.orders"),
                    t("stats.amendments"),
                    t("report.findings_column"),
                    t("stats.col.clarity_findings"),
                ],
                [
                    [c.customer, c.orders, c.amendments, c.findings, c.clarity]
                    for c in figures.customers
                ],
                [WIDTH * 0.4] + [WIDTH * 0.15] * 4,
            )
        )
    shown.append(
        _section(
            t("report.late"),
            t(
                one_or_many(len(figures.late), "report.late_intro_one", "report.late_intro"),
                count=len(figures.late),
            ),
        )
    )
    if figures.late:
        shown.append(
            _table(
                [t("export.number"), t("export.customer"), t("export.due"), t("export.review")],
                [
                    [
                        x.number,
                        x.customer,
                        x.due_on.isoformat(),
                        label("review_state", x.state.value, language)
                        if x.state
                        else t("report.not_started"),
                    ]
                    for x in figures.late[:MAX_LATE]
                ],
                [WIDTH * 0.25, WIDTH * 0.4, WIDTH * 0.15, WIDTH * 0.2],
            )
        )
        if len(figures.late) > MAX_LATE:
            shown.append(_para(t("report.more_late", count=len(figures.late) - MAX_LATE), "small"))
    shown += _voice(figures, language)
    out = io.BytesIO()
    document(out, t("report.title"), organisation).build(shown)
    return out.getvalue()


def _voice(figures: stats.Figures, language: str) -> list[Any]:
    """What customers told us in the period, and their property (§9.3.2 c, §8.5.3)."""

    def t(key: str, **args: Any) -> str:
        return text(key, language, **args)

    voice = figures.voice
    received = sum(voice.received.values())
    shown: list[Any] = [
        _section(
            t("report.voice"),
            t(
                "report.voice_intro",
                received=received,
                open=voice.open,
                late=voice.late,
                median=_number(voice.median_days_to_close),
            )
            if received or voice.open
            else t("report.voice_none"),
        )
    ]
    if voice.received:
        shown.append(
            _table(
                [t("stats.col.kind"), t("stats.col.count")],
                [[label("feedback_kind", k.value, language), n] for k, n in voice.received.items()],
                [WIDTH * 0.7, WIDTH * 0.3],
            )
        )
    if voice.said:
        shown.append(
            _table(
                [
                    t("stats.col.received"),
                    t("stats.col.customer"),
                    t("stats.col.kind"),
                    t("stats.col.said"),
                    t("stats.col.status"),
                ],
                [
                    [
                        s.received_on.isoformat(),
                        s.customer,
                        label("feedback_kind", s.kind.value, language),
                        s.summary + (f" ({s.order})" if s.order else ""),
                        label("feedback_status", s.status.value, language)
                        + (f" {t('report.late_mark')}" if s.late(figures.today) else ""),
                    ]
                    for s in voice.said
                ],
                [WIDTH * 0.14, WIDTH * 0.2, WIDTH * 0.12, WIDTH * 0.39, WIDTH * 0.15],
            )
        )
    incidents = sum(voice.incidents.values())
    shown.append(
        _para(
            t(
                "report.property",
                incidents=", ".join(
                    f"{label('incident_kind', k.value, language)} {n}"
                    for k, n in voice.incidents.items()
                ),
                not_told=voice.not_told,
            )
            if incidents
            else t("report.property_none"),
            "base",
        )
    )
    return shown


def organisation_of(session: Session) -> str:
    """The organisation's name, as its certification authority carries it ("" before setup)."""
    from cryptography import x509

    try:
        pem = certificates.ca_certificate(session).certificate_pem
    except QmsError:
        return ""
    return pki.organisation_name(x509.load_pem_x509_certificate(pem.encode()))


def _para(value: str, style: str) -> Paragraph:
    return Paragraph(escape(value).replace("\n", "<br/>"), styles()[style])


def _section(title: str, intro: str) -> KeepTogether:
    return KeepTogether([_para(title, "h2"), _para(intro, "base"), Spacer(1, 2 * mm)])


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]], widths: list[float]) -> Table:
    data = [[_para(str(h), "cell") for h in header]]
    data += [[_para("" if v is None else str(v), "cell") for v in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4ebf2")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9aa7b4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _bars(
    title: str, names: list[str], values: Sequence[float], horizontal: bool = False
) -> Drawing:
    """A bar chart of ``values`` named ``names``, with its title above (horizontal: the first
    at the top). Counts get whole-number ticks."""
    if horizontal:  # reportlab draws the first category at the bottom
        names, values = names[::-1], list(values)[::-1]
    height = 40 + (16 * len(names) if horizontal else 110)
    drawing = Drawing(WIDTH, height + 18)
    drawing.add(String(0, height + 6, title, fontName=font(), fontSize=8.5, fillColor=BLUE))
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    chart.x, chart.y = (110, 10) if horizontal else (30, 30)
    chart.width = int(WIDTH) - chart.x - 20
    chart.height = height - chart.y - 10
    chart.data = [list(values)]
    chart.bars[0].fillColor = BLUE
    chart.bars.strokeColor = None
    chart.valueAxis.valueMin = 0
    counts = all(float(v).is_integer() for v in values)
    if counts:
        chart.valueAxis.valueStep = max(1, -(-int(max(values, default=1)) // 5))
    chart.valueAxis.labels.fontName = font()
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = font()
    chart.categoryAxis.labels.fontSize = 7
    chart.barLabelFormat = "%d" if counts else "%.1f"  # days as the text says them: 45.0
    chart.barLabels.fontName = font()
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return str(value) if isinstance(value, int) else fractions.one_decimal(value)
