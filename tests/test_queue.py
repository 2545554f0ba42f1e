"""Tasks and wake-ups leave only after commit, many commits share a wake-up, and a broker outage fails no request."""

import contextlib
import logging
import socket
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from single_window import queue
from single_window.config import Settings, get_settings
from single_window.database import make_engine, unit_of_work
from single_window.outbox import outbox
from single_window.queue import WakeUpCoalescer, wake_after_commit


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
    assert outbox().flush(30)
    assert sent == [("messages.acknowledge_accepted", {"retry": False, "countdown": None})]


def test_a_rolled_back_transaction_wakes_nothing(sent: list[tuple[str, dict[str, object]]], engine: Engine) -> None:
    # One session throughout: its next commit must not send what the rolled-back transaction asked for.
    with Session(engine) as session:
        wake_after_commit(session, "messages.acknowledge_accepted")
        session.connection()
        session.rollback()
        session.connection()
        session.commit()
    assert outbox().flush(30)
    assert sent == []


def test_commits_within_one_window_share_two_wake_ups(
    sent: list[tuple[str, dict[str, object]]], engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A window far longer than the test: however slow the machine, every commit falls in the first one.
    monkeypatch.setattr(queue, "WAKE_UP_WINDOW_SECONDS", 3600.0)
    for _ in range(50):
        with unit_of_work(engine) as session:
            wake_after_commit(session, "messages.acknowledge_accepted")
    assert outbox().flush(30)
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
        with caplog.at_level(logging.WARNING, logger="single_window.queue"):
            assert outbox().flush(30)
    finally:
        get_settings.cache_clear()
    assert "the periodic sweep will" in caplog.text
    with engine.connect() as connection:
        assert connection.execute(text("SELECT value FROM written")).scalars().all() == ["kept"]


class SilentBroker:
    """A TCP server that accepts connections and never answers, as a hung Redis does, until it is closed."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.accepted: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                self.accepted.append(self.server.accept()[0])

    def close(self) -> None:
        # shutdown, not close alone: closing does not wake the thread blocked in accept(), and the kernel would go on
        # accepting the client's reconnections into the backlog.
        self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
        for connection in self.accepted:
            connection.close()


def test_a_broker_that_never_answers_holds_no_commit_only_the_outbox(
    monkeypatch: pytest.MonkeyPatch, engine: Engine
) -> None:
    broker = SilentBroker()
    monkeypatch.setenv("SW_BROKER_URL", f"redis://127.0.0.1:{broker.port}/0")
    monkeypatch.setattr(queue, "_coalescers", {})
    get_settings.cache_clear()

    def commit_a_wake_up() -> None:
        with unit_of_work(engine) as session:
            wake_after_commit(session, "messages.acknowledge_accepted")

    committer = threading.Thread(target=commit_a_wake_up, daemon=True)
    try:
        committer.start()
        # Not a speed limit: without the outbox the commit waits on the broker for the socket timeout and more.
        committer.join(5)
        assert not committer.is_alive()
        assert not outbox().flush(0.5)
    finally:
        broker.close()
        get_settings.cache_clear()
    assert outbox().flush(30)


def test_a_worker_on_the_embedded_broker_looks_at_its_queues_every_tenth_of_a_second(tmp_path: Path) -> None:
    # Kombu's default second is also its wait after every task it takes: one task a second, fewer than the sweeps.
    options = queue.celery_config(Settings(broker_dir=tmp_path))["broker_transport_options"]
    assert options["polling_interval"] == queue.EMBEDDED_POLLING_SECONDS == 0.1


def test_a_savepoint_released_sends_nothing_until_its_transaction_commits(
    sent: list[tuple[str, dict[str, object]]], engine: Engine
) -> None:
    with unit_of_work(engine) as session:
        with session.begin_nested():
            wake_after_commit(session, "clearance.customs")
        assert outbox().flush(30)
        assert sent == []
    assert outbox().flush(30)
    assert [name for name, _ in sent] == ["clearance.customs"]


def test_a_savepoint_rolled_back_keeps_the_wake_ups_of_its_transaction(
    sent: list[tuple[str, dict[str, object]]], engine: Engine
) -> None:
    with unit_of_work(engine) as session:
        wake_after_commit(session, "clearance.customs")
        with pytest.raises(RuntimeError), session.begin_nested():
            raise RuntimeError("one case's fault")
    assert outbox().flush(30)
    assert [name for name, _ in sent] == ["clearance.customs"]
