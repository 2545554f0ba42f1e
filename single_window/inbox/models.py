"""How far each enterprise's queue has been pushed to its callback URL."""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from single_window.db_types import UtcDateTime, utc_now


class PushStatus(StrEnum):
    ACTIVE = "active"
    # Its last attempts all failed: nothing is pushed until an officer retries; the pull queue still has everything.
    FAILED = "failed"


class CallbackDelivery(SQLModel, table=True):
    """A cursor over one recipient's pull queue: every item up to ``pushed_through`` reached its callback URL."""

    __tablename__ = "callback_deliveries"

    recipient_code: str = Field(max_length=10, primary_key=True)
    pushed_through: int = 0
    status: str = Field(max_length=16, default=PushStatus.ACTIVE)
    # Failed pushes in a row; the next waits 2^attempts seconds (at most an hour), and the limit sets it aside.
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    last_error: str | None = Field(default=None, max_length=500)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime)
