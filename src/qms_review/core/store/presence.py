"""Who else has a review open: a heartbeat per open review window.

Each review window has a token; while open it beats (:func:`beat`) every few seconds, which
writes its row in the ``presence`` table; closing it removes the row (:func:`leave`). A row not
refreshed for :data:`GONE_AFTER` counts as gone (a program killed or a PC switched off leaves
its row behind, stale). These rows record who is looking, not a change, so they are written
outside the audited units of work and do not move the audit head.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import cast

from sqlalchemy import Table, delete, select, update
from sqlalchemy.exc import OperationalError

from qms_review.core.store.columns import utcnow
from qms_review.core.store.database import Store
from qms_review.core.store.models import Presence

#: How often an open window beats, and after how long without a beat it counts as gone.
BEAT = timedelta(seconds=5)
GONE_AFTER = timedelta(seconds=20)
_TABLE = cast(Table, Presence.__table__)


def new_token() -> str:
    """A token for one open window."""
    return str(uuid.uuid4())


def beat(store: Store, token: str, review_id: int, actor: str, name: str) -> list[str]:
    """Say that the window ``token`` (``actor``, shown as ``name``) has review ``review_id``
    open; the names of the others who have it open now. A database that cannot be written at
    this moment (busy, read-only) is no reason to fail: the names are read all the same."""
    now = utcnow()
    try:
        with store.engine.begin() as conn:
            done = conn.execute(
                update(_TABLE)
                .where(_TABLE.c.token == token)
                .values(review_id=review_id, seen_at=now)
            ).rowcount
            if not done:
                conn.execute(
                    _TABLE.insert().values(
                        token=token, review_id=review_id, actor=actor, name=name, seen_at=now
                    )
                )
            conn.execute(delete(_TABLE).where(_TABLE.c.seen_at < now - GONE_AFTER * 10))
    except OperationalError:
        pass
    return others(store, review_id, token)


def others(store: Store, review_id: int, token: str) -> list[str]:
    """The names of the others who have review ``review_id`` open now (not window ``token``)."""
    now = utcnow()
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(_TABLE.c.name)
            .where(_TABLE.c.review_id == review_id)
            .where(_TABLE.c.token != token)
            .where(_TABLE.c.seen_at >= now - GONE_AFTER)
            .order_by(_TABLE.c.name)
        )
        return sorted({name for (name,) in rows})


def leave(store: Store, token: str) -> None:
    """The window ``token`` closed."""
    try:
        with store.engine.begin() as conn:
            conn.execute(delete(_TABLE).where(_TABLE.c.token == token))
    except OperationalError:
        pass
