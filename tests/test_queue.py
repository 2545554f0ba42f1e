"""Tasks and wake-ups leave only after commit, many commits share a wake-up, and a broker outage fails no request."""

import fcntl
import logging
from contextlib import nullcontext
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from single_window import queue
from single_window.config import Settings, get_settings
from single_window.database import make_engine, unit_of_work, writing_phase
from single_window.queue import WakeUpCoalescer, wake_after_commit, wake_ups_held


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_first_wake_up_of_a_window_leaves_at_once() -> None:
    assert WakeUpCoalescer(0.05, Clock()).countdown() == 0.0


def test_later_wake_ups_in_the_window_share_one_delayed_to_its_end() -> None:
    clock = Clock()
    coalescer = WakeUpCoalescer(0.05, clock)
    coalescer.countdown()
    clock.now += 0.01
    assert coalescer.countdown() == pytest.approx(0.04)
    clock.now += 0.01
    assert coalescer.countdown() is None
    clock.now += 0.02
    assert coalescer.countdown() is None


def test_a_wake_up_after_the_window_leaves_at_once_again() -> None:
    clock = Clock()
    coalescer = WakeUpCoalescer(0.05, clock)
    coalescer.countdown()
    clock.now += 0.01
    coalescer.countdown()
    clock.now += 0.05
    assert coalescer.countdown() == 0.0
    clock.now += 0.01
    assert coalescer.countdown() == pytest.approx(0.04)


def test_workers_take_one_task_at_a_time_ack_it_late_and_stop_it_at_the_time_limits_of_the_settings(
    tmp_path: Path,
) -> None:
    settings = Settings(broker_dir=tmp_path, task_soft_time_limit_seconds=7, task_time_limit_seconds=11)
    config = queue.celery_config(settings)
    assert (config["task_soft_time_limit"], config["task_time_limit"]) == (7, 11)
    assert config["task_acks_late"] is True
    assert config["task_reject_on_worker_lost"] is True
    assert config["worker_prefetch_multiplier"] == 1


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return make_engine(f"sqlite:///{tmp_path / 'queue.db'}")


class Recorder:
    def __init__(self) -> None:
        self.sent: list[tuple[str, dict[str, object]]] = []

    def send_task(self, name: str, **options: object) -> None:
        self.sent.append((name, options))


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, object]]]:
    recorder = Recorder()
    monkeypatch.setattr(queue, "producer", lambda: recorder)
    monkeypatch.setattr(queue, "_coalescers", {})
    return recorder.sent


def test_a_wake_up_leaves_when_the_transaction_commits(
    sent: list[tuple[str, dict[str, object]]], engine: Engine
) -> None:
    with unit_of_work(engine) as session:
        wake_after_commit(session, "messages.acknowledge_accepted")
        wake_after_commit(session, "messages.acknowledge_accepted")
        assert sent == []
    assert sent == [("messages.acknowledge_accepted", {"retry": False, "countdown": None})]


def test_held_wake_ups_leave_when_the_block_ends_not_at_the_commit(
    sent: list[tuple[str, dict[str, object]]], engine: Engine
) -> None:
    with unit_of_work(engine) as session:
        with wake_ups_held(session):
            wake_after_commit(session, "messages.acknowledge_accepted")
            session.commit()
            assert sent == []
        assert sent == [("messages.acknowledge_accepted", {"retry": False, "countdown": None})]


def test_wake_ups_held_twice_over_leave_once_when_the_outer_block_ends(
    sent: list[tuple[str, dict[str, object]]], engine: Engine
) -> None:
    with unit_of_work(engine) as session, wake_ups_held(session):
        with wake_ups_held(session):
            wake_after_commit(session, "messages.acknowledge_accepted")
            session.commit()
        assert sent == []
    assert [name for name, _ in sent] == ["messages.acknowledge_accepted"]


def test_held_wake_ups_of_a_committed_transaction_leave_even_when_the_block_then_fails(
    sent: list[tuple[str, dict[str, object]]], engine: Engine
) -> None:

    def request_that_fails_after_its_commit() -> None:
        with unit_of_work(engine) as session, wake_ups_held(session):
            wake_after_commit(session, "messages.acknowledge_accepted")
            session.commit()
            raise RuntimeError("rendering the answer failed")

    with pytest.raises(RuntimeError):
        request_that_fails_after_its_commit()
    assert [name for name, _ in sent] == ["messages.acknowledge_accepted"]


class LockProbe:
    """A producer that notes, at each send, whether SQLite's writers' queue was free."""

    def __init__(self, database: Path) -> None:
        self.lock_path = Path(f"{database}.writers")
        self.queue_free_at_send: list[bool] = []

    def send_task(self, name: str, **options: object) -> None:
        with self.lock_path.open("a") as lock_file:
            try:
                fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self.queue_free_at_send.append(False)
                return
            fcntl.flock(lock_file, fcntl.LOCK_UN)
            self.queue_free_at_send.append(True)


@pytest.mark.parametrize("held", [True, False])
def test_wake_ups_held_around_a_writing_phase_leave_after_the_writers_queue_is_free(
    held: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "queue.db"
    probe = LockProbe(database)
    monkeypatch.setattr(queue, "producer", lambda: probe)
    monkeypatch.setattr(queue, "_coalescers", {})
    session = Session(make_engine(f"sqlite:///{database}"))
    with session, wake_ups_held(session) if held else nullcontext(), writing_phase(session):
        wake_after_commit(session, "messages.acknowledge_accepted")
    assert probe.queue_free_at_send == [held]


def test_a_rolled_back_transaction_wakes_nothing(sent: list[tuple[str, dict[str, object]]], engine: Engine) -> None:
    # One session throughout: its next commit must not send what the rolled-back transaction asked for.
    with Session(engine) as session:
        wake_after_commit(session, "messages.acknowledge_accepted")
        session.connection()
        session.rollback()
        session.connection()
        session.commit()
    assert sent == []


def test_commits_within_one_window_share_two_wake_ups(
    sent: list[tuple[str, dict[str, object]]], engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A window far longer than the test: however slow the machine, every commit falls in the first one.
    monkeypatch.setattr(queue, "WAKE_UP_WINDOW_SECONDS", 3600.0)
    for _ in range(50):
        with unit_of_work(engine) as session:
            wake_after_commit(session, "messages.acknowledge_accepted")
    assert [name for name, _ in sent] == ["messages.acknowledge_accepted"] * 2
    assert sent[0][1] == {"retry": False, "countdown": None}
    assert 3590 < float(sent[1][1]["countdown"]) <= 3600  # type: ignore[arg-type]


def test_a_broker_that_cannot_be_reached_fails_no_commit(
    monkeypatch: pytest.MonkeyPatch, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    # Nothing listens on port 1: the send fails once the transaction is already committed.
    monkeypatch.setenv("SW_BROKER_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setattr(queue, "_coalescers", {})
    get_settings.cache_clear()
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE written (value TEXT)"))
    try:
        with caplog.at_level(logging.WARNING, logger="single_window.queue"), unit_of_work(engine) as session:
            session.execute(text("INSERT INTO written VALUES ('kept')"))
            wake_after_commit(session, "messages.acknowledge_accepted")
    finally:
        get_settings.cache_clear()
    assert "the periodic sweep will" in caplog.text
    with engine.connect() as connection:
        assert connection.execute(text("SELECT value FROM written")).scalars().all() == ["kept"]
