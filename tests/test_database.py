"""SQLite transactions take the one write lock at BEGIN: a read then a write cannot fail on another writer."""

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from single_window.database import make_engine, unit_of_work


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'locks.db'}")
    with unit_of_work(engine) as session:
        session.execute(text("CREATE TABLE notes (body TEXT)"))
    return engine


def write_elsewhere(engine: Engine) -> None:
    """Another process's write, waiting for no lock at all."""
    database = engine.url.database
    assert database is not None
    other = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO notes VALUES ('elsewhere')")
        other.execute("COMMIT")
    finally:
        other.close()


def test_a_unit_of_work_holds_the_write_lock_from_its_first_read(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        session.execute(text("SELECT count(*) FROM notes")).one()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            write_elsewhere(engine)
