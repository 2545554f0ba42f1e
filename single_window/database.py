"""Engine and session plumbing: the same code on SQLite and PostgreSQL."""

import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import URL, make_url
from sqlmodel import Session, create_engine

from single_window.config import get_settings

# Execution options: this transaction only reads (see reading_phase); this one must not wait for the write lock.
READING_ONLY = "single_window_reading_only"
NOT_WAITING = "single_window_not_waiting"
BUSY_TIMEOUT_MS = 30_000


class WriteLockBusy(Exception):
    """Another writer holds SQLite's write lock; a caller that must not wait (the event loop) hands the write over."""


# Nothing waits forever on PostgreSQL: a row lock held by a stuck process makes a request wait at most 10 s and answer
# 503 (send again), and a transaction a vanished or hung process leaves open is ended after a minute, and its locks
# (the FOR UPDATE on a sender's row that every receipt to it waits for) with it.
POSTGRES_TIMEOUTS = "-c lock_timeout=10s -c idle_in_transaction_session_timeout=60s"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=20,
        connect_args={"options": POSTGRES_TIMEOUTS},
        **_JSON_CODEC,
    )


def json_text(value: Any) -> str:
    # A hundred orders' heads and lines took 1.5 ms to encode with the json module, 0.3 ms with orjson; and the
    # names stay UTF-8 instead of \u escapes, a quarter less to store.
    # Non-string keys become strings, as the json module made them.
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


_JSON_CODEC: dict[str, Any] = {"json_serializer": json_text, "json_deserializer": orjson.loads}


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    # Room for a connection for everyone: intake reads on the event loop, which must never wait for a connection
    # held by a thread whose session only a teardown on that loop will end (anyio runs at most 40 threads, and
    # as many finished sessions may wait for their teardown).
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        pool_size=16,
        max_overflow=100,
        **_JSON_CODEC,
    )
    event.listen(engine, "connect", _configure_sqlite_connection)
    # pysqlite starts transactions lazily and breaks SAVEPOINT; SQLAlchemy's documented fix.
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _begin_sqlite_transaction(connection: Connection) -> None:
    # IMMEDIATE takes the write lock up front: a WAL transaction that reads and then writes would otherwise fail
    # with "database is locked" whenever another writer committed in between, whatever the busy timeout.
    # A reading phase only reads, so it begins deferred and leaves the one write lock to the writers.
    options = connection.get_execution_options()
    if options.get(READING_ONLY, False):
        connection.exec_driver_sql("BEGIN")
    elif options.get(NOT_WAITING, False):
        _begin_without_waiting(connection.connection.dbapi_connection)
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _begin_without_waiting(dbapi_connection: Any) -> None:
    # On the DB-API connection: SQLAlchemy would wrap the refusal, and a failed BEGIN opens no transaction.
    dbapi_connection.execute("PRAGMA busy_timeout=0")
    try:
        dbapi_connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as refusal:
        raise WriteLockBusy from refusal
    finally:
        dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets the API read while the worker writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL loses at most the last commits on power loss, never consistency; FULL costs an fsync each.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


@contextmanager
def reading_phase(session: Session) -> Iterator[Session]:
    """Reads that come before a transaction's writes, apart from them where that lets other writers on.

    SQLite has one writer, and a unit of work takes the write lock at BEGIN: work that reads, thinks at length,
    then writes a little does its reading and thinking in a deferred transaction of its own, so other requests
    write meanwhile. PostgreSQL's writers never wait on readers: there the phase stays in the one transaction,
    sparing a commit and a second connection check-out.
    """
    if session.get_bind().dialect.name != "sqlite":
        yield session
        return
    session.connection(execution_options={READING_ONLY: True})
    with committed(session):
        yield session


@contextmanager
def writing_phase(session: Session, *, wait: bool = True) -> Iterator[Session]:
    """The short write transaction after a reading phase, committed here; on SQLite, in line for the write lock.

    SQLite's busy handler polls a taken write lock with sleeps of 1, 2, 5 ms and more, long beside a write of a
    fraction of a millisecond; the writing phases of every process queue on a file lock instead, which the kernel
    hands over the moment it is released. Other writers (the worker, other routes) still meet the busy handler.
    With wait=False it waits for neither lock, and raises WriteLockBusy instead: the caller is the event loop, which
    must never sleep; it hands the writing to a thread, where waiting costs no one else anything.
    """
    lock_path = _writer_lock_path(session)
    if lock_path is None:
        with committed(session):
            yield session
        return
    with _exclusive(lock_path, wait=wait), committed(session):
        if not wait:
            session.connection(execution_options={NOT_WAITING: True})
        yield session


@contextmanager
def committed(session: Session) -> Iterator[None]:
    """Commit the session's transaction when the block succeeds, roll it back when it raises."""
    try:
        yield
        session.commit()
    except BaseException:
        session.rollback()
        raise


def _lock_now(descriptor: int) -> None:
    """Take the file lock if it is free, or raise WriteLockBusy: never a sleep, never a wait."""
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise WriteLockBusy from None


def _writer_lock_path(session: Session) -> Path | None:
    return _lock_path_of(session.get_bind().engine.url)


@lru_cache
def _lock_path_of(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(f"{url.database}.writers")


@contextmanager
def _exclusive(path: Path, *, wait: bool) -> Iterator[None]:
    # A descriptor of its own each time: two threads flocking one descriptor would both be let in. A bare one: a
    # file object costs more to make than the lock to take.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        if wait:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        else:
            _lock_now(descriptor)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


def get_reading_engine() -> Engine:
    """The engine for requests that only read: on SQLite their transactions begin deferred, taking no write lock."""
    return _reading_engine_of(get_engine())


@lru_cache
def _reading_engine_of(engine: Engine) -> Engine:
    # Made once per engine, not once per request; keyed by the engine, so get_engine.cache_clear() still takes effect.
    return engine.execution_options(**{READING_ONLY: True})


@contextmanager
def unit_of_work(engine: Engine | None = None) -> Iterator[Session]:
    """A session that commits when the block succeeds and rolls back when it raises."""
    with Session(engine or get_engine(), expire_on_commit=False) as session, committed(session):
        yield session
