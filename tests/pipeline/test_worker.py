"""A real Celery worker process takes tasks from a real broker and writes to a real database, and outlives the
broker's restart."""

import uuid
from pathlib import Path

import pytest
from sqlmodel import Session, select

from single_window.config import Settings
from single_window.database import make_engine, unit_of_work
from single_window.messages.models import Message
from single_window.queue import enqueue_after_commit
from tests.pipeline.declarations import declare
from tests.pipeline.poison_worker import POISON_FILE
from tests.processes import RedisServer, heartbeat_of, running, wait_for, wait_until_ready, worker_environment

pytestmark = pytest.mark.pipeline

REPOSITORY = Path(__file__).resolve().parents[2]


def enqueue_heartbeat(settings: Settings, name: str, *, commit: bool, beat_id: str | None = None) -> None:
    engine = make_engine(settings.database_url)
    try:
        with unit_of_work(engine) as session:
            enqueue_after_commit(session, "system.heartbeat", beat_id=beat_id or str(uuid.uuid4()), worker=name)
            if not commit:
                raise RuntimeError("the request failed after enqueueing")
    except RuntimeError:
        pass
    finally:
        engine.dispose()


def message_status(database_url: str, guid: str) -> str | None:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return session.exec(select(Message.status).where(Message.guid == guid)).first()
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


def test_the_same_beat_delivered_twice_counts_once(pipeline_settings: Settings, worker: Path) -> None:
    name, beat = f"twice-{uuid.uuid4().hex[:8]}", str(uuid.uuid4())
    enqueue_heartbeat(pipeline_settings, name, commit=True, beat_id=beat)
    enqueue_heartbeat(pipeline_settings, name, commit=True, beat_id=beat)
    # One worker process takes tasks in order: once this later beat is in, both deliveries were handled.
    marker = f"{name}-after"
    enqueue_heartbeat(pipeline_settings, marker, commit=True)
    wait_for(
        lambda: heartbeat_of(pipeline_settings.database_url, marker) is not None, seconds=60, what=marker, log=worker
    )

    heartbeat = heartbeat_of(pipeline_settings.database_url, name)
    assert heartbeat is not None
    assert heartbeat.beats == 1


@pytest.mark.parametrize("pipeline_database", ["redis+postgresql"], indirect=True)
def test_a_worker_whose_redis_restarts_while_it_runs_a_task_takes_tasks_again_afterwards(
    on_private_redis: Settings, private_redis: RedisServer, tmp_path: Path
) -> None:
    # One pool process held by a hanging acknowledgement, the other waiting on Redis: what Redis's death cuts short.
    hanging, behind = str(uuid.uuid4()).upper(), str(uuid.uuid4()).upper()
    poison_file = tmp_path / "poison"
    poison_file.write_text(f"{hanging} hang\n", encoding="utf-8")
    limits = {"SW_TASK_SOFT_TIME_LIMIT_SECONDS": "3", "SW_TASK_TIME_LIMIT_SECONDS": "5", "SW_SWEEP_SECONDS": "1"}
    env = worker_environment(on_private_redis, PYTHONPATH=str(REPOSITORY), **{POISON_FILE: str(poison_file)}, **limits)
    command = ["worker", "--concurrency", "2"]
    log = tmp_path / "process.log"
    url = on_private_redis.database_url
    with running(command, env, tmp_path, module="tests.pipeline.poison_worker") as worker:
        wait_until_ready(log)
        declare(on_private_redis, hanging)
        wait_for(lambda: message_status(url, hanging) == "in_progress", seconds=30, what=hanging, log=log)
        private_redis.kill()
        lost = "Connection to broker lost"
        wait_for(lambda: lost in log.read_text(errors="replace"), seconds=30, what="the worker to notice", log=log)
        private_redis.start()
        declare(on_private_redis, behind)
        wait_for(lambda: message_status(url, behind) == "acknowledged", seconds=60, what=behind, log=log)
        assert worker.poll() is None
    assert "Unrecoverable error" not in log.read_text(errors="replace")
