"""A backlog longer than one drain may take is acknowledged to the end by a real worker: each drain whose time is up
wakes the next, with no scheduler and no further intake."""

import random
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, col, select

from single_window import queue
from single_window.config import Settings
from single_window.database import make_engine, unit_of_work
from single_window.demo import seed_demo
from single_window.generator import ceb311_message, generate_import_sets
from single_window.messages import service
from single_window.messages.intake import parse_message
from single_window.messages.models import Message, MessageStatus
from tests.processes import running, wait_for, worker_environment

pytestmark = pytest.mark.pipeline

BACKLOG = 300
# A drain stops picking after half the soft limit: half a second, far less than the backlog takes.
LIMITS = {"SW_TASK_SOFT_TIME_LIMIT_SECONDS": "1", "SW_TASK_TIME_LIMIT_SECONDS": "2"}


def store_backlog(settings: Settings) -> None:
    engine = make_engine(settings.database_url)
    orders = generate_import_sets(random.Random(5), BACKLOG, lines=1, start=datetime(2026, 11, 2, 9))
    with unit_of_work(engine) as session:
        seed_demo(session)
    for order in orders:
        with unit_of_work(engine) as session:
            answer = service.receive(
                session, parse_message(ceb311_message([order]), settings), sender_code="3301960001"
            )
            assert answer.status_code == 202, answer.body
    engine.dispose()


def acknowledged(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            query = select(func.count()).where(col(Message.status) == MessageStatus.ACKNOWLEDGED)
            return session.exec(query).one()
    finally:
        engine.dispose()


def test_a_backlog_longer_than_a_drain_is_acknowledged_to_the_end_by_drains_waking_each_other(
    pipeline_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Intake's wake-ups lost: only the worker's start-up sweep, then the drains themselves, wake anything.
    monkeypatch.setattr(queue, "_send", lambda task_name, **options: None)
    store_backlog(pipeline_settings)
    with running(["worker", "--concurrency", "1"], worker_environment(pipeline_settings, **LIMITS), tmp_path):
        log = tmp_path / "process.log"
        url = pipeline_settings.database_url
        wait_for(lambda: acknowledged(url) == BACKLOG, seconds=120, what="the whole backlog", log=log)
        lines = log.read_text(errors="replace").splitlines()
    drains = [line for line in lines if "Task messages.acknowledge_accepted[" in line and "succeeded" in line]
    assert len(drains) > 1, "one drain took it all: the test proves nothing"
