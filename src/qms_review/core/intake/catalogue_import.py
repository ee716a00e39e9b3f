"""Importing the parts catalogue from a spreadsheet: read, check every cell, then write all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.intake import layout as layouts
from qms_review.core.intake.analysis import Issue
from qms_review.core.intake.reading import Sheet
from qms_review.core.intake.sandbox import read
from qms_review.core.messages import QmsError, one_or_many
from qms_review.core.orders.catalogue import Invalid, assign, clean
from qms_review.core.orders.values import is_empty, text
from qms_review.core.store.models import CatalogueItem


@dataclass
class Plan:
    """What a catalogue file holds, or what is wrong with it."""

    path: Path
    sheet: str | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues and bool(self.rows)


def analyse(path: Path) -> Plan:
    """Read a catalogue spreadsheet: the sheet and header row naming the most catalogue
    columns, then one row per part; every problem with its place."""
    workbook = read(path)
    plan = Plan(path)
    specs = layouts.fields().catalogue
    best: tuple[int, Sheet, int, dict[int, str]] | None = None
    for sheet in workbook.sheets:
        if not sheet.visible:
            continue
        for index, cells in enumerate(sheet.rows[: layouts.HEADER_SCAN_ROWS]):
            mapping = layouts.match_columns(cells, None, specs)
            score = len(mapping)
            if (
                "part_number" in mapping.values()
                and score >= 2
                and (best is None or score > best[0])
            ):
                best = (score, sheet, index, mapping)
    if best is None:
        plan.issues.append(
            Issue(
                "error", "cat_no_header", sheet=workbook.sheets[0].name if workbook.sheets else None
            )
        )
        return plan
    _score, sheet, header_row, mapping = best
    plan.sheet = sheet.name
    headers = sheet.rows[header_row]
    seen: dict[tuple[str, str], int] = {}
    for r in range(header_row + 1, len(sheet.rows)):
        cells = sheet.rows[r]
        values = {name: cells[c] if c < len(cells) else None for c, name in mapping.items()}
        if all(is_empty(v) for v in values.values()):
            continue
        try:
            row = clean(values)
        except Invalid as problem:
            column = (
                next(c for c, name in mapping.items() if name == problem.field)
                if problem.field in mapping.values()
                else None
            )
            plan.issues.append(
                Issue(
                    "error",
                    problem.key.removeprefix("intake.issue."),
                    sheet=sheet.name,
                    row=r + 1,
                    column=column,
                    header=text(headers[column]) if column is not None else None,
                    value=text(values.get(problem.field)),
                    params=tuple((k, v) for k, v in problem.params.items() if k != "value"),
                )
            )
            continue
        key = (row["part_number"], row["revision"])
        if key in seen:
            plan.issues.append(
                Issue(
                    "error",
                    "cat_duplicate",
                    sheet=sheet.name,
                    row=r + 1,
                    value=" ".join(filter(None, key)),
                    params=(("first", seen[key]),),
                )
            )
            continue
        seen[key] = r + 1
        plan.rows.append(row)
    if not plan.rows and not plan.issues:
        plan.issues.append(Issue("error", "no_lines", sheet=sheet.name, row=header_row + 1))
    return plan


@dataclass(frozen=True)
class Summary:
    added: int
    updated: int
    unchanged: int


class CatalogueRefused(QmsError):
    def __init__(self, plan: Plan) -> None:
        super().__init__(
            one_or_many(len(plan.issues), "catalogue.refused_one", "catalogue.refused"),
            file=plan.path.name,
            count=len(plan.issues),
        )
        self.issues = plan.issues


def commit(session: Session, plan: Plan) -> Summary:
    """Store the plan's rows (all of them, or none): update existing parts, add new ones."""
    if not plan.ok:
        raise CatalogueRefused(plan)
    existing = {(i.part_number, i.revision): i for i in session.scalars(select(CatalogueItem))}
    added = updated = unchanged = 0
    for row in plan.rows:
        item = existing.get((row["part_number"], row["revision"]))
        if item is None:
            session.add(CatalogueItem(**row))
            added += 1
        elif assign(item, row):
            updated += 1
        else:
            unchanged += 1
    return Summary(added, updated, unchanged)
