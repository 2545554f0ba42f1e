"""Real worker processes against real brokers: Redis with PostgreSQL, and the embedded broker with SQLite."""

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from single_window.config import Settings, get_settings
from single_window.database import make_engine, unit_of_work
from single_window.demo import seed_demo
from single_window.migrate import upgrade
from tests.conftest import REDIS_URL, fresh_postgres_database
from tests.processes import RedisServer, running, wait_until_ready, worker_environment

# Where kombu keeps the tasks handed to a worker and not acknowledged yet, for every queue of the Redis database.
UNACKED, UNACKED_INDEX = "unacked", "unacked_index"


@pytest.fixture(params=["redis+postgresql", "embedded+sqlite"])
def pipeline_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A database of the test's own (workers commit for real) and the broker that goes with it."""
    if request.param == "embedded+sqlite":
        yield f"sqlite:///{tmp_path / 'pipeline.db'}", "filesystem://"
        return
    with fresh_postgres_database("sw_pipeline") as url:
        yield url, REDIS_URL


@pytest.fixture
def pipeline_settings(
    pipeline_database: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    database_url, broker_url = pipeline_database
    upgrade(database_url)
    # A queue of the test's own on the shared Redis database: what an earlier test left there is never consumed, and
    # nothing is flushed from under anyone else.
    queue = f"single-window-test-{uuid.uuid4().hex[:12]}"
    variables = {
        "SW_DATABASE_URL": database_url,
        "SW_BROKER_URL": broker_url,
        "SW_BROKER_DIR": str(tmp_path / "q"),
        "SW_BROKER_QUEUE": queue,
    }
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()
    if broker_url.startswith("redis"):
        forget_queues(redis.Redis.from_url(broker_url), queue)


def forget_queues(client: redis.Redis, queue: str) -> None:
    """The queue, its stages' queues, kombu's bindings for them and the tasks a killed worker left unacknowledged:
    nothing of the test's stays in the shared database, nor comes back into it an hour later."""
    client.delete(queue, *client.keys(f"*{queue}*"))
    for tag, entry in client.hscan_iter(UNACKED):
        _, _, routing_key = json.loads(entry)
        if routing_key == queue or routing_key.startswith(f"{queue}."):
            client.hdel(UNACKED, tag)
            client.zrem(UNACKED_INDEX, tag)


@pytest.fixture
def seeded(pipeline_settings: Settings) -> Settings:
    """The pipeline's database with the demo enterprises filed."""
    engine = make_engine(pipeline_settings.database_url)
    with unit_of_work(engine) as session:
        seed_demo(session)
    engine.dispose()
    return pipeline_settings


@pytest.fixture
def worker(pipeline_settings: Settings, tmp_path: Path) -> Iterator[Path]:
    """A worker that sweeps only when it starts (an hour's period), ready before the test begins: what reaches it
    afterwards came by its wake-up."""
    with running(
        ["worker", "--concurrency", "1"], worker_environment(pipeline_settings, SW_SWEEP_SECONDS="3600"), tmp_path
    ):
        log = tmp_path / "process.log"
        wait_until_ready(log)
        yield log


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A Redis of the test's own, which the test may kill: the shared one serves other runs."""
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def on_private_redis(seeded: Settings, private_redis: RedisServer, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The seeded pipeline with the test's own Redis for its broker, for the test and the workers it starts."""
    monkeypatch.setenv("SW_BROKER_URL", private_redis.url)
    get_settings.cache_clear()
    return get_settings()
