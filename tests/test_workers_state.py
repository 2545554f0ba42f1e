"""Heartbeats: each beat counts once on its worker's row, however often the broker delivers it."""

import uuid
from datetime import timedelta

from sqlmodel import Session, select

from single_window.db_types import utc_now
from single_window.workers_state import BEAT_MEMORY, WorkerBeat, WorkerHeartbeat, record_heartbeat


def beats_of(session: Session, worker: str) -> int:
    heartbeat = session.get(WorkerHeartbeat, worker)
    return 0 if heartbeat is None else heartbeat.beats


def test_a_beat_delivered_twice_counts_once(session: Session) -> None:
    beat = uuid.uuid4()
    assert record_heartbeat(session, "w1", beat) is True
    assert record_heartbeat(session, "w1", beat) is False
    assert beats_of(session, "w1") == 1


def test_distinct_beats_of_one_worker_count_on_one_row(session: Session) -> None:
    for _ in range(3):
        record_heartbeat(session, "w2", uuid.uuid4())
    assert beats_of(session, "w2") == 3
    assert session.get(WorkerHeartbeat, "w2") is not None


def test_a_beat_moves_the_last_beat_time_forward(session: Session) -> None:
    before = utc_now()
    record_heartbeat(session, "w3", uuid.uuid4())
    heartbeat = session.get(WorkerHeartbeat, "w3")
    assert heartbeat is not None
    assert heartbeat.last_beat_at >= before


def test_beats_older_than_the_memory_are_forgotten(session: Session) -> None:
    old, fresh = uuid.uuid4(), uuid.uuid4()
    session.add(WorkerBeat(beat_id=old, worker="w4", beat_at=utc_now() - BEAT_MEMORY - timedelta(minutes=1)))
    session.flush()
    record_heartbeat(session, "w4", fresh)
    remembered = set(session.exec(select(WorkerBeat.beat_id).where(WorkerBeat.worker == "w4")).all())
    assert remembered == {fresh}
