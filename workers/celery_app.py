"""The worker's Celery app, configured from the same Settings as the API."""

from typing import Any

from celery.signals import worker_ready

from single_window.config import get_settings
from single_window.logs import configure_logging
from single_window.messages.service import ACKNOWLEDGE_TASK
from single_window.queue import make_celery

settings = get_settings()
# Work waiting in the database whose wake-up was lost (the broker was down when it was sent, or the sender died
# between its commit and the send), and a claim whose worker died, wait at most this long for the periodic sweep.
SWEEP_SECONDS = settings.sweep_seconds
configure_logging(settings.log_level, settings.log_format)
app = make_celery(settings)
app.conf.include = ["workers.tasks"]
app.conf.beat_schedule = {
    # A sweep not started within its period is dropped: the next one does the same work.
    "acknowledge accepted messages": {
        "task": ACKNOWLEDGE_TASK,
        "schedule": SWEEP_SECONDS,
        "options": {"expires": SWEEP_SECONDS},
    }
}
settings.broker_dir.mkdir(parents=True, exist_ok=True)
app.conf.beat_schedule_filename = str(settings.broker_dir.resolve() / "beat-schedule")


@worker_ready.connect
def _sweep_on_start(sender: Any, **_: Any) -> None:
    """A worker that starts after downtime first drains what waited for it, without waiting for the schedule."""
    sender.app.send_task(ACKNOWLEDGE_TASK)
