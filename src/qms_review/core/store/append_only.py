"""Database triggers that refuse UPDATE and DELETE on append-only tables.

Used by the migrations. SQLite batch migrations recreate a table and silently drop its
triggers (see NOTES.md): a migration that batch-alters one of these tables must call
:func:`create` for it again, and the migration tests check the triggers exist at head.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION qms_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% on % refused: the table is append-only', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql
"""


def trigger_names(table: str) -> tuple[str, str]:
    return (f"{table}_no_update", f"{table}_no_delete")


def create(conn: Connection, tables: Iterable[str]) -> None:
    dialect = conn.dialect.name
    if dialect == "postgresql":
        conn.execute(text(_PG_FUNCTION))
    for table in tables:
        no_update, no_delete = trigger_names(table)
        for name, operation in ((no_update, "UPDATE"), (no_delete, "DELETE")):
            if dialect == "sqlite":
                conn.execute(
                    text(
                        f"CREATE TRIGGER {name} BEFORE {operation} ON {table} "
                        f"BEGIN SELECT RAISE(ABORT, '{operation} on {table} refused: "
                        f"the table is append-only'); END"
                    )
                )
            elif dialect == "postgresql":
                conn.execute(
                    text(
                        f"CREATE TRIGGER {name} BEFORE {operation} ON {table} "
                        f"FOR EACH ROW EXECUTE FUNCTION qms_refuse_change()"
                    )
                )
            else:  # pragma: no cover - only SQLite and PostgreSQL are supported
                raise NotImplementedError(dialect)


def drop(conn: Connection, tables: Iterable[str], *, with_function: bool = False) -> None:
    """Drop the tables' triggers; the shared PostgreSQL function only when asked (last)."""
    dialect = conn.dialect.name
    for table in tables:
        for name in trigger_names(table):
            if dialect == "postgresql":
                conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {table}"))
            else:
                conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    if dialect == "postgresql" and with_function:
        conn.execute(text("DROP FUNCTION IF EXISTS qms_refuse_change()"))


def existing(conn: Connection) -> set[str]:
    """Names of the triggers present in the database."""
    if conn.dialect.name == "postgresql":
        query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    return {row[0] for row in conn.execute(text(query))}
