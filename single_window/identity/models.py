"""Statistician tokens: issued by officers, seen once, revocable."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from single_window.db_types import UtcDateTime, utc_now


class StatisticianToken(SQLModel, table=True):
    __tablename__ = "statistician_tokens"

    id: int | None = Field(default=None, primary_key=True)
    label: str = Field(max_length=64, unique=True)
    token_hash: str = Field(max_length=64, unique=True)
    issued_by: str = Field(max_length=64)
    issued_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
