"""What importing the orders of a file would do, before anything is written: each order new or
revision N+1, its customer known or new, its problems, and whether this very file gave it a
revision already (the wizard's orders page, the command line's summary lines)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from qms_review.core.intake import grouping, importer
from qms_review.core.intake.analysis import Plan
from qms_review.core.orders.values import text
from qms_review.core.store.database import Store


@dataclass(frozen=True)
class Outlook:
    """What importing one order of a plan would do, before anything is written."""

    number: str | None
    customer: str
    lines: int
    revision: int  # the revision it would become: 1 is a new order
    customer_new: bool
    errors: int
    warnings: int
    imported_before: int | None = None  # the revision this very file made of it already
    unchanged: bool = False  # it says exactly what its latest revision says: left as it is


def preview(store: Store, plan: Plan) -> list[Outlook]:
    """Each order of the plan: new or revision N+1, its customer known or new, its problems."""
    digest = hashlib.sha256(plan.workbook.content).hexdigest()
    kind = plan.options.kind
    found: list[Outlook] = []
    with store.read() as session:
        before = {
            number: revision
            for number, revision, _received in importer.revisions_from_file(session, digest, kind)
        }
        own, _files = grouping.issues_by_order(plan.orders, plan.issues)
        for order, issues in zip(plan.orders, own, strict=True):
            header = order.header
            name, code = header.get("customer"), header.get("customer_code")
            customer = importer.known_customer(session, name, code)
            latest = (
                importer.latest_revision(session, customer.id, kind, str(order.number))
                if customer is not None and order.number
                else None
            )
            found.append(
                Outlook(
                    order.number,
                    customer.name if customer is not None else text(name or code or ""),
                    len(order.lines),
                    latest.number + 1 if latest is not None else 1,
                    customer is None,
                    sum(1 for i in issues if i.severity == "error"),
                    sum(1 for i in issues if i.severity == "warning"),
                    before.get(str(order.number)),
                    latest is not None
                    and importer.same_content(
                        session, latest, header, order.lines, plan.options.verbal
                    ),
                )
            )
    return found
