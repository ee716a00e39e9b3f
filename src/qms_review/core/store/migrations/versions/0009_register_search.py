"""register search: a substring index for the register's filter

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 03:00:00

The register's filter finds a word anywhere in an order number or a customer's name or code.
``LIKE '%word%'`` reads every row; a trigram index finds the rows holding the word's trigrams.

- SQLite: FTS5 tables with the trigram tokenizer over ``orders.number`` and over
  ``customers.name``/``code`` (external content: they hold the index, the rows stay in their
  tables), kept in step by triggers, so every writer (the importer, the demo loader, a rename)
  keeps them current without knowing they exist. Words of fewer than three characters have no
  trigram: the filter reads those with ``LIKE`` (``core.oversight.register``).
- PostgreSQL: the pg_trgm extension and GIN trigram indexes, which ``ILIKE`` uses by itself.
- Both: an index on ``order_revisions.received_at``, the register's first sort, so its first,
  last and every keyset page read 200 index entries rather than sorting every order.

These objects are not in the models: ``schema.modelled`` keeps them out of the comparison of
the migrated schema with the models. A later batch migration of ``orders`` or ``customers`` on
SQLite drops their triggers (a batch copies the table): it must create them again.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: table -> (its search table, the columns indexed)
SEARCHED = {
    "orders": ("order_search", ("number",)),
    "customers": ("customer_search", ("name", "code")),
}
#: PostgreSQL: index name -> (table, column)
TRIGRAM_INDEXES = {
    "ix_orders_number_trgm": ("orders", "number"),
    "ix_customers_name_trgm": ("customers", "name"),
    "ix_customers_code_trgm": ("customers", "code"),
}


def upgrade() -> None:
    op.create_index("ix_order_revisions_received_at", "order_revisions", ["received_at"])
    if op.get_bind().dialect.name == "sqlite":
        for table, (search, columns) in SEARCHED.items():
            for statement in _sqlite_search(table, search, columns):
                op.execute(statement)
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, (table, column) in TRIGRAM_INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON {table} USING gin ({column} gin_trgm_ops)")


def _sqlite_search(table: str, search: str, columns: tuple[str, ...]) -> list[str]:
    listed = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    insert = f"INSERT INTO {search}(rowid, {listed}) VALUES (new.id, {new});"
    delete = f"INSERT INTO {search}({search}, rowid, {listed}) VALUES ('delete', old.id, {old});"
    return [
        f"CREATE VIRTUAL TABLE {search} USING fts5({listed}, content='{table}',"
        " content_rowid='id', tokenize='trigram')",
        f"INSERT INTO {search}({search}) VALUES ('rebuild')",
        f"CREATE TRIGGER {search}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {search}_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {search}_update AFTER UPDATE OF {listed} ON {table}"
        f" BEGIN {delete} {insert} END",
    ]


def downgrade() -> None:
    op.drop_index("ix_order_revisions_received_at", "order_revisions")
    if op.get_bind().dialect.name == "sqlite":
        for search, _ in SEARCHED.values():
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {search}_{event}")
            op.execute(f"DROP TABLE IF EXISTS {search}")
    else:
        for name in TRIGRAM_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        # the extension stays: other databases of the server or the administrator may use it
