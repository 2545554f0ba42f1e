"""The one clock of the business rules: real time plus the offset an officer moved a sandbox's clock forward by.

Everything customs decides by date reads it: the waiting window, the calendar year of the annual limit, the 30 days
for a return, the release month, the times receipts carry. The worker's own bookkeeping (claims, time limits) keeps
real time: moving the business clock must not make a running task look dead.
"""

from datetime import datetime, timedelta

from sqlmodel import Field, Session, SQLModel

from single_window.db_types import utc_now

CLOCK_ROW = 1


class ClockOffset(SQLModel, table=True):
    __tablename__ = "clock_offset"

    id: int = Field(default=CLOCK_ROW, primary_key=True)
    # Only forward: a business clock that went back could let a quota year or a window end twice.
    offset_seconds: float = 0.0


def offset(session: Session) -> timedelta:
    row = session.get(ClockOffset, CLOCK_ROW)
    return timedelta(seconds=row.offset_seconds if row is not None else 0.0)


def business_now(session: Session) -> datetime:
    return utc_now() + offset(session)


def advance(session: Session, by: timedelta) -> timedelta:
    """Move the business clock forward; the new offset. Refuses a step back (ValueError)."""
    if by < timedelta(0):
        raise ValueError("the business clock only moves forward")
    row = session.get(ClockOffset, CLOCK_ROW, with_for_update=True) or ClockOffset()
    row.offset_seconds += by.total_seconds()
    session.add(row)
    session.flush()
    return timedelta(seconds=row.offset_seconds)
