"""Filing tables: the enterprise as filed, and every change made to it since."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from single_window.db_types import UtcDateTime, utc_now
from single_window.filings.schemas import CreditRating
from single_window.identity.principal import ACTOR_MAX_LENGTH, FilingStatus


class Enterprise(SQLModel, table=True):
    __tablename__ = "enterprises"

    id: int | None = Field(default=None, primary_key=True)
    customs_code: str = Field(max_length=10, unique=True)
    uscc: str = Field(max_length=18, unique=True)
    name: str = Field(max_length=100)
    roles: list[str] = Field(sa_column=Column(JSON, nullable=False))
    district: str = Field(max_length=4)
    dxp_id: str = Field(max_length=30, unique=True)
    callback_url: str | None = Field(default=None, max_length=2083)
    status: str = Field(default=FilingStatus.ACTIVE, max_length=16)
    credit_rating: str = Field(default=CreditRating.GENERAL, max_length=32)
    api_key_hash: str = Field(max_length=64, unique=True)
    filed_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime)


class FilingChange(SQLModel, table=True):
    """Who changed what and when: filing, amendments, status and credit decisions, key rotations."""

    __tablename__ = "filing_changes"

    id: int | None = Field(default=None, primary_key=True)
    enterprise_id: int = Field(foreign_key="enterprises.id", index=True)
    kind: str = Field(max_length=32)
    actor: str = Field(max_length=ACTOR_MAX_LENGTH)
    changed_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime)
    changes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    reason: str | None = Field(default=None, max_length=500)
