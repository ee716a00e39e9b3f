"""The order acknowledgement: after an accepting decision, what we confirm to the customer —
the accepted revision (terms, lines, prices, due dates), the conditions of the decision and
the changes agreed (differences from the quotation and the previous revision, the questions
answered) — as a PDF and a workbook in the customer's language, kept with the review and
entered in the order's communication log.

Customers have no language of their own in the database: it is the customer's country (China,
中国, Hong Kong, Taiwan, …: Simplified Chinese) or, without a country, a name written in Han
characters; else English. The person confirming may choose another language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qms_review.core import catalogues
from qms_review.core.identity import users
from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError, label, labelled, text
from qms_review.core.orders.revisions import store_file
from qms_review.core.records import acknowledgement_pdf, contents, exports
from qms_review.core.review import clarifications
from qms_review.core.store.columns import utcnow
from qms_review.core.store.models import (
    Acknowledgement,
    Communication,
    Customer,
    OrderRevision,
    Review,
    StoredFile,
)
from qms_review.core.store.vocabulary import (
    CommunicationKind,
    Decision,
    Function,
    ReviewState,
)

#: What the customer's country may say for a Chinese-speaking customer (lower case).
_CHINESE = frozenset(
    {
        "cn",
        "chn",
        "china",
        "prc",
        "p.r. china",
        "p.r.c.",
        "people's republic of china",
        "中国",
        "中华人民共和国",
        "hong kong",
        "hk",
        "香港",
        "taiwan",
        "台湾",
        "macau",
        "macao",
        "澳门",
        "singapore",
        "新加坡",
    }
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
ACCEPTING = (Decision.ACCEPTED, Decision.ACCEPTED_WITH_CONDITIONS)
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def customer_language(customer: Customer) -> str:
    """The language we write to ``customer`` in (see the module's note)."""
    country = (customer.country or "").strip().lower()
    chinese = country in _CHINESE if country else bool(_HAN.search(customer.name))
    wanted = "zh_CN" if chinese else "en"
    return catalogues.best(wanted)


@dataclass(frozen=True)
class Made:
    """An acknowledgement as kept: its reference, language and files."""

    id: int
    reference: str
    language: str
    pdf: bytes
    xlsx: bytes
    communication_id: int


def refuse_unless_accepted(session: Session, review_id: int, login: str | None = None) -> None:
    """Refuse (before anything is asked) to confirm an order whose review is not accepted, or
    when ``login`` is neither sales nor the approver (an unknown login is left to the password
    check, which refuses both alike)."""
    revision = _accepted(session, review_id)[1]
    if login is None:
        return
    try:
        person = users.find(session, login)
    except QmsError:
        return
    _may_confirm(person, revision)


def _may_confirm(person: Person, revision: OrderRevision) -> None:
    if not (person.holds(Function.SALES) or person.holds(Function.APPROVER)):
        raise QmsError("acknowledgement.who", order=revision.order.number)


def _accepted(session: Session, review_id: int) -> tuple[Review, OrderRevision]:
    review = session.get(Review, review_id)
    if review is None:
        raise QmsError("identity.no_review", review=review_id)
    revision = session.get(OrderRevision, review.revision_id)
    assert revision is not None
    if review.state is not ReviewState.DECIDED or review.decision not in ACCEPTING:
        where = (
            labelled("decision", review.decision.value)
            if review.decision is not None
            else labelled("review_state", review.state.value)
        )
        raise QmsError(
            "acknowledgement.not_accepted",
            order=revision.order.number,
            revision=revision.number,
            state=where,
        )
    return review, revision


def make(
    session: Session,
    person: Person,
    review_id: int,
    language: str | None = None,
    now: datetime | None = None,
) -> Made:
    """Confirm the accepted order to the customer: the acknowledgement made, kept with the
    review (its PDF and workbook as stored files), and entered in the communication log.
    Refused before an accepting decision, and to anyone but sales or the approver."""
    review, revision = _accepted(session, review_id)
    _may_confirm(person, revision)
    language = catalogues.best(language) if language else customer_language(revision.order.customer)
    made_at = now or utcnow()
    count = session.scalar(
        select(func.count(Acknowledgement.id)).where(Acknowledgement.review_id == review_id)
    )
    reference = f"OA-{revision.order.number}-R{revision.number}-{(count or 0) + 1}"
    content = _content(session, review, revision, reference, made_at, language)
    pdf = acknowledgement_pdf.render(content, language)
    xlsx = exports.acknowledgement_xlsx(content, language)
    stem = f"{reference}".replace("/", "-")
    pdf_file = store_file(session, f"{stem}.pdf", pdf, PDF)
    xlsx_file = store_file(session, f"{stem}.xlsx", xlsx, XLSX)
    entry = clarifications.record_communication(
        session,
        person,
        revision.order_id,
        CommunicationKind.ACKNOWLEDGEMENT,
        False,
        made_at.astimezone().date(),
        text(
            "acknowledgement.summary",
            language,
            reference=reference,
            revision=revision.number,
            decision=labelled("decision", review.decision.value if review.decision else ""),
        ),
    )
    logged = session.get(Communication, entry)
    assert logged is not None
    logged.attachment_id = pdf_file.id
    row = Acknowledgement(
        review_id=review_id,
        reference=reference,
        language=language,
        pdf_file_id=pdf_file.id,
        xlsx_file_id=xlsx_file.id,
        communication_id=entry,
        made_by=person.login,
        made_at=made_at,
    )
    session.add(row)
    session.flush()
    return Made(row.id, reference, language, pdf, xlsx, entry)


def kept(session: Session, review_id: int) -> Made:
    """The review's newest acknowledgement, as kept (to open or save again)."""
    row = session.scalars(
        select(Acknowledgement)
        .where(Acknowledgement.review_id == review_id)
        .order_by(Acknowledgement.id.desc())
        .limit(1)
    ).first()
    if row is None:
        review = session.get(Review, review_id)
        revision = session.get(OrderRevision, review.revision_id) if review else None
        raise QmsError(
            "acknowledgement.none", order=revision.order.number if revision else review_id
        )
    pdf, xlsx = session.get(StoredFile, row.pdf_file_id), session.get(StoredFile, row.xlsx_file_id)
    assert pdf is not None
    assert xlsx is not None
    return Made(
        row.id, row.reference, row.language, pdf.content, xlsx.content, row.communication_id
    )


def confirmed(session: Session, review_id: int) -> list[tuple[str, datetime, str]]:
    """The review's acknowledgements, oldest first: reference, when, by whom."""
    rows = session.execute(
        select(Acknowledgement.reference, Acknowledgement.made_at, Acknowledgement.made_by)
        .where(Acknowledgement.review_id == review_id)
        .order_by(Acknowledgement.id)
    )
    return [(r.reference, r.made_at, r.made_by) for r in rows]


def _content(
    session: Session,
    review: Review,
    revision: OrderRevision,
    reference: str,
    made_at: datetime,
    language: str,
) -> dict[str, Any]:
    """What the acknowledgement says, as plain values (the PDF and the workbook draw it)."""
    from qms_review.core.records import management

    data = contents.load(session, review.id)
    order = data.order
    decision = review.decision
    assert decision is not None
    answered = [c for c in data.clarifications if c["answer"]]
    return {
        "reference": reference,
        "organisation": management.organisation_of(session),
        "date": made_at.astimezone().date(),
        "customer": order["customer"]
        + (f" ({order['customer_code']})" if order["customer_code"] else ""),
        "order": f"{label('kind', order['kind'], language)} {order['number']}",
        "number": order["number"],
        "revision": order["revision"],
        "terms": [
            ("order_date", order["order_date"]),
            ("buyer", order["buyer"]),
            ("currency", order["currency"]),
            ("payment_terms", order["payment_terms"]),
            ("delivery_terms", order["delivery_terms"]),
            ("quotation", order["quotation_ref"]),
        ],
        "decision": decision.value,
        "decided_on": _decided_on(review),
        "conditions": (review.conditions or "").strip(),
        "lines": data.lines,
        "differences": data.differences,
        "clarifications": answered,
    }


def _decided_on(review: Review) -> date | None:
    return review.decided_at.astimezone().date() if review.decided_at else None
