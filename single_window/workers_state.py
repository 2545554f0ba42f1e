"""What the workers leave in the database so the API can tell they are alive."""

from datetime import datetime

from sqlmodel import Field, Session, SQLModel, select

from single_window.db_types import UtcDateTime, utc_now


class WorkerHeartbeat(SQLModel, table=True):
    __tablename__ = "worker_heartbeats"

    worker: str = Field(primary_key=True, max_length=200)
    beats: int = Field(default=0)
    last_beat_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime)


def record_heartbeat(session: Session, worker: str) -> WorkerHeartbeat:
    heartbeat = session.get(WorkerHeartbeat, worker) or WorkerHeartbeat(worker=worker)
    heartbeat.beats += 1
    heartbeat.last_beat_at = utc_now()
    session.add(heartbeat)
    session.flush()
    return heartbeat


def latest_heartbeat(session: Session) -> WorkerHeartbeat | None:
    return session.exec(select(WorkerHeartbeat).order_by(WorkerHeartbeat.last_beat_at.desc())).first()  # type: ignore[attr-defined]
