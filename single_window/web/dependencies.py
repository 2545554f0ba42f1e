"""Request-scoped dependencies: settings, and a session committed at the request boundary."""

from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import Annotated, Protocol, TypeVar

import anyio.to_thread
from anyio import CapacityLimiter
from fastapi import Depends, Request, Response
from sqlmodel import Session

from single_window.config import Settings, get_settings
from single_window.database import WriteLockBusy, committed, get_engine, get_reading_engine

T = TypeVar("T")
Verdict = TypeVar("Verdict")
Judged = TypeVar("Judged", contravariant=True)


# Requests that change nothing: on SQLite their sessions must not take the one write lock, or every read would wait
# for the writers and make them wait in turn.
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def get_session(request: Request) -> AsyncIterator[Session]:
    # Async: opening a session does no I/O, and a sync generator costs two hops to a worker thread and back.
    # Committing and rolling back are I/O, so they run in a worker thread; and only when a transaction is still
    # open, which run_read_then_write never leaves.
    engine = get_reading_engine() if request.method in READING_METHODS else get_engine()
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        await _end_transaction(session, session.commit)
    except BaseException:
        await _end_transaction(session, session.rollback)
        raise
    finally:
        session.close()


async def current_settings() -> Settings:
    # Not Depends(get_settings): a sync dependency costs a hop to a worker thread and back on every request.
    return get_settings()


# Function scope: commit (or fail) before the response is sent, never after the client was told "done".
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(current_settings)]


class Writer(Protocol[Judged]):
    def __call__(self, verdict: Judged, *, wait: bool) -> Response: ...


async def run_read_then_write(
    session: Session, read: Callable[[], Verdict | Response], write: Writer[Verdict]
) -> Response:
    """Run a route's reading phase, then its writing phase (database.reading_phase, writing_phase), leaving the
    session nothing to commit.

    On PostgreSQL both in one worker thread: one hop, and the event loop serves other requests while this one
    waits on the network. On SQLite on the event loop itself: the work is CPU in this process, and a thread only
    added GIL hand-overs with the loop (850 one-order messages a second through a thread, about 1,030 without, on
    two cores). The loop must never wait long for a lock, though: a sync route's session can hold SQLite's write
    lock until its teardown, which runs on this loop. So the reading is a deferred transaction, which takes no lock,
    and the writing waits for neither the other writing phases nor SQLite's lock; when either is taken, the writing
    waits for it in a thread.
    """
    if session.get_bind().dialect.name != "sqlite":
        return await anyio.to_thread.run_sync(_work_then_commit, session, partial(_read_then_write, read, write))
    # On SQLite each phase ends its own transaction.
    verdict = read()
    if isinstance(verdict, Response):
        return verdict
    try:
        return write(verdict, wait=False)
    except WriteLockBusy:
        return await anyio.to_thread.run_sync(partial(write, verdict, wait=True))


def _read_then_write(read: Callable[[], Verdict | Response], write: Writer[Verdict]) -> Response:
    verdict = read()
    return verdict if isinstance(verdict, Response) else write(verdict, wait=True)


def _work_then_commit(session: Session, work: Callable[[], T]) -> T:
    with committed(session):
        return work()


async def _end_transaction(session: Session, end: Callable[[], None]) -> None:
    if session.in_transaction():
        # Outside the thread pool's limit, as FastAPI runs generator exits: a request holding a connection must not
        # wait for a thread taken by requests that wait for a connection.
        await anyio.to_thread.run_sync(end, limiter=CapacityLimiter(1))
