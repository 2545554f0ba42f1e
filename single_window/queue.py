"""Enqueue Celery tasks by name, only once the transaction that asked for them commits.

The service never imports ``workers``: a producer-only Celery app sends tasks by name.
"""

from functools import lru_cache
from pathlib import Path
from typing import Any

from celery import Celery
from sqlalchemy import event
from sqlmodel import Session

from single_window.config import Settings, get_settings

PENDING_KEY = "single_window.pending_tasks"
# Above the longest task by far: Redis redelivers unacked tasks after this (kombu #337).
VISIBILITY_TIMEOUT_SECONDS = 3600


def celery_config(settings: Settings) -> dict[str, Any]:
    config: dict[str, Any] = {
        "broker_url": settings.broker_url,
        "task_ignore_result": True,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_default_queue": "single-window",
        "broker_connection_retry_on_startup": True,
        "worker_hijack_root_logger": False,
    }
    if settings.uses_embedded_broker:
        queue_dir = settings.broker_dir.resolve()
        for folder in ("out", "processed", "control"):
            (queue_dir / folder).mkdir(parents=True, exist_ok=True)
        config["broker_transport_options"] = {
            "data_folder_in": str(queue_dir / "out"),
            "data_folder_out": str(queue_dir / "out"),
            "processed_folder": str(queue_dir / "processed"),
            # Exchange bindings; left unset, kombu writes them to ./control in the working directory.
            "control_folder": str(queue_dir / "control"),
            "store_processed": False,
        }
    else:
        config["broker_transport_options"] = {"visibility_timeout": VISIBILITY_TIMEOUT_SECONDS}
    return config


def make_celery(settings: Settings) -> Celery:
    app = Celery("single_window")
    app.conf.update(celery_config(settings))
    return app


def producer(settings: Settings | None = None) -> Celery:
    """The producer-only Celery app for these settings, made once per broker."""
    settings = settings or get_settings()
    return _producer_for(settings.broker_url, settings.broker_dir)


@lru_cache
def _producer_for(broker_url: str, broker_dir: Path) -> Celery:
    return make_celery(Settings(broker_url=broker_url, broker_dir=broker_dir))


def enqueue_after_commit(session: Session, task_name: str, **kwargs: Any) -> None:
    """Send the task when the session commits; drop it if the session rolls back."""
    session.info.setdefault(PENDING_KEY, []).append((task_name, kwargs))


@event.listens_for(Session, "after_commit")
def _send_pending(session: Session) -> None:
    for task_name, kwargs in session.info.pop(PENDING_KEY, []):
        producer().send_task(task_name, kwargs=kwargs)


@event.listens_for(Session, "after_rollback")
def _drop_pending(session: Session) -> None:
    session.info.pop(PENDING_KEY, None)


def broker_reachable(settings: Settings, timeout_seconds: int = 2) -> bool:
    try:
        with producer(settings).connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=timeout_seconds)
    except Exception:  # noqa: BLE001 - any failure to reach the broker means "not reachable"
        return False
    return True
