"""Thin tasks: open a unit of work, call one service function, let the wrapper commit."""

import socket
import uuid

from sqlalchemy.exc import OperationalError

from single_window.database import unit_of_work
from single_window.messages.acknowledge import acknowledge_accepted
from single_window.messages.service import ACKNOWLEDGE_TASK
from single_window.workers_state import record_heartbeat
from workers.celery_app import app


@app.task(name="system.heartbeat")
def heartbeat(beat_id: str, worker: str | None = None) -> None:
    """Prove the pipeline works end to end: broker to worker to database; a redelivered beat counts once."""
    with unit_of_work() as session:
        record_heartbeat(session, worker or socket.gethostname(), uuid.UUID(beat_id))


# A locked SQLite file or a dropped PostgreSQL connection passes; the claim makes a retry harmless.
@app.task(
    name=ACKNOWLEDGE_TASK, autoretry_for=(OperationalError,), retry_backoff=True, retry_jitter=True, max_retries=8
)
def acknowledge_accepted_messages() -> int:
    """Issue the e-port and customs receipts (2, then 120) of every accepted declaration waiting in the database."""
    return acknowledge_accepted(unit_of_work)
