"""Creating and upgrading the schema — only ever through the Alembic migrations.

Opening a database checks its schema revision against the one this program knows (a plain
query: Alembic itself is imported only when something must be migrated, to keep start-up fast).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import ProgrammingError

from qms_review.core.messages import QmsError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
#: The newest migration; a test checks it equals Alembic's head.
HEAD = "0013"
#: All revisions this program knows, oldest first; a test checks it against the scripts.
KNOWN = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
)


#: Tables and indexes the migrations make that the models do not describe: the register's
#: substring search (0009: FTS5 tables and their shadow tables on SQLite, trigram indexes on
#: PostgreSQL).
SEARCH_PREFIXES = ("order_search", "customer_search")
SEARCH_INDEXES = ("ix_orders_number_trgm", "ix_customers_name_trgm", "ix_customers_code_trgm")


def modelled(name: str | None, type_: str, _parents: object = None) -> bool:
    """Whether a schema object is the models' (Alembic's ``include_name``): the register's
    search objects are the migrations' own."""
    if type_ == "table" and name is not None:
        return not name.startswith(SEARCH_PREFIXES)
    return not (type_ == "index" and name in SEARCH_INDEXES)


def current_revision(conn: Connection) -> str | None:
    """The schema revision of the database, or None for an empty database."""
    tables = set(inspect(conn).get_table_names())
    if "alembic_version" not in tables:
        if tables - {"sqlite_sequence"}:
            raise QmsError("error.db_not_qms", where=where(conn.engine))
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def state(engine: Engine) -> str | None:
    """The database's revision, refusing one that a newer program made."""
    with engine.connect() as conn:
        revision = current_revision(conn)
    if revision is not None and revision not in KNOWN:
        raise QmsError("error.db_too_new", where=where(engine), revision=revision)
    return revision


def upgrade(engine: Engine, target: str = "head") -> None:
    """Bring the schema to ``target`` in one transaction (nothing half-done on failure)."""
    state(engine)
    from alembic import command

    config = alembic_config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, target)
    except ProgrammingError as exc:
        if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        raise QmsError(
            "error.db_no_privilege",
            where=where(engine),
            role=engine.url.username or "",
            reason=str(exc.orig).splitlines()[0],
        ) from exc


#: PostgreSQL's SQLSTATE for a statement the role may not run.
INSUFFICIENT_PRIVILEGE = "42501"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def where(engine: Engine) -> str:
    """The database's URL as shown in messages (password hidden)."""
    return engine.url.render_as_string(hide_password=True)
