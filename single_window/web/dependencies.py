"""Request-scoped dependencies: settings, and a session committed at the request boundary."""

from collections.abc import AsyncIterator, Callable
from typing import Annotated, TypeVar

import anyio.to_thread
from anyio import CapacityLimiter
from fastapi import Depends
from sqlmodel import Session

from single_window.config import Settings, get_settings
from single_window.database import get_engine

T = TypeVar("T")


async def get_session() -> AsyncIterator[Session]:
    # Async: opening a session does no I/O, and a sync generator costs two hops to a worker thread and back.
    # Committing and rolling back are I/O, so they run in a worker thread; and only when a transaction is still
    # open, which run_and_commit never leaves.
    session = Session(get_engine(), expire_on_commit=False)
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


async def run_and_commit(session: Session, work: Callable[[], T]) -> T:
    """Run a route's blocking work and commit it in one worker thread, leaving the session nothing to commit.

    One thread hop instead of one per step; and the connection is taken and given back within that hop, so no
    request holds one while it waits for a thread, nor a SQLite write lock while it waits for the network.
    """
    return await anyio.to_thread.run_sync(_work_then_commit, session, work)


def _work_then_commit(session: Session, work: Callable[[], T]) -> T:
    try:
        result = work()
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return result


async def _end_transaction(session: Session, end: Callable[[], None]) -> None:
    if session.in_transaction():
        # Outside the thread pool's limit, as FastAPI runs generator exits: a request holding a connection must not
        # wait for a thread taken by requests that wait for a connection.
        await anyio.to_thread.run_sync(end, limiter=CapacityLimiter(1))
