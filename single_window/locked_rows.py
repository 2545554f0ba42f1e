"""A balance row locked for the rest of the transaction, made first if missing."""

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel

Row = TypeVar("Row", bound=SQLModel)


def locked_row(session: Session, model: type[Row], key: Mapping[str, Any], opening: Mapping[str, Any]) -> Row:
    """Insert-if-missing, then SELECT ... FOR UPDATE: of two transactions that race to make it, one makes it and
    both then lock the same row, so neither counts past what the other counted."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(insert(model).values({**key, **opening}).on_conflict_do_nothing())
    identity = tuple(key.values())
    row = session.get(
        model, identity if len(identity) > 1 else identity[0], with_for_update=True, populate_existing=True
    )
    assert row is not None
    return row
