"""Importing an analysed file: all of it in one transaction, or nothing.

The customer is matched (by code, else name) or created; the file is kept as evidence with its
SHA-256 (the same file twice is refused, and so is another file saying exactly what the latest
revision says: "unchanged", nothing written); an existing order number gets revision N+1 and the
difference to revision N is stored, as is the difference to the quotation the order names; the
warnings become findings for the review; the column mapping is saved for the customer's next file.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from qms_review.core.checks import findings
from qms_review.core.intake import grouping
from qms_review.core.intake.analysis import Issue, Options, Plan, analyse, profile_of
from qms_review.core.intake.bulk import collector_paused
from qms_review.core.intake.layout import header_fields_anywhere
from qms_review.core.intake.reading import Workbook
from qms_review.core.messages import QmsError, one_or_many, rendered
from qms_review.core.orders import diff
from qms_review.core.orders.revisions import (
    DUE_WORKING_DAYS,
    LINE_COLUMNS,
    LINE_FIELDS,
    RevisionContent,
    add_revision,
    line_columns,
    store_file,
)
from qms_review.core.orders.values import text
from qms_review.core.store import audit
from qms_review.core.store.database import Store
from qms_review.core.store.models import (
    Customer,
    Finding,
    MappingProfile,
    Order,
    OrderLine,
    OrderRevision,
    RevisionChange,
    StoredFile,
)
from qms_review.core.store.vocabulary import FindingKind, OrderKind, Severity
from qms_review.core.text_fields import checked

PROFILE = "default"
Progress = Callable[[int, int], None]


class Unchanged(QmsError):
    """The file says exactly what the order's latest revision says; nothing was written."""

    def __init__(self, file: str, order: str, revision: int) -> None:
        super().__init__("intake.unchanged", file=file, order=order, revision=revision)


class ImportRefused(QmsError):
    """The plan has errors; nothing was written. ``issues`` says what and where."""

    def __init__(self, plan: Plan, errors: Sequence[Issue] | None = None) -> None:
        errors = plan.errors if errors is None else list(errors)
        if not errors and not plan.orders:  # a plan without lines says why in its errors
            errors = plan.errors
        if errors:
            super().__init__(
                one_or_many(len(errors), "intake.refused_one", "intake.refused"),
                file=plan.workbook.path.name,
                count=len(errors),
            )
        else:
            super().__init__("intake.nothing_chosen", file=plan.workbook.path.name)
        self.issues = errors


@dataclass
class Result:
    order_id: int
    revision_id: int
    kind: OrderKind
    number: str
    revision: int
    customer: str
    lines: int
    warnings: int
    changes: dict[str, list[diff.Change]] = field(default_factory=dict)  # basis → changes
    customer_created: bool = False
    customer_id: int = 0
    findings: int = 0  # what the automatic checks found
    #: what ``then`` returned (the review's carry-over when the revision amends a reviewed one)
    amendment: Any = None


def profile_for(store: Store, customer: str | None, code: str | None) -> dict[str, str] | None:
    """The saved mapping of the customer named (by code or name), if there is one."""
    if not customer and not code:
        return None
    with store.read() as session:
        query = select(MappingProfile.mapping).join(Customer).where(MappingProfile.name == PROFILE)
        query = (
            query.where(Customer.code == code) if code else query.where(Customer.name == customer)
        )
        return session.scalars(query).first()


def prepare(
    store: Store,
    source: Path | Workbook,
    options: Options,
    profile_of_customer: str | None = None,
    progress: Progress | None = None,
) -> Plan:
    """Read and analyse ``source`` with the mapping saved for its customer: the one named
    (``profile_of_customer``, by name or code), else the one the file itself names.
    ``progress`` is called while the file is read, and may raise to stop the reading."""
    wanted = profile_of_customer or options.customer_code or options.customer
    if wanted and options.profile is None:
        options.profile = profile_for(store, wanted, None) or profile_for(store, None, wanted)
    plan = analyse(source, options, progress)
    if options.profile is None:
        named = (plan.orders[0].header if plan.orders else plan.header) or next(
            (found for sheet in plan.workbook.sheets if (found := header_fields_anywhere(sheet))),
            {},
        )
        if named.get("customer") or named.get("customer_code"):
            options.profile = profile_for(
                store, _text(named.get("customer")), _text(named.get("customer_code"))
            )
            if options.profile:
                plan = analyse(plan.workbook, options)
    return plan


