"""Enqueue Celery tasks by name, only once the transaction that asked for them commits.

The service never imports ``workers``: a producer-only Celery app sends tasks by name.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from celery import Celery
from sqlalchemy import event
from sqlmodel import Session

from single_window import embedded_broker
from single_window.config import Settings, get_settings
from single_window.outbox import outbox

PENDING_KEY = "single_window.pending_tasks"
WAKE_UPS_KEY = "single_window.pending_wake_ups"
DELAYED_WAKE_UPS_KEY = "single_window.delayed_wake_ups"
# Wake-ups of one task name sent by one process: at most one now and one delayed per window. A send costs about
# 0.5 ms; at 50 ms a process receiving forty 100-order messages a second sent nearly one per message.
WAKE_UP_WINDOW_SECONDS = 0.2

logger = logging.getLogger(__name__)
# Above the longest task by far: Redis redelivers unacked tasks after this (kombu #337).
VISIBILITY_TIMEOUT_SECONDS = 3600
BROKER_SOCKET_TIMEOUT_SECONDS = 10
# How long a worker on the embedded broker waits before it looks at its queues again. Kombu's default, 1 s, is also
# its wait after each task it takes with its prefetch slots full: one task a second a process, less than the sweeps
# alone (a task per stage and sweeper every period), which then expire in the queue and starve intake.
EMBEDDED_POLLING_SECONDS = 0.1
# Domains whose tasks each have a queue of their own (route_by_name).
OWN_QUEUE_DOMAINS = frozenset({"clearance"})


def celery_config(settings: Settings) -> dict[str, Any]:
    config: dict[str, Any] = {
        "broker_url": settings.broker_url,
        "task_ignore_result": True,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        # Settings explains both; a hard limit is what counts a message that hangs the worker (messages/attempts.py).
        "task_soft_time_limit": settings.task_soft_time_limit_seconds,
        "task_time_limit": settings.task_time_limit_seconds,
        "task_default_queue": settings.broker_queue,
        "task_routes": (partial(route_by_name, settings.broker_queue),),
        "broker_connection_retry_on_startup": True,
        "worker_hijack_root_logger": False,
    }
    if settings.uses_embedded_broker:
        queue_dir = settings.broker_dir.resolve()
        for folder in ("out", "processed", "control"):
            (queue_dir / folder).mkdir(parents=True, exist_ok=True)
        config["broker_transport"] = embedded_broker.TRANSPORT
        config["broker_transport_options"] = {
            "data_folder_in": str(queue_dir / "out"),
            "data_folder_out": str(queue_dir / "out"),
            "processed_folder": str(queue_dir / "processed"),
            # Exchange bindings; left unset, kombu writes them to ./control in the working directory.
            "control_folder": str(queue_dir / "control"),
            "store_processed": False,
            "polling_interval": EMBEDDED_POLLING_SECONDS,
        }
    else:
        config["broker_transport_options"] = {
            "visibility_timeout": VISIBILITY_TIMEOUT_SECONDS,
            # Without them a Redis that accepts connections and never answers holds a send (or a consumer) forever;
            # above kombu's 1 s BRPOP so an idle consumer's wait is never cut short.
            "socket_timeout": BROKER_SOCKET_TIMEOUT_SECONDS,
            "socket_connect_timeout": BROKER_SOCKET_TIMEOUT_SECONDS,
        }
    return config


def route_by_name(base_queue: str, name: str, *_arguments: Any, **_options: Any) -> dict[str, str] | None:
    """Tasks named "clearance.<stage>" run on the queue "<base queue>.<stage>", so each stage can be scaled apart."""
    domain, _, stage = name.partition(".")
    return {"queue": stage_queue(base_queue, stage)} if domain in OWN_QUEUE_DOMAINS else None


def stage_queue(base_queue: str, stage: str) -> str:
    return f"{base_queue}.{stage}"


def make_celery(settings: Settings) -> Celery:
    app = Celery("single_window")
    app.conf.update(celery_config(settings))
    return app


def producer(settings: Settings | None = None) -> Celery:
    """The producer-only Celery app for these settings, made once per broker."""
    settings = settings or get_settings()
    return _producer_for(settings.broker_url, settings.broker_dir, settings.broker_queue)


@lru_cache
def _producer_for(broker_url: str, broker_dir: Path, broker_queue: str) -> Celery:
    return make_celery(Settings(broker_url=broker_url, broker_dir=broker_dir, broker_queue=broker_queue))


def enqueue_after_commit(session: Session, task_name: str, **kwargs: Any) -> None:
    """Send the task when the session commits; drop it if the session rolls back."""
    session.info.setdefault(PENDING_KEY, []).append((task_name, kwargs))


def wake_after_commit(session: Session, task_name: str) -> None:
    """Wake the task that drains work this transaction left in the database, once it commits.

    For work whose truth is a row's state (an accepted message waits for its acknowledgement): the task finds
    the rows itself, so many commits share one wake-up, and a lost wake-up delays the work, never loses it.
    """
    session.info.setdefault(WAKE_UPS_KEY, set()).add(task_name)


def wake_later_after_commit(session: Session, task_name: str, seconds: float) -> None:
    """Wake the task in ``seconds`` once this commits, for work this transaction made due later (a timer).

    One delayed wake-up per task and transaction, at the earliest time asked: a drain then takes everything due.
    """
    delayed: dict[str, float] = session.info.setdefault(DELAYED_WAKE_UPS_KEY, {})
    delayed[task_name] = min(max(seconds, 0.0), delayed.get(task_name, float("inf")))


class WakeUpCoalescer:
    """Coalesce the wake-ups of one task: sending a Celery task costs more than storing a message.

    The first wake-up in a window is sent at once; later ones in the same window share a single wake-up delayed
    to the window's end. So every wake-up asked for at time t is followed by one that runs at t or later,
    which is all a draining task needs, and a process sends at most two per window.
    """

    def __init__(self, window_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._window = window_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._window_ends = float("-inf")
        self._delayed_until = float("-inf")

    def countdown(self) -> float | None:
        """Seconds to delay the wake-up to send now (0 for at once), or None when one already covers it."""
        with self._lock:
            now = self._clock()
            if now >= self._window_ends:
                self._window_ends = now + self._window
                return 0.0
            if self._delayed_until < self._window_ends:
                self._delayed_until = self._window_ends
                return self._window_ends - now
            return None


_coalescers: dict[str, WakeUpCoalescer] = {}


def _coalescer(task_name: str) -> WakeUpCoalescer:
    # setdefault alone would make (and drop) a coalescer and its lock at every wake-up.
    coalescer = _coalescers.get(task_name)
    if coalescer is None:
        coalescer = _coalescers.setdefault(task_name, WakeUpCoalescer(WAKE_UP_WINDOW_SECONDS))
    return coalescer


@event.listens_for(Session, "after_commit")
def _send_pending(session: Session) -> None:
    # SQLAlchemy calls this at a savepoint's release too, while the transaction goes on: nothing is committed yet.
    if session.in_nested_transaction():
        return
    # The transaction is committed: a broker failure here must not fail the request that stored the work.
    for task_name, kwargs in session.info.pop(PENDING_KEY, []):
        _send(task_name, kwargs=kwargs)
    _wake(session.info.pop(WAKE_UPS_KEY, set()))
    for task_name, seconds in sorted(session.info.pop(DELAYED_WAKE_UPS_KEY, {}).items()):
        _send(task_name, countdown=seconds or None)


def _wake(task_names: Iterable[str]) -> None:
    for task_name in sorted(task_names):
        countdown = _coalescer(task_name).countdown()
        if countdown is not None:
            _send(task_name, countdown=countdown or None)


def _send(task_name: str, **options: Any) -> None:
    outbox().put(partial(_send_now, producer(), task_name, options))


def _send_now(app: Celery, task_name: str, options: dict[str, Any]) -> None:
    try:
        # No retries: with the broker down, kombu's default policy holds each send for about 0.6 s, and the outbox
        # behind it; what a failed send leaves, the periodic sweep takes.
        app.send_task(task_name, retry=False, **options)
    except Exception:  # the work is stored; the periodic sweep picks it up
        logger.warning("could not send %s to the broker; the periodic sweep will", task_name, exc_info=True)


@event.listens_for(Session, "after_rollback")
def _drop_pending(session: Session) -> None:
    # A savepoint rolled back leaves the transaction's earlier work, and its wake-ups, to commit; one more wake-up
    # than the work needs costs a drain that finds nothing.
    if session.in_nested_transaction():
        return
    session.info.pop(PENDING_KEY, None)
    session.info.pop(WAKE_UPS_KEY, None)
    session.info.pop(DELAYED_WAKE_UPS_KEY, None)


def broker_reachable(settings: Settings, timeout_seconds: int = 2) -> bool:
    try:
        with producer(settings).connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=timeout_seconds)
    except Exception:  # noqa: BLE001 - any failure to reach the broker means "not reachable"
        return False
    return True
