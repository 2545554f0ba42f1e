"""Apply the Alembic migrations shipped inside the package; no alembic.ini needed."""

from importlib import resources

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection


def alembic_config(database_url: str, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("single_window") / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(database_url: str, connection: Connection | None = None) -> None:
    command.upgrade(alembic_config(database_url, connection), "head")