def _text(value: Any) -> str | None:
    return None if value is None else text(value)


def commit(
    store: Store,
    plan: Plan,
    actor: str,
    progress: Progress | None = None,
    *,
    then: Callable[[Session, int], Any] | None = None,
    due_days: int = DUE_WORKING_DAYS,
) -> Result:
    """Write a plan of one order (see :func:`commit_orders`); its result."""
    return commit_orders(store, plan, actor, progress, then=then, due_days=due_days)[0]


def commit_orders(
    store: Store,
    plan: Plan,
    actor: str,
    progress: Progress | None = None,
    *,
    chosen: Collection[str | None] | None = None,
    then: Callable[[Session, int], Any] | None = None,
    due_days: int = DUE_WORKING_DAYS,
) -> list[Result]:
    """Write the orders of the plan (those numbered in ``chosen``, else all) in one
    transaction; :class:`ImportRefused` if the file or a chosen order has errors. An order
    that says exactly what its latest revision says is left as it is (:class:`Unchanged` when
    that is every order chosen).

    ``then(session, revision_id)`` runs in the same transaction once each revision is stored:
    the review layer above carries a review over to an amended order there
    (:func:`qms_review.core.review.amendments.import_orders`). An order's review is due
    ``due_days`` working days after receipt (the ``review.due_working_days`` setting).
    """
    with collector_paused():
        return _commit_orders(store, plan, actor, progress, chosen, then, due_days)


def _commit_orders(
    store: Store,
    plan: Plan,
    actor: str,
    progress: Progress | None,
    chosen: Collection[str | None] | None,
    then: Callable[[Session, int], Any] | None,
    due_days: int,
) -> list[Result]:
    orders = [o for o in plan.orders if chosen is None or o.number in chosen]
    errors = grouping.blocking(plan.orders, plan.issues, orders)
    if errors or not orders:
        raise ImportRefused(plan, errors)
    content = plan.workbook.content
    digest = hashlib.sha256(content).hexdigest()
    name = plan.workbook.path.name
    total = sum(len(order.lines) for order in orders)
    results: list[Result] = []
    with store.write(actor) as session:
        grouped = plan.layout is not None and bool(plan.layout.order_columns)
        numbers = {o.number for o in orders} if grouped else None
        source = _refuse_duplicate(session, digest, name, plan.options.kind, numbers)
        if source is None:
            media = mimetypes.guess_type(name)[0] or "application/octet-stream"
            source = store_file(session, name, content, media, digest)
        if progress:
            progress(0, total)
        profile = profile_of(plan)
        own, files = grouping.issues_by_order(plan.orders, plan.warnings)
        warnings = {id(order): found + files for order, found in zip(plan.orders, own, strict=True)}
        unchanged: list[Unchanged] = []
        for order in orders:
            try:
                result = _write_order(
                    session, plan, order, warnings[id(order)], source, actor, due_days
                )
            except Unchanged as same:  # an export's order that did not change: left as it is
                if len(orders) == 1:
                    raise
                unchanged.append(same)
                continue
            if then is not None:
                result.amendment = then(session, result.revision_id)
            _save_profile(session, result.customer_id, profile)
            results.append(result)
            if progress:
                progress(sum(r.lines for r in results), total)
        if not results:
            raise unchanged[0]
    return results


def _write_order(
    session: Session,
    plan: Plan,
    order: grouping.Order,
    warnings: list[Issue],
    source: StoredFile,
    actor: str,
    due_days: int,
) -> Result:
    """One order of the file: its customer, its next revision, differences and findings (its
    ``warnings``: those of its rows and the file's own, such as merged cells above the table)."""
    header: Mapping[str, Any] = order.header
    customer, created = customer_for(session, header.get("customer"), header.get("customer_code"))
    kind = plan.options.kind
    number = str(order.number)
    previous = latest_revision(session, customer.id, kind, number)
    header = _quotation_carried(header, previous)
    if previous is not None and same_content(
        session, previous, header, order.lines, plan.options.verbal
    ):
        raise Unchanged(plan.workbook.path.name, number, previous.number)
    columns = order.columns if _as_analysed(order) else line_columns(order.lines)
    result = write_revision(
        session,
        customer,
        kind,
        number,
        header,
        order.lines,
        Written(actor, plan.options.verbal, source, due_days),
        previous,
        columns,
    )
    result.customer_created = created
    result.warnings = len(warnings)
    _store_findings(session, result.revision_id, warnings, order)
    result.findings = findings.run(session, result.revision_id, order.lines, columns).found
    return result


