"""SQLite transactions: writers take the one write lock at BEGIN, reading phases leave it, writing phases queue."""

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from single_window.database import (
    WriteLockBusy,
    json_text,
    make_engine,
    reading_phase,
    unit_of_work,
    writing_phase,
)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'locks.db'}")
    with unit_of_work(engine) as session:
        session.execute(text("CREATE TABLE notes (body TEXT)"))
    return engine


def write_elsewhere(engine: Engine) -> None:
    """Another process's write, waiting for no lock at all."""
    database = engine.url.database
    assert database is not None
    other = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO notes VALUES ('elsewhere')")
        other.execute("COMMIT")
    finally:
        other.close()


def test_a_unit_of_work_holds_the_write_lock_from_its_first_read(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        session.execute(text("SELECT count(*) FROM notes")).one()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            write_elsewhere(engine)


def test_a_reading_phase_lets_others_write_meanwhile_and_then_writes_itself(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        with reading_phase(session):
            assert session.execute(text("SELECT count(*) FROM notes")).scalar() == 0
            write_elsewhere(engine)
        session.execute(text("INSERT INTO notes VALUES ('here')"))
    with unit_of_work(engine) as session:
        assert session.execute(text("SELECT body FROM notes ORDER BY rowid")).scalars().all() == ["elsewhere", "here"]


def test_a_reading_phase_that_fails_ends_its_transaction(engine: Engine) -> None:
    def refuse(session: Session) -> None:
        with reading_phase(session):
            session.execute(text("SELECT 1")).one()
            raise ValueError("refused")

    with unit_of_work(engine) as session:
        with pytest.raises(ValueError, match="refused"):
            refuse(session)
        assert not session.in_transaction()
        write_elsewhere(engine)


def test_a_writing_phase_commits_what_it_wrote(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        with writing_phase(session):
            session.execute(text("INSERT INTO notes VALUES ('kept')"))
            assert session.in_transaction()
        assert not session.in_transaction()
    with unit_of_work(engine) as session:
        assert session.execute(text("SELECT body FROM notes")).scalars().all() == ["kept"]


def test_a_writing_phase_that_fails_keeps_nothing(engine: Engine) -> None:
    def fail(session: Session) -> None:
        with writing_phase(session):
            session.execute(text("INSERT INTO notes VALUES ('lost')"))
            raise ValueError("refused")

    with unit_of_work(engine) as session, pytest.raises(ValueError, match="refused"):
        fail(session)
    with unit_of_work(engine) as session:
        assert session.execute(text("SELECT count(*) FROM notes")).scalar() == 0


def test_writing_phases_wait_in_line_for_one_another(engine: Engine) -> None:
    inside, release = threading.Event(), threading.Event()
    order: list[str] = []

    def first() -> None:
        with unit_of_work(engine) as session, writing_phase(session):
            order.append("first in")
            inside.set()
            release.wait(timeout=10)
            order.append("first out")

    def second() -> None:
        with unit_of_work(engine) as session, writing_phase(session):
            order.append("second in")

    holder = threading.Thread(target=first)
    holder.start()
    assert inside.wait(timeout=10)
    waiter = threading.Thread(target=second)
    waiter.start()
    waiter.join(timeout=0.3)
    assert waiter.is_alive(), "the second writing phase went in while the first held the line"
    release.set()
    holder.join(timeout=10)
    waiter.join(timeout=10)
    assert order == ["first in", "first out", "second in"]


def test_a_writing_phase_that_must_not_wait_gives_way_to_a_held_write_lock(engine: Engine) -> None:
    database = engine.url.database
    assert database is not None
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with unit_of_work(engine) as session:
            with pytest.raises(WriteLockBusy):
                write_note_without_waiting(session, "given way")
            assert not session.in_transaction()
    finally:
        holder.execute("COMMIT")
        holder.close()
    with unit_of_work(engine) as session:
        write_note_without_waiting(session, "written")
        assert session.execute(text("SELECT body FROM notes")).scalars().all() == ["written"]


def test_a_writing_phase_that_must_not_wait_gives_way_to_a_long_writing_phase_at_once_without_sleeping(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    inside, release = threading.Event(), threading.Event()

    def long_writer() -> None:
        with unit_of_work(engine) as session, writing_phase(session):
            inside.set()
            release.wait(timeout=10)

    def no_sleeping(seconds: float) -> None:
        raise AssertionError(f"slept {seconds} s on the event loop's thread")

    holder = threading.Thread(target=long_writer)
    holder.start()
    assert inside.wait(timeout=10)
    monkeypatch.setattr(time, "sleep", no_sleeping)
    try:
        with unit_of_work(engine) as session, pytest.raises(WriteLockBusy):
            write_note_without_waiting(session, "given way")
    finally:
        monkeypatch.undo()
        release.set()
        holder.join(timeout=10)


def write_note_without_waiting(session: Session, body: str) -> None:
    with writing_phase(session, wait=False):
        session.execute(text("INSERT INTO notes VALUES (:body)"), {"body": body})


def test_json_columns_write_utf_8_and_string_keys_as_the_json_module_would() -> None:
    assert json_text({"itemName": "奶粉", 1: [1.5, None]}) == '{"itemName":"奶粉","1":[1.5,null]}'


def test_postgresql_connections_wait_for_a_lock_at_most_ten_seconds_and_end_a_forgotten_transaction(
    postgres_url: str,
) -> None:
    engine = make_engine(postgres_url)
    with engine.connect() as connection:
        settings = [
            connection.execute(text(f"SHOW {name}")).scalar()
            for name in ("lock_timeout", "idle_in_transaction_session_timeout")
        ]
    engine.dispose()
    assert settings == ["10s", "1min"]
