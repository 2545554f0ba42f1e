"""A real Celery worker process takes tasks from a real broker and writes to a real database."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from single_window.config import Settings, get_settings
from single_window.database import make_engine, unit_of_work
from single_window.migrate import upgrade
from single_window.queue import enqueue_after_commit
from tests.conftest import REDIS_URL
from tests.processes import heartbeat_of, running, service_environment, wait_for

pytestmark = pytest.mark.pipeline


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


def enqueue_heartbeat(settings: Settings, name: str, *, commit: bool) -> None:
    engine = make_engine(settings.database_url)
    try:
        with unit_of_work(engine) as session:
            enqueue_after_commit(session, "system.heartbeat", worker=name)
            if not commit:
                raise RuntimeError("the request failed after enqueueing")
    except RuntimeError:
        pass
    finally:
        engine.dispose()


def test_a_task_enqueued_in_a_committed_transaction_reaches_the_database(
    pipeline_settings: Settings, worker: Path
) -> None:
    name = f"pipeline-{uuid.uuid4().hex[:8]}"
    enqueue_heartbeat(pipeline_settings, name, commit=True)
    wait_for(lambda: heartbeat_of(pipeline_settings.database_url, name) is not None, seconds=60, what=name, log=worker)


def test_a_task_enqueued_in_a_rolled_back_transaction_is_never_sent(pipeline_settings: Settings, worker: Path) -> None:
    ghost, real = f"ghost-{uuid.uuid4().hex[:8]}", f"real-{uuid.uuid4().hex[:8]}"
    enqueue_heartbeat(pipeline_settings, ghost, commit=False)
    enqueue_heartbeat(pipeline_settings, real, commit=True)
    wait_for(lambda: heartbeat_of(pipeline_settings.database_url, real) is not None, seconds=60, what=real, log=worker)
    assert heartbeat_of(pipeline_settings.database_url, ghost) is None


def test_the_same_task_twice_counts_twice_on_one_row(pipeline_settings: Settings, worker: Path) -> None:
    name = f"twice-{uuid.uuid4().hex[:8]}"
    enqueue_heartbeat(pipeline_settings, name, commit=True)
    enqueue_heartbeat(pipeline_settings, name, commit=True)

    def beat_twice() -> bool:
        heartbeat = heartbeat_of(pipeline_settings.database_url, name)
        return heartbeat is not None and heartbeat.beats == 2

    wait_for(beat_twice, seconds=60, what=f"{name} twice", log=worker)