def _as_analysed(order: grouping.Order) -> bool:
    """Whether the order's lines come with their values by field (the analysis made them:
    the import need not read each line again, ~0.09 s at 100,000 lines). Their lengths and
    64 lines spread over them (the first and last among them) are checked; code that changes
    the lines after the analysis drops the columns (see :attr:`grouping.Order.columns`)."""
    columns, lines = order.columns, order.lines
    if columns is None or not lines:
        return False
    if any(len(columns.get(name, ())) != len(lines) for name in LINE_FIELDS):
        return False
    some = {*range(0, len(lines), max(len(lines) // 63, 1)), len(lines) - 1}
    return all(columns[name][i] is lines[i].get(name) for name in LINE_FIELDS for i in some)


@dataclass(frozen=True)
class Written:
    """Who adds a revision and how it came: verbally, from a file kept (None: typed in)."""

    actor: str
    verbal: bool = False
    source: StoredFile | None = None
    due_days: int = DUE_WORKING_DAYS
    notes: str | None = None


def write_revision(
    session: Session,
    customer: Customer,
    kind: OrderKind,
    number: str,
    header: Mapping[str, Any],
    lines: Sequence[Mapping[str, Any]],
    written: Written,
    previous: OrderRevision | None,
    columns: Mapping[str, Sequence[Any]] | None = None,
) -> Result:
    """Add the order's next revision saying ``header`` and ``lines`` (an import's or a form's),
    with its differences to ``previous`` and to the quotation it names (findings are the
    caller's to run, once its own are stored). ``columns``: the lines' values by field
    (:func:`~qms_review.core.orders.revisions.line_columns`), when the caller has them."""
    quotation = _quotation(session, customer.id, kind, header.get("quotation_ref"))
    if (
        quotation is None
        and previous is not None
        and previous.quotation_revision_id
        and header.get("quotation_ref") == previous.quotation_ref
    ):
        quotation = session.get(OrderRevision, previous.quotation_revision_id)
    revision = add_revision(
        session,
        customer,
        kind,
        number,
        RevisionContent(
            order_date=header.get("order_date"),
            buyer=header.get("buyer"),
            currency=header.get("currency"),
            payment_terms=header.get("payment_terms"),
            delivery_terms=header.get("delivery_terms"),
            quotation_ref=header.get("quotation_ref"),
            quotation_revision_id=quotation.id if quotation else None,
            verbal=written.verbal,
            notes=written.notes,
            lines=lines,
            columns=columns,
        ),
        written.actor,
        written.source,
        written.due_days,
    )
    result = Result(
        revision.order_id,
        revision.id,
        kind,
        number,
        revision.number,
        customer.name,
        len(lines),
        0,
        customer_id=customer.id,
    )
    result.changes = record_differences(session, revision.id, header, lines, previous, quotation)
    return result


def record_differences(
    session: Session,
    revision_id: int,
    header: Mapping[str, Any],
    lines: Sequence[Mapping[str, Any]],
    previous: OrderRevision | None,
    quotation: OrderRevision | None,
) -> dict[str, list[diff.Change]]:
    """Compare a new revision with its previous revision and its quotation; store and return
    the differences (by basis: "previous", "quotation")."""
    new_header = {k: header.get(k) for k in diff.HEADER_FIELDS}
    found: dict[str, list[diff.Change]] = {}
    for basis, base in (("previous", previous), ("quotation", quotation)):
        if base is not None:
            old_header, old_lines = revision_content(session, base)
            changes = diff.compare(old_header, old_lines, new_header, lines)
            _store_changes(session, revision_id, base.id, basis, changes)
            found[basis] = changes
    return found


def revision_content(
    session: Session, revision: OrderRevision
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A stored revision as the plain header and line dicts that :mod:`diff` compares."""
    header = {name: getattr(revision, name) for name in diff.HEADER_FIELDS}
    columns = [getattr(OrderLine, name) for name in LINE_COLUMNS]
    rows = session.execute(
        select(*columns).where(OrderLine.revision_id == revision.id).order_by(OrderLine.line_no)
    )
    names = list(LINE_COLUMNS)
    return header, [dict(zip(names, row, strict=True)) for row in rows]


#: What a revision says besides its lines (with ``verbal``): equal in both, nothing changed.
_TERMS = ("order_date", "buyer", "currency", "payment_terms", "delivery_terms", "quotation_ref")


def same_content(
    session: Session,
    revision: OrderRevision,
    header: Mapping[str, Any],
    lines: Sequence[Mapping[str, Any]],
    verbal: bool,
) -> bool:
    """Whether an order's ``header`` and ``lines`` say exactly what ``revision`` stores: every
    term and every line with every field, its unmapped columns too (values compared as shown, so
    86.4 equals "86.40")."""
    if revision.verbal != verbal or any(
        diff.shown(getattr(revision, key)) != diff.shown(header.get(key)) for key in _TERMS
    ):
        return False
    columns = [*(getattr(OrderLine, name) for name in LINE_COLUMNS), OrderLine.extra]
    stored = session.execute(
        select(*columns).where(OrderLine.revision_id == revision.id).order_by(OrderLine.line_no)
    ).all()
    if len(stored) != len(lines):
        return False
    names = (*LINE_COLUMNS, "extra")
    old = sorted(_comparable(dict(zip(names, row, strict=True))) for row in stored)
    new = sorted(_comparable(line) for line in lines)
    return old == new


def _comparable(line: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    def plain(value: Any) -> Any:
        if isinstance(value, Mapping):
            return tuple(sorted((str(k), plain(v)) for k, v in value.items()))
        return diff.shown(text(value) if isinstance(value, float) else value) or ""

    fields = {name: plain(line.get(name)) for name in LINE_COLUMNS}
    fields["extra"] = plain(line.get("extra") or {})
    return tuple(sorted(fields.items(), key=lambda item: item[0]))


def changes_of(session: Session, revision_id: int, basis: str) -> list[diff.Change]:
    rows = session.scalars(
        select(RevisionChange)
        .where(RevisionChange.revision_id == revision_id, RevisionChange.basis == basis)
        .order_by(RevisionChange.id)
    )
    return [
        diff.Change(r.change, r.line_no, r.part_number, r.field, r.old_value, r.new_value)
        for r in rows
    ]


def revisions_from_file(session: Session, digest: str, kind: OrderKind | None = None) -> list[Any]:
    """(order number, revision, received) of every revision made from the file ``digest``."""
    query = (
        select(Order.number, OrderRevision.number, OrderRevision.received_at)
        .join(OrderRevision, OrderRevision.order_id == Order.id)
        .join(StoredFile, StoredFile.id == OrderRevision.source_file_id)
        .where(StoredFile.sha256 == digest)
        .order_by(OrderRevision.id)
    )
    if kind is not None:
        query = query.where(Order.kind == kind)
    return list(session.execute(query).all())


def _refuse_duplicate(
    session: Session, digest: str, name: str, kind: OrderKind, numbers: Collection[Any] | None
) -> StoredFile | None:
    """Refuse a file imported before (of a file of several orders: an order of it imported
    from it before); the file as kept, when other orders of it were."""
    earlier = revisions_from_file(session, digest)
    if numbers is not None:
        earlier = [
            found for found in revisions_from_file(session, digest, kind) if found[0] in numbers
        ]
    if earlier:
        found = earlier[0]
        raise QmsError(
            "intake.duplicate",
            file=name,
            order=found[0],
            revision=found[1],
            date=found[2].astimezone().strftime("%Y-%m-%d %H:%M"),
        )
    return session.scalars(select(StoredFile).where(StoredFile.sha256 == digest)).first()


def known_customer(session: Session, name: Any, code: Any) -> Customer | None:
    query = select(Customer).where(Customer.code == str(code)) if code else None
    customer = session.scalars(query).first() if query is not None else None
    if customer is None and name:
        customer = session.scalars(select(Customer).where(Customer.name == str(name))).first()
    return customer


def customer_for(session: Session, name: Any, code: Any) -> tuple[Customer, bool]:
    customer = known_customer(session, name, code)
    if customer is not None:
        return customer, False
    checked(str(name or ""), "customer", lines=False)
    checked(str(code or ""), "customer_code", lines=False)
    customer = Customer(name=str(name or code), code=str(code) if code else None)
    session.add(customer)
    session.flush()
    return customer, True


def latest_revision(
    session: Session, customer_id: int, kind: OrderKind, number: str
) -> OrderRevision | None:
    return session.scalars(
        select(OrderRevision)
        .join(Order)
        .where(Order.customer_id == customer_id, Order.kind == kind, Order.number == number)
        .order_by(OrderRevision.number.desc())
        .limit(1)
    ).first()


def _quotation_carried(
    header: Mapping[str, Any], previous: OrderRevision | None
) -> Mapping[str, Any]:
    """The header of a new revision that names no quotation, with the quotation its previous
    revision named: every revision is still compared with the quotation."""
    if previous is None or header.get("quotation_ref") or not previous.quotation_ref:
        return header
    return {**header, "quotation_ref": previous.quotation_ref}


def _quotation(
    session: Session, customer_id: int, kind: OrderKind, ref: Any
) -> OrderRevision | None:
    if not ref or kind in (OrderKind.QUOTATION, OrderKind.ENQUIRY, OrderKind.BID):
        return None
    for quote_kind in (OrderKind.QUOTATION, OrderKind.BID):
        found = latest_revision(session, customer_id, quote_kind, str(ref))
        if found is not None:
            return found
    return None


def _store_changes(
    session: Session, revision_id: int, base_id: int, basis: str, changes: Sequence[diff.Change]
) -> None:
    if changes:
        session.execute(
            insert(RevisionChange),
            [
                {
                    "revision_id": revision_id,
                    "base_revision_id": base_id,
                    "basis": basis,
                    "change": c.change,
                    "line_no": c.line_no,
                    "part_number": c.part_number,
                    "field": c.field,
                    "old_value": c.old,
                    "new_value": c.new,
                }
                for c in changes
            ],
        )
        audit.record(
            session,
            audit.Change(
                "insert",
                "revision_changes",
                f"revision/{revision_id}",
                {"basis": basis, "count": len(changes)},
            ),
        )


def _store_findings(
    session: Session, revision_id: int, warnings: Sequence[Issue], order: grouping.Order
) -> None:
    """The file's own warnings (merged cells, hidden rows, an unreadable order date) become
    findings; a line's unreadable value is kept with the line and the checks report it."""
    line_rows = set(order.line_rows)
    for issue in warnings:
        if issue.code.startswith("not_") and issue.row in line_rows:
            continue
        fingerprint = hashlib.sha256(
            f"{issue.code}|{issue.sheet}|{issue.cell}".encode()
        ).hexdigest()
        session.add(
            Finding(
                revision_id=revision_id,
                fingerprint=fingerprint,
                rule=f"intake.{issue.code}",
                kind=FindingKind.CLARITY,
                severity=Severity.WARNING,
                field=issue.header,
                line_no=_line_at(order, issue.row),
                messages=rendered(issue.message),
            )
        )


def _line_at(order: grouping.Order, row: int | None) -> int | None:
    if row is None or row not in order.line_rows:
        return None
    number = order.lines[order.line_rows.index(row)].get("line_no")
    return number if isinstance(number, int) else None


def _save_profile(session: Session, customer_id: int, mapping: dict[str, str]) -> None:
    if not mapping:
        return
    profile = session.scalars(
        select(MappingProfile).where(
            MappingProfile.customer_id == customer_id, MappingProfile.name == PROFILE
        )
    ).first()
    if profile is None:
        session.add(MappingProfile(customer_id=customer_id, name=PROFILE, mapping=mapping))
    elif profile.mapping != mapping:
        profile.mapping = mapping


@dataclass(frozen=True)
class Differences:
    """What one revision changed against one earlier version (its previous revision or its
    quotation)."""

    basis: str
    base_number: str
    base_revision: int
    changes: list[diff.Change]


def differences(store: Store, order_id: int) -> tuple[str, int, list[Differences]]:
    """The order's number, its latest revision, and that revision's stored differences."""
    with store.read() as session:
        order = session.get(Order, order_id)
        if order is None:
            return "", 0, []
        latest = session.scalars(
            select(OrderRevision)
            .where(OrderRevision.order_id == order_id)
            .order_by(OrderRevision.number.desc())
            .limit(1)
        ).one()
        found = []
        bases = session.execute(
            select(RevisionChange.basis, RevisionChange.base_revision_id)
            .where(RevisionChange.revision_id == latest.id)
            .distinct()
        ).all()
        for basis, base_id in sorted(bases):
            base = session.get(OrderRevision, base_id)
            assert base is not None
            found.append(
                Differences(
                    basis, base.order.number, base.number, changes_of(session, latest.id, basis)
                )
            )
        return order.number, latest.number, found
