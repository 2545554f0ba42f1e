"""Request-scoped dependencies: settings, and a session committed at the request boundary."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends
from sqlmodel import Session

from single_window.config import Settings, get_settings
from single_window.database import unit_of_work


def get_session() -> Iterator[Session]:
    with unit_of_work() as session:
        yield session


# Function scope: commit (or fail) before the response is sent, never after the client was told "done".
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]
