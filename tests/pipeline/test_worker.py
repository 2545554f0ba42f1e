"""A real Celery worker process takes tasks from a real broker and writes to a real database."""

import uuid
from pathlib import Path

import pytest

from single_window.config import Settings
from single_window.database import make_engine, unit_of_work
from single_window.queue import enqueue_after_commit
from tests.processes import heartbeat_of, wait_for

pytestmark = pytest.mark.pipeline


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
