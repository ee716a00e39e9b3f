"""The order acknowledgement as a PDF (reportlab, the records' A4 set-up, font and tables), in
the customer's language; "page X of Y" with our reference on every page."""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, Spacer

from qms_review.core.messages import label, text
from qms_review.core.records.rendering import difference_row
from qms_review.core.records.typesetting import (
    MARGIN,
    PageCounting,
    document,
    font,
    paragraph,
    styles,
    table,
)


def _paged(reference: str, language: str) -> type[canvas.Canvas]:
    """A canvas that writes "<reference> — page X of Y" once it knows Y."""

    class Paged(PageCounting):
        def decorate(self, total: int) -> None:
            self.setFont(font(), 7)
            self.setFillColor(colors.HexColor("#555555"))
            shown = text(
                "acknowledgement.page",
                language,
                reference=reference,
                page=self.getPageNumber(),
                pages=total,
            )
            self.drawRightString(A4[0] - MARGIN, 8 * mm, shown)

    return Paged


def money(value: Any) -> str:
    """An amount as people read one: thousands grouped, at least two decimals (more when the
    price has them: 0.125 stays 0.125); empty for none."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    exponent = amount.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return f"{amount:,.{places}f}"


def total(lines: list[dict[str, Any]]) -> Decimal | None:
    """The sum of the lines' amounts (quantity × price where a line states no amount); None
    when a line has neither."""
    found = Decimal(0)
    for line in lines:
        try:
            amount = line.get("amount")
            if amount is None:
                amount = Decimal(str(line["quantity"])) * Decimal(str(line["unit_price"]))
            found += Decimal(str(amount))
        except (KeyError, TypeError, InvalidOperation):
            return None
    return found


def render(content: dict[str, Any], language: str) -> bytes:
    """The acknowledgement's PDF."""
    s = styles()
    width = A4[0] - 2 * MARGIN

    def t(key: str, **params: Any) -> str:
        return text(f"acknowledgement.{key}", language, **params)

    def r(key: str, **params: Any) -> str:
        return text(f"record.{key}", language, **params)

    def heading(value: str) -> Paragraph:
        return Paragraph(escape(value), s["h2"])

    decided = content["decided_on"] or content["date"]
    story: list[Any] = [
        Paragraph(escape(t("title")), s["title"]),
        table(
            [t("reference"), content["reference"]],
            [
                [t("date"), content["date"]],
                [t("from"), content["organisation"]],
                [t("to"), content["customer"]],
                [
                    t("your_order"),
                    f"{content['order']} — {t('revision', n=content['revision'])}",
                ],
            ],
            [width * 0.25, width * 0.75],
        ),
        Spacer(1, 6),
        paragraph(
            t(
                f"intro.{content['decision']}",
                order=content["number"],
                revision=content["revision"],
                date=decided,
            ),
            "base",
        ),
        heading(t("terms")),
        table(
            [r("field"), r("value")],
            [[r(key), value] for key, value in content["terms"] if value not in (None, "")],
            [width * 0.25, width * 0.75],
        ),
        heading(r("lines", count=len(content["lines"]))),
    ]
    rows = [
        [
            ln.get("line_no"),
            ln.get("part_number"),
            ln.get("part_revision"),
            ln.get("description"),
            ln.get("quantity"),
            ln.get("unit"),
            money(ln.get("unit_price")),
            money(ln.get("amount")),
            ln.get("delivery_date"),
        ]
        for ln in content["lines"]
    ]
    summed = total(content["lines"])
    currency = dict(content["terms"]).get("currency") or ""
    if summed is not None:
        rows.append(["", "", "", t("total", currency=currency), "", "", "", money(summed), ""])
    story.append(
        table(
            [r(k) for k in ("line", "part", "rev", "description", "quantity", "unit")]
            + [r(k) for k in ("price", "amount", "delivery")],
            rows,
            [w * width for w in (0.06, 0.13, 0.05, 0.28, 0.09, 0.06, 0.1, 0.11, 0.12)],
        )
    )
    story.append(heading(t("conditions")))
    story.append(paragraph(content["conditions"] or t("no_conditions"), "base"))
    story.append(heading(t("changes")))
    differences = content["differences"]
    story.append(paragraph(t("differences", count=len(differences)), "base"))
    if differences:
        story.append(
            table(
                [r(k) for k in ("basis", "change", "line", "part", "field", "was", "now")],
                [difference_row(d, language) for d in differences],
                [w * width for w in (0.12, 0.1, 0.07, 0.15, 0.16, 0.2, 0.2)],
            )
        )
    answered = content["clarifications"]
    story.append(Spacer(1, 4))
    story.append(paragraph(t("clarified", count=len(answered)), "base"))
    if answered:
        story.append(
            table(
                [r("question"), r("answer_given"), r("answered_on")],
                [[c["question"], c["answer"], c["answered_on"]] for c in answered],
                [w * width for w in (0.45, 0.4, 0.15)],
            )
        )
    story.append(Spacer(1, 10))
    story.append(paragraph(t("closing"), "base"))
    story.append(Spacer(1, 4))
    story.append(paragraph(content["organisation"], "base"))
    story.append(paragraph(label("decision", content["decision"], language), "small"))

    out = io.BytesIO()
    document(out, t("title"), content["organisation"] or "QMS Review", content["reference"]).build(
        story, canvasmaker=_paged(content["reference"], language)
    )
    return out.getvalue()
