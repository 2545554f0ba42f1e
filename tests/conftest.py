"""Shared fixtures: real SQLite and PostgreSQL databases, each test rolled back."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, func, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel, select

from single_window.config import Settings, get_settings
from single_window.database import make_engine
from single_window.demo import seed_demo
from single_window.main import create_app
from single_window.migrate import upgrade
from single_window.web.dependencies import current_settings, get_session

POSTGRES_URL = os.environ.get("SW_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("SW_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
OFFICER_TOKEN = "officer-token-for-the-test-suite"


@pytest.fixture(scope="session", autouse=True)
def private_broker_directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tasks enqueued by tests go to a queue of their own, never to ./var of the checkout."""
    previous = os.environ.get("SW_BROKER_DIR")
    os.environ["SW_BROKER_DIR"] = str(tmp_path_factory.mktemp("broker"))
    get_settings.cache_clear()
    yield
    if previous is None:
        os.environ.pop("SW_BROKER_DIR")
    else:
        os.environ["SW_BROKER_DIR"] = previous
    get_settings.cache_clear()


@contextmanager
def fresh_postgres_database(prefix: str) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def seeded_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated database of the test's own with the demo enterprises, where every transaction commits for real."""
    with seeded_database_url(request.param, tmp_path) as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


def row_count(engine: Engine, table: type[SQLModel]) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


@contextmanager
def seeded_database_url(kind: str, tmp_path: Path) -> Iterator[str]:
    with _own_database_url(kind, tmp_path) as url:
        upgrade(url)
        engine = make_engine(url)
        with Session(engine) as session:
            seed_demo(session)
            session.commit()
        engine.dispose()
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of the test's own with nothing in it, not even the migrations."""
    with _own_database_url(request.param, tmp_path) as url:
        yield url


@contextmanager
def _own_database_url(kind: str, tmp_path: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'own.db'}"
        return
    with fresh_postgres_database("sw_own") as url:
        yield url


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A database of its own for this test run, each test rolled back inside it."""
    with fresh_postgres_database("sw_test") as url:
        yield url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'single-window.db'}"
    url = request.getfixturevalue("postgres_url")
    assert isinstance(url, str)
    return url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    upgrade(database_url)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session whose commits are savepoints inside one transaction rolled back after the test."""
    with engine.connect() as connection:
        transaction = connection.begin()
        with Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False) as session:
            yield session
        transaction.rollback()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url,
        admin_token=OFFICER_TOKEN,
        broker_dir=tmp_path / "broker",
        max_body_bytes=64 * 1024,
    )


@pytest.fixture
def client(session: Session, settings: Settings) -> Iterator[TestClient]:
    app = create_app()

    def test_session() -> Iterator[Session]:
        # A request gets a session with nothing open, as get_session hands out: what the test wrote first is committed
        # (to its savepoint, rolled back after the test).
        session.commit()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise

    app.dependency_overrides[get_session] = test_session
    app.dependency_overrides[current_settings] = lambda: settings
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def demo_keys(session: Session) -> dict[str, str]:
    """The demo enterprises filed; the API key of each, by customs code."""
    return seed_demo(session)


@pytest.fixture
def room_for_large_messages(settings: Settings) -> None:
    settings.max_body_bytes = 10 * 1024 * 1024


def officer() -> dict[str, str]:
    return {"Authorization": f"Bearer {OFFICER_TOKEN}"}
