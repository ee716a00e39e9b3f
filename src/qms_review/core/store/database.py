"""An open database and its units of work.

``Store.read()`` and ``Store.write(actor)`` each give one SQLAlchemy session for one unit of
work: commit on success, roll back on any error, and the session is closed afterwards, so no
caller (least of all a widget) holds one. Every write is audited in its own transaction.
"""

from __future__ import annotations

import getpass
import logging
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import DatabaseError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from qms_review import __version__
from qms_review.core.messages import QmsError
from qms_review.core.store import audit, audit_key, engines, paths, schema
from qms_review.core.store.copies import backup_engine
from qms_review.core.store.models import AuditEvent, StoreInfo

log = logging.getLogger(__name__)
SYSTEM_ACTOR = "system"
_COMMIT_CHECKS = 3  # tries, 1 s, 2 s apart: a server restarting is back within them


@dataclass(frozen=True)
class StoreIdentity:
    store_uuid: str
    created_at: datetime
    is_demo: bool


class Store:
    """An open, checked database with its audit key.

    Attributes:
        url: the database URL (password hidden when shown).
        folder: the data folder holding the audit key and anchors.
        identity: the database's identity row.
    """

    def __init__(self, engine: Engine, key: bytes, folder: Path, identity: StoreIdentity) -> None:
        self.engine = engine
        self.folder = folder
        self.identity = identity
        self.key = key
        self.anchor = audit_key.Anchor(folder, identity.store_uuid, location(engine))
        paths.private_folder(self.anchor.path.parent)
        self._reader = _sessions(engine, key, self.anchor, write=False)
        self._writer = _sessions(engine, key, self.anchor, write=True)

    @property
    def url(self) -> str:
        return schema.where(self.engine)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; it refuses to write (it has no actor)."""
        with self._reader() as session, session.begin():
            yield session

    @contextmanager
    def write(self, actor: str) -> Iterator[Session]:
        """A session for one unit of work by ``actor``: all of it is committed, or none.

        When the connection is lost while committing, the commit may have happened: the chain
        is asked whether the unit's last audit event is there. If it is, the unit was done
        (and ends as if nothing had happened); if not, the error stands and the unit may be
        done again; if the database cannot say, :class:`QmsError` ``error.db_commit_unknown``
        (never to be retried blindly)."""
        session = self._writer()
        try:
            with session:
                session.info[audit.ACTOR] = actor
                with session.begin():
                    yield session
        except DBAPIError as exc:
            sent = session.info.get(audit.SENT_HEAD)
            if sent is not None and self._committed_after_all(sent, exc):
                return
            if isinstance(exc, OperationalError) and _read_only(exc):
                raise QmsError("error.db_read_only", where=self.url) from exc
            raise

    def _committed_after_all(self, head: audit.Head, cause: DBAPIError) -> bool:
        """Whether a unit of work whose commit failed was committed (asked on a new connection,
        a few times while the server comes back)."""
        log.info("commit interrupted (%s); was it done?", (str(cause.orig).splitlines() or [""])[0])
        for attempt in range(_COMMIT_CHECKS):
            try:
                with self.engine.connect() as conn:
                    done = audit.committed(conn, head)
                    conn.rollback()
            except DBAPIError:
                time.sleep(attempt + 1)
                continue
            if done:
                self.anchor.advance(head)
            return done
        raise QmsError("error.db_commit_unknown", where=self.url) from cause

    def reload_identity(self) -> StoreIdentity:
        """Read the identity row again (e.g. after the demo marked the database)."""
        with self.read() as session:
            info = session.scalars(select(StoreInfo)).one()
            self.identity = StoreIdentity(info.store_uuid, info.created_at, info.is_demo)
        return self.identity

    def verify_audit(self) -> audit.Report:
        with self.engine.connect() as conn:
            return audit.verify(conn, self.key, self.anchor.read())

    def close(self) -> None:
        self.engine.dispose()


def os_actor() -> str:
    """Who is writing, as far as the operating system knows (until users log in)."""
    try:
        return f"os:{getpass.getuser()}"
    except (KeyError, OSError):
        return "os:unknown"


def _read_only(exc: OperationalError) -> bool:
    """Whether the database refused a write because it may only be read here: a read-only
    file or folder (SQLite), a read-only transaction or server (PostgreSQL)."""
    code = getattr(exc.orig, "sqlite_errorcode", 0) & 0xFF
    return code in (8, 14) or getattr(exc.orig, "sqlstate", None) == "25006"


def _sessions(
    engine: Engine, key: bytes, anchor: audit_key.Anchor, *, write: bool, actor: str | None = None
) -> sessionmaker[Session]:
    """Audited sessions; writing ones take SQLite's write lock at BEGIN."""
    info: dict[str, object] = {audit.KEY: key, audit.ANCHOR: anchor}
    if actor:
        info[audit.ACTOR] = actor
    bind = engine.execution_options(**{engines.WRITE_OPTION: True}) if write else engine
    factory = sessionmaker(bind, info=info, expire_on_commit=False)
    audit.install(factory)
    return factory


def location(engine: Engine) -> str:
    """Where a database lives: its file's absolute path, or its URL without password."""
    path = engines.sqlite_path(engine.url)
    return str(path.resolve()) if path is not None else schema.where(engine)


