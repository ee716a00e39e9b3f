"""The customer's file as an Excel workbook: one sheet per tab of the window (orders and
reviews, communications, feedback and complaints, customer property)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qms_review.core.customers.file import CustomerFile
from qms_review.core.messages import label, text
from qms_review.core.records.exports import _sheet


def customer_xlsx(found: CustomerFile, path: Path, language: str = "en") -> Path:
    """A customer's file: their orders with every revision and review, the communication log
    of all their orders, feedback and complaints, and the property we hold (and held)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]

    def t(key: str, **params: Any) -> str:
        return text(f"customer_file.{key}", language, **params)

    def lb(prefix: str, value: Any) -> str | None:
        return None if value is None else label(prefix, value.value, language)

    orders = []
    for o in found.orders:
        for r in o.revisions:
            reviews = r.reviews or (None,)
            for v in reviews:
                orders.append(
                    [
                        lb("kind", o.kind),
                        o.number,
                        r.number,
                        r.received_at,
                        r.order_date,
                        r.line_count,
                        t("yes") if r.verbal else None,
                        lb("status", o.status) if r is o.latest else None,
                        lb("review_state", v.state) if v else None,
                        lb("decision", v.decision) if v else None,
                        v.conditions if v else None,
                        v.decided_at if v else None,
                    ]
                )
    _sheet(
        book,
        t("orders"),
        [
            t(k)
            for k in (
                "kind",
                "number",
                "revision",
                "received",
                "order_date",
                "lines",
                "verbal",
                "status",
                "review",
                "decision",
                "conditions",
                "decided_at",
            )
        ],
        orders,
    )
    _sheet(
        book,
        t("communications"),
        [t(k) for k in ("date", "number", "kind", "direction", "channel", "contact", "summary")]
        + [t("recorded_by")],
        [
            [
                c.occurred_on,
                c.order_number,
                label("communication", c.kind.value, language),
                t("incoming") if c.incoming else t("outgoing"),
                c.channel,
                c.contact,
                c.summary,
                c.recorded_by,
            ]
            for c in found.communications
        ],
    )
    _sheet(
        book,
        t("feedback"),
        [
            t(k)
            for k in (
                "id",
                "received",
                "kind",
                "summary",
                "number",
                "line",
                "owner",
                "due",
                "status",
                "closing_note",
                "closed_on",
                "recorded_by",
            )
        ],
        [
            [
                f.id,
                f.received_on,
                lb("feedback_kind", f.kind),
                f.summary,
                f.order_number,
                f.line_no,
                f.owner_name,
                f.due_on,
                lb("feedback_status", f.status),
                f.closing_note,
                f.closed_on,
                f.recorded_by,
            ]
            for f in found.feedback
        ],
    )
    _sheet(
        book,
        t("property"),
        [
            t(k)
            for k in (
                "id",
                "item",
                "quantity",
                "unit",
                "received",
                "condition",
                "location",
                "number",
                "incidents",
                "returned_on",
                "return_note",
            )
        ],
        [
            [
                p.id,
                p.item,
                p.quantity,
                p.unit,
                p.received_on,
                p.condition,
                p.location,
                p.order_number,
                "; ".join(
                    t(
                        "incident",
                        kind=label("incident_kind", i.kind.value, language),
                        date=i.occurred_on.isoformat(),
                        description=i.description,
                        reported=i.reported_on.isoformat() if i.reported_on else "—",
                    )
                    for i in p.incidents
                ),
                p.returned_on,
                p.return_note,
            ]
            for p in found.held
        ],
    )
    book.save(path)
    return path
