"""The review record as a PDF (reportlab), in English or Simplified Chinese, with WenQuanYi
Micro Hei embedded (the record must read the same on a machine without Chinese fonts).

Long orders paginate with their table headers repeated; every page says "page X of Y" and
carries the SHA-256 of the review data it was made from.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, Spacer

from qms_review.core.checks import rules as rule_book
from qms_review.core.messages import Texts, label, text
from qms_review.core.records.contents import RecordData
from qms_review.core.records.typesetting import (
    MARGIN,
    PageCounting,
    document,
    font,
    paragraph,
    styles,
    table,
)


def difference_row(difference: dict[str, Any], language: str) -> list[Any]:
    """One difference as people read it: basis, change and field named, not keyed."""
    field = difference["field"]
    return [
        label("record.basis", difference["basis"], language),
        label("record.change", difference["change"], language),
        difference["line"],
        difference["part"],
        rule_book.default().field_name(field, language) if field else "",
        difference["old"],
        difference["new"],
    ]


def _numbered(record_id: str, digest: str, language: str, draft: bool) -> type[canvas.Canvas]:
    """A canvas that writes "page X of Y" once it knows Y (two passes over the saved pages),
    and the DRAFT watermark on every page of a draft."""

    class Numbered(PageCounting):
        def decorate(self, total: int) -> None:
            width, height = A4
            self.setFont(font(), 7)
            self.setFillColor(colors.HexColor("#555555"))
            self.drawString(MARGIN, height - 9 * mm, text("record.header", language, id=record_id))
            page = self.getPageNumber()
            self.drawRightString(
                width - MARGIN, 8 * mm, text("record.page", language, page=page, pages=total)
            )
            self.drawString(MARGIN, 8 * mm, text("record.footer", language, sha=digest[:32]))
            if draft:
                self._watermark(width, height)

        def _watermark(self, width: float, height: float) -> None:
            mark, note = text("record.draft_mark", language), text("record.draft_note", language)
            self.saveState()
            self.setFont(font(), 8)
            self.setFillColor(colors.HexColor("#b03a2e"))
            self.drawRightString(width - MARGIN, height - 9 * mm, f"{mark} — {note}")
            self.restoreState()
            self.saveState()
            self.setFillColor(colors.HexColor("#b03a2e"))
            self.setFillAlpha(0.16)
            self.translate(width / 2, height / 2)
            self.rotate(50)
            self.setFont(font(), 96)
            self.drawCentredString(0, 0, mark)
            self.setFont(font(), 15)
            self.drawCentredString(0, -34, note)
            self.restoreState()

    return Numbered


def render(
    data: RecordData,
    record_id: str,
    language: str,
    generated_at: str,
    signature_page: bool = False,
    draft: bool = False,
) -> bytes:
    """The record's PDF (not yet signed); with a last page kept free for the signatures, or
    watermarked DRAFT on every page when the review is not decided."""
    s = styles()
    width = A4[0] - 2 * MARGIN

    def t(key: str, **params: Any) -> str:
        return text(f"record.{key}", language, **params)

    order = data.order
    story: list[Any] = [
        Paragraph(escape(t("title")), s["title"]),
        paragraph(t("identity", id=record_id, generated=generated_at), "base"),
        Spacer(1, 4),
    ]
    header = [
        (
            t("customer"),
            f"{order['customer']}"
            + (f" ({order['customer_code']})" if order["customer_code"] else ""),
        ),
        (
            t("order"),
            f"{label('kind', order['kind'], language)} {order['number']} — "
            + t("revision", n=order["revision"]),
        ),
        (t("order_date"), order["order_date"]),
        (t("received"), order["received_at"]),
        (t("buyer"), order["buyer"]),
        (t("currency"), order["currency"]),
        (t("payment_terms"), order["payment_terms"]),
        (t("delivery_terms"), order["delivery_terms"]),
        (t("quotation"), order["quotation_ref"]),
        (t("template"), data.review["template"]),
    ]
    story.append(
        table([t("field"), t("value")], [list(r) for r in header], [width * 0.25, width * 0.75])
    )

    story.append(Paragraph(escape(t("lines", count=len(data.lines))), s["h2"]))
    story.append(
        table(
            [
                t(k)
                for k in (
                    "line",
                    "part",
                    "rev",
                    "description",
                    "quantity",
                    "unit",
                    "price",
                    "amount",
                    "delivery",
                )
            ],
            [
                [
                    ln.get("line_no"),
                    ln.get("part_number"),
                    ln.get("part_revision"),
                    ln.get("description"),
                    ln.get("quantity"),
                    ln.get("unit"),
                    ln.get("unit_price"),
                    ln.get("amount"),
                    ln.get("delivery_date"),
                ]
                for ln in data.lines
            ],
            [w * width for w in (0.06, 0.13, 0.05, 0.28, 0.09, 0.06, 0.1, 0.11, 0.12)],
        )
    )

    story.append(Paragraph(escape(t("differences", count=len(data.differences))), s["h2"]))
    if data.differences:
        story.append(
            table(
                [t(k) for k in ("basis", "change", "line", "part", "field", "was", "now")],
                [difference_row(d, language) for d in data.differences],
                [w * width for w in (0.12, 0.1, 0.07, 0.15, 0.16, 0.2, 0.2)],
            )
        )

    story.append(Paragraph(escape(t("findings", count=len(data.findings))), s["h2"]))
    if data.findings:
        story.append(
            table(
                [t("severity"), t("line"), t("finding"), t("disposition")],
                [
                    [
                        label("check.severity", f["severity"], language),
                        f["line"],
                        Texts(f["message"])(language),
                        (
                            label("disposition", f["disposition"], language)
                            + (f": {f['note']}" if f["note"] else "")
                        )
                        if f["disposition"]
                        else t("open"),
                    ]
                    for f in data.findings
                ],
                [w * width for w in (0.1, 0.07, 0.55, 0.28)],
            )
        )

    story.append(Paragraph(escape(t("checklist")), s["h2"]))
    for section in data.sections:
        title = Texts(section["title"])(language)
        owner = label("owner", section["function"], language)
        story.append(paragraph(f"{title} ({owner})", "base"))
        rows = []
        for item in section["items"]:
            if not item["applies"]:
                continue
            answer = label("answer", item["answer"], language) if item["answer"] else "—"
            notes = "; ".join(
                filter(
                    None,
                    [
                        item["comment"],
                        (
                            label("disposition", item["disposition"], language)
                            + ": "
                            + (item["disposition_note"] or "")
                        )
                        if item["disposition"]
                        else None,
                        (t("evidence") + ": " + ", ".join(item["evidence"]))
                        if item["evidence"]
                        else None,
                    ],
                )
            )
            rows.append(
                [
                    item["clause"],
                    Texts(item["text"])(language),
                    answer,
                    notes,
                    item["answered_by"],
                ]
            )
        story.append(
            table(
                [t("clause"), t("item"), t("answer"), t("comment"), t("by")],
                rows,
                [w * width for w in (0.1, 0.43, 0.07, 0.27, 0.13)],
            )
        )
        story.append(Spacer(1, 3))

    story.append(Paragraph(escape(t("clarifications", count=len(data.clarifications))), s["h2"]))
    if data.clarifications:
        story.append(
            table(
                [t("question"), t("answer_given"), t("answered_on")],
                [
                    [c["question"], c["answer"] or t("open"), c["answered_on"]]
                    for c in data.clarifications
                ],
                [w * width for w in (0.45, 0.4, 0.15)],
            )
        )

    story.append(Paragraph(escape(t("communications", count=len(data.communications))), s["h2"]))
    if data.communications:
        story.append(
            table(
                [t("said_on"), t("communication"), t("channel"), t("said")],
                [
                    [
                        c["occurred_on"],
                        ("← " if c["incoming"] else "→ ")
                        + label("communication", c["kind"], language),
                        " / ".join(filter(None, [c["channel"], c["contact"]])),
                        c["summary"],
                    ]
                    for c in data.communications
                ],
                [w * width for w in (0.13, 0.17, 0.2, 0.5)],
            )
        )

    review = data.review
    story.append(Paragraph(escape(t("decision")), s["h2"]))
    decided = (
        label("decision", review["decision"], language) if review["decision"] else t("undecided")
    )
    story.append(
        paragraph(
            f"{decided}"
            + (f" — {t('conditions')}: {review['conditions']}" if review["conditions"] else ""),
            "base",
        )
    )

    story.append(Paragraph(escape(t("manifest")), s["h2"]))
    story.append(
        table(
            [t("signer"), t("function"), t("meaning"), t("signed_at"), t("content")],
            [
                [
                    sig["printed_name"],
                    label("owner", sig["function"], language) if sig["function"] else "",
                    sig["meaning"] + (f" ({t('lapsed')})" if sig["lapsed"] else ""),
                    sig["signed_at"],
                    sig["content_sha256"][:16] + "…",
                ]
                for sig in data.signatures
            ],
            [w * width for w in (0.2, 0.13, 0.34, 0.18, 0.15)],
        )
    )

    story.append(Paragraph(escape(t("integrity")), s["h2"]))
    story.append(paragraph(t("data_sha", sha=data.sha256), "small"))
    story.append(
        paragraph(t("audit_head", seq=data.audit_head["seq"], mac=data.audit_head["mac"]), "small")
    )
    if signature_page:
        story.append(PageBreak())
        story.append(Paragraph(escape(t("signatures")), s["h2"]))
        story.append(paragraph(t("signatures_note"), "base"))

    out = io.BytesIO()
    document(out, t("title"), "QMS Review", record_id).build(
        story, canvasmaker=_numbered(record_id, data.sha256, language, draft)
    )
    return out.getvalue()
