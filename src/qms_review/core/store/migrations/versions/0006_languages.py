"""languages: a finding's message and a template's title as one text per language

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 01:00:00

The column pairs message_en/message_zh (findings) and title_en/title_zh (checklist templates)
become one JSON column each, ``{"en": …, "zh": …}``, so adding a language needs no migration.
Columns are added and dropped with plain ALTER TABLE (SQLite 3.35 or later), so no table is
recreated and no trigger or foreign key is disturbed; the append-only triggers of
checklist_templates are lifted for the copy and put back.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from qms_review.core.store import append_only

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: table → (the new column, {old column: language})
PAIRS = {
    "findings": ("messages", {"message_en": "en", "message_zh": "zh"}),
    "checklist_templates": ("titles", {"title_en": "en", "title_zh": "zh"}),
}


def _as_json(dialect: str, columns: dict[str, str]) -> str:
    function = "json_build_object" if dialect == "postgresql" else "json_object"
    pairs = ", ".join(f"'{language}', {column}" for column, language in columns.items())
    return f"{function}({pairs})"


def _from_json(dialect: str, new: str, language: str) -> str:
    if dialect == "postgresql":
        return f"COALESCE({new} ->> '{language}', '')"
    return f"COALESCE(json_extract({new}, '$.{language}'), '')"


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    append_only.drop(bind, ["checklist_templates"])
    for table, (new, columns) in PAIRS.items():
        op.add_column(table, sa.Column(new, sa.JSON(), nullable=False, server_default="{}"))
        op.execute(f"UPDATE {table} SET {new} = {_as_json(dialect, columns)}")
        for column in columns:
            op.drop_column(table, column)
    append_only.create(bind, ["checklist_templates"])


def downgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    append_only.drop(bind, ["checklist_templates"])
    for table, (new, columns) in PAIRS.items():
        kind = sa.Text() if table == "findings" else sa.String(length=200)
        for column, language in columns.items():
            op.add_column(table, sa.Column(column, kind, nullable=False, server_default=""))
            op.execute(f"UPDATE {table} SET {column} = {_from_json(dialect, new, language)}")
        op.drop_column(table, new)
    append_only.create(bind, ["checklist_templates"])
