"""The worker's Celery app, configured from the same Settings as the API."""

import logging
import threading
from typing import Any

from celery import Celery
from celery.signals import worker_ready, worker_shutdown

from single_window.clearance.pipeline import Stage
from single_window.config import get_settings
from single_window.logs import configure_logging
from single_window.messages.service import ACKNOWLEDGE_TASK
from single_window.queue import make_celery
from single_window.receipts.service import PUSH_TASK
from workers.consumer import CONSUMER

settings = get_settings()
# Work waiting in the database whose wake-up was lost (the broker was down when it was sent, or the sender died
# between its commit and the send), and a claim whose worker died, wait at most this long for the periodic sweep.
SWEEP_SECONDS = settings.sweep_seconds
# Every task that drains work waiting in the database: intake's acknowledgements, each clearance stage, the pushes.
SWEPT_TASKS = (ACKNOWLEDGE_TASK, *(stage.task_name for stage in Stage), PUSH_TASK)
configure_logging(settings.log_level, settings.log_format)
app = make_celery(settings)
app.conf.include = ["workers.tasks"]
# Celery's own consumer stops the worker when Redis goes away mid-read (workers/consumer.py).
app.conf.worker_consumer = CONSUMER
# A sweep not started within its period is dropped: the next one does the same work.
app.conf.beat_schedule = {
    f"sweep {task_name}": {"task": task_name, "schedule": SWEEP_SECONDS, "options": {"expires": SWEEP_SECONDS}}
    for task_name in SWEPT_TASKS
}
settings.broker_dir.mkdir(parents=True, exist_ok=True)
app.conf.beat_schedule_filename = str(settings.broker_dir.resolve() / "beat-schedule")


logger = logging.getLogger(__name__)
_stopping = threading.Event()


@worker_ready.connect
def _sweep_on_start_and_every_period(sender: Any, **_: Any) -> None:
    """A worker that starts after downtime first drains what waited for it, then sweeps every period on its own.

    Not only the scheduler: a plain `single-window worker` must pick up a message whose wake-up was lost while the
    broker was down, and a deployment may run no scheduler. Sweeps from several workers cost nothing: a drain with
    nothing to claim ends at once, and two drains never claim the same message.
    """
    for task_name in SWEPT_TASKS:
        sender.app.send_task(task_name)
    threading.Thread(target=_sweep_every_period, args=(sender.app,), name="sweep", daemon=True).start()


@worker_shutdown.connect
def _stop_sweeping(**_: Any) -> None:
    _stopping.set()


def _sweep_every_period(celery_app: Celery) -> None:
    while not _stopping.wait(SWEEP_SECONDS):
        try:
            for task_name in SWEPT_TASKS:
                celery_app.send_task(task_name, expires=SWEEP_SECONDS)
        except Exception:  # the broker is down: the next period tries again
            logger.warning("could not send the periodic sweep; trying again in %s s", SWEEP_SECONDS, exc_info=True)
