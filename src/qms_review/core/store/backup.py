"""Backup and restore of the embedded SQLite database.

A backup uses SQLite's online backup API, so it is consistent even while the program writes.
It is written to a temporary file and renamed into place only when complete and checked.
A restore first checks the file (integrity, ours, not newer, same audit key), keeps a copy of
the current database, then copies the backup into the live database in one step and records
the restore in the audit trail.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from datetime import datetime
from pathlib import Path

from qms_review.core.messages import QmsError
from qms_review.core.store import audit, audit_key, engines, paths, schema
from qms_review.core.store.copies import backup_engine, backup_file
from qms_review.core.store.database import Store, open_store


def backup(store: Store, target: Path) -> Path:
    """Copy the store's database to ``target`` (which must not exist yet)."""
    return backup_engine(store.engine, target)


def check_backup(source: Path, key: bytes) -> tuple[str, str]:
    """Check that ``source`` is a sound QMS Review backup that this key can vouch for.

    Returns its store UUID and schema revision; raises with the reason otherwise.
    """

    def refuse(reason: str) -> QmsError:
        return QmsError("error.restore_unreadable", path=str(source), reason=reason)

    if not source.is_file():
        raise refuse("no such file")
    try:
        with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise refuse("the file is damaged (integrity check failed)")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if not {"alembic_version", "store_info", "audit_events"} <= tables:
                raise refuse("not a QMS Review database")
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            store_uuid, check = conn.execute(
                "SELECT store_uuid, key_check FROM store_info"
            ).fetchone()
    except sqlite3.DatabaseError as exc:
        raise refuse(f"not an SQLite database ({exc})") from exc
    if revision not in schema.KNOWN:
        raise refuse(f"made by a newer version of QMS Review (schema {revision})")
    if audit_key.key_check(key, store_uuid) != check:
        raise refuse("its audit trail was kept with another audit key")
    return store_uuid, revision


def restore(
    url: str, folder: Path, source: Path, actor: str, env: Mapping[str, str] | None = None
) -> Path | None:
    """Replace the database at ``url`` by the backup ``source``.

    Returns the path of the copy kept of the database as it was before (None if there was none).
    """

    live = engines.sqlite_path(url)
    if live is None:
        raise QmsError("error.backup_not_sqlite", backend=url.split(":", 1)[0])
    key_path = paths.audit_key_path(folder, env)
    if not key_path.exists():
        raise QmsError("error.key_missing", key=str(key_path))
    key = audit_key.read_key(key_path)
    store_uuid, _ = check_backup(source, key)

    kept: Path | None = None
    if live.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = backup_file(live, folder / "backups" / f"before-restore-{stamp}.sqlite3")
    if not live.exists():
        paths.private_file(live)
    with (
        closing(sqlite3.connect(source, timeout=30)) as src,
        closing(sqlite3.connect(live, timeout=30)) as dst,
    ):
        src.backup(dst)

    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    store = open_store(url, folder, env=env)
    try:
        with store.engine.connect() as conn:
            head = audit.chain_head(conn)
        store.anchor.reset(head)
        with store.write(actor) as session:
            change = audit.Change(
                "restore",
                "store_info",
                "1",
                {"from": str(source), "sha256": digest, "store_uuid": store_uuid},
            )
            audit.record(session, change)
    finally:
        store.close()
    return kept
