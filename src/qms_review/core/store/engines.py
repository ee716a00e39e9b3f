"""Engines and transactions, the same way on SQLite and PostgreSQL.

SQLite: WAL, foreign keys, a busy timeout, and transactions that SQLAlchemy begins itself
(pysqlite's own implicit BEGIN is switched off) so that DDL is transactional and a writing
unit of work can take the write lock at once (``BEGIN IMMEDIATE``): two writers then queue
instead of failing half-way through the audit chain.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, column, create_engine, event, insert, text
from sqlalchemy import table as sql_table
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

from qms_review.core.messages import QmsError
from qms_review.core.store import paths, shares

BUSY_TIMEOUT_MS = 10_000
#: The databases this program works with.
BACKENDS = ("sqlite", "postgresql")
#: Execution option that marks a connection used by a writing unit of work.
WRITE_OPTION = "qms_write"


def sqlite_url(path: Path) -> str:
    """The database URL of an SQLite file."""
    return paths.sqlite_url(path)


def parsed(url: str | URL) -> URL:
    """``url`` as a URL of a database this program works with (SQLite or PostgreSQL);
    :class:`QmsError` saying so for anything else."""
    try:
        u = make_url(url)
    except ArgumentError:
        raise QmsError("error.db_url", url=str(url)) from None
    if u.get_backend_name() not in BACKENDS:
        raise QmsError("error.db_url", url=u.render_as_string(hide_password=True))
    return u


def is_sqlite(url: str | URL) -> bool:
    """Whether ``url`` names an SQLite database (a file or memory)."""
    return parsed(url).get_backend_name() == "sqlite"


def sqlite_path(url: str | URL) -> Path | None:
    """The file behind an SQLite URL, or None for memory databases and other backends."""
    u = parsed(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def refuse_network_share(path: Path) -> None:
    """Refuse an SQLite file on a network share (before anything is made there)."""
    shared = shares.network_filesystem(path.parent)
    if shared is not None:
        raise QmsError("error.db_on_network_share", where=str(path), filesystem=shared)


def create(url: str) -> Engine:
    """An engine for ``url`` with the pragmas and transaction handling described above. An
    SQLite file on a network share is refused (see :mod:`~qms_review.core.store.shares`)."""
    u = parsed(url)
    path = sqlite_path(u)
    if path is not None:
        refuse_network_share(path)
    try:
        if is_sqlite(u):
            engine = create_engine(u, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
        else:
            engine = create_engine(u, pool_pre_ping=True)
    except (ArgumentError, ImportError):  # a driver not installed, a bad option
        raise QmsError("error.db_url", url=u.render_as_string(hide_password=True)) from None
    return engine


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "wal" and mode != "memory":
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def interrupter(session: Session) -> Callable[[], None]:
    """A call that stops, from another thread, the statement ``session``'s connection is
    running (it then raises in its own thread); harmless while none runs."""
    raw = session.connection().connection.driver_connection
    if isinstance(raw, sqlite3.Connection):
        return raw.interrupt
    # PostgreSQL: asked on a connection of the pool, not by libpq's cancel request, which
    # opens a new one (a process forked: 5–10 ms more of the statement running meanwhile).
    backend = raw.info.backend_pid  # type: ignore[union-attr]  # psycopg 3
    engine = session.connection().engine

    def cancel() -> None:
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_cancel_backend(:backend)"), {"backend": backend})

    return cancel


def in_background(session: Session) -> None:
    """Make ``session``'s transaction work one that waits on no one: on PostgreSQL without
    parallel workers, so that a count in the background leaves the other processors to what
    the user waits for (a count of 1,000,000 orders takes ~1.5× as long; nothing on SQLite,
    whose statements use one thread each)."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection().exec_driver_sql("SET LOCAL max_parallel_workers_per_gather = 0")


def insert_rows(
    session: Session, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert many rows whose values are already in their stored form (text, numbers), in the
    session's transaction: through the DB-API cursor on SQLite (SQLAlchemy's per-row parameter
    processing costs more than SQLite's own work at 100k rows), else a Core executemany."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        names = ", ".join(columns)
        marks = ", ".join("?" * len(columns))
        insert_values(connection, f"INSERT INTO {table} ({names}) VALUES ", f"({marks})", rows)
        return
    target = sql_table(table, *(column(name) for name in columns))
    session.execute(insert(target), [dict(zip(columns, row, strict=True)) for row in rows])


#: Rows one INSERT statement writes on SQLite (at most; fewer if the connection allows fewer
#: parameters): a statement of many rows costs ~40% less than a statement per row.
ROWS_PER_INSERT = 500


def insert_values(
    connection: Connection, head: str, marks: str, rows: Sequence[Sequence[Any]]
) -> None:
    """``head`` ("INSERT INTO t (a, b) VALUES ") with ``marks`` ("(?, ?)", one mark per value
    of a row) for each of ``rows``, on SQLite: :data:`ROWS_PER_INSERT` rows per statement
    (their values bound at once), the rest with one statement per row. Rows are inserted in
    their order, as by executemany."""
    if not rows:
        return
    width = max(marks.count("?"), 1)
    raw = connection.connection.driver_connection
    limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if raw is not None else 999
    per = max(1, min(ROWS_PER_INSERT, limit // width))
    whole = len(rows) - len(rows) % per if per > 1 else 0
    if whole:
        many = head + ", ".join([marks] * per)
        for start in range(0, whole, per):
            connection.exec_driver_sql(many, tuple(chain.from_iterable(rows[start : start + per])))
    if whole < len(rows):
        connection.exec_driver_sql(head + marks, list(rows[whole:]))
