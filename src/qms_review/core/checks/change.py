"""Change: every difference between the revision and its quotation, and between it and its
previous revision — lines added or removed; quantity, price, date, part revision, unit, drawing
or currency changed; header terms changed. Each one needs a disposition."""

from __future__ import annotations

from collections.abc import Iterator

from qms_review.core.checks.rules import Found, Rules
from qms_review.core.checks.subject import Basis, Context, Subject
from qms_review.core.orders import diff


def check(subject: Subject, context: Context, rules: Rules) -> Iterator[Found]:
    for basis in (context.quotation, context.previous):
        if basis is not None:
            yield from _against(subject, basis, rules)


def _against(subject: Subject, basis: Basis, rules: Rules) -> Iterator[Found]:
    named = (basis.basis, basis.number)
    header = {name: subject.header.get(name) for name in diff.HEADER_FIELDS}
    for change in diff.compare(basis.header, basis.lines, header, subject.lines):
        key = f"{basis.basis}|{change.old}|{change.new}|{change.part_number}"
        if change.change == "header":
            yield rules.found(
                "change.header",
                field=change.field,
                key=key,
                basis=named,
                old=change.old,
                new=change.new,
            )
        elif change.change == "added":
            yield rules.found(
                "change.line_added",
                line=change.line_no,
                key=key,
                basis=named,
                part=change.part_number,
                new=change.new,
            )
        elif change.change == "removed":
            yield rules.found(
                "change.line_removed",
                line=change.line_no,
                key=key,
                basis=named,
                part=change.part_number,
                old=change.old,
            )
        else:
            yield rules.found(
                "change.line_changed",
                line=change.line_no,
                field=change.field,
                key=key,
                basis=named,
                part=change.part_number,
                old=change.old,
                new=change.new,
            )