def open_store(
    url: str,
    folder: Path,
    *,
    create: bool = True,
    env: Mapping[str, str] | None = None,
) -> Store:
    """Open the database at ``url``: create or upgrade its schema, check its audit key.

    An empty database gets the current schema. An older SQLite database is upgraded after a
    backup copy is made beside it; an older PostgreSQL database must be upgraded explicitly
    (``qms-review db upgrade``) since other computers may still be using it. A database from a
    newer program, a file that is not ours, or the wrong audit key are refused unchanged.
    """
    engine, path = _engine(url, create=create)
    try:
        _bring_to_head(engine, path, folder)
        key, identity = _identity(engine, folder, env)
    except (OperationalError, DatabaseError) as exc:
        engine.dispose()
        raise _unreadable(engine, path, exc) from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, key, folder, identity)


def schema_revision(url: str) -> str | None:
    """The schema revision of the database at ``url`` (None when it is empty), without
    creating or changing anything: a missing file is refused, not made."""
    engine, path = _engine(url, create=False)
    try:
        return schema.state(engine)
    except (OperationalError, DatabaseError) as exc:
        raise _unreadable(engine, path, exc) from exc
    finally:
        engine.dispose()


def upgrade(url: str, folder: Path) -> str | None:
    """Create the database at ``url`` or bring its schema to this version (PostgreSQL
    included); the revision it had before (None when new). An SQLite file is copied first."""
    engine, path = _engine(url, create=True)
    try:
        before = schema.state(engine)
        if path is not None:
            _bring_to_head(engine, path, folder)
        elif before != schema.HEAD:
            schema.upgrade(engine)
    except (OperationalError, DatabaseError) as exc:
        raise _unreadable(engine, path, exc) from exc
    finally:
        engine.dispose()
    return before


def _engine(url: str, *, create: bool) -> tuple[Engine, Path | None]:
    """An engine for ``url``; a missing SQLite file is made (owner-only) when ``create``,
    else refused: a mistyped path must not leave an empty database behind."""
    path = engines.sqlite_path(url)
    if path is not None and not path.exists():
        if not create:
            raise QmsError("error.db_missing", where=str(path))
        engines.refuse_network_share(path)
        _new_file(path)
    return engines.create(url), path


def _unreadable(engine: Engine, path: Path | None, exc: DatabaseError) -> QmsError:
    where = str(path) if path else schema.where(engine)
    if isinstance(exc, OperationalError) and _read_only(exc):
        return QmsError("error.db_read_only", where=where)
    return QmsError("error.db_unreadable", where=where, reason=str(exc.orig))


def _new_file(path: Path) -> None:
    """An empty owner-only file for a new SQLite database: SQLite gives its -wal and -shm
    files the database file's permissions."""
    try:
        paths.private_file(path)
    except FileExistsError:
        pass  # made meanwhile by another process
    except OSError as exc:
        raise QmsError("error.db_unreadable", where=str(path), reason=paths.reason(exc)) from exc


def _bring_to_head(engine: Engine, path: Path | None, folder: Path) -> None:
    revision = schema.state(engine)
    if revision == schema.HEAD:
        return
    if revision is not None:
        if path is None:
            raise QmsError("error.db_needs_upgrade", where=schema.where(engine), revision=revision)
        copy = path.with_name(f"{path.name}.before-{schema.HEAD}.bak")
        if not copy.exists():
            backup_engine(engine, copy)
        log.info("upgrading %s from %s (copy kept at %s)", path, revision, copy)
    schema.upgrade(engine)


def _identity(
    engine: Engine, folder: Path, env: Mapping[str, str] | None
) -> tuple[bytes, StoreIdentity]:
    key_path = paths.audit_key_path(folder, env)
    paths.private_folder(key_path.parent)
    with Session(engine) as session:
        info = session.scalars(select(StoreInfo)).first()
        has_events = session.scalars(select(AuditEvent.id).limit(1)).first() is not None
    if info is None:
        if has_events:
            raise QmsError("error.db_not_qms", where=str(engine.url))
        key = audit_key.read_key(key_path) if key_path.exists() else audit_key.create_key(key_path)
        return key, _initialise(engine, key, folder)
    if not key_path.exists():
        raise QmsError("error.key_missing", key=str(key_path))
    key = audit_key.read_key(key_path)
    if audit_key.key_check(key, info.store_uuid) != info.key_check:
        raise QmsError("error.key_mismatch", key=str(key_path))
    return key, StoreIdentity(info.store_uuid, info.created_at, info.is_demo)


def _initialise(engine: Engine, key: bytes, folder: Path) -> StoreIdentity:
    """Give a new database its identity: the first audited write."""
    store_uuid = str(uuid.uuid4())
    identity_row = StoreInfo(
        id=1,
        store_uuid=store_uuid,
        created_by_version=__version__,
        key_check=audit_key.key_check(key, store_uuid),
        is_demo=False,
    )
    anchor = audit_key.Anchor(folder, store_uuid, location(engine))
    paths.private_folder(anchor.path.parent)
    factory = _sessions(engine, key, anchor, write=True, actor=SYSTEM_ACTOR)
    with factory() as session, session.begin():
        session.add(identity_row)
    return StoreIdentity(store_uuid, identity_row.created_at, False)
