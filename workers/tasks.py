"""Thin tasks: open a unit of work, call one service function, let the wrapper commit."""

import socket
import uuid
from functools import cache, partial
from typing import Any

from celery import Task

from single_window.clearance.drain import drain_stage
from single_window.clearance.handlers import handlers
from single_window.clearance.pipeline import Stage, first_stage
from single_window.clearance.work import Handler
from single_window.config import get_settings
from single_window.database import unit_of_work
from single_window.db_types import utc_now
from single_window.inbox.callback_http import post_items
from single_window.inbox.push import push_due
from single_window.messages.acknowledge import acknowledge_accepted, policy_of
from single_window.messages.attempts import ENVIRONMENT_ERRORS
from single_window.messages.service import ACKNOWLEDGE_TASK
from single_window.receipts.service import PUSH_TASK
from single_window.workers_state import record_heartbeat
from workers.celery_app import app

# The environment's faults (a locked SQLite file, a lost PostgreSQL connection, a missing file) count against no
# message or case: the drain stops and tries again later, backing off; the claims make a retry harmless.
RETRIED_WHEN_THE_ENVIRONMENT_FAILS: dict[str, Any] = {
    "autoretry_for": ENVIRONMENT_ERRORS,
    "retry_backoff": True,
    "retry_jitter": True,
    "max_retries": 8,
}


@app.task(name="system.heartbeat")
def heartbeat(beat_id: str, worker: str | None = None) -> None:
    """Prove the pipeline works end to end: broker to worker to database; a redelivered beat counts once."""
    with unit_of_work() as session:
        record_heartbeat(session, worker or socket.gethostname(), uuid.UUID(beat_id))


@app.task(
    name=ACKNOWLEDGE_TASK,
    bind=True,
    **RETRIED_WHEN_THE_ENVIRONMENT_FAILS,
)
def acknowledge_accepted_messages(self: Task) -> int:  # type: ignore[type-arg]
    """Issue the e-port and customs receipts (2, then 120) of every accepted declaration waiting in the database."""
    drain = acknowledge_accepted(unit_of_work, policy_of(get_settings()))
    if not drain.finished:
        # Its time was up with messages still waiting: another task goes on, well within the time limits.
        self.app.send_task(ACKNOWLEDGE_TASK)
    return drain.acknowledged


def _stage_task(stage: Stage) -> None:
    @app.task(
        name=stage.task_name,
        bind=True,
        **RETRIED_WHEN_THE_ENVIRONMENT_FAILS,
    )
    def run_stage(self: Task) -> int:  # type: ignore[type-arg]
        settings = get_settings()
        handler = _handlers()[stage]
        takes_arrivals = stage is first_stage("import")
        policy = policy_of(settings)
        batch = settings.clearance_batch
        drain = drain_stage(unit_of_work, stage, handler, policy, takes_arrivals=takes_arrivals, batch=batch)
        if not drain.finished:
            self.app.send_task(stage.task_name)
        return sum(drain.outcomes.values())


@cache
def _handlers() -> dict[Stage, Handler]:
    """Made once per worker process: the positive list and the tax rates are read from the package once."""
    return handlers(get_settings())


for _stage in Stage:
    _stage_task(_stage)


@app.task(
    name=PUSH_TASK,
    bind=True,
    **RETRIED_WHEN_THE_ENVIRONMENT_FAILS,
)
def push_callbacks(self: Task) -> int:  # type: ignore[type-arg]
    """Push a batch of every enterprise's queue to its callback URL; go on while batches are delivered."""
    post = partial(post_items, allow_private=get_settings().allow_private_callbacks)
    outcomes = push_due(unit_of_work, post, utc_now())
    if outcomes["delivered"]:
        self.app.send_task(PUSH_TASK)  # more may wait behind the batches just delivered
    return sum(outcomes.values())
