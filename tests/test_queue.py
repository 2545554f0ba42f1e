"""Tasks and wake-ups leave only after commit, many commits share a wake-up, and a broker outage fails no request."""

import logging
from pathlib import Path

import pytest

from single_window import queue
from single_window.config import get_settings
from single_window.database import make_engine, unit_of_work
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
    sent: list[tuple[str, dict[str, object]]], tmp_path: Path
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'queue.db'}")
    with unit_of_work(engine) as session:
        wake_after_commit(session, "messages.acknowledge_accepted")
        wake_after_commit(session, "messages.acknowledge_accepted")
        assert sent == []
    assert sent == [("messages.acknowledge_accepted", {"retry": False, "countdown": None})]


def test_a_rolled_back_transaction_wakes_nothing(sent: list[tuple[str, dict[str, object]]], tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'queue.db'}")

    def failing_request() -> None:
        with unit_of_work(engine) as session:
            wake_after_commit(session, "messages.acknowledge_accepted")
            raise RuntimeError("the request failed")

    with pytest.raises(RuntimeError):
        failing_request()
    with unit_of_work(engine):
        pass
    assert sent == []


def test_commits_within_one_window_share_two_wake_ups(
    sent: list[tuple[str, dict[str, object]]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A window far longer than the test: however slow the machine, every commit falls in the first one.
    monkeypatch.setattr(queue, "WAKE_UP_WINDOW_SECONDS", 3600.0)
    engine = make_engine(f"sqlite:///{tmp_path / 'queue.db'}")
    for _ in range(50):
        with unit_of_work(engine) as session:
            wake_after_commit(session, "messages.acknowledge_accepted")
    assert [name for name, _ in sent] == ["messages.acknowledge_accepted"] * 2
    assert sent[0][1] == {"retry": False, "countdown": None}
    assert 3590 < float(sent[1][1]["countdown"]) <= 3600  # type: ignore[arg-type]


def test_a_broker_that_cannot_be_reached_fails_no_commit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Nothing listens on port 1: the send fails once the transaction is already committed.
    monkeypatch.setenv("SW_BROKER_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setattr(queue, "_coalescers", {})
    get_settings.cache_clear()
    engine = make_engine(f"sqlite:///{tmp_path / 'queue.db'}")
    try:
        with caplog.at_level(logging.WARNING, logger="single_window.queue"), unit_of_work(engine) as session:
            wake_after_commit(session, "messages.acknowledge_accepted")
    finally:
        get_settings.cache_clear()
    assert "the periodic sweep will" in caplog.text
