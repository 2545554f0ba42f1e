"""Requests that only read take no write lock on SQLite: a held write lock does not hold them up."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from single_window.config import get_settings
from single_window.database import get_engine, unit_of_work
from single_window.demo import seed_demo
from single_window.main import create_app
from single_window.migrate import upgrade


@pytest.fixture
def database_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The service's own engine and settings (no test session) on a SQLite file of this test's."""
    path = tmp_path / "reading.db"
    monkeypatch.setenv("SW_DATABASE_URL", f"sqlite:///{path}")
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield path
    get_engine().dispose()
    get_engine.cache_clear()
    get_settings.cache_clear()


def test_a_read_answers_while_another_connection_holds_the_write_lock(database_file: Path) -> None:
    upgrade(f"sqlite:///{database_file}")
    with unit_of_work() as session:
        key = seed_demo(session)["3301960001"]
    writer = sqlite3.connect(database_file, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with TestClient(create_app()) as client:
            response = client.get("/api/v1/enterprises/3301960001", headers={"Authorization": f"Bearer {key}"})
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert response.status_code == 200, response.text
