"""Alembic environment: the URL comes from the caller, the metadata from single_window.models."""

from alembic import context
from sqlalchemy import Connection

from single_window.database import make_engine
from single_window.models import metadata


def run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    engine = make_engine(context.config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as fresh_connection:
        run(fresh_connection)
    engine.dispose()
