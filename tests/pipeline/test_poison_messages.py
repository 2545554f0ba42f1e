"""Messages that kill the worker, through a real worker process: each is set aside after its second attempt, the
message behind them gets its receipts meanwhile, and an officer sends one back once the bug is fixed."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from single_window.config import Settings, get_settings
from single_window.database import get_engine, make_engine, unit_of_work
from single_window.demo import seed_demo
from single_window.main import create_app
from single_window.messages.models import Message
from single_window.receipts.models import Receipt
from tests.conftest import OFFICER_TOKEN, officer
from tests.pipeline.declarations import declare
from tests.processes import running, wait_for, worker_environment

pytestmark = pytest.mark.pipeline

REPOSITORY = Path(__file__).resolve().parents[2]
POISON_FILE = "SW_TEST_POISON_FILE"  # read by tests/pipeline/poison_worker.py
# Short limits, so that a hung attempt is killed and a dead worker's claim goes stale within seconds: stale after
# two hard limits (10 s), swept every second.
LIMITS = {"SW_TASK_SOFT_TIME_LIMIT_SECONDS": "3", "SW_TASK_TIME_LIMIT_SECONDS": "5", "SW_SWEEP_SECONDS": "1"}


@pytest.fixture
def officer_settings(pipeline_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """The pipeline's settings with an officer token, for the API this test calls in its own process."""
    monkeypatch.setenv("SW_ADMIN_TOKEN", OFFICER_TOKEN)
    get_settings.cache_clear()
    get_engine.cache_clear()
    engine = make_engine(pipeline_settings.database_url)
    with unit_of_work(engine) as session:
        seed_demo(session)
    engine.dispose()
    yield get_settings()
    get_engine().dispose()
    get_engine.cache_clear()


def standing(database_url: str, guid: str) -> tuple[str, int, list[str]]:
    """The message's status, its attempts, and the return statuses of its receipts."""
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            message = session.exec(select(Message).where(Message.guid == guid)).one()
            query = select(Receipt.return_status).where(Receipt.message_id == message.id).order_by(col(Receipt.id))
            return message.status, message.attempts, list(session.exec(query).all())
    finally:
        engine.dispose()


def new_guid() -> str:
    return str(uuid.uuid4()).upper()


def test_messages_that_kill_the_worker_twice_are_set_aside_and_the_one_behind_them_is_acknowledged(
    officer_settings: Settings, tmp_path: Path
) -> None:
    killing, hanging, behind = new_guid(), new_guid(), new_guid()
    poison_file = tmp_path / "poison"
    poison_file.write_text(f"{killing} kill\n{hanging} hang\n", encoding="utf-8")
    env = worker_environment(officer_settings, PYTHONPATH=str(REPOSITORY), **{POISON_FILE: str(poison_file)}, **LIMITS)
    command = ["worker", "--concurrency", "1", "--beat"]
    with running(command, env, tmp_path, module="tests.pipeline.poison_worker") as worker:
        log = tmp_path / "process.log"
        for guid in (killing, hanging, behind):
            declare(officer_settings, guid)
        url = officer_settings.database_url
        wait_for(lambda: standing(url, behind) == ("acknowledged", 1, ["2", "120"]), seconds=90, what=behind, log=log)
        for guid in (killing, hanging):
            wait_for(lambda guid=guid: standing(url, guid) == ("failed", 2, []), seconds=120, what=guid, log=log)  # type: ignore[misc]
        assert "signal 9 (SIGKILL)" in log.read_text(errors="replace")
        assert "Hard time limit (5s) exceeded" in log.read_text(errors="replace")

        with TestClient(create_app()) as client:
            listed = client.get("/api/v1/messages/failed", headers=officer()).json()
            assert {item["guid"]: item["attempts"] for item in listed["items"]} == {killing: 2, hanging: 2}
            assert all("the worker stopped during each of its 2 attempts" in item["reason"] for item in listed["items"])
            poison_file.write_text("", encoding="utf-8")  # the bug is fixed
            assert client.post(f"/api/v1/messages/{killing}/requeue", headers=officer()).status_code == 200
        wait_for(lambda: standing(url, killing) == ("acknowledged", 1, ["2", "120"]), seconds=60, what=killing, log=log)
        assert standing(url, hanging) == ("failed", 2, [])
        assert worker.poll() is None, "the worker's main process kept running throughout"
