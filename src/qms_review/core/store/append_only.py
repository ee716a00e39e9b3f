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


# --- what a decision signature freezes -------------------------------------------------------
#
# A signed review's answers and its decision must not change. Signatures themselves are
# append-only (above). Once the approver's decision signature exists, the review's decision and
# conditions and every answer of the review are frozen at the database level too. Answers of a
# section signed before the decision are not known to the database (the section an item belongs
# to is in the template): they are protected by the content hash each signature keeps, checked
# whenever the review is read (``core.review.integrity``).

_DECIDED = "EXISTS (SELECT 1 FROM signatures WHERE review_id = {id} AND scope = 'decision')"
_PG_GUARD = """
CREATE OR REPLACE FUNCTION qms_refuse_{name}() RETURNS trigger AS $$
BEGIN
    IF {condition} THEN
        RAISE EXCEPTION '% on % refused: the review is decided and signed', TG_OP, TG_TABLE_NAME;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql
"""
#: trigger name → (table, operation, row id expression)
GUARDS = {
    "reviews_decision_signed": ("reviews", "UPDATE", "id"),
    "review_answers_decided_update": ("review_answers", "UPDATE", "review_id"),
    "review_answers_decided_delete": ("review_answers", "DELETE", "review_id"),
}


def create_guards(conn: Connection) -> None:
    """Triggers that refuse changing a decided, signed review's decision, conditions and
    answers (see above)."""
    dialect = conn.dialect.name
    for name, (table, operation, column) in GUARDS.items():
        on = f"{operation} OF decision, conditions" if table == "reviews" else operation
        if dialect == "sqlite":
            condition = _DECIDED.format(id=f"OLD.{column}")
            conn.execute(
                text(
                    f"CREATE TRIGGER {name} BEFORE {on} ON {table} WHEN {condition} "
                    f"BEGIN SELECT RAISE(ABORT, '{operation} on {table} refused: "
                    f"the review is decided and signed'); END"
                )
            )
        elif dialect == "postgresql":
            condition = _DECIDED.format(id=f"OLD.{column}")
            conn.execute(text(_PG_GUARD.format(name=name, condition=condition)))
            conn.execute(
                text(
                    f"CREATE TRIGGER {name} BEFORE {on} ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION qms_refuse_{name}()"
                )
            )
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            raise NotImplementedError(dialect)


def drop_guards(conn: Connection) -> None:
    dialect = conn.dialect.name
    for name, (table, _operation, _column) in GUARDS.items():
        if dialect == "postgresql":
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {table}"))
            conn.execute(text(f"DROP FUNCTION IF EXISTS qms_refuse_{name}()"))
        else:
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
