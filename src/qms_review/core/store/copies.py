"""Consistent copies of a SQLite database, safe while it is in use."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine

from qms_review.core.messages import QmsError
from qms_review.core.store import engines, paths


def backup_engine(engine: Engine, target: Path) -> Path:
    path = engines.sqlite_path(engine.url)
    if path is None:
        raise QmsError("error.backup_not_sqlite", backend=engine.dialect.name)
    return backup_file(path, target)


def backup_file(source: Path, target: Path) -> Path:
    if target.exists():
        raise QmsError("error.backup_target_exists", path=str(target))
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.unlink(missing_ok=True)
        paths.private_file(partial)  # owner-only, and so is its journal
        with (
            closing(sqlite3.connect(source, timeout=30)) as src,
            closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
            result = dst.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise sqlite3.DatabaseError(f"integrity check: {result}")
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise QmsError("error.backup_failed", path=str(target), reason=str(exc)) from exc
    return target
