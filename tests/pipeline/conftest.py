"""Real worker processes against real brokers: Redis with PostgreSQL, and the embedded broker with SQLite."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from single_window.config import Settings, get_settings
from single_window.migrate import upgrade
from tests.conftest import REDIS_URL
from tests.processes import running, service_environment


@pytest.fixture(params=["redis+postgresql", "embedded+sqlite"])
def pipeline_settings(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    if request.param == "redis+postgresql":
        database_url = request.getfixturevalue("postgres_url")
        redis.Redis.from_url(REDIS_URL).flushdb()
        broker_url = REDIS_URL
    else:
        database_url = f"sqlite:///{tmp_path / 'pipeline.db'}"
        broker_url = "filesystem://"
    upgrade(database_url)
    variables = {"SW_DATABASE_URL": database_url, "SW_BROKER_URL": broker_url, "SW_BROKER_DIR": str(tmp_path / "q")}
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


@pytest.fixture
def worker(pipeline_settings: Settings, tmp_path: Path) -> Iterator[Path]:
    env = service_environment(
        SW_DATABASE_URL=pipeline_settings.database_url,
        SW_BROKER_URL=pipeline_settings.broker_url,
        SW_BROKER_DIR=str(pipeline_settings.broker_dir),
    )
    with running(["worker", "--concurrency", "1"], env, tmp_path):
        yield tmp_path / "process.log"
