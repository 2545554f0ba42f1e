"""The migrations build exactly the tables the models describe, on SQLite and PostgreSQL."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from single_window.database import make_engine
from single_window.migrate import alembic_config, upgrade
from single_window.models import metadata


def test_upgrading_an_empty_database_leaves_nothing_for_autogenerate(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), metadata)
    engine.dispose()
    assert differences == []


def test_downgrade_to_base_and_upgrade_again(empty_database_url: str) -> None:
    config = alembic_config(empty_database_url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    engine = make_engine(empty_database_url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    command.upgrade(config, "head")
    assert {"enterprises", "filing_changes", "statistician_tokens", "worker_heartbeats"} <= set(
        inspect(engine).get_table_names()
    )
    engine.dispose()


def test_upgrading_twice_is_harmless(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    upgrade(empty_database_url)
