"""What the order register shows in its cells: each column's text of a row, in a language."""

from __future__ import annotations

from datetime import date, datetime

from qms_review.core.messages import label, text
from qms_review.core.oversight.register import Column, RegisterRow


def cell_text(row: RegisterRow, column: Column, language: str) -> str:
    """What the register shows of ``row`` in ``column``, in ``language``."""
    match column:
        case Column.CUSTOMER:
            return row.customer
        case Column.KIND:
            return label("kind", row.kind.value, language)
        case Column.NUMBER:
            return row.number
        case Column.REVISION:
            return str(row.revision)
        case Column.ORDER_DATE:
            return row.order_date.isoformat() if row.order_date else ""
        case Column.RECEIVED:
            return _local(row.received_at)
        case Column.LINES:
            return str(row.line_count)
        case Column.STATUS:
            return label("status", row.status.value, language)
        case Column.FINDINGS:
            return str(row.findings) if row.findings else ""
        case Column.REVIEW:
            return label("review_stage", row.stage.value, language)
        case Column.DUE:
            if row.due is None:
                return ""
            if row.overdue(date.today()):
                overdue = text("due.overdue", language)
                return f"{row.due.isoformat()} ({overdue})"
            return row.due.isoformat()
        case Column.CLARIFICATIONS:
            return str(row.clarifications) if row.clarifications else ""
    return ""


def _local(instant: datetime | None) -> str:
    return instant.astimezone().strftime("%Y-%m-%d %H:%M") if instant else ""
