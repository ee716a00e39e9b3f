"""Alembic environment: always run with a connection handed in by qms_review.core.store.schema."""

from typing import Any, Literal

from alembic import context
from sqlalchemy.types import TypeDecorator

from qms_review.core.store.models import Base
from qms_review.core.store.schema import modelled


def render_item(kind: str, obj: Any, _context: Any) -> str | Literal[False]:
    """Write our column types as the plain SQL types they store, so a migration never depends
    on the program's Python classes (which may change after the migration is written)."""
    if kind == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{type(obj.impl_instance).__name__}()"
    return False


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
    compare_type=True,
    render_item=render_item,
    include_name=modelled,
)
with context.begin_transaction():
    context.run_migrations()
