"""A real Celery worker process takes tasks from a real broker and writes to a real database."""

import uuid
from pathlib import Path

import pytest

from single_window.config import Settings
from single_window.database import make_engine, unit_of_work
from single_window.queue import enqueue_after_commit
from tests.processes import heartbeat_of, wait_for

pytestmark = pytest.mark.pipeline


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
