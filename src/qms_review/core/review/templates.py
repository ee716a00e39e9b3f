"""Checklist templates in the database: every version kept whole, with its content hash.

A review refers to the exact stored version it started with, and rows of ``checklist_templates``
are never changed (a trigger refuses it): importing a new version adds a row and leaves reviews
under way on theirs. The built-in templates are stored when a database is opened, once per
version.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.messages import QmsError, Texts
from qms_review.core.review import checklists
from qms_review.core.review.checklists import Template, TemplateError
from qms_review.core.store.database import SYSTEM_ACTOR, Store
from qms_review.core.store.models import ChecklistTemplate, Review

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Stored:
    """One stored version of a template or pack, as lists show it."""

    id: int
    key: str
    version: str
    kind: str
    extends: str | None
    titles: Texts
    sha256: str
    imported_at: datetime
    source: str | None

    def title(self, language: str) -> str:
        return self.titles(language)


def _row(template: Template, content: str, source: str) -> ChecklistTemplate:
    return ChecklistTemplate(
        key=template.key,
        version=template.version,
        kind=template.kind,
        extends=template.extends,
        titles=dict(template.title),
        content=content,
        content_sha256=template.sha256,
        source=source,
    )


def store_builtin(session: Session) -> int:
    """Store the built-in templates whose version is not stored yet; how many were added."""
    stored = {
        (key, version): sha
        for key, version, sha in session.execute(
            select(
                ChecklistTemplate.key, ChecklistTemplate.version, ChecklistTemplate.content_sha256
            )
        )
    }
    added = 0
    for path in checklists.builtin_files():
        content = path.read_text(encoding="utf-8")
        if checklists.digest(content) in stored.values():
            continue
        template = checklists.parse(content, path.name)
        known = stored.get((template.key, template.version))
        if known is not None:  # a changed built-in with an unchanged version: keep the stored one
            log.warning(
                "built-in %s %s differs from the stored one; not stored",
                template.key,
                template.version,
            )
            continue
        session.add(_row(template, content, checklists.BUILTIN_SOURCE))
        stored[(template.key, template.version)] = template.sha256
        added += 1
    return added


def ensure_builtin(store: Store) -> None:
    """Store the built-in template versions the database does not have yet.

    Whoever opens a database for work calls this (the GUI, the command line, the demo, the
    tests' store): the store layer below knows nothing of checklists.
    """
    with store.read() as session:
        missing = builtin_missing(session)
    if missing:
        with store.write(SYSTEM_ACTOR) as session:
            store_builtin(session)


def builtin_missing(session: Session) -> bool:
    """Whether a built-in template version is not stored yet (a cheap check at start-up)."""
    stored = set(session.scalars(select(ChecklistTemplate.content_sha256)))
    return any(
        checklists.digest(path.read_text(encoding="utf-8")) not in stored
        for path in checklists.builtin_files()
    )


def import_file(session: Session, path: Path) -> tuple[Template, bool]:
    """Validate and store the template in ``path``; (template, whether it was new).

    The same version with the same content is a no-op; the same version with other content is
    refused (a changed template needs a new version). A pack needs its template stored, and
    must fit into it (no item key used twice).
    """
    template = checklists.load(path)
    content = path.read_bytes().decode("utf-8")
    existing = session.scalars(
        select(ChecklistTemplate).where(
            ChecklistTemplate.key == template.key, ChecklistTemplate.version == template.version
        )
    ).first()
    if existing is not None:
        if existing.content_sha256 == template.sha256:
            return template, False
        raise TemplateError(
            path.name,
            "version",
            "template.problem.same_version",
            key=template.key,
            version=template.version,
        )
    if template.kind == "pack":
        assert template.extends is not None
        base = current(session, template.extends)
        if base is None:
            raise TemplateError(
                path.name, "extends", "template.problem.no_base", base=template.extends
            )
        checklists.compose(base, [template])
    session.add(_row(template, content, path.name))
    session.flush()
    return template, True


def listing(session: Session) -> list[Stored]:
    """Every stored version: templates first, then packs; by key, newest version first."""
    found = [
        Stored(
            r.id,
            r.key,
            r.version,
            r.kind,
            r.extends,
            Texts(r.titles),
            r.content_sha256,
            r.imported_at,
            r.source,
        )
        for r in session.scalars(select(ChecklistTemplate))
    ]
    return sorted(
        found,
        key=lambda s: (
            s.kind != "template",
            s.key,
            [-n for n in checklists.version_key(s.version)],
        ),
    )


def by_id(session: Session, template_id: int) -> Template:
    """The stored version ``template_id``, exactly as it was stored."""
    row = session.get(ChecklistTemplate, template_id)
    if row is None:
        raise QmsError("template.not_found", key=f"#{template_id}")
    return _parsed(row.content, row.source or row.key)


@lru_cache(maxsize=64)
def _parsed(content: str, source: str) -> Template:
    """Stored templates never change, so each content is parsed once."""
    return checklists.parse(content, source)


def current_id(session: Session, key: str) -> int | None:
    """The id of the newest stored version of ``key``."""
    rows = session.execute(
        select(ChecklistTemplate.id, ChecklistTemplate.version).where(ChecklistTemplate.key == key)
    ).all()
    if not rows:
        return None
    return max(rows, key=lambda r: checklists.version_key(r[1]))[0]


def current(session: Session, key: str) -> Template | None:
    """The newest stored version of ``key``."""
    found = current_id(session, key)
    return None if found is None else by_id(session, found)


def find(session: Session, key: str, version: str | None = None) -> Template:
    """A stored template by key (newest version, or the one named); :class:`QmsError` if none."""
    if version is None:
        found = current_id(session, key)
    else:
        found = session.scalar(
            select(ChecklistTemplate.id).where(
                ChecklistTemplate.key == key, ChecklistTemplate.version == version
            )
        )
    if found is None:
        raise QmsError("template.not_found", key=key if version is None else f"{key} {version}")
    return by_id(session, found)


def of_review(session: Session, review: Review) -> Template:
    """A review's template exactly as it started, with the sector packs it added."""
    base = by_id(session, review.template_id)
    packs = [by_id(session, p) for p in review.packs or []]
    return checklists.compose(base, packs) if packs else base
