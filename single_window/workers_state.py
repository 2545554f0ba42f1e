"""What the workers leave in the database so the API can tell they are alive."""

import uuid
from datetime import datetime, timedelta

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, SQLModel, col, delete

from single_window.db_types import UtcDateTime, utc_now

# Far longer than any redelivery: Redis hands out an unacknowledged task again after an hour (queue.py).
BEAT_MEMORY = timedelta(days=1)


class WorkerHeartbeat(SQLModel, table=True):
    __tablename__ = "worker_heartbeats"

    worker: str = Field(primary_key=True, max_length=200)
    beats: int = Field(default=0)
    last_beat_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime)


class WorkerBeat(SQLModel, table=True):
    """Beats already counted: a redelivered beat finds its id here and is not counted again."""

    __tablename__ = "worker_beats"

    beat_id: uuid.UUID = Field(primary_key=True)
    worker: str = Field(max_length=200)
    beat_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime, index=True)


def record_heartbeat(session: Session, worker: str, beat_id: uuid.UUID) -> bool:
    """Count the beat on its worker's row unless it was counted before; True when counted now."""
    now = utc_now()
    session.exec(delete(WorkerBeat).where(col(WorkerBeat.beat_at) < now - BEAT_MEMORY))
    if not _claim_beat(session, worker, beat_id, now):
        return False
    _count_beat(session, worker, now)
    return True


def _claim_beat(session: Session, worker: str, beat_id: uuid.UUID, now: datetime) -> bool:
    # ON CONFLICT, not a read then a write: two deliveries of one beat may run at the same time.
    table = _table(WorkerBeat)
    claim = _insert(session, table).values(beat_id=beat_id, worker=worker, beat_at=now)
    # RETURNING, not rowcount: psycopg reports no rowcount for this statement.
    claimed = claim.on_conflict_do_nothing(index_elements=[table.c.beat_id]).returning(table.c.beat_id)
    return session.exec(claimed).first() is not None


def _count_beat(session: Session, worker: str, now: datetime) -> None:
    table = _table(WorkerHeartbeat)
    first = _insert(session, table).values(worker=worker, beats=1, last_beat_at=now)
    again = {"beats": table.c.beats + 1, "last_beat_at": now}
    session.exec(first.on_conflict_do_update(index_elements=[table.c.worker], set_=again))


def _insert(session: Session, table: Table) -> postgresql.Insert | sqlite.Insert:
    """INSERT with ON CONFLICT, which both databases have but SQLAlchemy spells per dialect."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def _table(model: type[SQLModel]) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table
