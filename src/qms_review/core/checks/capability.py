"""Capability: can we make what is ordered, in the quantity and by the date asked?

Against the catalogue: the part is unknown, obsolete, or at a revision that is not released;
the quantity is outside the lot limits; the date is inside the lead time. Against the load of
accepted orders: the quantity due by a date, with what accepted orders need by then, is more
than the weekly capacity can make from the order date to that date.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Generator, Iterator, Sequence
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate

from qms_review.core.checks.rules import Found, Rules
from qms_review.core.checks.subject import Context, Line, Part, Subject
from qms_review.core.store.vocabulary import PartStatus


def check(subject: Subject, context: Context, rules: Rules) -> Iterator[Found]:
    if not context.catalogue:  # nothing to check against: one note, not a finding per line
        if subject.lines:
            yield rules.found("capability.no_catalogue")
        return
    demand: dict[str, list[tuple[date, Decimal, int | None]]] = {}
    chosen: dict[str, Part] = {}
    for line in subject.lines:
        part_number = line.get("part_number")
        if not part_number:
            continue
        revisions = context.catalogue.get(part_number)
        if not revisions:
            yield rules.found(
                "capability.unknown_part",
                line=line.get("line_no"),
                field="part_number",
                part=part_number,
            )
            continue
        part = yield from _revision(line, part_number, revisions, rules)
        if part is None:
            continue
        yield from _lot_and_lead_time(subject, line, part_number, part, rules)
        quantity, due = line.get("quantity"), line.get("delivery_date")
        if part.weekly_capacity and quantity is not None and quantity > 0 and due is not None:
            demand.setdefault(part_number, []).append((due, quantity, line.get("line_no")))
            chosen[part_number] = part
    for part_number, wanted in demand.items():
        found = _capacity(
            subject,
            part_number,
            chosen[part_number],
            wanted,
            context.load.get(part_number, ()),
            rules,
        )
        if found is not None:
            yield found


def _revision(
    line: Line, part_number: str, revisions: Sequence[Part], rules: Rules
) -> Generator[Found, None, Part | None]:
    """The catalogue entry the line asks for, after reporting what is wrong with it (a
    generator's return value: ``part = yield from _revision(...)``)."""
    number = line.get("line_no")
    wanted = line.get("part_revision") or ""
    released = [p for p in revisions if p.status is PartStatus.RELEASED]
    shown = ", ".join(p.revision or "—" for p in released) or "—"
    if not wanted:
        if not released:
            yield rules.found(
                "capability.obsolete",
                line=number,
                field="part_revision",
                part=part_number,
                value="—",
                released=shown,
            )
            return None
        return max(released, key=lambda p: p.revision)
    match = next((p for p in revisions if p.revision == wanted), None)
    if match is None:
        yield rules.found(
            "capability.not_released",
            line=number,
            field="part_revision",
            part=part_number,
            value=wanted,
            released=shown,
        )
        return None
    if match.status is not PartStatus.RELEASED:
        yield rules.found(
            "capability.obsolete",
            line=number,
            field="part_revision",
            part=part_number,
            value=wanted,
            released=shown,
        )
        return None
    return match


def _lot_and_lead_time(
    subject: Subject, line: Line, part_number: str, part: Part, rules: Rules
) -> Iterator[Found]:
    number = line.get("line_no")
    quantity = line.get("quantity")
    if quantity is not None and quantity > 0:
        if part.min_lot is not None and quantity < part.min_lot:
            yield rules.found(
                "capability.below_min_lot",
                line=number,
                field="quantity",
                part=part_number,
                value=quantity,
                limit=part.min_lot,
            )
        if part.max_lot is not None and quantity > part.max_lot:
            yield rules.found(
                "capability.above_max_lot",
                line=number,
                field="quantity",
                part=part_number,
                value=quantity,
                limit=part.max_lot,
            )
    due = line.get("delivery_date")
    if due is not None and part.lead_time_days is not None:
        earliest = subject.start + timedelta(days=part.lead_time_days)
        if subject.start <= due < earliest:  # before the start is a clarity finding already
            yield rules.found(
                "capability.lead_time",
                line=number,
                field="delivery_date",
                part=part_number,
                value=due,
                days=(due - subject.start).days,
                start=subject.start,
                lead=part.lead_time_days,
                earliest=earliest,
            )


def _capacity(
    subject: Subject,
    part_number: str,
    part: Part,
    wanted: list[tuple[date, Decimal, int | None]],
    load: Sequence[tuple[date, Decimal]],
    rules: Rules,
) -> Found | None:
    """The first date by which this order and the accepted ones together need more than the
    weekly capacity can make from the start; one finding per part."""
    assert part.weekly_capacity is not None
    start = subject.start
    pending = sorted((d, q) for d, q in load if d >= start)
    load_dates = [d for d, _ in pending]
    load_totals = list(accumulate(q for _, q in pending))
    this_total = Decimal(0)
    for due, quantity, number in sorted(wanted, key=lambda w: (w[0], w[2] or 0)):
        this_total += quantity
        if due < start:
            continue
        at = bisect_right(load_dates, due)
        loaded = load_totals[at - 1] if at else Decimal(0)
        days = max((due - start).days, 7)
        capacity = (part.weekly_capacity * days / 7).quantize(Decimal(1))
        if this_total + loaded > capacity:
            return rules.found(
                "capability.capacity",
                line=number,
                field="delivery_date",
                part=part_number,
                key=part_number,
                value=due,
                due=this_total + loaded,
                this=this_total,
                load=loaded,
                start=start,
                capacity=capacity,
                weekly=part.weekly_capacity,
            )
    return None
