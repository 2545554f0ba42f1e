"""End to end through a real worker process: a declaration accepted at intake gets its receipts 2 and 120."""

from pathlib import Path

import pytest
from sqlmodel import Session, select

from single_window import queue
from single_window.config import Settings
from single_window.database import make_engine
from single_window.messages.models import Message
from single_window.receipts.models import Receipt
from tests.pipeline.declarations import declare
from tests.processes import running, wait_for, wait_until_ready, worker_environment

pytestmark = pytest.mark.pipeline


def receipt_statuses(database_url: str, guid: str) -> list[str]:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            message = session.exec(select(Message).where(Message.guid == guid)).one()
            query = select(Receipt.return_status).where(Receipt.message_id == message.id).order_by(Receipt.id)  # type: ignore[arg-type]
            return list(session.exec(query).all())
    finally:
        engine.dispose()


def test_an_accepted_order_is_acknowledged_by_the_worker(seeded: Settings, worker: Path) -> None:
    guid = declare(seeded)
    wait_for(lambda: receipt_statuses(seeded.database_url, guid) == ["2", "120"], seconds=60, what=guid, log=worker)


def test_a_declaration_whose_wake_up_was_lost_is_acknowledged_when_a_worker_starts(
    seeded: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the broker were down when intake committed, or the API process died right after its commit.
    monkeypatch.setattr(queue, "_send", lambda task_name, **options: None)
    guid = declare(seeded)
    assert receipt_statuses(seeded.database_url, guid) == []
    with running(["worker", "--concurrency", "1"], worker_environment(seeded), tmp_path):
        log = tmp_path / "process.log"
        wait_for(lambda: receipt_statuses(seeded.database_url, guid) == ["2", "120"], seconds=60, what=guid, log=log)


def test_a_plain_worker_already_running_sweeps_up_a_declaration_whose_wake_up_was_lost(
    seeded: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with running(["worker", "--concurrency", "1"], worker_environment(seeded, SW_SWEEP_SECONDS="2"), tmp_path):
        log = tmp_path / "process.log"
        wait_until_ready(log)
        # The broker was down when intake committed: no wake-up, and no scheduler runs.
        monkeypatch.setattr(queue, "_send", lambda task_name, **options: None)
        guid = declare(seeded)
        wait_for(lambda: receipt_statuses(seeded.database_url, guid) == ["2", "120"], seconds=60, what=guid, log=log)
